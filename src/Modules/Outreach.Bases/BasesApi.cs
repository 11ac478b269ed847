using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Registration;

namespace Outreach.Bases;

/// <summary>
/// The public API: <c>GET /api/v1/bases</c> (paged like the events API), <c>GET /api/v1/bases/{id}</c> with hours and
/// the next 7 days, <c>GET /api/v1/bases/{id}/slots</c> and <c>POST /api/v1/bases/{id}/visits</c>. Times carry +08:00.
/// </summary>
public static class BasesApi
{
    public const int PageSize = 20;

    public sealed record BaseItem(int Id, string Name, string City, string District, string Category, string CategoryName, string Url,
        bool Free, bool OpenNow, string OpenText, double? Latitude, double? Longitude, double? DistanceKm);

    public sealed record BaseList(IReadOnlyList<BaseItem> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> ByCity,
        IReadOnlyDictionary<string, int> ByCategory);

    public sealed record DayDto(string Date, string Weekday, bool Open, IReadOnlyList<string> Ranges, string Note);

    public sealed record AccreditationDto(string Level, string LevelName, string Issuer, int YearAccredited, string TermEnds, string State);

    public sealed record MapLinksDto(string Amap, string Baidu, string Geo);

    public sealed record BaseDetail(int Id, string Name, string NameEn, string City, string District, string Address, string Category, string CategoryName,
        string Url, string Summary, IReadOnlyList<string> Themes, IReadOnlyList<string> Audiences, int MinAge, int MaxAge, bool Free, string PriceText,
        bool BookingRequired, IReadOnlyList<string> Accessibility, string Transport, string Phone, double? Latitude, double? Longitude, MapLinksDto? Map,
        IReadOnlyList<int> PhotoIds, OpeningRules Hours, bool OpenNow, string OpenText, DateTimeOffset? NextChange, IReadOnlyList<DayDto> NextDays,
        IReadOnlyList<AccreditationDto> Accreditations, bool AutoConfirm);

    public sealed record SlotDto(int Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Remaining, int MinGroup, int MaxGroup, string Audience);

    public sealed record SlotList(IReadOnlyList<SlotDto> Items, int Total);

    public sealed record VisitBody(int SlotId, string? Organisation, string? Contact, string? Mobile, string? Email, int GroupSize, string? Ages,
        int? Adults, string? SpecialNeeds, bool Consent);

    public sealed record VisitCreated(int Id, string Status, string TicketCode, string ManageUrl);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bases").WithTags("Bases");
        api.MapGet("", ListAsync).WithName("ListBases")
            .WithSummary("科普教育基地目录：city、district、category、audience、age、openOn（2026-09-19）、free、accessible、bookable、q（中文全文检索）、sort=name|distance（需 lat/lng，WGS-84，不保存）、page。");
        api.MapGet("/{id:int}", GetAsync).WithName("GetBase").WithSummary("基地详情，含开放时间规则、当前是否开放与未来 7 天（北京时间）。");
        api.MapGet("/{id:int}/slots", SlotsAsync).WithName("ListBaseSlots").WithSummary("基地的团体参观时段（from/to 为日期，默认今天起 60 天）。");
        api.MapPost("/{id:int}/visits", BookAsync).DisableAntiforgery().RequireRateLimiting(RegistrationApi.RateLimitPolicy).WithName("BookBaseVisit")
            .WithSummary("预约团体参观（无需账号）：201 {id, status, manageUrl}；名额不足 409；字段错误 400。");
    }

    static async Task<Results<Ok<BaseList>, ValidationProblem>> ListAsync(string? city, string? district, string? category, string? audience, int? age,
        string? openOn, bool? free, bool? accessible, bool? bookable, string? q, string? sort, double? lat, double? lng, int? page,
        BaseDirectory directory, SiteContext site, SiteLinks links, TimeProvider clock, CancellationToken ct)
    {
        var f = new BaseFilter(city, district, category, audience, age, openOn, free ?? false, accessible ?? false, bookable ?? false, q?.Trim(), sort, lat, lng, page ?? 1);
        var problems = f.Problems();
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "查询参数有误。");
        var result = await directory.FindAsync(f, ct);
        var cards = await BasesPages.CardsAsync(directory, clock, ct);
        var items = result.Items.Skip((f.Page - 1) * PageSize).Take(PageSize).Select(x =>
        {
            var status = cards.Status(x.Base);
            return new BaseItem(x.Base.Id, x.Base.Title, x.Base.City, x.Base.District, x.Base.Category, cards.CategoryName(x.Base.Category),
                links.Absolute(site.Required, "/bases/" + x.Base.Slug), x.Base.Free, status.IsOpen, status.Text, x.Base.Latitude, x.Base.Longitude,
                x.Kilometres is { } k ? Math.Round(k, 2) : null);
        }).ToList();
        return TypedResults.Ok(new BaseList(items, result.Total, f.Page, PageSize, result.ByCity, result.ByCategory));
    }

    static async Task<Results<Ok<BaseDetail>, ProblemHttpResult>> GetAsync(int id, OutreachDbContext db, BaseDirectory directory, SiteContext site,
        SiteLinks links, TimeProvider clock, CancellationToken ct)
    {
        var b = await directory.Published.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return NotFound();
        var cards = await BasesPages.CardsAsync(directory, clock, ct);
        var rules = OpeningRules.Parse(b.HoursJson);
        var now = clock.GetUtcNow();
        var status = OpeningStatus.Compute(rules, cards.Holidays, now);
        var days = OpeningStatus.NextDays(rules, cards.Holidays, now).Select(d => new DayDto(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            OpeningStatus.Weekday(d.Date), d.Open, d.Ranges.Select(r => $"{r.Opens:HH\\:mm}-{r.Closes:HH\\:mm}").ToList(), d.Note)).ToList();
        var accreditations = await db.Set<Accreditation>().AsNoTracking().Where(a => a.BaseId == b.Id).OrderBy(a => a.Level).ToListAsync(ct);
        var point = GeoPoint.IsValid(b.Latitude, b.Longitude) ? new GeoPoint(b.Latitude!.Value, b.Longitude!.Value) : (GeoPoint?)null;
        var address = b.City + b.District + b.Address;
        return TypedResults.Ok(new BaseDetail(b.Id, b.Title, b.NameEn, b.City, b.District, b.Address, b.Category, cards.CategoryName(b.Category),
            links.Absolute(site.Required, "/bases/" + b.Slug), b.Summary, b.Themes, b.Audiences, b.MinAge, b.MaxAge, b.Free, b.PriceText, b.BookingRequired,
            b.Accessibility, b.Transport, b.PublicPhone, b.Latitude, b.Longitude,
            point is { } p ? new MapLinksDto(p.AmapUrl(b.Title), p.BaiduUrl(b.Title, address), p.GeoUri(b.Title)) : null,
            b.PhotoIds, rules, status.IsOpen, status.Text, status.Changes, days,
            accreditations.Select(a => new AccreditationDto(a.Level.ToString().ToLowerInvariant(), BaseVocabulary.Levels[a.Level], a.Issuer, a.YearAccredited,
                a.TermEnds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.State.ToString().ToLowerInvariant())).ToList(), b.AutoConfirm));
    }

    static async Task<Results<Ok<SlotList>, ValidationProblem, ProblemHttpResult>> SlotsAsync(int id, string? from, string? to, BaseDirectory directory,
        OutreachDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var b = await directory.Published.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return NotFound();
        var today = OpeningStatus.Today(clock.GetUtcNow());
        var errors = new Dictionary<string, string[]>();
        var first = string.IsNullOrEmpty(from) ? today : OpeningRules.Day(from);
        var last = string.IsNullOrEmpty(to) ? today.AddDays(60) : OpeningRules.Day(to);
        if (first is null) errors["from"] = ["日期格式应为 2026-09-19。"];
        if (last is null) errors["to"] = ["日期格式应为 2026-09-19。"];
        else if (first is not null && (last < first || last.Value.DayNumber - first.Value.DayNumber > 366)) errors["to"] = ["结束日期不能早于开始日期，跨度不超过一年。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "查询参数有误。");
        var now = clock.GetUtcNow();
        var slots = await db.Set<VisitSlot>().AsNoTracking().Where(s => s.BaseId == b.Id && s.Date >= first!.Value && s.Date <= last!.Value && s.StartsAt > now)
            .OrderBy(s => s.StartsAt).ToListAsync(ct);
        return TypedResults.Ok(new SlotList(slots.Select(Slot).ToList(), slots.Count));
    }

    public static SlotDto Slot(VisitSlot s) => new(s.Id, Core.Localization.OutreachTime.ToBeijing(s.StartsAt), Core.Localization.OutreachTime.ToBeijing(s.EndsAt),
        s.Capacity, s.Capacity - s.Taken, s.MinGroup, s.MaxGroup, s.Audience);

    static async Task<Results<Created<VisitCreated>, ValidationProblem, ProblemHttpResult>> BookAsync(int id, VisitBody body, HttpContext http,
        BaseDirectory directory, VisitDesk desk, VisitMails mails, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var b = await directory.Published.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return NotFound();
        var result = await desk.BookAsync(b, new VisitRequest(body.SlotId, body.Organisation, body.Contact, body.Mobile, body.Email, body.GroupSize,
            body.Ages, body.Adults ?? 0, body.SpecialNeeds, body.Consent, http.User.UserId()), ct);
        return result.Outcome switch
        {
            VisitOutcome.Done => TypedResults.Created((string?)null,
                new VisitCreated(result.Visit!.Id, VisitStatuses.Word(result.Visit.Status), result.Visit.TicketCode, mails.ManageUrl(result.Visit))),
            VisitOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!, title: result.Message),
            VisitOutcome.Busy => Problem(503, result.Message, "busy"),
            VisitOutcome.Full => Problem(409, result.Message, "full"),
            _ => Problem(409, result.Message, result.Outcome.ToString().ToLowerInvariant()),
        };
    }

    public static ProblemHttpResult NotFound() => Problem(404, "基地不存在或未发布。", "not-found");

    public static ProblemHttpResult Problem(int status, string title, string code) =>
        TypedResults.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
