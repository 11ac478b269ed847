using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Search;
using Outreach.Search.Synonyms;

namespace Outreach.Bases;

/// <summary>What the directory is asked for: the page's query string and the API's, the same names.</summary>
public sealed record BaseFilter(string? City = null, string? District = null, string? Category = null, string? Audience = null, int? Age = null,
    string? OpenOn = null, bool Free = false, bool Accessible = false, bool Bookable = false, string? Q = null, string? Sort = null,
    double? Lat = null, double? Lng = null, int Page = 1)
{
    /// <summary>Field errors in zh-CN, by the parameter's name.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(City) && Guangdong.Find(City) is null) errors["city"] = [$"城市“{City}”无效：{Guangdong.CityMessage}。"];
        else if (!string.IsNullOrEmpty(District) && (string.IsNullOrEmpty(City) || !Guangdong.IsDistrictOf(City, District))) errors["district"] = ["区县应属于所选城市。"];
        if (!string.IsNullOrEmpty(Audience) && !BaseVocabulary.Audiences.ContainsKey(Audience)) errors["audience"] = ["对象应为 " + string.Join("、", BaseVocabulary.Audiences.Keys) + " 之一。"];
        if (Age is < 0 or > 120) errors["age"] = ["年龄应在 0 到 120 之间。"];
        if (!string.IsNullOrEmpty(OpenOn) && OpeningRules.Day(OpenOn) is null) errors["openOn"] = ["日期格式应为 2026-09-19。"];
        if (Sort is not (null or "" or "name" or "distance")) errors["sort"] = ["排序应为 name 或 distance。"];
        if (Sort == "distance" && !GeoPoint.IsValid(Lat, Lng)) errors["lat"] = ["按距离排序需要有效的纬度 lat 和经度 lng（WGS-84）。"];
        if (Page is < 1 or > 10_000) errors["page"] = ["页码应在 1 到 10000 之间。"];
        if (Q is { Length: > SearchService.MaxQueryLength }) errors["q"] = [$"关键词不能超过 {SearchService.MaxQueryLength} 个字。"];
        return errors;
    }
}

/// <summary>A base found, with its distance from the visitor's point when sorting by distance.</summary>
public sealed record FoundBase(Base Base, double? Kilometres);

public sealed record DirectoryResult(IReadOnlyList<FoundBase> Items, int Total, IReadOnlyDictionary<string, int> ByCity, IReadOnlyDictionary<string, int> ByCategory);

/// <summary>
/// The directory's query. A site has hundreds of bases, not millions: the published ones are filtered in memory,
/// which is what "open on a date" needs anyway (the hours are rules, not rows). Words go to the search module's
/// Chinese index; its hits narrow the list.
/// </summary>
public sealed class BaseDirectory(OutreachDbContext db, SiteContext site, SearchService search, SynonymBook synonyms, TimeProvider clock)
{
    public async Task<HolidayCalendar> HolidaysAsync(CancellationToken ct) =>
        new(await db.Set<PublicHoliday>().AsNoTracking().ToListAsync(ct));

    public async Task<Dictionary<string, BaseCategory>> CategoriesAsync(CancellationToken ct) =>
        await db.Set<BaseCategory>().AsNoTracking().OrderBy(c => c.Position).ToDictionaryAsync(c => c.Key, ct);

    public IQueryable<Base> Published => db.Set<Base>().AsNoTracking().Where(b => b.Status == ContentStatus.Published);

    /// <summary>Every match (for the map, GeoJSON and CSV) in the requested order; pages are cut by the caller.</summary>
    public async Task<DirectoryResult> FindAsync(BaseFilter f, CancellationToken ct)
    {
        IEnumerable<Base> bases = await Published.ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var slugs = await MatchingSlugsAsync(f.Q, ct);
            var rank = slugs.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
            bases = bases.Where(b => rank.ContainsKey(b.Slug)).OrderBy(b => rank[b.Slug]);
        }
        if (!string.IsNullOrEmpty(f.Category)) bases = bases.Where(b => b.Category == f.Category);
        if (!string.IsNullOrEmpty(f.Audience)) bases = bases.Where(b => b.Audiences.Contains(f.Audience));
        if (f.Age is { } age) bases = bases.Where(b => b.MinAge <= age && age <= b.MaxAge);
        if (f.Free) bases = bases.Where(b => b.Free);
        if (f.Accessible) bases = bases.Where(b => b.Accessibility.Contains("wheelchair"));
        if (f.Bookable)
        {
            var now = clock.GetUtcNow();
            var open = (await db.Set<VisitSlot>().AsNoTracking().Where(s => s.StartsAt > now && s.Taken < s.Capacity).Select(s => s.BaseId).Distinct().ToListAsync(ct)).ToHashSet();
            bases = bases.Where(b => open.Contains(b.Id));
        }
        if (OpeningRules.Day(f.OpenOn) is { } day)
        {
            var holidays = await HolidaysAsync(ct);
            bases = bases.Where(b => OpeningRules.Parse(b.HoursJson).For(day, holidays).Open);
        }
        var beforeCity = bases.ToList();
        // The city counts ignore the city filter, so the map still shows every city's number.
        var byCity = beforeCity.GroupBy(b => b.City).ToDictionary(g => g.Key, g => g.Count());
        IEnumerable<Base> chosen = beforeCity;
        if (!string.IsNullOrEmpty(f.City)) chosen = chosen.Where(b => b.City == f.City);
        if (!string.IsNullOrEmpty(f.District)) chosen = chosen.Where(b => b.District == f.District);
        var list = chosen.ToList();
        var byCategory = list.GroupBy(b => b.Category).ToDictionary(g => g.Key, g => g.Count());

        List<FoundBase> found;
        if (f.Sort == "distance" && GeoPoint.IsValid(f.Lat, f.Lng))
        {
            var here = new GeoPoint(f.Lat!.Value, f.Lng!.Value);
            found = list.Select(b => new FoundBase(b, b.Latitude is { } la && b.Longitude is { } lo ? here.KilometresTo(new(la, lo)) : null))
                .OrderBy(x => x.Kilometres ?? double.MaxValue).ThenBy(x => x.Base.Title, StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), false)).ToList();
        }
        else if (!string.IsNullOrWhiteSpace(f.Q) && f.Sort != "name") found = list.Select(b => new FoundBase(b, null)).ToList();
        else found = list.OrderBy(b => b.Title, StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), false)).Select(b => new FoundBase(b, null)).ToList();
        return new DirectoryResult(found, found.Count, byCity, byCategory);
    }

    /// <summary>Slugs of the site's bases that the search index finds for the words, best first.</summary>
    async Task<List<string>> MatchingSlugsAsync(string q, CancellationToken ct)
    {
        var current = site.Required;
        var scope = new Dictionary<int, Site> { [current.Id] = current };
        var map = await synonyms.ForSiteAsync(current.Id, ct);
        var prefix = current.LinkTo("/bases/");
        var slugs = new List<string>();
        for (var page = 1; page <= 50; page++)
        {
            var result = search.Search(q, scope, Base.Type, page, null, map);
            foreach (var hit in result.Hits)
                if (hit.Url.StartsWith(prefix, StringComparison.Ordinal)) slugs.Add(Uri.UnescapeDataString(hit.Url[prefix.Length..]));
            if (page >= result.Pages) break;
        }
        return slugs;
    }
}
