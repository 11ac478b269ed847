namespace Outreach.Lecturers;

/// <summary>
/// The words of the module's fixed lists: the code used in URLs, APIs and recipes (lower-case English) and the
/// Chinese shown to people. One place, so the form, the filters, the API and the recipe step agree.
/// </summary>
public static class LecturerWords
{
    public static readonly IReadOnlyList<(LectureAudiences Value, string Code, string Zh)> Audiences =
    [
        (LectureAudiences.Students, "students", "中小学生"),
        (LectureAudiences.Residents, "residents", "社区居民"),
        (LectureAudiences.Seniors, "seniors", "老年人"),
        (LectureAudiences.Farmers, "farmers", "农民"),
        (LectureAudiences.Employees, "employees", "企业职工"),
        (LectureAudiences.Officials, "officials", "公务员"),
    ];

    public static readonly IReadOnlyList<(LecturerLanguages Value, string Code, string Zh)> Languages =
    [
        (LecturerLanguages.Mandarin, "mandarin", "普通话"),
        (LecturerLanguages.Cantonese, "cantonese", "粤语"),
        (LecturerLanguages.Hakka, "hakka", "客家话"),
        (LecturerLanguages.Teochew, "teochew", "潮汕话"),
        (LecturerLanguages.English, "english", "English"),
    ];

    public static readonly IReadOnlyList<(LectureFormats Value, string Code, string Zh)> Formats =
    [
        (LectureFormats.OnSite, "onsite", "线下"),
        (LectureFormats.Online, "online", "线上"),
    ];

    public static readonly IReadOnlyList<(AvailableDays Value, string Code, string Zh)> Days =
    [
        (AvailableDays.Weekdays, "weekdays", "工作日"),
        (AvailableDays.Weekends, "weekends", "周末"),
    ];

    public static readonly IReadOnlyList<(TitleLevel Value, string Code, string Zh)> TitleLevels =
    [
        (TitleLevel.Senior, "senior", "正高"),
        (TitleLevel.AssociateSenior, "associate-senior", "副高"),
        (TitleLevel.Intermediate, "intermediate", "中级"),
        (TitleLevel.Other, "other", "其他"),
    ];

    public static readonly IReadOnlyList<(LecturerGender Value, string Code, string Zh)> Genders =
    [
        (LecturerGender.Unspecified, "", "不填"),
        (LecturerGender.Male, "male", "男"),
        (LecturerGender.Female, "female", "女"),
    ];

    public static readonly IReadOnlyList<(PrivateFields Value, string Code, string Zh)> Privates =
    [
        (PrivateFields.Gender, "gender", "性别"),
        (PrivateFields.BirthYear, "birthYear", "出生年份"),
        (PrivateFields.Organisation, "organisation", "工作单位"),
    ];

    /// <summary>Guangdong's 21 prefecture-level cities.</summary>
    public static readonly IReadOnlyList<string> Cities =
        ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山", "江门", "阳江",
         "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮"];

    public static string Status(LecturerStatus s) => s switch
    {
        LecturerStatus.Pending => "pending",
        LecturerStatus.ChangesRequested => "changes-requested",
        LecturerStatus.Approved => "approved",
        LecturerStatus.Rejected => "rejected",
        LecturerStatus.Paused => "paused",
        _ => "left",
    };

    public static string StatusZh(LecturerStatus s) => s switch
    {
        LecturerStatus.Pending => "待审核",
        LecturerStatus.ChangesRequested => "需修改后重新提交",
        LecturerStatus.Approved => "已通过",
        LecturerStatus.Rejected => "未通过",
        LecturerStatus.Paused => "暂停接单",
        _ => "已退出",
    };

    public static string Status(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Pending => "pending",
        ApplicationStatus.ChangesRequested => "changes-requested",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Rejected => "rejected",
        _ => "withdrawn",
    };

    public static string StatusZh(ApplicationStatus s) => s switch
    {
        ApplicationStatus.Pending => "待审核",
        ApplicationStatus.ChangesRequested => "需修改",
        ApplicationStatus.Approved => "已通过",
        ApplicationStatus.Rejected => "未通过",
        _ => "已撤回",
    };

    public static ApplicationStatus? ParseApplicationStatus(string? s) => s switch
    {
        "pending" => ApplicationStatus.Pending,
        "changes-requested" => ApplicationStatus.ChangesRequested,
        "approved" => ApplicationStatus.Approved,
        "rejected" => ApplicationStatus.Rejected,
        "withdrawn" => ApplicationStatus.Withdrawn,
        _ => null,
    };

    public static IReadOnlyList<string> Codes<T>(IReadOnlyList<(T Value, string Code, string Zh)> list, T flags) where T : struct, Enum =>
        list.Where(x => Convert.ToInt32(x.Value, System.Globalization.CultureInfo.InvariantCulture) != 0 && flags.HasFlag(x.Value)).Select(x => x.Code).ToList();

    public static IReadOnlyList<string> Names<T>(IReadOnlyList<(T Value, string Code, string Zh)> list, T flags) where T : struct, Enum =>
        list.Where(x => Convert.ToInt32(x.Value, System.Globalization.CultureInfo.InvariantCulture) != 0 && flags.HasFlag(x.Value)).Select(x => x.Zh).ToList();

    /// <summary>Codes (or Chinese names) to flags; the unknown ones are returned so the caller can name them.</summary>
    public static (T Flags, IReadOnlyList<string> Unknown) Parse<T>(IReadOnlyList<(T Value, string Code, string Zh)> list, IEnumerable<string>? words) where T : struct, Enum
    {
        var flags = 0;
        var unknown = new List<string>();
        foreach (var word in words ?? [])
        {
            var w = word.Trim();
            var hit = list.FirstOrDefault(x => x.Code.Equals(w, StringComparison.OrdinalIgnoreCase) || x.Zh == w);
            if (hit.Code is null || w.Length == 0) unknown.Add(word);
            else flags |= Convert.ToInt32(hit.Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return ((T)Enum.ToObject(typeof(T), flags), unknown);
    }

    public static T? One<T>(IReadOnlyList<(T Value, string Code, string Zh)> list, string? word) where T : struct, Enum
    {
        var w = word?.Trim() ?? "";
        var hit = list.FirstOrDefault(x => x.Code.Equals(w, StringComparison.OrdinalIgnoreCase) || x.Zh == w);
        return hit.Code is null ? null : hit.Value;
    }

    /// <summary>Months bitmask → 1..12.</summary>
    public static IReadOnlyList<int> Months(int mask) => Enumerable.Range(1, 12).Where(m => (mask & (1 << (m - 1))) != 0).ToList();

    public static int MonthMask(IEnumerable<int>? months) => (months ?? []).Where(m => m is >= 1 and <= 12).Aggregate(0, (mask, m) => mask | (1 << (m - 1)));
}
