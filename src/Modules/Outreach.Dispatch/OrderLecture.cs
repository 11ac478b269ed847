using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

/// <summary>The order form (点单) as the API and the page both receive it.</summary>
public sealed record LectureRequestInput(
    string? Organisation, string? OrganisationType, string? City, string? County, string? Address,
    string? ContactName, string? ContactPhone, string? ContactEmail,
    int? TopicId, string? Topic, string? Audience, int? AudienceSize,
    IReadOnlyList<DateTimeOffset>? PreferredTimes, int? DurationMinutes, bool Online, string? Notes, bool Consent);

public sealed record OrderResult(LectureRequest? Request, IDictionary<string, string[]>? Errors);

/// <summary>
/// 点单: validates the form, stores the request unconfirmed and sends a six-digit code to the contact's mobile
/// (SMS) and, when given, email (outbox). Only a confirmed request reaches the dispatchers' queue. The code is
/// stored as a hash; after <see cref="DispatchOptions.CodeAttempts"/> wrong tries it is void.
/// </summary>
public sealed partial class OrderLecture(OutreachDbContext db, SiteContext site, IMailOutbox outbox, ISmsSender sms, TimeProvider clock,
    IOptions<DispatchOptions> options, ILecturerRoster roster, ILogger<OrderLecture> logger)
{
    public const string ConsentText =
        "我同意本站为安排本次讲座处理我填写的联系人姓名、手机号码和邮箱：仅本站派单人员可见，不向讲师以外的第三方提供（讲师只看到单位和地址）；" +
        "讲座结束后按本站留存期限删除。";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    public static string? NormalisePhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var digits = new string(raw.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        return Mobile().IsMatch(digits) ? digits : null;
    }

    public async Task<OrderResult> SubmitAsync(LectureRequestInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        string Text(string? value, string field, int max, string label, bool required = true)
        {
            var v = (value ?? "").Trim();
            if (required && v.Length == 0) Error(field, $"请填写{label}。");
            else if (v.Length > max) Error(field, $"{label}不能超过 {max} 个字。");
            return v;
        }

        var organisation = Text(input.Organisation, "organisation", DispatchLimits.Organisation, "单位名称");
        if (!Enum.TryParse<OrganisationType>(input.OrganisationType, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(input.OrganisationType, out _))
            Error("organisationType", "请选择单位类型（学校、社区、村委会、企业、机关单位或其他）。");
        var city = Text(input.City, "city", DispatchLimits.City, "所在城市");
        var county = Text(input.County, "county", DispatchLimits.County, "区县");
        var address = Text(input.Address, "address", DispatchLimits.Address, "地址", required: !input.Online);
        var contact = Text(input.ContactName, "contactName", DispatchLimits.ContactName, "联系人");
        var phone = NormalisePhone(input.ContactPhone);
        if (phone is null) Error("contactPhone", "请填写 11 位手机号码。");
        var email = "";
        if (!string.IsNullOrWhiteSpace(input.ContactEmail))
        {
            if (EmailAddress.Normalise(input.ContactEmail) is { } e && e.Length <= DispatchLimits.Email) email = e;
            else Error("contactEmail", "邮箱地址格式不正确。");
        }
        var topic = Text(input.Topic, "topic", DispatchLimits.Topic, "讲座主题", required: input.TopicId is null);
        var audience = (input.Audience ?? "").Trim();
        if (!DispatchLimits.Audiences.Contains(audience)) Error("audience", "请选择听众类型。");
        if (input.AudienceSize is not (>= 1 and <= DispatchLimits.MaxAudience)) Error("audienceSize", $"预计人数应在 1 到 {DispatchLimits.MaxAudience} 之间。");
        var minutes = input.DurationMinutes ?? 90;
        if (minutes is < DispatchLimits.MinMinutes or > DispatchLimits.MaxMinutes) Error("durationMinutes", "讲座时长应在 15 分钟到 8 小时之间。");
        var now = clock.GetUtcNow();
        var times = (input.PreferredTimes ?? []).Distinct().OrderBy(t => t).ToList();
        if (times.Count is < 2 or > 3) Error("preferredTimes", "请提供两到三个希望的讲座时间。");
        else if (times.Any(t => t < now.AddDays(1))) Error("preferredTimes", "希望的时间需在一天以后。");
        var notes = Text(input.Notes, "notes", DispatchLimits.Notes, "备注", required: false);
        if (!input.Consent) Error("consent", "请阅读并同意个人信息处理说明。");

        string? menuTitle = null;
        if (input.TopicId is { } topicId && errors.Count == 0)
        {
            menuTitle = await TopicTitleAsync(topicId, ct);
            if (menuTitle is null) Error("topicId", "所选讲座主题不存在。");
        }
        if (errors.Count > 0) return new OrderResult(null, errors);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var request = new LectureRequest
        {
            SiteId = site.Required.Id, Organisation = organisation, OrganisationType = type, City = city, County = county, Address = address,
            ContactName = contact, ContactPhone = phone!, ContactEmail = email, TopicId = input.TopicId,
            Topic = menuTitle ?? topic, Audience = audience, AudienceSize = input.AudienceSize!.Value,
            PreferredAt1 = times[0], PreferredAt2 = times[1], PreferredAt3 = times.Count > 2 ? times[2] : null,
            DurationMinutes = minutes, Online = input.Online, Notes = notes, Status = RequestStatus.Submitted,
            ConfirmCodeExpiresAt = now.AddMinutes(options.Value.CodeMinutes), CreatedAt = now, UpdatedAt = now,
        };
        request.ConfirmCodeHash = Hash(request.Key, code);
        // The mail's reference names the request's id, so the row is saved first; one transaction keeps both or neither.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(request);
            await db.SaveChangesAsync(ct);
            if (email.Length > 0)
                outbox.Enqueue(DispatchMails.Code(site.Required, request, code, options.Value.CodeMinutes) with { Reference = DispatchMails.Reference(request) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await sms.SendAsync(phone!, $"【{site.Required.DisplayNameZh}】讲座预约验证码 {code}，{options.Value.CodeMinutes} 分钟内有效。如非本人操作请忽略。", ct);
        // Ids only: the contact's name, mobile and email never go to the log.
        logger.LogInformation("Lecture request {Id} submitted on site {Site}", request.Id, site.Required.Name);
        return new OrderResult(request, null);
    }

    /// <summary>True when the code is right (once); a wrong code counts an attempt with a conditional UPDATE.</summary>
    public async Task<bool> ConfirmAsync(LectureRequest request, string? code, CancellationToken ct)
    {
        if (request.ContactConfirmedAt is not null) return true;
        code = (code ?? "").Trim();
        var now = clock.GetUtcNow();
        var rows = db.Set<LectureRequest>().Where(r => r.Id == request.Id && r.ContactConfirmedAt == null && r.ConfirmAttempts < options.Value.CodeAttempts
            && r.ConfirmCodeExpiresAt > now);
        var valid = code.Length == 6 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(request.Key, code)), Encoding.ASCII.GetBytes(request.ConfirmCodeHash));
        if (valid)
            return await rows.ExecuteUpdateAsync(s => s.SetProperty(r => r.ContactConfirmedAt, now).SetProperty(r => r.ConfirmCodeHash, "").SetProperty(r => r.UpdatedAt, now), ct) == 1;
        await rows.ExecuteUpdateAsync(s => s.SetProperty(r => r.ConfirmAttempts, r => r.ConfirmAttempts + 1), ct);
        return false;
    }

    async Task<string?> TopicTitleAsync(int topicId, CancellationToken ct)
    {
        foreach (var l in await roster.ActiveAsync(ct))
            if (l.Topics.FirstOrDefault(t => t.Id == topicId) is { } t) return t.Title;
        return null;
    }

    static string Hash(Guid key, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString("N") + ":" + code)));
}
