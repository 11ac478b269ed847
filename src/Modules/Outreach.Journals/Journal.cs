using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Journals;

/// <summary>A society's journal, internal periodical (内部资料) or newsletter. One site may publish several.</summary>
public sealed class Journal : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>In URLs (<c>/journals/{slug}</c>) and as the OAI-PMH set spec.</summary>
    public string Slug { get; set; } = "";

    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string Abbreviation { get; set; } = "";
    public string Issn { get; set; } = "";
    public string EIssn { get; set; } = "";

    /// <summary>国内统一连续出版物号, e.g. CN 44-1234/N.</summary>
    public string CnNumber { get; set; } = "";

    public string Publisher { get; set; } = "";
    public string EditorInChief { get; set; } = "";

    /// <summary>刊期 as printed: 双月刊, 季刊 ….</summary>
    public string Frequency { get; set; } = "";

    public string Licence { get; set; } = "";

    /// <summary>Crossref prefix for DOIs this journal registers (10.xxxx), if any.</summary>
    public string DoiPrefix { get; set; } = "";

    public int? CoverMediaId { get; set; }

    /// <summary>编辑部邮箱: shown on the journal page and given to harvesters as the OAI-PMH admin address.</summary>
    public string ContactEmail { get; set; } = "";

    /// <summary>Rich text (HTML): 期刊简介, 办刊宗旨, 投稿须知.</summary>
    public string About { get; set; } = "";
    public string Aims { get; set; } = "";
    public string Instructions { get; set; } = "";

    public int Order { get; set; }
}

/// <summary>A heading an issue's table of contents groups articles under (研究论文, 综述, 科普 …), per journal.</summary>
public sealed class JournalSection : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int JournalId { get; set; }
    public string Key { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>An issue (期) of a volume (卷). Publishing an issue publishes its articles with it.</summary>
public sealed class JournalIssue : PublishableContent
{
    public const string Type = "journal-issue";
    public override string ContentType => Type;

    public int JournalId { get; set; }
    public int Year { get; set; }
    public int Volume { get; set; }
    public int Number { get; set; }

    /// <summary>专刊/专辑 title; empty for a regular issue.</summary>
    public string SpecialTitle { get; set; } = "";

    public int? CoverMediaId { get; set; }

    /// <summary>卷首语 (HTML).</summary>
    public string Editorial { get; set; } = "";

    /// <summary>"2026年 第5卷 第2期" — what a reader calls the issue.</summary>
    public string Label => $"{Year}年 第{Volume}卷 第{Number}期";
}

/// <summary>An article of an issue, with bilingual metadata as Chinese journals print it.</summary>
public sealed class JournalArticle : PublishableContent
{
    public const string Type = "journal-article";
    public override string ContentType => Type;

    public int IssueId { get; set; }
    public int? SectionId { get; set; }

    /// <summary>Place in the issue's table of contents.</summary>
    public int Order { get; set; }

    public string Subtitle { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string SubtitleEn { get; set; } = "";
    public string Abstract { get; set; } = "";
    public string AbstractEn { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
    public List<string> KeywordsEn { get; set; } = [];

    /// <summary>In order; each names its affiliations by number (1-based) in <see cref="Affiliations"/>.</summary>
    public List<ArticleAuthor> Authors { get; set; } = [];
    public List<string> Affiliations { get; set; } = [];

    public string Doi { get; set; } = "";
    public string FirstPage { get; set; } = "";
    public string LastPage { get; set; } = "";

    /// <summary>For journals that number articles instead of pages (e.g. 020301).</summary>
    public string ArticleNumber { get; set; } = "";

    public DateOnly? ReceivedOn { get; set; }
    public DateOnly? AcceptedOn { get; set; }

    /// <summary>中图分类号, e.g. N49.</summary>
    public string Clc { get; set; } = "";

    /// <summary>文献标识码: A, B, C, D, E.</summary>
    public string DocumentCode { get; set; } = "";

    public string Funding { get; set; } = "";
    public List<ArticleReference> References { get; set; } = [];

    /// <summary>Optional HTML full text, sanitised when shown.</summary>
    public string HtmlFullText { get; set; } = "";

    /// <summary>zh or en: the language of the full text.</summary>
    public string Language { get; set; } = "zh";

    /// <summary>The full-text PDF in the module's private storage; null when there is none.</summary>
    public string? PdfStoredName { get; set; }
    public long PdfBytes { get; set; }

    /// <summary>Readers may fetch the PDF only from this instant on (metadata stays public).</summary>
    public DateTimeOffset? PdfEmbargoUntil { get; set; }

    /// <summary>Text extracted from the PDF in the background, for search (bounded).</summary>
    public string PdfText { get; set; } = "";
    public PdfTextState PdfTextState { get; set; }

    /// <summary>Why extraction failed, for editors ("PDF 无法解析：…").</summary>
    public string PdfWarning { get; set; } = "";

    /// <summary>撤稿: the article leaves the site, and harvesters are told it is deleted.</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public string DisplayPages => ArticleNumber.Length > 0 ? ArticleNumber : LastPage.Length > 0 ? $"{FirstPage}-{LastPage}" : FirstPage;
}

public enum PdfTextState { None = 0, Pending = 1, Done = 2, Failed = 3 }

/// <param name="NameZh">汉字姓名; empty for an author without one.</param>
/// <param name="FamilyEn">Family name in Latin letters (Zhang, Smith): citation styles need it apart from the given name.</param>
/// <param name="Affiliations">1-based numbers into the article's affiliations.</param>
/// <param name="ShowEmail">The corresponding author allowed the address to be printed.</param>
public sealed record ArticleAuthor(string NameZh, string FamilyEn, string GivenEn, IReadOnlyList<int> Affiliations, string Orcid = "",
    bool Corresponding = false, string Email = "", bool ShowEmail = false)
{
    /// <summary>"Ming Zhang", "John Smith".</summary>
    public string NameEn => $"{GivenEn} {FamilyEn}".Trim();

    /// <summary>Chinese name when there is one, else the English.</summary>
    public string Name => NameZh.Length > 0 ? NameZh : NameEn;

    /// <summary>"Smith, John": the inverted form RIS, BibTeX and Highwire prefer for Latin names.</summary>
    public string InvertedEn => GivenEn.Length > 0 ? $"{FamilyEn}, {GivenEn}" : FamilyEn;

    /// <summary>J. or J. R. from "John Ronald" (hyphenated Chinese given names keep both: Xiao-Ming → X.-M.).</summary>
    public string Initials(string separator = " ", bool dots = true) =>
        string.Join(separator, GivenEn.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => string.Join("-", part.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + (dots ? "." : "")))));
}

public sealed record ArticleReference(string Text, string Doi = "");

/// <summary>Views and PDF downloads of one article on one day (Beijing), without anything about the reader.</summary>
public sealed class ArticleDailyCount : ISiteOwned
{
    public long Id { get; set; }
    public int SiteId { get; set; }
    public int ArticleId { get; set; }
    public DateOnly Day { get; set; }
    public int Views { get; set; }
    public int Downloads { get; set; }
}

/// <summary>One limit per field, read by the EF model, the API, CSV import and the recipe step.</summary>
public static class JournalLimits
{
    public const int ShortText = 200;
    public const int Slug = 80;
    public const int Code = 40;
    public const int Abstract = 5000;
    public const int Keywords = 12;
    public const int Keyword = 60;
    public const int Authors = 60;
    public const int Affiliations = 40;
    public const int References = 300;
    public const int Reference = 1000;
    public const int Doi = 200;
    public const int Funding = 1000;

    /// <summary>Extracted PDF text kept for search; longer text is cut here.</summary>
    public const int PdfText = 200_000;
}
