using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>
/// The public side: the registration form of an event, the manage page behind the signed link (view,
/// confirm an offer, change answers, cancel, download, delete); a signed-in person's registrations are a section of /my.
/// Every page here carries personal data: <c>Cache-Control: no-store</c>.
/// </summary>
public static class RegistrationPages
{
    /// <summary>The honeypot: hidden from people, filled by naive bots.</summary>
    public const string Honeypot = "website";

    public const string ConsentText =
        "我同意主办方为办理本次活动报名、入场核验和活动通知而处理我填写的个人信息（姓名、手机号码、邮箱及报名问题的回答）。" +
        "信息仅用于本次活动，不向第三方提供；活动结束后 {0} 天内匿名化处理。我可随时通过报名管理链接查看、下载或删除这些信息。";

    public const string ConsentTextEn =
        "I agree that the organiser processes the personal data I give here (name, mobile number, email and my answers) to handle " +
        "this registration, check entry and send notices about this event. It is used for this event only, not given to third " +
        "parties, and anonymised within {0} days after the event. I can view, download or delete it at any time through my manage link.";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{slug}/register", async Task<IResult> (string slug, HttpContext http, OutreachDbContext db, LiquidViews views,
            TimeProvider clock, CancellationToken ct) =>
        {
            var ev = await PublishedAsync(db, slug, ct);
            if (ev is null) return Results.NotFound();
            var state = await RegistrationState.LoadAsync(db, ev, clock.GetUtcNow(), ct);
            if (state is null) return Results.NotFound();
            RegistrationApi.NoStore(http);
            return await FormAsync(http, views, ev, state, new Dictionary<string, string[]>(), null, null);
        }).ExcludeFromDescription();

        app.MapPost("/events/{slug}/register", async Task<IResult> (string slug, HttpContext http, IFormCollection form, OutreachDbContext db, LiquidViews views,
            RegistrationDesk desk, ManageTokens tokens, SiteContext site, ContactLimiter limiter, TimeProvider clock, CancellationToken ct) =>
        {
            RegistrationApi.NoStore(http);
            var ev = await PublishedAsync(db, slug, ct);
            if (ev is null) return Results.NotFound();
            var state = await RegistrationState.LoadAsync(db, ev, clock.GetUtcNow(), ct);
            if (state is null) return Results.NotFound();
            if (!string.IsNullOrEmpty(form[Honeypot]))
                return await FormAsync(http, views, ev, state, new Dictionary<string, string[]>(), form, "提交未通过校验，请刷新页面后重试。", 400);
            if (!await limiter.TryAcquireAsync(form["phone"], form["email"], http))
                return await FormAsync(http, views, ev, state, new Dictionary<string, string[]>(), form, "提交过于频繁，请稍后再试。", 429);
            var answers = form.Keys.Where(k => k.StartsWith("q.", StringComparison.Ordinal))
                .ToDictionary(k => k[2..], k => form[k].Select(v => v ?? "").ToArray());
            var request = new RegistrationRequest(
                int.TryParse(form["optionId"], NumberStyles.None, CultureInfo.InvariantCulture, out var optionId) ? optionId : 0,
                form["name"], form["phone"], form["email"],
                int.TryParse(form["groupSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 1,
                answers, form["consent"] == "on", form["idCard"], form["idCardConsent"] == "on",
                // The form carries a one-time key, so a double click or a resubmitted page is the same registration.
                IdempotencyKey: form["submission"].ToString() is { Length: > 0 and <= 100 } k ? k : null,
                UserId: http.User.UserId());
            var result = await desk.RegisterAsync(ev, request, http, ct);
            if (result.Outcome is Outcome.Created or Outcome.Replayed)
                return Results.Redirect(site.Url("/registrations/" + tokens.For(result.Registration!)), permanent: false, preserveMethod: false);
            if (result.Outcome == Outcome.Duplicate)
                return await views.PageAsync(http, "registration-duplicate", new RegistrationDuplicatePage("您已报名过本活动", result.Message, site.Url("/events/" + ev.Slug)), 409);
            var status = result.Outcome switch { Outcome.Invalid => 400, Outcome.Busy => 503, Outcome.NotFound => 404, Outcome.KeyReused => 422, _ => 409 };
            state = await RegistrationState.LoadAsync(db, ev, clock.GetUtcNow(), ct);
            // The form's one-time key came back with other answers (the page was reused after a registration).
            var message = result.Outcome == Outcome.KeyReused ? "此表单已提交过。如需再报名一位，请刷新页面后重新填写。" : result.Message;
            return await FormAsync(http, views, ev, state!, result.Errors ?? new Dictionary<string, string[]>(), form, message, status);
        }).RequireRateLimiting(RegistrationApi.RateLimitPolicy).ExcludeFromDescription();

        app.MapGet("/registrations/{token}", async Task<IResult> (string token, HttpContext http, OutreachDbContext db, ManageAccess access,
            LiquidViews views, SiteContext site, TimeProvider clock, CancellationToken ct) =>
        {
            RegistrationApi.NoStore(http);
            var (found, denial) = await access.FindAsync(token, ct);
            if (found is null) return await DeniedAsync(http, views, access, denial);
            return await ManagePageAsync(http, views, site, found, token, clock, null, ct);
        }).ExcludeFromDescription();

        app.MapPost("/registrations/{token}/{action:regex(^(confirm|cancel|answers|delete)$)}", async Task<IResult> (string token, string action, HttpContext http,
            IFormCollection form, OutreachDbContext db, ManageAccess access, RegistrationDesk desk, LiquidViews views, SiteContext site,
            TimeProvider clock, CancellationToken ct) =>
        {
            RegistrationApi.NoStore(http);
            var (found, denial) = await access.FindAsync(token, ct);
            if (found is null) return await DeniedAsync(http, views, access, denial);
            var r = found.Registration;
            if (action == "delete")
            {
                await desk.DeleteAsync(r, http, ct);
                return await views.PageAsync(http, "registration-deleted", new RegistrationDeletedPage("个人信息已删除"));
            }
            // A deleted event's registration is read-only: only download and delete remain.
            if (found.ReadOnly)
                return await ManagePageAsync(http, views, site, found, token, clock, ManageAccess.EventDeletedMessage, ct, 410);
            DeskResult? result = null;
            switch (action)
            {
                case "confirm": result = await desk.ConfirmOfferAsync(r, http, ct); break;
                case "cancel": result = await desk.CancelAsync(r, http, ct); break;
                case "answers":
                    var given = form.Keys.Where(k => k.StartsWith("q.", StringComparison.Ordinal)).ToDictionary(k => k[2..], k => form[k].Select(v => v ?? "").ToArray());
                    result = await desk.ChangeAnswersAsync(r, form["name"], given, ct);
                    break;
            }
            var message = result!.Outcome == Outcome.Created ? action switch
            {
                "confirm" => "已确认，名额为您保留。",
                "cancel" => "报名已取消。",
                _ => "已保存。",
            } : result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.Values.SelectMany(v => v)) : result.Message;
            var fresh = found with { Registration = await db.Set<Registration>().AsNoTracking().FirstAsync(x => x.Id == r.Id, ct) };
            var status = result.Outcome switch { Outcome.Created => 200, Outcome.Invalid => 400, _ => 409 };
            return await ManagePageAsync(http, views, site, fresh, token, clock, message, ct, status);
        }).RequireRateLimiting(RegistrationApi.RateLimitPolicy).ExcludeFromDescription();

        app.MapGet("/registrations/{token}/qr.png", async Task<IResult> (string token, ManageAccess access, HttpContext http, CancellationToken ct) =>
        {
            RegistrationApi.NoStore(http);
            var (found, denial) = await access.FindAsync(token, ct);
            if (found is null) return DeniedStatus(denial);
            var r = found.Registration;
            return r.Status == RegistrationStatus.Confirmed && !found.ReadOnly ? Results.File(Tickets.QrPng(r.TicketCode), "image/png") : Results.NotFound();
        }).ExcludeFromDescription();

        // Article 45 of PIPL: a copy of what we hold, in a portable form (also for a deleted event).
        app.MapGet("/registrations/{token}/data.json", async Task<IResult> (string token, ManageAccess access, RegistrationLinks links,
            SiteContext site, HttpContext http, LiquidViews views, CancellationToken ct) =>
        {
            RegistrationApi.NoStore(http);
            var (found, denial) = await access.FindAsync(token, ct);
            if (found is null) return await DeniedAsync(http, views, access, denial);
            var detail = RegistrationApi.Detail(found, links, site, http);
            var json = JsonSerializer.SerializeToUtf8Bytes(detail, new JsonSerializerOptions(JsonSerializerDefaults.Web)
                { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            return Results.File(json, "application/json; charset=utf-8", $"registration-{found.Registration.TicketCode}.json");
        }).ExcludeFromDescription();

        // Moved into the personal area (kernel /my, section "registrations").
        app.MapGet("/my/registrations", (SiteContext site) => Results.Redirect(site.Url("/my#registrations"), permanent: true)).ExcludeFromDescription();
    }

    static Task<Event?> PublishedAsync(OutreachDbContext db, string slug, CancellationToken ct) =>
        db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Status == ContentStatus.Published, ct);

    /// <summary>A forged or altered token is refused (403) before any lookup; a deleted registration is gone (404); an expired link is 410 with a page saying why.</summary>
    static async Task<IResult> DeniedAsync(HttpContext http, LiquidViews views, ManageAccess access, ManageAccess.Denial denial) =>
        denial == ManageAccess.Denial.Expired
            ? await views.PageAsync(http, "registration-gone", new RegistrationGonePage("链接已过期", access.Expired), 410)
            : DeniedStatus(denial);

    static IResult DeniedStatus(ManageAccess.Denial denial) => denial switch
    {
        ManageAccess.Denial.Forged => Results.StatusCode(403),
        ManageAccess.Denial.Expired => Results.StatusCode(410),
        _ => Results.NotFound(),
    };

    static async Task<IResult> FormAsync(HttpContext http, LiquidViews views, Event ev, RegistrationState state,
        IReadOnlyDictionary<string, string[]> errors, IFormCollection? posted, string? message, int status = 200)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var site = http.RequestServices.GetRequiredService<SiteContext>();
        string Value(string name) => posted?[name].ToString() ?? "";
        var questions = Question.Parse(state.Form.QuestionsJson);
        return await views.PageAsync(http, "registration-form", new RegistrationFormPage(
            Title: "报名：" + ev.Title,
            Event: new EventSummary(ev.Title, ev.StartsAt, ev.EndsAt, ev.City, ev.District, ev.Address, ev.VenueName, site.Url("/events/" + ev.Slug)),
            Open: state.Open, StateMessage: state.Message, Status: state.Status, Options: state.Options,
            Form: new FormSettings(state.Form.MaxGroupSize, state.Form.RequiresIdCard, state.Form.RequiresApproval, state.Form.Waitlist),
            Questions: questions.Select(q => new QuestionField(q.Id, q.Label, q.Kind, q.Required, q.Choices ?? [],
                Value("q." + q.Id), posted?["q." + q.Id].Select(v => v ?? "").ToArray() ?? [],
                errors.GetValueOrDefault("answers." + q.Id)?.FirstOrDefault())).ToList(),
            Values: new FormValues(Value("optionId"), Value("name"), Value("phone"), Value("email"), posted is null ? "1" : Value("groupSize")),
            Errors: errors.ToDictionary(kv => kv.Key.Replace('.', '_'), kv => kv.Value.FirstOrDefault() ?? ""),
            Message: message,
            Consent: string.Format(CultureInfo.InvariantCulture,
                CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? ConsentTextEn : ConsentText, RetentionDays(site.Required)),
            Antiforgery: new FormToken(antiforgery.FormFieldName, antiforgery.RequestToken ?? ""),
            Submission: posted?["submission"].ToString() is { Length: > 0 } s ? s : Guid.NewGuid().ToString("N"),
            Honeypot: Honeypot,
            Action: site.Url("/events/" + ev.Slug + "/register")), status);
    }

    static async Task<IResult> ManagePageAsync(HttpContext http, LiquidViews views, SiteContext site, ManageAccess.Found found,
        string token, TimeProvider clock, string? message, CancellationToken ct, int status = 200)
    {
        var (r, ev) = (found.Registration, found.Event);
        var option = found.Option ?? new TicketOption();
        var form = found.Form ?? new RegistrationForm();
        var readOnly = found.ReadOnly;
        if (readOnly) message ??= ManageAccess.EventDeletedMessage;
        var questions = Question.Parse(form.QuestionsJson);
        var answers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.AnswersJson) ?? [];
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var basePath = site.Url("/registrations/" + token);
        return await views.PageAsync(http, "registration-manage", new RegistrationManagePage(
            Title: "我的报名：" + ev.Title,
            Registration: new RegistrationView(RegistrationStatuses.Word(r.Status), RegistrationStatuses.Chinese(r.Status), r.TicketCode, r.Name,
                Contact.MaskPhone(r.Phone), r.Email, r.GroupSize, r.OfferExpiresAt, r.CheckedInAt, r.DecisionNote,
                Active: r.IsActive && !readOnly, Offered: !readOnly && r.Status == RegistrationStatus.Offered && r.OfferExpiresAt > clock.GetUtcNow(),
                Confirmed: r.Status == RegistrationStatus.Confirmed && !readOnly),
            Event: new EventSummary(ev.Title, ev.StartsAt, ev.EndsAt, ev.City, ev.District, ev.Address, ev.VenueName,
                readOnly ? site.Url("/events") : site.Url("/events/" + ev.Slug), Deleted: readOnly),
            Option: new OptionSummary(option.Name, option.StartsAt, option.EndsAt),
            Questions: questions.Select(q => new QuestionField(q.Id, q.Label, q.Kind, q.Required, q.Choices ?? [],
                answers.TryGetValue(q.Id, out var a) ? a.ValueKind switch
                {
                    JsonValueKind.String => a.GetString(), JsonValueKind.True => "true", JsonValueKind.False => "false",
                    JsonValueKind.Array => "", _ => a.GetRawText(),
                } : "",
                answers.TryGetValue(q.Id, out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [])).ToList(),
            Answers: Answers.Readable(questions, r.AnswersJson).Select(x => new AnswerView(x.Label, x.Answer)).ToList(),
            Message: message,
            Antiforgery: new FormToken(antiforgery.FormFieldName, antiforgery.RequestToken ?? ""),
            Qr: basePath + "/qr.png",
            Data: basePath + "/data.json",
            Ics: site.Url("/events/" + ev.Slug + ".ics"),
            Actions: new ManageActions(basePath + "/confirm", basePath + "/cancel", basePath + "/answers", basePath + "/delete"),
            RetentionDays: RetentionDays(site.Required)), status);
    }

    /// <summary>Site setting <c>registration.retentionDays</c> (default 180): days after an event before its registrants are anonymised.</summary>
    public static int RetentionDays(Site site)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrEmpty(site.SettingsJson) ? "{}" : site.SettingsJson);
            if (doc.RootElement.TryGetProperty("registration", out var r) && r.TryGetProperty("retentionDays", out var d)
                && d.TryGetInt32(out var days) && days is >= 1 and <= 3650) return days;
        }
        catch (JsonException) { }
        return 180;
    }

}
