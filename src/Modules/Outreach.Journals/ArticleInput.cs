using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Journals;

public sealed record AuthorInput(string? NameZh, string? FamilyEn, string? GivenEn, int[]? Affiliations, string? Orcid,
    bool Corresponding, string? Email, bool ShowEmail);

public sealed record ReferenceInput(string? Text, string? Doi);

/// <summary>
/// An article's metadata as the editor API, the CSV import and the recipe step all give it; <see cref="ArticleFields.Apply"/>
/// checks it once, with one set of limits (<see cref="JournalLimits"/>), and names the field of each problem (zh-CN).
/// </summary>
public sealed record ArticleInput
{
    public string? Slug { get; init; }
    public string? Section { get; init; }
    public int? Order { get; init; }
    public string? Title { get; init; }
    public string? Subtitle { get; init; }
    public string? TitleEn { get; init; }
    public string? SubtitleEn { get; init; }
    public string? Abstract { get; init; }
    public string? AbstractEn { get; init; }
    public string[]? Keywords { get; init; }
    public string[]? KeywordsEn { get; init; }
    public AuthorInput[]? Authors { get; init; }
    public string[]? Affiliations { get; init; }
    public string? Doi { get; init; }

    /// <summary>"12-20", or one page "12".</summary>
    public string? Pages { get; init; }

    public string? ArticleNumber { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    public string? Received { get; init; }
    public string? Accepted { get; init; }
    public string? Clc { get; init; }
    public string? DocumentCode { get; init; }
    public string? Funding { get; init; }
    public ReferenceInput[]? References { get; init; }
    public string? HtmlFullText { get; init; }

    /// <summary>zh (default) or en.</summary>
    public string? Language { get; init; }

    /// <summary>ISO 8601 with offset: the PDF opens to readers then.</summary>
    public string? PdfEmbargoUntil { get; init; }
}

public static partial class ArticleFields
{
    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")] private static partial Regex DoiPattern();
    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] private static partial Regex OrcidPattern();
    [GeneratedRegex(@"^[A-Z][A-Z0-9.\-/:+]{0,39}$")] private static partial Regex ClcPattern();
    [GeneratedRegex(@"^\d{4}-\d{3}[\dX]$")] public static partial Regex IssnPattern();

    static readonly string[] DocumentCodes = ["A", "B", "C", "D", "E"];

    /// <summary>Copies the input onto the article; returns problems by field (camelCase, as in the API). Nothing is saved here.</summary>
    public static Dictionary<string, string[]> Apply(ArticleInput input, JournalArticle a, IReadOnlyDictionary<string, int> sections)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        string Text(string field, string? value, int max, bool required = false)
        {
            var v = SingleLine.Normalize(value ?? "").Trim();
            if (required && v.Length == 0) Error(field, "必填。");
            else if (v.Length > max) Error(field, $"不能超过 {max} 个字符。");
            else if (v.Any(SingleLine.IsForbidden)) Error(field, "不能包含控制字符。");
            return v;
        }
        string Long(string field, string? value, int max)
        {
            var v = (value ?? "").Trim();
            if (v.Length > max) Error(field, $"不能超过 {max} 个字符。");
            return v;
        }
        List<string> Words(string field, string[]? values)
        {
            var list = (values ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
            if (list.Count > JournalLimits.Keywords) Error(field, $"最多 {JournalLimits.Keywords} 个关键词。");
            else if (list.Any(k => k.Length > JournalLimits.Keyword)) Error(field, $"每个关键词不超过 {JournalLimits.Keyword} 个字符。");
            return list;
        }
        DateOnly? Day(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(field, "日期应为 YYYY-MM-DD，例如 2026-03-15。");
            return null;
        }

        a.Title = Text("title", input.Title, FieldLimits.Title, required: true);
        a.Subtitle = Text("subtitle", input.Subtitle, JournalLimits.ShortText);
        a.TitleEn = Text("titleEn", input.TitleEn, FieldLimits.Title);
        a.SubtitleEn = Text("subtitleEn", input.SubtitleEn, JournalLimits.ShortText);
        a.Abstract = Long("abstract", input.Abstract, JournalLimits.Abstract);
        a.AbstractEn = Long("abstractEn", input.AbstractEn, JournalLimits.Abstract);
        a.Keywords = Words("keywords", input.Keywords);
        a.KeywordsEn = Words("keywordsEn", input.KeywordsEn);

        var affiliations = (input.Affiliations ?? []).Select(x => x.Trim()).ToList();
        if (affiliations.Count > JournalLimits.Affiliations) Error("affiliations", $"最多 {JournalLimits.Affiliations} 个单位。");
        else if (affiliations.Any(x => x.Length is 0 or > JournalLimits.ShortText)) Error("affiliations", $"单位名称必填，且不超过 {JournalLimits.ShortText} 个字符。");
        a.Affiliations = affiliations;

        var authors = new List<ArticleAuthor>();
        var given = input.Authors ?? [];
        if (given.Length > JournalLimits.Authors) Error("authors", $"最多 {JournalLimits.Authors} 位作者。");
        for (var i = 0; i < given.Length && i < JournalLimits.Authors; i++)
        {
            var x = given[i];
            var field = $"authors[{i}]";
            var nameZh = Text(field + ".nameZh", x.NameZh, FieldLimits.PersonName);
            var family = Text(field + ".familyEn", x.FamilyEn, FieldLimits.PersonName);
            var givenName = Text(field + ".givenEn", x.GivenEn, FieldLimits.PersonName);
            if (nameZh.Length == 0 && family.Length == 0) Error(field, "作者须有中文姓名或英文姓氏。");
            var numbers = x.Affiliations ?? [];
            if (numbers.Any(n => n < 1 || n > affiliations.Count)) Error(field + ".affiliations", $"单位编号应在 1 到 {affiliations.Count} 之间。");
            var orcid = (x.Orcid ?? "").Trim();
            if (orcid.StartsWith("https://orcid.org/", StringComparison.Ordinal)) orcid = orcid["https://orcid.org/".Length..];
            if (orcid.Length > 0 && !OrcidPattern().IsMatch(orcid)) Error(field + ".orcid", "ORCID 应为 0000-0002-1825-0097 的形式。");
            var email = (x.Email ?? "").Trim();
            if (email.Length > 0)
            {
                var normalised = Outreach.Core.Mail.EmailAddress.Normalise(email);
                if (normalised is null) Error(field + ".email", "邮箱地址无效。");
                else email = normalised;
            }
            authors.Add(new ArticleAuthor(nameZh, family, givenName, numbers.Distinct().ToList(), orcid, x.Corresponding, email, x.ShowEmail && x.Corresponding));
        }
        a.Authors = authors;

        var doi = (input.Doi ?? "").Trim();
        if (doi.StartsWith("https://doi.org/", StringComparison.OrdinalIgnoreCase)) doi = doi["https://doi.org/".Length..];
        if (doi.Length > 0 && (doi.Length > JournalLimits.Doi || !DoiPattern().IsMatch(doi))) Error("doi", "DOI 应为 10.xxxx/… 的形式。");
        a.Doi = doi;

        var pages = (input.Pages ?? "").Trim().Replace('–', '-').Replace('—', '-');
        var parts = pages.Split('-', StringSplitOptions.TrimEntries);
        if (pages.Length > 0 && (parts.Length > 2 || parts.Any(p => p.Length is 0 or > 10) ||
            parts.Length == 2 && int.TryParse(parts[0], out var f) && int.TryParse(parts[1], out var l) && l < f))
            Error("pages", "页码应为“起始页-结束页”，例如 12-20。");
        a.FirstPage = pages.Length > 0 ? parts[0] : "";
        a.LastPage = parts.Length == 2 ? parts[1] : "";
        a.ArticleNumber = Text("articleNumber", input.ArticleNumber, JournalLimits.Code);

        a.ReceivedOn = Day("received", input.Received);
        a.AcceptedOn = Day("accepted", input.Accepted);
        if (a.ReceivedOn is { } r && a.AcceptedOn is { } acc && acc < r) Error("accepted", "录用日期不能早于收稿日期。");

        a.Clc = Text("clc", input.Clc, JournalLimits.Code);
        if (a.Clc.Length > 0 && !a.Clc.Split([';', '；', ' '], StringSplitOptions.RemoveEmptyEntries).All(c => ClcPattern().IsMatch(c)))
            Error("clc", "中图分类号应以大写字母开头，例如 N49 或 TP391.1。");
        a.DocumentCode = Text("documentCode", input.DocumentCode, JournalLimits.Code);
        if (a.DocumentCode.Length > 0 && !DocumentCodes.Contains(a.DocumentCode)) Error("documentCode", "文献标识码应为 A、B、C、D、E 之一。");
        a.Funding = Long("funding", input.Funding, JournalLimits.Funding);

        var references = new List<ArticleReference>();
        var refs = input.References ?? [];
        if (refs.Length > JournalLimits.References) Error("references", $"最多 {JournalLimits.References} 条参考文献。");
        for (var i = 0; i < refs.Length && i < JournalLimits.References; i++)
        {
            var text = (refs[i].Text ?? "").Trim();
            var rdoi = (refs[i].Doi ?? "").Trim();
            if (text.Length is 0 or > JournalLimits.Reference) Error($"references[{i}].text", $"必填，且不超过 {JournalLimits.Reference} 个字符。");
            if (rdoi.Length > 0 && !DoiPattern().IsMatch(rdoi)) Error($"references[{i}].doi", "DOI 应为 10.xxxx/… 的形式。");
            references.Add(new ArticleReference(text, rdoi));
        }
        a.References = references;
        a.HtmlFullText = Long("htmlFullText", input.HtmlFullText, FieldLimits.Body);

        a.Language = (input.Language ?? "zh").Trim();
        if (a.Language is not ("zh" or "en")) Error("language", "语言应为 zh 或 en。");

        if (!string.IsNullOrWhiteSpace(input.Section))
        {
            if (sections.TryGetValue(input.Section.Trim(), out var sid)) a.SectionId = sid;
            else Error("section", $"本刊没有栏目“{input.Section}”；可用：{string.Join("、", sections.Keys)}。");
        }
        if (input.Order is { } order) a.Order = order;

        if (!string.IsNullOrWhiteSpace(input.PdfEmbargoUntil))
        {
            var v = input.PdfEmbargoUntil.Trim();
            if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) && (v.EndsWith('Z') || v.Contains('+') || v.LastIndexOf('-') > 9))
                a.PdfEmbargoUntil = until.ToUniversalTime();
            else Error("pdfEmbargoUntil", "应为带时区的 ISO 8601 时间，例如 2026-12-31T00:00:00+08:00。");
        }
        else a.PdfEmbargoUntil = null;

        if (!string.IsNullOrWhiteSpace(input.Slug) && !Slugs.IsValid(input.Slug)) Error("slug", "网址别名只能包含小写字母、数字和连字符，且不能全是数字。");
        return errors;
    }
}
