using Outreach.Core.Localization;

namespace Outreach.Journals;

// What the Journals templates (and themes overriding them) may read; registered in the manifest.

public sealed record JournalView(int Id, string Slug, string Title, string TitleEn, string Abbreviation, string Issn, string EIssn,
    string CnNumber, string Publisher, string EditorInChief, string Frequency, string Licence, string About, string Aims,
    string Instructions, string Url)
{
    public static JournalView From(Journal j, Func<string, string> url) => new(j.Id, j.Slug, j.TitleZh, j.TitleEn, j.Abbreviation,
        j.Issn, j.EIssn, j.CnNumber, j.Publisher, j.EditorInChief, j.Frequency, j.Licence, j.About, j.Aims, j.Instructions, url(JournalLinks.Journal(j)));
}

public sealed record IssueView(int Id, int Year, int Volume, int Number, string Label, string SpecialTitle, string Editorial,
    string PublishedOn, string Url, int ArticleCount)
{
    public static IssueView From(Journal j, JournalIssue i, Func<string, string> url, int articles = 0) => new(i.Id, i.Year, i.Volume, i.Number,
        i.Label, i.SpecialTitle, i.Editorial, i.PublishedAt is { } p ? OutreachTime.Date(p, "zh-CN") : "", url(JournalLinks.Issue(j, i)), articles);
}

public sealed record AuthorView(string Name, string NameEn, string Affiliations, string Orcid, bool Corresponding, string Email);

public sealed record ReferenceView(int Number, string Text, string Doi);

public sealed record ArticleView(int Id, string Title, string Subtitle, string TitleEn, string SubtitleEn, string Abstract, string AbstractEn,
    IReadOnlyList<string> Keywords, IReadOnlyList<string> KeywordsEn, IReadOnlyList<AuthorView> Authors, IReadOnlyList<string> Affiliations,
    string AuthorLine, string Doi, string Pages, string Clc, string DocumentCode, string Funding, IReadOnlyList<ReferenceView> References,
    string HtmlFullText, string Received, string Accepted, string Published, string Url, string PdfUrl, bool PdfEmbargoed, string EmbargoUntil,
    string Section, int Views, int Downloads)
{
    public static ArticleView From(Journal j, JournalArticle a, Func<string, string> url, string section, DateTimeOffset now, int views = 0, int downloads = 0) => new(
        a.Id, a.Title, a.Subtitle, a.TitleEn, a.SubtitleEn, a.Abstract, a.AbstractEn, a.Keywords, a.KeywordsEn,
        a.Authors.Select(x => new AuthorView(x.Name, x.NameEn, string.Join(",", x.Affiliations), x.Orcid, x.Corresponding,
            x.Corresponding && x.ShowEmail ? x.Email : "")).ToList(),
        a.Affiliations, string.Join("，", a.Authors.Select(x => x.Name)), a.Doi, a.DisplayPages, a.Clc, a.DocumentCode, a.Funding,
        a.References.Select((r, i) => new ReferenceView(i + 1, r.Text, r.Doi)).ToList(), a.HtmlFullText,
        a.ReceivedOn is { } r ? $"{r.Year}年{r.Month}月{r.Day}日" : "", a.AcceptedOn is { } c ? $"{c.Year}年{c.Month}月{c.Day}日" : "",
        a.PublishedAt is { } p ? OutreachTime.Date(p, "zh-CN") : "", url(JournalLinks.Article(j, a)),
        JournalQuery.PdfOpen(a, now) ? url(JournalLinks.Pdf(j, a)) : "", a.PdfStoredName is not null && !JournalQuery.PdfOpen(a, now),
        a.PdfEmbargoUntil is { } e ? OutreachTime.Date(e, "zh-CN") : "", section, views, downloads);
}

public sealed record SectionGroup(string Title, IReadOnlyList<ArticleView> Articles);

public sealed record YearGroup(int Year, IReadOnlyList<IssueView> Issues);

public sealed record MetaTag(string Name, string Content);

public sealed record CitationView(string Gbt7714, string Apa, string RisUrl, string BibtexUrl);

/// <summary><c>journals.liquid</c>: the site's journals.</summary>
public sealed record JournalListPage(IReadOnlyList<JournalView> Journals, string Title, string HeadHtml);

/// <summary><c>journal.liquid</c>: current issue, past issues by year, about.</summary>
public sealed record JournalHomePage(JournalView Journal, IssueView? Current, IReadOnlyList<SectionGroup> CurrentSections,
    IReadOnlyList<YearGroup> Years, string Title, string HeadHtml, string FeedUrl);

/// <summary><c>journal-issue.liquid</c>: the table of contents by section.</summary>
public sealed record IssuePage(JournalView Journal, IssueView Issue, IReadOnlyList<SectionGroup> Sections, string Title, string HeadHtml);

/// <summary><c>journal-article.liquid</c>.</summary>
public sealed record ArticlePage(JournalView Journal, IssueView Issue, ArticleView Article, CitationView Cite, string Title,
    string Description, string HeadHtml, string SearchUrl);
