using Outreach.Core.Content;

namespace Outreach.Lecturers.Apply;

public sealed record TopicInput(string? Title, string? Summary, string[]? Audiences, int? DurationMinutes, string[]? Formats);

public sealed record RegionInput(string? City, string? County);

/// <summary>
/// What an applicant sends (the API's JSON and the form alike). Codes are those of <see cref="LecturerWords"/>; the
/// Chinese words are accepted too. Phone and e-mail are not asked: they come from the account and are never public.
/// </summary>
public sealed record LecturerInput
{
    public string? Name { get; init; }
    /// <summary><c>male</c>, <c>female</c> or empty.</summary>
    public string? Gender { get; init; }
    public int? BirthYear { get; init; }
    public string? Organisation { get; init; }
    /// <summary><c>senior</c> (正高), <c>associate-senior</c> (副高), <c>intermediate</c> (中级), <c>other</c>.</summary>
    public string? TitleLevel { get; init; }
    /// <summary>The title as written, e.g. 主任医师.</summary>
    public string? ProfessionalTitle { get; init; }
    /// <summary>Discipline codes of the site's list (<c>public-health</c>).</summary>
    public string[]? Fields { get; init; }
    public TopicInput[]? Topics { get; init; }
    public RegionInput[]? Regions { get; init; }
    /// <summary><c>weekdays</c>, <c>weekends</c>.</summary>
    public string[]? AvailableDays { get; init; }
    /// <summary>1–12; none: all year.</summary>
    public int[]? AvailableMonths { get; init; }
    public string? AvailabilityNote { get; init; }
    /// <summary><c>mandarin</c>, <c>cantonese</c>, <c>hakka</c>, <c>teochew</c>, <c>english</c>.</summary>
    public string[]? Languages { get; init; }
    /// <summary>An image of this site's media library.</summary>
    public int? PhotoId { get; init; }
    /// <summary>Show the photo on the public profile (off by default: faces stay private).</summary>
    public bool PhotoPublic { get; init; }
    public string? Bio { get; init; }
    /// <summary>Fields kept to the reviewers: <c>gender</c>, <c>birthYear</c>, <c>organisation</c>.</summary>
    public string[]? PrivateFields { get; init; }
    /// <summary>Agreement to the consent text (purpose, retention, what is public).</summary>
    public bool Consent { get; init; }
}

/// <summary>An application checked and turned into values; <see cref="Errors"/> name the fields (zh-CN).</summary>
public sealed class CheckedInput
{
    public Dictionary<string, string[]> Errors { get; } = [];
    public string Name { get; set; } = "";
    public LecturerGender Gender { get; set; }
    public int? BirthYear { get; set; }
    public string Organisation { get; set; } = "";
    public TitleLevel TitleLevel { get; set; }
    public string ProfessionalTitle { get; set; } = "";
    public List<int> DisciplineIds { get; } = [];
    public List<LecturerTopic> Topics { get; } = [];
    public List<LecturerRegion> Regions { get; } = [];
    public AvailableDays Days { get; set; }
    public int Months { get; set; }
    public string AvailabilityNote { get; set; } = "";
    public LecturerLanguages Languages { get; set; }
    public int? PhotoId { get; set; }
    public bool PhotoPublic { get; set; }
    public string Bio { get; set; } = "";
    public PrivateFields Private { get; set; }

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var list) ? [.. list, message] : [message];
}

/// <summary>The checks of an application, one set of limits (<see cref="LecturerLimits"/>) for the API, the form and recipes.</summary>
public static class LecturerInputCheck
{
    /// <param name="disciplines">The site's disciplines by code.</param>
    public static CheckedInput Check(LecturerInput input, IReadOnlyDictionary<string, int> disciplines, int currentYear, bool requireConsent = true)
    {
        var c = new CheckedInput();
        c.Name = Line(c, "name", input.Name, LecturerLimits.Name, required: true);
        if (!string.IsNullOrWhiteSpace(input.Gender))
        {
            if (LecturerWords.One(LecturerWords.Genders, input.Gender) is { } g) c.Gender = g;
            else c.Add("gender", "性别应为 male（男）、female（女）或不填");
        }
        if (input.BirthYear is { } year)
        {
            if (year < LecturerLimits.MinBirthYear || year > currentYear - 16) c.Add("birthYear", $"出生年份应在 {LecturerLimits.MinBirthYear} 到 {currentYear - 16} 之间");
            else c.BirthYear = year;
        }
        c.Organisation = Line(c, "organisation", input.Organisation, LecturerLimits.Organisation, required: true);
        if (LecturerWords.One(LecturerWords.TitleLevels, input.TitleLevel) is { } level) c.TitleLevel = level;
        else c.Add("titleLevel", "请选择职称级别：正高、副高、中级或其他");
        c.ProfessionalTitle = Line(c, "professionalTitle", input.ProfessionalTitle, LecturerLimits.ProfessionalTitle, required: false);

        var fields = (input.Fields ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).Distinct().ToList();
        if (fields.Count == 0) c.Add("fields", "请至少选择一个学科领域");
        else if (fields.Count > LecturerLimits.Disciplines) c.Add("fields", $"学科领域最多选择 {LecturerLimits.Disciplines} 个");
        foreach (var f in fields)
        {
            if (disciplines.TryGetValue(f, out var id)) c.DisciplineIds.Add(id);
            else c.Add("fields", $"未知学科“{f}”");
        }

        var topics = input.Topics ?? [];
        if (topics.Length == 0) c.Add("topics", "请至少填写一个可讲授的讲座题目");
        else if (topics.Length > LecturerLimits.Topics) c.Add("topics", $"讲座题目最多 {LecturerLimits.Topics} 个");
        for (var i = 0; i < topics.Length && i < LecturerLimits.Topics; i++)
        {
            var t = topics[i];
            var at = $"topics[{i}]";
            var topic = new LecturerTopic { Position = i };
            topic.Title = Line(c, at + ".title", t?.Title, LecturerLimits.TopicTitle, required: true);
            topic.Summary = Text(c, at + ".summary", t?.Summary, LecturerLimits.TopicSummary);
            var (audiences, unknownAudiences) = LecturerWords.Parse(LecturerWords.Audiences, t?.Audiences);
            if (unknownAudiences.Count > 0) c.Add(at + ".audiences", "未知讲座对象：" + string.Join("、", unknownAudiences));
            else if (audiences == LectureAudiences.None) c.Add(at + ".audiences", "请选择讲座对象");
            topic.Audiences = audiences;
            var duration = t?.DurationMinutes ?? 60;
            if (duration < LecturerLimits.MinDuration || duration > LecturerLimits.MaxDuration)
                c.Add(at + ".durationMinutes", $"时长应在 {LecturerLimits.MinDuration} 到 {LecturerLimits.MaxDuration} 分钟之间");
            topic.DurationMinutes = duration;
            var (formats, unknownFormats) = LecturerWords.Parse(LecturerWords.Formats, t?.Formats is { Length: > 0 } f ? f : ["onsite"]);
            if (unknownFormats.Count > 0) c.Add(at + ".formats", "形式应为 onsite（线下）或 online（线上）");
            topic.Formats = formats;
            c.Topics.Add(topic);
        }

        var regions = input.Regions ?? [];
        if (regions.Length == 0) c.Add("regions", "请至少选择一个愿意前往的城市");
        else if (regions.Length > LecturerLimits.Regions) c.Add("regions", $"地区最多 {LecturerLimits.Regions} 个");
        for (var i = 0; i < regions.Length && i < LecturerLimits.Regions; i++)
        {
            var city = regions[i]?.City?.Trim() ?? "";
            if (!LecturerWords.Cities.Contains(city)) c.Add($"regions[{i}].city", $"未知城市“{city}”；应为广东省 21 个地级市之一的中文名，例如 广州、韶关");
            var county = Line(c, $"regions[{i}].county", regions[i]?.County, LecturerLimits.County, required: false);
            if (!c.Regions.Any(r => r.City == city && r.County == county)) c.Regions.Add(new LecturerRegion { City = city, County = county });
        }

        var (days, unknownDays) = LecturerWords.Parse(LecturerWords.Days, input.AvailableDays);
        if (unknownDays.Count > 0) c.Add("availableDays", "应为 weekdays（工作日）或 weekends（周末）");
        c.Days = days;
        if ((input.AvailableMonths ?? []).Any(m => m is < 1 or > 12)) c.Add("availableMonths", "月份应在 1 到 12 之间");
        c.Months = LecturerWords.MonthMask(input.AvailableMonths);
        c.AvailabilityNote = Line(c, "availabilityNote", input.AvailabilityNote, LecturerLimits.AvailabilityNote, required: false);

        var (languages, unknownLanguages) = LecturerWords.Parse(LecturerWords.Languages, input.Languages);
        if (unknownLanguages.Count > 0) c.Add("languages", "未知语言：" + string.Join("、", unknownLanguages));
        else if (languages == LecturerLanguages.None) c.Add("languages", "请至少选择一种授课语言");
        c.Languages = languages;

        var (privates, unknownPrivates) = LecturerWords.Parse(LecturerWords.Privates, input.PrivateFields);
        if (unknownPrivates.Count > 0) c.Add("privateFields", "可设为不公开的只有 gender、birthYear、organisation");
        c.Private = privates;
        c.PhotoId = input.PhotoId is > 0 ? input.PhotoId : null;
        c.PhotoPublic = input.PhotoPublic && c.PhotoId is not null;
        c.Bio = Text(c, "bio", input.Bio, LecturerLimits.Bio);
        if (requireConsent && !input.Consent) c.Add("consent", "请阅读并同意个人信息使用说明");
        return c;
    }

    static string Line(CheckedInput c, string field, string? value, int max, bool required)
    {
        if (SingleLine.Check(value, max, out var v, required) is { } problem) c.Add(field, problem.TrimEnd('。'));
        return v;
    }

    static string Text(CheckedInput c, string field, string? value, int max)
    {
        var v = (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (v.Any(ch => char.IsControl(ch) && ch != '\n')) c.Add(field, "不能包含控制字符");
        if (v.Length > max) c.Add(field, $"长度不能超过 {max} 个字符");
        return v;
    }
}
