using System.Text.RegularExpressions;
using Outreach.Core.Content;

namespace Outreach.Journals;

/// <summary>A journal as the recipe step gives it (the editor API does not create journals: a site admin's setup).</summary>
public sealed record JournalInput
{
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public string? TitleEn { get; init; }
    public string? Abbreviation { get; init; }
    public string? Issn { get; init; }
    public string? EIssn { get; init; }
    public string? CnNumber { get; init; }
    public string? Publisher { get; init; }
    public string? EditorInChief { get; init; }
    public string? Frequency { get; init; }
    public string? Licence { get; init; }
    public string? DoiPrefix { get; init; }
    public string? ContactEmail { get; init; }
    public string? About { get; init; }
    public string? Aims { get; init; }
    public string? Instructions { get; init; }
    public SectionInput[]? Sections { get; init; }
}

public sealed record SectionInput(string? Key, string? Title, string? TitleEn);

/// <summary>An issue: year, volume, number, an optional special-issue title, editorial and publication time.</summary>
public sealed record IssueInput
{
    public int? Year { get; init; }
    public int? Volume { get; init; }
    public int? Number { get; init; }
    public string? SpecialTitle { get; init; }
    public string? Editorial { get; init; }

    /// <summary>ISO 8601 with offset; on publishing, the issue and its articles carry it as their publication date.</summary>
    public string? PublishedAt { get; init; }
}

public static partial class JournalFields
{
    [GeneratedRegex(@"^CN\s?\d{2}-\d{4}/[A-Z]{1,2}$")] private static partial Regex CnPattern();
    [GeneratedRegex(@"^10\.\d{4,9}$")] private static partial Regex DoiPrefixPattern();

    public static Dictionary<string, string[]> Apply(JournalInput input, Journal j)
    {
        var errors = new Dictionary<string, string[]>();
        string Text(string field, string? value, int max, bool required = false)
        {
            var v = SingleLine.Normalize(value ?? "").Trim();
            if (required && v.Length == 0) errors[field] = ["必填。"];
            else if (v.Length > max) errors[field] = [$"不能超过 {max} 个字符。"];
            return v;
        }
        j.Slug = Text("slug", input.Slug, JournalLimits.Slug, required: true);
        if (j.Slug.Length > 0 && !Slugs.IsValid(j.Slug)) errors["slug"] = ["只能包含小写字母、数字和连字符，且不能全是数字。"];
        j.TitleZh = Text("title", input.Title, JournalLimits.ShortText, required: true);
        j.TitleEn = Text("titleEn", input.TitleEn, JournalLimits.ShortText);
        j.Abbreviation = Text("abbreviation", input.Abbreviation, JournalLimits.Code);
        j.Issn = Text("issn", input.Issn, JournalLimits.Code);
        if (j.Issn.Length > 0 && !ArticleFields.IssnPattern().IsMatch(j.Issn)) errors["issn"] = ["ISSN 应为 1234-567X 的形式。"];
        j.EIssn = Text("eIssn", input.EIssn, JournalLimits.Code);
        if (j.EIssn.Length > 0 && !ArticleFields.IssnPattern().IsMatch(j.EIssn)) errors["eIssn"] = ["ISSN 应为 1234-567X 的形式。"];
        j.CnNumber = Text("cnNumber", input.CnNumber, JournalLimits.Code);
        if (j.CnNumber.Length > 0 && !CnPattern().IsMatch(j.CnNumber)) errors["cnNumber"] = ["国内统一连续出版物号应为 CN 44-1234/N 的形式。"];
        j.Publisher = Text("publisher", input.Publisher, JournalLimits.ShortText);
        j.EditorInChief = Text("editorInChief", input.EditorInChief, JournalLimits.ShortText);
        j.Frequency = Text("frequency", input.Frequency, JournalLimits.Code);
        j.Licence = Text("licence", input.Licence, JournalLimits.ShortText);
        j.DoiPrefix = Text("doiPrefix", input.DoiPrefix, JournalLimits.Code);
        if (j.DoiPrefix.Length > 0 && !DoiPrefixPattern().IsMatch(j.DoiPrefix)) errors["doiPrefix"] = ["DOI 前缀应为 10.xxxx 的形式。"];
        j.ContactEmail = Text("contactEmail", input.ContactEmail, JournalLimits.ShortText);
        if (j.ContactEmail.Length > 0)
        {
            if (Outreach.Core.Mail.EmailAddress.Normalise(j.ContactEmail) is { } email) j.ContactEmail = email;
            else errors["contactEmail"] = ["邮箱地址无效。"];
        }
        j.About = input.About ?? "";
        j.Aims = input.Aims ?? "";
        j.Instructions = input.Instructions ?? "";
        foreach (var (s, i) in (input.Sections ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(s.Key) || !Slugs.IsValid(s.Key)) errors[$"sections[{i}].key"] = ["栏目键必填，只能包含小写字母、数字和连字符。"];
            if (string.IsNullOrWhiteSpace(s.Title) || s.Title.Length > JournalLimits.ShortText) errors[$"sections[{i}].title"] = [$"栏目名称必填，且不超过 {JournalLimits.ShortText} 个字符。"];
        }
        return errors;
    }

    public static Dictionary<string, string[]> Apply(IssueInput input, JournalIssue issue)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Year is not (>= 1900 and <= 2200)) errors["year"] = ["年份必填，应在 1900 到 2200 之间。"];
        if (input.Volume is not (>= 1 and <= 10000)) errors["volume"] = ["卷号必填，应为正整数。"];
        if (input.Number is not (>= 1 and <= 1000)) errors["number"] = ["期号必填，应为正整数。"];
        issue.Year = input.Year ?? 0;
        issue.Volume = input.Volume ?? 0;
        issue.Number = input.Number ?? 0;
        var special = SingleLine.Normalize(input.SpecialTitle ?? "").Trim();
        if (special.Length > JournalLimits.ShortText) errors["specialTitle"] = [$"不能超过 {JournalLimits.ShortText} 个字符。"];
        issue.SpecialTitle = special;
        issue.Editorial = input.Editorial ?? "";
        if (!string.IsNullOrWhiteSpace(input.PublishedAt))
        {
            var v = input.PublishedAt.Trim();
            if (DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) &&
                (v.EndsWith('Z') || v.Contains('+') || v.LastIndexOf('-') > 9))
                issue.PublishedAt = at.ToUniversalTime();
            else errors["publishedAt"] = ["应为带时区的 ISO 8601 时间，例如 2026-03-15T09:00:00+08:00。"];
        }
        issue.Title = issue.SpecialTitle.Length > 0 ? $"{issue.Label}（{issue.SpecialTitle}）" : issue.Label;
        return errors;
    }
}
