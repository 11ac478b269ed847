using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Lecturers.Directory;

/// <summary>Public pages: the directory <c>/lecturers</c>, a profile <c>/lecturers/{slug}</c> and a team <c>/lecturer-teams/{slug}</c>.</summary>
public static class LecturerPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/lecturers", ListAsync).WithName("LecturerDirectory").ExcludeFromDescription();
        app.MapGet("/lecturers/{slug}", ProfileAsync).WithName("LecturerProfile").ExcludeFromDescription();
        app.MapGet("/lecturer-teams/{slug}", TeamAsync).WithName("LecturerTeam").ExcludeFromDescription();
    }

    static async Task<IResult> ListAsync(string? q, string? field, string? audience, string? city, string? language, string? team, string? page,
        HttpContext http, LecturerFinder finder, OutreachDbContext db, SiteContext site, LiquidViews views, CancellationToken ct)
    {
        var problems = LecturersApi.FilterProblems(audience, city, language, page, out var number);
        // A bad filter from a hand-edited URL shows the page with the message (400), not an error page.
        var result = problems.Count > 0 ? new LecturerResults([], 0, 1, LecturerFinder.PageSize, new Dictionary<string, IReadOnlyDictionary<string, int>>())
            : await finder.FindAsync(new LecturerSearch(field, audience, city, null, language, team), q, number, ct);
        var portal = site.Required.Prefix == "";
        await DisciplineList.EnsureAsync(db, ct);
        var labels = await DisciplineList.LabelsAsync(db, ct);
        var teams = await db.Set<LecturerTeam>().AsNoTracking().OrderBy(t => t.Position).ThenBy(t => t.Id).ToListAsync(ct);
        var pages = Math.Max(1, (result.Total + result.PageSize - 1) / result.PageSize);
        string PageLink(int p) => QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = q, ["field"] = field, ["audience"] = audience, ["city"] = city, ["language"] = language, ["team"] = team,
            ["page"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
        var fieldNames = labels.Values.Where(l => l.ParentCode is null).ToDictionary(l => l.Code, l => l.Name);
        var model = new LecturerListPage(
            "讲师团", result.Items.Select(p => Card(p, site)).ToList(),
            new LecturerFilterView(q ?? "", field ?? "", audience ?? "", city ?? "", language ?? "", team ?? ""),
            labels.Values.OrderBy(l => l.Label).Select(l => new LecturerChoice(l.Code, l.Label, l.Code == field)).ToList(),
            LecturerWords.Audiences.Select(a => new LecturerChoice(a.Code, a.Zh, a.Code == audience)).ToList(),
            LecturerWords.Cities.Select(c => new LecturerChoice(c, c, c == city)).ToList(),
            LecturerWords.Languages.Select(l => new LecturerChoice(l.Code, l.Zh, l.Code == language)).ToList(),
            teams.Select(t => new LecturerChoice(t.Slug, t.Name, t.Slug == team)).ToList(),
            [
                new FacetView("学科", (result.Facets.GetValueOrDefault("field") ?? new Dictionary<string, int>())
                    .Select(kv => new LecturerChoice(site.Url("/lecturers?field=" + Uri.EscapeDataString(kv.Key)), $"{fieldNames.GetValueOrDefault(kv.Key, kv.Key)} {kv.Value}")).ToList()),
                new FacetView("城市", (result.Facets.GetValueOrDefault("city") ?? new Dictionary<string, int>())
                    .Select(kv => new LecturerChoice(site.Url("/lecturers?city=" + Uri.EscapeDataString(kv.Key)), $"{kv.Key} {kv.Value}")).ToList()),
            ],
            problems.Values.SelectMany(v => v).ToList(),
            new LecturerPaging(result.Page, pages, result.Total, result.Page > 1 ? PageLink(result.Page - 1) : null, result.Page < pages ? PageLink(result.Page + 1) : null),
            portal, site.Url("/lecturers/apply"));
        return await views.PageAsync(http, "lecturer-list", model, problems.Count == 0 ? 200 : 400);
    }

    /// <summary>On the lecturer's own site a relative link; on the portal the lecturer's site's.</summary>
    internal static LecturerCard Card(LecturerProfile p, SiteContext site) => new(p,
        p.Site == site.Required.Name ? site.Url("/lecturers/" + p.Slug) : p.Url,
        p.Topics.Count == 0 ? "" : string.Join("、", p.Topics.Take(3).Select(t => "《" + t.Title + "》")),
        p.Regions.Select(r => r.City).Distinct().ToList(),
        p.Languages.Select(code => LecturerWords.Languages.First(l => l.Code == code).Zh).ToList(),
        p.Topics.SelectMany(t => t.AudienceNames).Distinct().ToList());

    static async Task<IResult> ProfileAsync(string slug, HttpContext http, OutreachDbContext db, LecturerDirectory directory, SiteContext site,
        LiquidViews views, CancellationToken ct)
    {
        var row = await LecturerQuery.Public(db).FirstOrDefaultAsync(l => l.Slug == slug, ct);
        if (row is null) return Results.NotFound();
        var p = (await directory.BuildAsync([row], ct))[0];
        var description = p.ProfessionalTitle + (p.Organisation is { Length: > 0 } org ? " · " + org : "") + (p.Topics.Count > 0 ? " · 可讲：" + string.Join("、", p.Topics.Take(3).Select(t => t.Title)) : "");
        var model = new LecturerPageView(p.Name, description, p,
            p.Topics.Select(t => new TopicView(t.Title, t.Summary, t.AudienceNames, t.DurationMinutes,
                t.Formats.Select(f => LecturerWords.Formats.First(x => x.Code == f).Zh).ToList())).ToList(),
            p.Regions.Select(r => r.City + (r.County.Length > 0 ? "·" + r.County : "")).ToList(),
            p.Languages.Select(code => LecturerWords.Languages.First(l => l.Code == code).Zh).ToList(),
            p.Availability.Days.Select(code => LecturerWords.Days.First(d => d.Code == code).Zh).ToList(),
            p.Availability.Months.Count is 0 or 12 ? "全年" : string.Join("、", p.Availability.Months.Select(m => m + "月")),
            p.Availability.PausedUntil is { } until ? $"{until.Year}年{until.Month}月{until.Day}日" : "",
            HeadFor(p.Name, description, p.Url, p.PhotoUrl, Person(p)));
        return await views.PageAsync(http, "lecturer", model);
    }

    static async Task<IResult> TeamAsync(string slug, HttpContext http, OutreachDbContext db, LecturerDirectory directory, SiteContext site,
        SiteLinks links, LiquidViews views, CancellationToken ct)
    {
        var team = await db.Set<LecturerTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (team is null) return Results.NotFound();
        var members = await directory.FindAsync(new LecturerSearch(Team: slug), ct);
        var lead = members.FirstOrDefault(m => m.Id == team.LeadLecturerId);
        var url = links.Absolute(site.Required, "/lecturer-teams/" + team.Slug);
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org", ["@type"] = "Organization", ["name"] = team.Name, ["description"] = team.Description, ["url"] = url,
            ["parentOrganization"] = new JsonObject { ["@type"] = "Organization", ["name"] = site.Required.DisplayNameZh },
            ["member"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = m.Name, ["url"] = m.Url }).ToArray()),
        };
        var summary = team.Description.Length > 120 ? team.Description[..120] + "…" : team.Description;
        return await views.PageAsync(http, "lecturer-team", new TeamPageView(team.Name, summary, team.Name, team.Description, team.CoverImageId,
            lead is null ? null : Card(lead, site), members.Where(m => m.Id != team.LeadLecturerId).Select(m => Card(m, site)).ToList(),
            HeadFor(team.Name, summary, url, null, ld)));
    }

    /// <summary>schema.org Person: name, jobTitle, affiliation (when public), knowsAbout (fields and topics), the public photo.</summary>
    public static JsonObject Person(LecturerProfile p)
    {
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Person",
            ["name"] = p.Name,
            ["url"] = p.Url,
            ["jobTitle"] = p.ProfessionalTitle.Length > 0 ? p.ProfessionalTitle : p.TitleLevel,
            ["knowsAbout"] = new JsonArray([.. p.Fields.Select(f => (JsonNode)JsonValue.Create(f.Name)!), .. p.Topics.Select(t => (JsonNode)JsonValue.Create(t.Title)!)]),
        };
        if (p.Organisation is { Length: > 0 } org) ld["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = org };
        if (p.Bio.Length > 0) ld["description"] = p.Bio;
        if (p.PhotoUrl is { } photo) ld["image"] = photo;
        return ld;
    }

    /// <summary>Canonical URL, OpenGraph share card and JSON-LD.</summary>
    static string HeadFor(string title, string description, string url, string? image, JsonObject ld)
    {
        static string Attr(string s) => System.Net.WebUtility.HtmlEncode(s);
        // Inside <script>, "</" would end the element early; escape it (and keep Chinese readable).
        var json = ld.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("</", "<\\/", StringComparison.Ordinal);
        return $"""
            <link rel="canonical" href="{Attr(url)}">
            <meta property="og:type" content="profile">
            <meta property="og:title" content="{Attr(title)}">
            <meta property="og:description" content="{Attr(description)}">
            <meta property="og:url" content="{Attr(url)}">{(image is null ? "" : $"\n<meta property=\"og:image\" content=\"{Attr(image)}\">")}
            <script type="application/ld+json">{json}</script>
            """;
    }
}
