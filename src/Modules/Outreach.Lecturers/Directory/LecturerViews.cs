namespace Outreach.Lecturers.Directory;

/// <summary>An entry of a select or a row of checkboxes.</summary>
public sealed record LecturerChoice(string Value, string Label, bool Selected = false);

public sealed record LecturerPaging(int Page, int Pages, int Total, string? Previous, string? Next);

/// <summary>A lecturer in the directory or on a team page: the public profile and the link to follow on this page.</summary>
public sealed record LecturerCard(LecturerProfile Profile, string Href, string Summary, IReadOnlyList<string> Cities, IReadOnlyList<string> LanguageNames,
    IReadOnlyList<string> AudienceNames);

public sealed record LecturerFilterView(string Q, string Field, string Audience, string City, string Language, string Team);

public sealed record FacetView(string Name, IReadOnlyList<LecturerChoice> Values);

public sealed record LecturerListPage(string Title, IReadOnlyList<LecturerCard> Lecturers, LecturerFilterView Filter, IReadOnlyList<LecturerChoice> Fields,
    IReadOnlyList<LecturerChoice> Audiences, IReadOnlyList<LecturerChoice> Cities, IReadOnlyList<LecturerChoice> Languages, IReadOnlyList<LecturerChoice> Teams,
    IReadOnlyList<FacetView> Facets, IReadOnlyList<string> Errors, LecturerPaging Paging, bool Portal, string ApplyUrl);

public sealed record TopicView(string Title, string Summary, IReadOnlyList<string> AudienceNames, int DurationMinutes, IReadOnlyList<string> FormatNames);

public sealed record LecturerPageView(string Title, string Description, LecturerProfile Lecturer, IReadOnlyList<TopicView> Topics,
    IReadOnlyList<string> Regions, IReadOnlyList<string> LanguageNames, IReadOnlyList<string> DayNames, string MonthText, string PausedUntil, string HeadHtml);

public sealed record TeamPageView(string Title, string Description, string TeamName, string TeamDescription, int? CoverImageId, LecturerCard? Lead,
    IReadOnlyList<LecturerCard> Members, string HeadHtml);

/// <summary>The apply/edit form: values as typed (or as stored), errors by field, and the state of the person.</summary>
public sealed record ApplyPage(string Title, string State, string Message, string Action, Outreach.Core.Accounts.FormToken Antiforgery,
    ApplyValues Values, Dictionary<string, string> Errors, IReadOnlyList<LecturerChoice> Fields, IReadOnlyList<LecturerChoice> Audiences,
    IReadOnlyList<LecturerChoice> Cities, IReadOnlyList<LecturerChoice> Languages, IReadOnlyList<LecturerChoice> TitleLevels,
    IReadOnlyList<LecturerChoice> Genders, IReadOnlyList<LecturerChoice> Days, IReadOnlyList<LecturerChoice> Months, IReadOnlyList<LecturerChoice> Privates,
    IReadOnlyList<TopicRow> Topics, string LoginUrl, string ConsentText, string ProfileUrl, string PausedUntil, int RetentionDays)
{
    static readonly Dictionary<string, string> Labels = new()
    {
        ["name"] = "姓名", ["gender"] = "性别", ["birthYear"] = "出生年份", ["organisation"] = "工作单位", ["titleLevel"] = "职称级别",
        ["professionalTitle"] = "职称", ["fields"] = "学科领域", ["topics"] = "讲座", ["regions"] = "城市", ["availableDays"] = "可讲时间",
        ["availableMonths"] = "可讲月份", ["availabilityNote"] = "时间说明", ["languages"] = "授课语言", ["photoId"] = "照片", ["photo"] = "照片", ["bio"] = "个人简介",
        ["privateFields"] = "不公开的信息", ["consent"] = "个人信息使用说明",
    };

    /// <summary>Every problem with the field named in words ("讲座 1 题目：必填"), for the list above the form.</summary>
    public IReadOnlyList<string> ErrorList => Errors.Select(e => Label(e.Key) + "：" + e.Value).ToList();

    static string Label(string key)
    {
        var m = System.Text.RegularExpressions.Regex.Match(key, @"^(topics|regions)\[(\d+)\]\.(\w+)$");
        if (!m.Success) return Labels.GetValueOrDefault(key, key);
        var n = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var part = m.Groups[3].Value switch
        {
            "title" => "题目", "summary" => "简介", "audiences" => "对象", "durationMinutes" => "时长", "formats" => "形式", "city" => "城市", _ => "县区",
        };
        return (m.Groups[1].Value == "topics" ? "讲座 " : "地区 ") + n + " " + part;
    }
}

public sealed record ApplyValues(string Name, string BirthYear, string Organisation, string ProfessionalTitle, string Counties, string AvailabilityNote,
    string Bio, bool PhotoPublic, string PhotoId, string PhotoUrl);

public sealed record TopicRow(int Index, string Title, string Summary, string Duration, IReadOnlyList<LecturerChoice> Audiences, bool Online, bool OnSite);
