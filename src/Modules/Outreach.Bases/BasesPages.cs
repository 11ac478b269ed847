using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using Outreach.Registration;

namespace Outreach.Bases;

/// <summary>
/// Public pages: the directory with its map, a base's page, the group-visit form, the visit's manage page behind
/// the signed link, and the GeoJSON/CSV downloads. Pages with personal data are <c>no-store</c>.
/// </summary>
public static class BasesPages
{
    public const int PageSize = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/bases", ListAsync).ExcludeFromDescription();
        app.MapGet("/bases.geojson", GeoJsonAsync).WithTags("Bases").WithName("BasesGeoJson")
            .WithSummary("目录（与 /bases 相同的筛选参数）的 GeoJSON FeatureCollection，坐标为 WGS-84 [经度, 纬度]。");
        app.MapGet("/bases.csv", CsvAsync).WithTags("Bases").WithName("BasesCsv").WithSummary("目录（与 /bases 相同的筛选参数）的 CSV（UTF-8 带 BOM，Excel 可直接打开）。");
        app.MapGet("/bases/{slug}", PageAsync).ExcludeFromDescription();
        app.MapGet("/bases/{slug}/book", FormAsync).ExcludeFromDescription();
        app.MapPost("/bases/{slug}/book", SubmitAsync).ExcludeFromDescription();
        app.MapGet("/bases/visits/{token}", ManageAsync).ExcludeFromDescription();
        app.MapGet("/bases/visits/{token}/ticket.png", TicketAsync).ExcludeFromDescription();
        app.MapPost("/bases/visits/{token}/{action:regex(^(cancel|change)$)}", ManageActionAsync).ExcludeFromDescription();
    }

    /// <summary>The query string of the directory, as the page and the downloads read it.</summary>
    public static BaseFilter Filter(HttpRequest request)
    {
        var q = request.Query;
        static bool Flag(string? v) => v is "1" or "true" or "on";
        static double? Number(string? v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new BaseFilter(Empty(q["city"]), Empty(q["district"]), Empty(q["category"]), Empty(q["audience"]),
            int.TryParse(q["age"], NumberStyles.None, CultureInfo.InvariantCulture, out var age) ? age : null,
            Empty(q["openOn"]), Flag(q["free"]), Flag(q["accessible"]), Flag(q["bookable"]), Empty(q["q"])?.Trim(), Empty(q["sort"]),
            Number(q["lat"]), Number(q["lng"]), int.TryParse(q["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1);
    }

    static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    static string Query(BaseFilter f, string? city, int? page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = f.Q, ["city"] = city, ["district"] = city == f.City ? f.District : null, ["category"] = f.Category, ["audience"] = f.Audience,
        ["age"] = f.Age?.ToString(CultureInfo.InvariantCulture), ["openOn"] = f.OpenOn, ["free"] = f.Free ? "1" : null,
        ["accessible"] = f.Accessible ? "1" : null, ["bookable"] = f.Bookable ? "1" : null, ["sort"] = f.Sort,
        ["lat"] = f.Sort == "distance" ? f.Lat?.ToString(CultureInfo.InvariantCulture) : null,
        ["lng"] = f.Sort == "distance" ? f.Lng?.ToString(CultureInfo.InvariantCulture) : null,
        ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public static async Task<BaseCards> CardsAsync(BaseDirectory directory, TimeProvider clock, CancellationToken ct) =>
        new(await directory.CategoriesAsync(ct), await directory.HolidaysAsync(ct), clock.GetUtcNow());

    static async Task<IResult> ListAsync(HttpContext http, BaseDirectory directory, SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        var f = Filter(http.Request);
        var problems = f.Problems();
        var result = problems.Count == 0 ? await directory.FindAsync(f, ct) : new DirectoryResult([], 0, new Dictionary<string, int>(), new Dictionary<string, int>());
        var cards = await CardsAsync(directory, clock, ct);
        var pages = Math.Max(1, (result.Total + PageSize - 1) / PageSize);
        var page = Math.Min(f.Page, pages);
        var items = result.Items.Skip((page - 1) * PageSize).Take(PageSize).Select(x => cards.Card(x.Base, site, x.Kilometres)).ToList();
        var city = Guangdong.Find(f.City);
        var query = Query(f, f.City, null);
        var view = new BaseListPage(
            Title: city is null ? "科普教育基地" : city.Name + "的科普教育基地",
            Bases: items,
            Filter: new BaseFilterView(f.City ?? "", f.District ?? "", f.Category ?? "", f.Audience ?? "", f.Age?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.OpenOn ?? "", f.Free, f.Accessible, f.Bookable, f.Q ?? "", f.Sort ?? "name", f.Lat?.ToString(CultureInfo.InvariantCulture) ?? "", f.Lng?.ToString(CultureInfo.InvariantCulture) ?? ""),
            Errors: problems.Values.SelectMany(v => v).ToList(),
            Cities: Guangdong.Cities.Select(c => new BaseChoice(c.Name, c.Name, c.Name == f.City)).ToList(),
            Districts: (city?.Districts ?? []).Select(d => new BaseChoice(d, d, d == f.District)).ToList(),
            Categories: cards.Categories.Values.Select(c => new BaseChoice(c.Key, c.Name, c.Key == f.Category)).ToList(),
            Audiences: BaseVocabulary.Audiences.Select(a => new BaseChoice(a.Key, a.Value, a.Key == f.Audience)).ToList(),
            CategoryFacets: cards.Categories.Values.Where(c => result.ByCategory.ContainsKey(c.Key))
                .Select(c => new FacetView(c.Key, c.Name, result.ByCategory[c.Key], site.Url("/bases" + Query(f with { Category = c.Key }, f.City, null)), c.Key == f.Category)).ToList(),
            MapSvg: GuangdongMap.Svg(result.ByCity, name => site.Url("/bases" + Query(f, name, null)), f.City),
            Paging: new Paging(page, pages, result.Total, page > 1 ? site.Url("/bases" + Query(f, f.City, page - 1)) : null,
                page < pages ? site.Url("/bases" + Query(f, f.City, page + 1)) : null),
            GeoJson: site.Url("/bases.geojson" + query),
            Csv: site.Url("/bases.csv" + query),
            HeadHtml: $"<link rel=\"stylesheet\" href=\"{WebUtility.HtmlEncode(site.Url(BasesAssets.StyleUrl))}\">",
            Script: site.Url(BasesAssets.ScriptUrl));
        return await views.PageAsync(http, "bases", view, problems.Count == 0 ? 200 : 400);
    }

    static async Task<IResult> GeoJsonAsync(HttpContext http, BaseDirectory directory, SiteContext site, SiteLinks links, CancellationToken ct)
    {
        var f = Filter(http.Request);
        var problems = f.Problems();
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "筛选条件有误。");
        var result = await directory.FindAsync(f, ct);
        var categories = await directory.CategoriesAsync(ct);
        var json = BaseCards.GeoJson(result.Items.Select(x => x.Base), b => links.Absolute(site.Required, "/bases/" + b.Slug),
            k => categories.TryGetValue(k, out var c) ? c.Name : k);
        return Results.Text(json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            "application/geo+json; charset=utf-8");
    }

    static async Task<IResult> CsvAsync(HttpContext http, BaseDirectory directory, SiteContext site, SiteLinks links, CancellationToken ct)
    {
        var f = Filter(http.Request);
        var problems = f.Problems();
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "筛选条件有误。");
        var result = await directory.FindAsync(f, ct);
        var categories = await directory.CategoriesAsync(ct);
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord(["名称", "英文名称", "类别", "城市", "区县", "地址", "纬度(WGS-84)", "经度(WGS-84)", "免费", "需预约", "电话", "网址"]);
            foreach (var b in result.Items.Select(x => x.Base))
                csv.WriteRecord([b.Title, b.NameEn, categories.TryGetValue(b.Category, out var c) ? c.Name : b.Category, b.City, b.District, b.Address,
                    b.Latitude?.ToString("0.######", CultureInfo.InvariantCulture) ?? "", b.Longitude?.ToString("0.######", CultureInfo.InvariantCulture) ?? "",
                    b.Free ? "是" : "否", b.BookingRequired ? "是" : "否", b.PublicPhone, links.Absolute(site.Required, "/bases/" + b.Slug)]);
        }
        var bytes = buffer.ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", "bases.csv");
    }

    public static Task<Base?> PublishedAsync(OutreachDbContext db, string slug, CancellationToken ct) =>
        db.Set<Base>().AsNoTracking().FirstOrDefaultAsync(b => b.Slug == slug && b.Status == Core.Content.ContentStatus.Published, ct);

    static async Task<IResult> PageAsync(string slug, HttpContext http, OutreachDbContext db, BaseDirectory directory, SiteContext site, SiteLinks links,
        LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        var b = await PublishedAsync(db, slug, ct);
        if (b is null) return Results.NotFound();
        var cards = await CardsAsync(directory, clock, ct);
        var now = clock.GetUtcNow();
        var rules = OpeningRules.Parse(b.HoursJson);
        var today = OpeningStatus.Today(now);
        var days = OpeningStatus.NextDays(rules, cards.Holidays, now).Select(d => new DayView(
            OpeningStatus.DayLabel(d.Date, today) + (d.Date == today || d.Date == today.AddDays(1) ? "（" + OpeningStatus.Weekday(d.Date) + "）" : ""),
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Open,
            d.Open ? string.Join("、", d.Ranges.Select(r => r.ToString())) : "闭馆", d.Note, d.Date == today)).ToList();
        var accreditations = await db.Set<Accreditation>().AsNoTracking().Where(a => a.BaseId == b.Id && a.State != AccreditationState.Revoked)
            .OrderBy(a => a.Level).ToListAsync(ct);
        var slotCount = await db.Set<VisitSlot>().AsNoTracking().CountAsync(s => s.BaseId == b.Id && s.StartsAt > now && s.Taken < s.Capacity, ct);
        var card = cards.Card(b, site);
        var status = cards.Status(b);
        var point = GeoPoint.IsValid(b.Latitude, b.Longitude) ? new GeoPoint(b.Latitude!.Value, b.Longitude!.Value) : (GeoPoint?)null;
        var url = links.Absolute(site.Required, "/bases/" + b.Slug);
        var head = BaseStructuredData.Head(b, url, rules, cards.Holidays, now, card.CategoryName, site.Url(BasesAssets.StyleUrl));
        return await views.PageAsync(http, "base", new BasePage(card, b.NameEn, b.City + b.District + b.Address, b.Intro,
            b.Themes.Select(t => BaseVocabulary.Themes.GetValueOrDefault(t, t)).ToList(),
            b.Audiences.Select(a => BaseVocabulary.Audiences.GetValueOrDefault(a, a)).ToList(),
            b.MaxAge >= 99 ? (b.MinAge > 0 ? $"{b.MinAge} 岁以上" : "不限") : $"{b.MinAge}–{b.MaxAge} 岁",
            b.Free ? "免费" + (b.PriceText.Length > 0 ? "（" + b.PriceText + "）" : "") : b.PriceText, b.BookingRequired,
            b.Accessibility.Select(a => BaseVocabulary.Accessibility.GetValueOrDefault(a, a)).ToList(), b.Transport, b.PublicPhone, b.PhotoIds,
            status.Text, status.IsOpen, days, rules.Note,
            accreditations.Select(a => new AccreditationView(BaseVocabulary.Levels[a.Level], a.Issuer, a.YearAccredited,
                $"{a.TermEnds.Year}年{a.TermEnds.Month}月{a.TermEnds.Day}日", BaseVocabulary.States[a.State])).ToList(),
            point?.AmapUrl(b.Title), point?.BaiduUrl(b.Title, b.City + b.District + b.Address), point?.GeoUri(b.Title),
            slotCount, site.Url("/bases/" + b.Slug + "/book"), head, await BaseEvents.UpcomingAsync(db, links, b.Id, now, ct)));
    }

    static async Task<List<SlotView>> OpenSlotsAsync(OutreachDbContext db, int baseId, DateTimeOffset now, int? selected, CancellationToken ct)
    {
        var slots = await db.Set<VisitSlot>().AsNoTracking().Where(s => s.BaseId == baseId && s.StartsAt > now)
            .OrderBy(s => s.StartsAt).Take(200).ToListAsync(ct);
        return slots.Where(s => s.Taken < s.Capacity || s.Id == selected).Select(s => SlotView(s, s.Id == selected)).ToList();
    }

    public static SlotView SlotView(VisitSlot s, bool selected = false)
    {
        var today = OpeningStatus.Today(s.StartsAt);
        var label = $"{s.Date.Month}月{s.Date.Day}日（{OpeningStatus.Weekday(s.Date)}）{OutreachTime.Time(s.StartsAt)}–{OutreachTime.Time(s.EndsAt)}";
        return new SlotView(s.Id, label, s.StartsAt, s.EndsAt, s.Capacity - s.Taken, s.MinGroup, s.MaxGroup,
            BaseVocabulary.Audiences.GetValueOrDefault(s.Audience, ""), selected);
    }

    static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    static async Task<IResult> FormAsync(string slug, int? slot, HttpContext http, OutreachDbContext db, BaseDirectory directory, SiteContext site,
        LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        var b = await PublishedAsync(db, slug, ct);
        if (b is null) return Results.NotFound();
        NoStore(http);
        var values = new Dictionary<string, string> { ["groupSize"] = "", ["adults"] = "2", ["slotId"] = slot?.ToString(CultureInfo.InvariantCulture) ?? "" };
        return await RenderFormAsync(http, db, directory, site, views, clock, b, values, new Dictionary<string, string>(), null, 200, ct);
    }

    static async Task<IResult> RenderFormAsync(HttpContext http, OutreachDbContext db, BaseDirectory directory, SiteContext site, LiquidViews views,
        TimeProvider clock, Base b, Dictionary<string, string> values, Dictionary<string, string> errors, string? message, int status, CancellationToken ct)
    {
        var cards = await CardsAsync(directory, clock, ct);
        var token = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var selected = int.TryParse(values.GetValueOrDefault("slotId"), out var s) ? s : (int?)null;
        var slots = await OpenSlotsAsync(db, b.Id, clock.GetUtcNow(), selected, ct);
        return await views.PageAsync(http, "base-book", new VisitFormPage(cards.Card(b, site), slots, values, errors, message,
            site.Url("/bases/" + b.Slug + "/book"), token.FormFieldName, token.RequestToken ?? "", VisitDesk.ConsentText, site.Url(BasesAssets.StyleUrl)), status);
    }

    static async Task<IResult> SubmitAsync(string slug, HttpContext http, IFormCollection form, OutreachDbContext db, BaseDirectory directory, VisitDesk desk,
        ManageTokens tokens, SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        NoStore(http);
        var b = await PublishedAsync(db, slug, ct);
        if (b is null) return Results.NotFound();
        static int Int(string? v, int fallback) => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var request = new VisitRequest(Int(form["slotId"], 0), form["organisation"], form["contact"], form["mobile"], form["email"], Int(form["groupSize"], 0),
            form["ages"], Int(form["adults"], -1), form["specialNeeds"], form["consent"] == "on", http.User.UserId());
        var result = await desk.BookAsync(b, request, ct);
        if (result.Outcome == VisitOutcome.Done)
            return Results.Redirect(site.Url(VisitMails.ManagePath(tokens, result.Visit!)), permanent: false, preserveMethod: false);
        var values = new[] { "slotId", "organisation", "contact", "mobile", "email", "groupSize", "ages", "adults", "specialNeeds" }
            .ToDictionary(k => k, k => form[k].ToString());
        var errors = (result.Errors ?? new Dictionary<string, string[]>()).ToDictionary(kv => kv.Key, kv => string.Join(" ", kv.Value));
        var status = result.Outcome switch { VisitOutcome.Invalid => 400, VisitOutcome.Busy => 503, VisitOutcome.NotFound => 404, _ => 409 };
        return await RenderFormAsync(http, db, directory, site, views, clock, b, values, errors, result.Message, status, ct);
    }

    /// <summary>The visit behind a manage token, or null for a forged or unknown one.</summary>
    public static async Task<Visit?> FindVisitAsync(OutreachDbContext db, ManageTokens tokens, string token, CancellationToken ct) =>
        tokens.Read(token) is { } key ? await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(v => v.Key == key, ct) : null;

    static async Task<IResult> ManageAsync(string token, HttpContext http, OutreachDbContext db, BaseDirectory directory, ManageTokens tokens, SiteContext site,
        LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        NoStore(http);
        var v = await FindVisitAsync(db, tokens, token, ct);
        if (v is null) return Results.NotFound();
        return await RenderManageAsync(http, db, directory, site, views, clock, v, token, null, 200, ct);
    }

    static async Task<IResult> RenderManageAsync(HttpContext http, OutreachDbContext db, BaseDirectory directory, SiteContext site, LiquidViews views,
        TimeProvider clock, Visit v, string token, string? message, int status, CancellationToken ct)
    {
        var b = await db.Set<Base>().AsNoTracking().FirstAsync(x => x.Id == v.BaseId, ct);
        var slot = await db.Set<VisitSlot>().AsNoTracking().FirstAsync(s => s.Id == v.SlotId, ct);
        var cards = await CardsAsync(directory, clock, ct);
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var now = clock.GetUtcNow();
        var active = v.HoldsSeats && slot.StartsAt > now;
        var slots = active ? (await OpenSlotsAsync(db, b.Id, now, v.SlotId, ct)).Where(s => v.GroupSize >= s.MinGroup && v.GroupSize <= s.MaxGroup).ToList() : [];
        return await views.PageAsync(http, "base-visit", new VisitManagePage(cards.Card(b, site), VisitStatuses.Word(v.Status), VisitStatuses.Chinese(v.Status),
            v.TicketCode, slot.StartsAt, slot.EndsAt, v.Organisation, v.Contact, v.GroupSize, v.Adults, active, v.CheckedInAt is not null, slots, message,
            site.Url("/bases/visits/" + token), antiforgery.FormFieldName, antiforgery.RequestToken ?? "",
            v.Status == VisitStatus.Confirmed ? site.Url("/bases/visits/" + token + "/ticket.png") : null, site.Url(BasesAssets.StyleUrl)), status);
    }

    static async Task<IResult> TicketAsync(string token, HttpContext http, OutreachDbContext db, ManageTokens tokens, CancellationToken ct)
    {
        NoStore(http);
        var v = await FindVisitAsync(db, tokens, token, ct);
        if (v is null || v.Status != VisitStatus.Confirmed) return Results.NotFound();
        return Results.File(Tickets.QrPng(v.TicketCode), "image/png");
    }

    static async Task<IResult> ManageActionAsync(string token, string action, HttpContext http, IFormCollection form, OutreachDbContext db,
        BaseDirectory directory, ManageTokens tokens, VisitDesk desk, SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        NoStore(http);
        var v = await FindVisitAsync(db, tokens, token, ct);
        if (v is null) return Results.NotFound();
        var result = action == "cancel"
            ? await desk.EndAsync(v, VisitStatus.Cancelled, ct)
            : await desk.ChangeSlotAsync(v, int.TryParse(form["slotId"], out var id) ? id : 0, ct);
        if (result.Outcome == VisitOutcome.Done)
            return Results.Redirect(site.Url("/bases/visits/" + token), permanent: false, preserveMethod: false);
        var fresh = await FindVisitAsync(db, tokens, token, ct) ?? v;
        return await RenderManageAsync(http, db, directory, site, views, clock, fresh, token, result.Message,
            result.Outcome == VisitOutcome.Invalid ? 400 : result.Outcome == VisitOutcome.Busy ? 503 : 409, ct);
    }
}
