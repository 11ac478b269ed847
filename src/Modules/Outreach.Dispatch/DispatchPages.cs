using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Outreach.Core.Localization;
using Outreach.Core.Modules;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Dispatch;

public sealed record FormToken(string Name, string Value);
public sealed record ChoiceView(string Value, string Label);
public sealed record MenuItemView(int Id, string Title, string Lecturer);
public sealed record OrderValues(string Organisation, string OrganisationType, string City, string County, string Address, string ContactName, string ContactPhone,
    string ContactEmail, string TopicId, string Topic, string Audience, string AudienceSize, string Time1, string Time2, string Time3, bool Online, string Notes);
public sealed record OrderFormPage(string Title, IReadOnlyList<ChoiceView> OrganisationTypes, IReadOnlyList<string> Audiences, IReadOnlyList<MenuItemView> Menu,
    OrderValues Values, IReadOnlyDictionary<string, string> Errors, string? Message, string Consent, FormToken Antiforgery, string Action);
public sealed record TrackPage(string Title, OrderApi.TrackView View, string? Message, string? Error, string ConfirmAction, FormToken Antiforgery);
public sealed record RatePage(string Title, string Topic, string? Lecturer, bool Open, string? Message, string? Error, IReadOnlyList<int> Stars, string Action, FormToken Antiforgery);
public sealed record CertificatePage(string Title, string Serial, string Name, string Hours, string Period, string Issuer);
public sealed record TourPage(string Title, Tours.TourView Tour, string Hours, string Style);
public sealed record ToursPage(string Title, IReadOnlyList<Tours.TourView> Tours);

/// <summary>
/// Public pages: the order form, the tracking and rating pages behind the signed links (no-store: they carry the
/// requester's data), the certificate verification page and the tours; plus the /my buttons of the lecturer.
/// </summary>
public static class DispatchPages
{
    static readonly EmbeddedAsset Style = new(typeof(DispatchPages).Assembly, "Outreach.Dispatch.Assets.dispatch.css", "/_dispatch/dispatch.css", "text/css; charset=utf-8");

    public static void Map(IEndpointRouteBuilder app)
    {
        Style.Map(app);
        app.MapGet("/lecture-requests/new", (HttpContext http, LiquidViews views, ILecturerRoster roster, SiteContext site, IAntiforgery af, CancellationToken ct) =>
            FormAsync(http, views, roster, site, af, null, new Dictionary<string, string[]>(), null, 200, ct)).ExcludeFromDescription();

        app.MapPost("/lecture-requests/new", async (HttpContext http, IFormCollection form, LiquidViews views, ILecturerRoster roster, SiteContext site,
            IAntiforgery af, OrderLecture order, TrackTokens tokens, RequestLimiter limiter, CancellationToken ct) =>
        {
            OrderApi.NoStore(http);
            if (!string.IsNullOrEmpty(form["website"])) return await FormAsync(http, views, roster, site, af, form, new Dictionary<string, string[]>(), "提交未通过校验，请刷新页面后重试。", 400, ct);
            if (!limiter.TryAcquire(http)) return await FormAsync(http, views, roster, site, af, form, new Dictionary<string, string[]>(), "提交过于频繁，请稍后再试。", 429, ct);
            var times = form["preferredTimes"].Select(v => OutreachTime.FromLocalInput(v))
                .Select(v => DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? (DateTimeOffset?)t : null)
                .Where(t => t is not null).Select(t => t!.Value).ToList();
            var input = new LectureRequestInput(form["organisation"], form["organisationType"], form["city"], form["county"], form["address"], form["contactName"],
                form["contactPhone"], form["contactEmail"], int.TryParse(form["topicId"], NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : null,
                form["topic"], form["audience"], int.TryParse(form["audienceSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null,
                times, null, form["online"] == "on", form["notes"], form["consent"] == "on");
            var result = await order.SubmitAsync(input, ct);
            if (result.Errors is { } errors) return await FormAsync(http, views, roster, site, af, form, errors, errors.First().Value[0], 400, ct);
            return Results.Redirect(site.Url("/lecture-requests/track/" + tokens.For(result.Request!, TrackTokens.Track) + "?sent=1"));
        }).ExcludeFromDescription();

        app.MapGet("/lecture-requests/track/{token}", async (string token, string? sent, HttpContext http, LiquidViews views, RequestAccess access,
            Outreach.Core.Data.OutreachDbContext db, SiteContext site, IAntiforgery af, CancellationToken ct) =>
        {
            OrderApi.NoStore(http);
            var (r, denial) = await access.FindAsync(token, TrackTokens.Track, ct);
            if (r is null) return await DeniedAsync(http, views, denial);
            return await views.PageAsync(http, "lecture-request-track", new TrackPage("讲座预约进度", await OrderApi.ViewAsync(db, r, ct),
                sent == "1" ? "需求已提交。验证码已发送到您的手机（填写了邮箱的也发到邮箱），请在下方输入。请收藏本页以便查看进度。" : null, null,
                site.Url("/lecture-requests/track/" + token + "/confirm"), Token(http, af)));
        }).ExcludeFromDescription();

        app.MapPost("/lecture-requests/track/{token}/confirm", async (string token, IFormCollection form, HttpContext http, LiquidViews views, RequestAccess access,
            OrderLecture order, Outreach.Core.Data.OutreachDbContext db, SiteContext site, IAntiforgery af, CancellationToken ct) =>
        {
            OrderApi.NoStore(http);
            var (r, denial) = await access.FindAsync(token, TrackTokens.Track, ct);
            if (r is null) return await DeniedAsync(http, views, denial);
            var ok = await order.ConfirmAsync(r, form["code"], ct);
            await db.Entry(r).ReloadAsync(ct);
            return await views.PageAsync(http, "lecture-request-track", new TrackPage("讲座预约进度", await OrderApi.ViewAsync(db, r, ct),
                ok ? "联系人已确认，需求已进入派单队列。科普办安排讲师后会通知您。" : null, ok ? null : "验证码不正确或已过期。",
                site.Url("/lecture-requests/track/" + token + "/confirm"), Token(http, af)), ok ? 200 : 400);
        }).ExcludeFromDescription();

        app.MapGet("/lecture-requests/rate/{token}", async (string token, HttpContext http, LiquidViews views, RequestAccess access, Outreach.Core.Data.OutreachDbContext db,
            SiteContext site, IAntiforgery af, CancellationToken ct) =>
        {
            OrderApi.NoStore(http);
            var (r, denial) = await access.FindAsync(token, TrackTokens.Rate, ct);
            if (r is null) return await DeniedAsync(http, views, denial);
            var view = await OrderApi.ViewAsync(db, r, ct);
            return await views.PageAsync(http, "lecture-request-rate", new RatePage("为讲座评分", r.Topic, view.Lecturer, view.CanRate,
                view.CanRate ? null : r.RatedAt is null ? "讲座完成后才能评分。" : "感谢您的评价，本次讲座已评分。", null, [5, 4, 3, 2, 1],
                site.Url("/lecture-requests/rate/" + token), Token(http, af)));
        }).ExcludeFromDescription();

        app.MapPost("/lecture-requests/rate/{token}", async (string token, IFormCollection form, HttpContext http, LiquidViews views, RequestAccess access,
            DispatchDesk desk, Outreach.Core.Data.OutreachDbContext db, SiteContext site, IAntiforgery af, CancellationToken ct) =>
        {
            OrderApi.NoStore(http);
            var (r, denial) = await access.FindAsync(token, TrackTokens.Rate, ct);
            if (r is null) return await DeniedAsync(http, views, denial);
            var result = await desk.RateAsync(r, int.TryParse(form["stars"], out var s) ? s : null, form["comment"], ct);
            var view = await OrderApi.ViewAsync(db, r, ct);
            return await views.PageAsync(http, "lecture-request-rate", new RatePage("为讲座评分", r.Topic, view.Lecturer,
                result.Outcome == DeskOutcome.Invalid, result.Outcome == DeskOutcome.Done ? "感谢您的评价！" : null,
                result.Outcome == DeskOutcome.Done ? null : result.Message, [5, 4, 3, 2, 1], site.Url("/lecture-requests/rate/" + token), Token(http, af)),
                result.Outcome switch { DeskOutcome.Done => 200, DeskOutcome.Invalid => 400, _ => 409 });
        }).ExcludeFromDescription();

        app.MapGet("/certificates/{serial}", CertificateAsync).WithTags("Certificates").WithName("VerifyCertificate")
            .WithSummary("证书核验页：只显示姓名、时长、期间和出具单位；伪造的编号为 404。Accept: application/json 时返回 JSON。")
            .Produces<CertificateInfo>(200, "application/json").Produces(200, contentType: "text/html").ProducesProblem(404);

        app.MapGet("/tours", async (HttpContext http, LiquidViews views, Tours tours, CancellationToken ct) =>
            await views.PageAsync(http, "tours", new ToursPage("上山下乡巡讲", await tours.AllAsync(ct)))).ExcludeFromDescription();

        app.MapGet("/tours/{slug}", async (string slug, HttpContext http, LiquidViews views, Tours tours, SiteContext site, CancellationToken ct) =>
        {
            var tour = await tours.FindAsync(slug, ct);
            if (tour is null) return Results.NotFound();
            return await views.PageAsync(http, "tour", new TourPage(tour.Title, tour, Certificates.Hours(tour.Totals.Hours), site.Url(Style.Url)));
        }).ExcludeFromDescription();

        // The /my buttons: the same desk as the API, for a signed-in lecturer with a cookie.
        var my = app.MapGroup("/my/dispatches").RequireAuthorization().ExcludeFromDescription();
        my.MapPost("/{id:int}/accept", async (int id, HttpContext http, DispatchDesk desk, SiteContext site, CancellationToken ct) =>
            Back(site, await desk.AcceptAsync(id, http.User.UserId() ?? 0, ct)));
        my.MapPost("/{id:int}/decline", async (int id, IFormCollection form, HttpContext http, DispatchDesk desk, SiteContext site, CancellationToken ct) =>
            Back(site, await desk.DeclineAsync(id, http.User.UserId() ?? 0, form["reason"], ct)));
    }

    public sealed record CertificateInfo(string Serial, string Name, decimal Hours, string Period, string Issuer);

    public static async Task<IResult> CertificateAsync(string serial, HttpContext http, Certificates certificates, LiquidViews views, CancellationToken ct)
    {
        var c = await certificates.FindAsync(serial, ct);
        var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        if (c is null)
            return json ? TypedResults.Problem(title: "证书编号不存在。", statusCode: 404) : await views.PageAsync(http, "404", null, 404);
        if (json) return TypedResults.Ok(new CertificateInfo(c.Serial, c.LecturerName, c.Hours, Certificates.Period(c), c.Issuer));
        return await views.PageAsync(http, "certificate", new CertificatePage("证书核验", c.Serial, c.LecturerName, Certificates.Hours(c.Hours), Certificates.Period(c), c.Issuer));
    }

    static IResult Back(SiteContext site, DeskResult result) =>
        Results.Redirect(site.Url("/my?dispatch=" + (result.Outcome == DeskOutcome.Done ? "ok" : "refused") + "#dispatches"));

    static Task<IResult> DeniedAsync(HttpContext http, LiquidViews views, RequestAccess.Denial denial) =>
        views.PageAsync(http, "404", null, denial switch { RequestAccess.Denial.Forged => 403, RequestAccess.Denial.Expired => 410, _ => 404 });

    static FormToken Token(HttpContext http, IAntiforgery af)
    {
        var t = af.GetAndStoreTokens(http);
        return new FormToken(t.FormFieldName, t.RequestToken ?? "");
    }

    static async Task<IResult> FormAsync(HttpContext http, LiquidViews views, ILecturerRoster roster, SiteContext site, IAntiforgery af, IFormCollection? posted,
        IDictionary<string, string[]> errors, string? message, int status, CancellationToken ct)
    {
        OrderApi.NoStore(http);
        string V(string name) => posted?[name].ToString() ?? "";
        var times = posted?["preferredTimes"].Select(v => v ?? "").ToList() ?? [];
        var menu = (await roster.ActiveAsync(ct)).SelectMany(l => l.Topics.Select(t => new MenuItemView(t.Id, t.Title, l.Name))).OrderBy(m => m.Title, StringComparer.Ordinal).ToList();
        return await views.PageAsync(http, "lecture-request-form", new OrderFormPage("预约科普讲座",
            DispatchLimits.OrganisationTypes.Select(kv => new ChoiceView(DispatchLimits.Word(kv.Key), kv.Value)).ToList(), DispatchLimits.Audiences, menu,
            new OrderValues(V("organisation"), V("organisationType"), V("city"), V("county"), V("address"), V("contactName"), V("contactPhone"), V("contactEmail"),
                V("topicId"), V("topic"), V("audience"), posted is null ? "50" : V("audienceSize"), times.ElementAtOrDefault(0) ?? "", times.ElementAtOrDefault(1) ?? "",
                times.ElementAtOrDefault(2) ?? "", V("online") == "on", V("notes")),
            errors.ToDictionary(kv => Snake(kv.Key), kv => kv.Value.FirstOrDefault() ?? ""), message, OrderLecture.ConsentText, Token(http, af),
            site.Url("/lecture-requests/new")), status);
    }

    static string Snake(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
