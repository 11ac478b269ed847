using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using Outreach.Lecturers.Directory;

namespace Outreach.Lecturers.Apply;

/// <summary>
/// The form <c>/lecturers/apply</c>: apply, re-apply after asked-for changes, or edit an approved profile; and the
/// lecturer's pause and leave buttons. Same rules as the API (<see cref="LecturerApplications"/>): signed in, e-mail confirmed.
/// </summary>
public static class ApplyPages
{
    public const int TopicRows = 3;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/lecturers/apply", FormAsync).ExcludeFromDescription();
        app.MapPost("/lecturers/apply", SubmitAsync).ExcludeFromDescription();
        app.MapPost("/lecturers/me/pause", PauseAsync).ExcludeFromDescription();
        app.MapPost("/lecturers/me/resume", ResumeAsync).ExcludeFromDescription();
        app.MapPost("/lecturers/me/leave", LeaveAsync).ExcludeFromDescription();
        app.MapPost("/lecturers/me/hide-photo", HidePhotoAsync).ExcludeFromDescription();
    }

    static string Consent(int days) =>
        "我们收集您填写的姓名、性别、出生年份、工作单位、职称、学科、讲座题目、可前往地区、可讲时间、授课语言、照片和简介，用于讲师审核、在本站公开展示讲师资料和安排讲座。"
        + "公开的只有姓名、职称、学科、讲座题目、地区、时间、语言、简介，以及您未设为不公开的性别、出生年份和工作单位；照片仅在您选择公开时展示。"
        + "手机号码和邮箱来自您的账号，只用于审核和联系讲座，任何时候都不会公开。"
        + $"您可以随时暂停或退出讲师团；退出后资料立即下线，个人信息在 {days} 天后删除，已有的服务记录匿名保留用于统计。";

    static async Task<IResult> FormAsync(string? m, HttpContext http, OutreachDbContext db, SiteContext site, SiteLinks links, LiquidViews views,
        IOptions<LecturersOptions> options, CancellationToken ct)
    {
        var (state, mine) = await StateAsync(http, db, site, links, ct);
        var values = mine?.Profile ?? new LecturerInput { Name = http.User.FindFirst("outreach:display-name")?.Value };
        var message = m switch
        {
            "submitted" => "已提交，审核结果会发到您的邮箱，也可在“我的”中查看。",
            "updated" => "已保存。",
            "paused" => "已暂停接单。",
            "photo-hidden" => "照片已不再公开。",
            "pause-invalid" => "暂停结束日期应晚于今天，且最长两年。",
            "resumed" => "已恢复接单。",
            _ => state switch
            {
                "changes-requested" => "审核员请您修改后重新提交：" + (mine?.Application?.Reason ?? ""),
                "rejected" => "上次申请未通过：" + (mine?.Application?.Reason ?? "") + " 您可以修改后重新申请。",
                "pending" => "您的申请正在审核中，审核结果会发到您的邮箱。",
                "change-pending" => "您的资料修改正在审核中，审核通过前公开的仍是已通过的版本。",
                _ => "",
            },
        };
        return await views.PageAsync(http, "lecturer-apply", await PageAsync(http, db, site, state, message, values, new Dictionary<string, string>(), mine,
            options.Value.RetentionDays, ct));
    }

    static async Task<IResult> SubmitAsync(HttpContext http, LecturerApplications applications, OutreachDbContext db, SiteContext site, SiteLinks links,
        LiquidViews views, IOptions<LecturersOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var (state, mine) = await StateAsync(http, db, site, links, ct);
        if (state is "anonymous") return Results.Redirect(site.Url("/account/login?returnUrl=" + Uri.EscapeDataString(site.Url("/lecturers/apply"))));
        var form = await http.Request.ReadFormAsync(ct);
        var input = Read(form);
        if (state is "unconfirmed")
            return await views.PageAsync(http, "lecturer-apply", await PageAsync(http, db, site, state, "请先确认邮箱，确认后才能申请成为讲师。", input,
                new Dictionary<string, string>(), mine, options.Value.RetentionDays, ct), 403);
        var userId = AccountClaims.PersonId(http.User)!.Value;
        Photos.LecturerPhoto? upload = null;
        if (form.Files.GetFile(Photos.LecturerPhotos.Field) is { Length: > 0 } file)
        {
            // Checked first; saved only together with the application.
            var (photo, rejection) = await Photos.LecturerPhotos.ReadAsync(file, userId, http.RequestServices, clock, ct);
            if (rejection is not null)
                return await views.PageAsync(http, "lecturer-apply", await PageAsync(http, db, site, state, "请按提示修改后再提交。", input,
                    new Dictionary<string, string> { [Photos.LecturerPhotos.Field] = rejection.Title + "：" + rejection.Message }, mine,
                    options.Value.RetentionDays, ct), 400);
            upload = photo;
        }
        var result = await applications.ApplyAsync(userId, input, ct, upload);
        if (result.Outcome is ApplyOutcome.Submitted or ApplyOutcome.Updated)
            return Results.Redirect(site.Url("/lecturers/apply?m=" + (result.Outcome == ApplyOutcome.Submitted ? "submitted" : "updated")));
        var errors = result.Errors?.ToDictionary(e => e.Key, e => string.Join("；", e.Value)) ?? [];
        var message = result.Outcome == ApplyOutcome.AlreadyPending ? "已有一份待审核的申请，请等待审核结果。"
            : upload is not null ? "请按提示修改后再提交（照片需要重新选择）。" : "请按提示修改后再提交。";
        return await views.PageAsync(http, "lecturer-apply", await PageAsync(http, db, site, state, message, input, errors, mine, options.Value.RetentionDays, ct),
            result.Outcome == ApplyOutcome.AlreadyPending ? 409 : 400);
    }

    static async Task<IResult> PauseAsync(HttpContext http, LecturerLifecycle lifecycle, SiteContext site, TimeProvider clock, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return Results.Redirect(site.Url("/account/login"));
        var form = await http.Request.ReadFormAsync(ct);
        if (LecturersApi.PauseProblem(form["until"].ToString(), clock, out var until) is not null)
            return Results.Redirect(site.Url("/lecturers/apply?m=pause-invalid"));
        await lifecycle.PauseAsync(userId, until, ct);
        return Results.Redirect(site.Url("/lecturers/apply?m=paused"));
    }

    static async Task<IResult> ResumeAsync(HttpContext http, LecturerLifecycle lifecycle, SiteContext site, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return Results.Redirect(site.Url("/account/login"));
        await lifecycle.ResumeAsync(userId, ct);
        return Results.Redirect(site.Url("/lecturers/apply?m=resumed"));
    }

    static async Task<IResult> HidePhotoAsync(HttpContext http, LecturerLifecycle lifecycle, SiteContext site, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return Results.Redirect(site.Url("/account/login"));
        await lifecycle.HidePhotoAsync(userId, ct);
        return Results.Redirect(site.Url("/lecturers/apply?m=photo-hidden"));
    }

    static async Task<IResult> LeaveAsync(HttpContext http, LecturerLifecycle lifecycle, SiteContext site, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return Results.Redirect(site.Url("/account/login"));
        await lifecycle.LeaveAsync(userId, ct);
        return Results.Redirect(site.Url("/my#lecturer"));
    }

    static async Task<(string State, LecturersApi.MyLecturer? Mine)> StateAsync(HttpContext http, OutreachDbContext db, SiteContext site, SiteLinks links, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return ("anonymous", null);
        if (!AccountClaims.IsConfirmed(http.User)) return ("unconfirmed", null);
        var mine = await LecturersApi.MyLecturerAsync(db, site, links, userId, ct);
        if (mine is null) return ("new", null);
        var state = mine.Application is { Status: "pending" } a ? (a.Kind == "change" ? "change-pending" : "pending") : mine.Status;
        return (state, mine);
    }

    /// <summary>The form's fields as the API's input.</summary>
    public static LecturerInput Read(IFormCollection form)
    {
        var topics = new List<TopicInput>();
        for (var i = 0; i < LecturerLimits.Topics; i++)
        {
            var title = form[$"topic_title_{i}"].ToString();
            if (title.Trim().Length == 0) continue;
            var formats = new List<string>();
            if (form[$"topic_onsite_{i}"] == "true") formats.Add("onsite");
            if (form[$"topic_online_{i}"] == "true") formats.Add("online");
            topics.Add(new TopicInput(title, form[$"topic_summary_{i}"], form[$"topic_audience_{i}"].Select(a => a ?? "").ToArray(),
                int.TryParse(form[$"topic_duration_{i}"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null, formats.ToArray()));
        }
        var regions = form["cities"].Select(c => new RegionInput(c, "")).ToList();
        // "清远·连州市，韶关·乳源县": counties of a city; the city is added when not ticked.
        foreach (var part in form["counties"].ToString().Split([',', '，', '、', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(['·', '-', ' ', '/'], 2, StringSplitOptions.TrimEntries);
            regions.Add(pieces.Length == 2 ? new RegionInput(pieces[0], pieces[1]) : new RegionInput(part, ""));
        }
        return new LecturerInput
        {
            Name = form["name"], Gender = form["gender"], BirthYear = int.TryParse(form["birthYear"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null,
            Organisation = form["organisation"], TitleLevel = form["titleLevel"], ProfessionalTitle = form["professionalTitle"],
            Fields = form["fields"].Select(f => f ?? "").ToArray(), Topics = topics.ToArray(), Regions = regions.ToArray(),
            AvailableDays = form["days"].Select(d => d ?? "").ToArray(),
            AvailableMonths = form["months"].Select(m => int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray(),
            AvailabilityNote = form["availabilityNote"], Languages = form["languages"].Select(l => l ?? "").ToArray(),
            PhotoId = form["removePhoto"] != "true" && int.TryParse(form["photoId"], NumberStyles.None, CultureInfo.InvariantCulture, out var photo) ? photo : null,
            PhotoPublic = form["photoPublic"] == "true", Bio = form["bio"], PrivateFields = form["privateFields"].Select(p => p ?? "").ToArray(),
            Consent = form["consent"] == "true",
        };
    }

    static async Task<ApplyPage> PageAsync(HttpContext http, OutreachDbContext db, SiteContext site, string state, string message, LecturerInput v,
        Dictionary<string, string> errors, LecturersApi.MyLecturer? mine, int retentionDays, CancellationToken ct)
    {
        await DisciplineList.EnsureAsync(db, ct);
        var labels = await DisciplineList.LabelsAsync(db, ct);
        var fields = v.Fields ?? [];
        var topics = (v.Topics ?? []).ToList();
        while (topics.Count < Math.Max(TopicRows, (v.Topics?.Length ?? 0) + 1) && topics.Count < LecturerLimits.Topics) topics.Add(new TopicInput("", "", [], 60, ["onsite"]));
        var cities = (v.Regions ?? []).Where(r => string.IsNullOrEmpty(r.County)).Select(r => r.City).ToHashSet();
        var counties = string.Join("，", (v.Regions ?? []).Where(r => !string.IsNullOrEmpty(r.County)).Select(r => r.City + "·" + r.County));
        static bool Has(string[]? list, string code, string zh) => list?.Any(x => x == code || x == zh) == true;
        return new ApplyPage(
            mine?.Status is "approved" or "paused" ? "修改讲师资料" : "申请成为科普讲师", state, message, site.Url("/lecturers/apply"), FormToken.For(http),
            new ApplyValues(v.Name ?? "", v.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? "", v.Organisation ?? "", v.ProfessionalTitle ?? "", counties,
                v.AvailabilityNote ?? "", v.Bio ?? "", v.PhotoPublic, v.PhotoId?.ToString(CultureInfo.InvariantCulture) ?? "",
                v.PhotoId is { } photoId ? site.Url($"/lecturers/me/photos/{photoId.ToString(CultureInfo.InvariantCulture)}.jpg") : ""),
            errors,
            labels.Values.Where(l => l.ParentCode is not null).OrderBy(l => l.Label).Select(l => new LecturerChoice(l.Code, l.Label, fields.Contains(l.Code))).ToList(),
            LecturerWords.Audiences.Select(a => new LecturerChoice(a.Code, a.Zh)).ToList(),
            LecturerWords.Cities.Select(c => new LecturerChoice(c, c, cities.Contains(c))).ToList(),
            LecturerWords.Languages.Select(l => new LecturerChoice(l.Code, l.Zh, Has(v.Languages, l.Code, l.Zh))).ToList(),
            LecturerWords.TitleLevels.Select(t => new LecturerChoice(t.Code, t.Zh, t.Code == v.TitleLevel || t.Zh == v.TitleLevel)).ToList(),
            LecturerWords.Genders.Select(g => new LecturerChoice(g.Code, g.Zh, g.Code == (v.Gender ?? ""))).ToList(),
            LecturerWords.Days.Select(d => new LecturerChoice(d.Code, d.Zh, Has(v.AvailableDays, d.Code, d.Zh))).ToList(),
            Enumerable.Range(1, 12).Select(n => new LecturerChoice(n.ToString(CultureInfo.InvariantCulture), n + "月", v.AvailableMonths?.Contains(n) == true)).ToList(),
            LecturerWords.Privates.Select(p => new LecturerChoice(p.Code, p.Zh, Has(v.PrivateFields, p.Code, p.Zh))).ToList(),
            topics.Select((t, i) => new TopicRow(i, t.Title ?? "", t.Summary ?? "", (t.DurationMinutes ?? 60).ToString(CultureInfo.InvariantCulture),
                LecturerWords.Audiences.Select(a => new LecturerChoice(a.Code, a.Zh, Has(t.Audiences, a.Code, a.Zh))).ToList(),
                Has(t.Formats, "online", "线上"), t.Formats is not { Length: > 0 } || Has(t.Formats, "onsite", "线下"))).ToList(),
            site.Url("/account/login?returnUrl=" + Uri.EscapeDataString(site.Url("/lecturers/apply"))), Consent(retentionDays), mine?.Url ?? "",
            mine?.PausedUntil is { } until ? $"{until.Year}年{until.Month}月{until.Day}日" : "", retentionDays);
    }
}
