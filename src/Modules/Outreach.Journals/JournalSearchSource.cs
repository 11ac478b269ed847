using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Search;

namespace Outreach.Journals;

/// <summary>
/// Public articles of every site as search documents: bilingual title, abstract, keywords, authors and affiliations, then
/// the PDF's extracted text. The journal (its Chinese title) and the section are facets (also kept as tags
/// <c>journal:slug</c>, <c>section:研究论文</c>); the date (the issue's publication) gives the year facet.
/// </summary>
public sealed class JournalSearchSource : ISearchDocumentSource
{
    public IReadOnlyCollection<string> Types { get; } = [JournalArticle.Type];

    public IReadOnlyList<SearchFacet> Facets { get; } = [new("journal", "期刊", "Journal"), new("section", "栏目", "Section")];

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(OutreachDbContext db, IReadOnlyCollection<string>? keys, CancellationToken ct)
    {
        // Crossing sites on purpose (the index serves the portal); only public articles of published issues leave here.
        var issueSet = db.Set<JournalIssue>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        var articles = db.Set<JournalArticle>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(a => a.Status == ContentStatus.Published && a.WithdrawnAt == null)
            .Where(a => issueSet.Any(i => i.Id == a.IssueId && i.Status == ContentStatus.Published));
        if (keys is not null)
        {
            var guids = keys.Select(k => k.Split(':', 2)).Where(p => p.Length == 2 && p[0] == JournalArticle.Type)
                .Select(p => Guid.TryParseExact(p[1], "N", out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            if (guids.Count == 0) return [];
            articles = articles.Where(a => guids.Contains(a.Key));
        }
        var list = await articles.ToListAsync(ct);
        var issueIds = list.Select(a => a.IssueId).Distinct().ToList();
        var issues = await db.Set<JournalIssue>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(i => issueIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var journalIds = issues.Values.Select(i => i.JournalId).Distinct().ToList();
        var journals = await db.Set<Journal>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(j => journalIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, ct);
        var sections = await db.Set<JournalSection>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(s => journalIds.Contains(s.JournalId)).ToDictionaryAsync(s => s.Id, ct);
        return list.Select(a =>
        {
            var issue = issues[a.IssueId];
            var journal = journals[issue.JournalId];
            var body = string.Join(' ', new[]
            {
                a.Subtitle, a.TitleEn, a.SubtitleEn, string.Join(' ', a.Authors.Select(x => x.NameZh + " " + x.NameEn)),
                string.Join(' ', a.Affiliations), string.Join(' ', a.Keywords), string.Join(' ', a.KeywordsEn),
                a.Abstract, a.AbstractEn, journal.TitleZh, SearchText.FromHtml(a.HtmlFullText), a.PdfText,
            }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var tags = new List<string> { "journal:" + journal.Slug };
            var facets = new Dictionary<string, IReadOnlyList<string>> { ["journal"] = [journal.TitleZh] };
            if (a.SectionId is { } sid && sections.TryGetValue(sid, out var section))
            {
                tags.Add("section:" + section.TitleZh);
                facets["section"] = [section.TitleZh];
            }
            return new SearchDocument(SearchChange.KeyOf(JournalArticle.Type, a.Key), a.SiteId, JournalArticle.Type, a.Title, body,
                JournalLinks.Article(journal, a), a.PublishedAt ?? issue.PublishedAt, Tags: tags, Facets: facets);
        }).ToList();
    }
}

/// <summary>The site's journals, issues and articles for its sitemap.</summary>
public sealed class JournalSitemapSource(OutreachDbContext db) : ISitemapSource
{
    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(Microsoft.AspNetCore.Http.HttpContext http, CancellationToken ct)
    {
        var journals = await db.Set<Journal>().AsNoTracking().ToDictionaryAsync(j => j.Id, ct);
        if (journals.Count == 0) return [];
        var issues = await JournalQuery.PublicIssues(db).ToListAsync(ct);
        var articles = await JournalQuery.PublicArticles(db).OrderBy(a => a.Id).Take(40000).ToListAsync(ct);
        var byId = issues.ToDictionary(i => i.Id);
        var entries = new List<SitemapEntry> { new("/journals", null) };
        entries.AddRange(journals.Values.Select(j => new SitemapEntry(JournalLinks.Journal(j), issues.Where(i => i.JournalId == j.Id).Select(i => (DateTimeOffset?)i.UpdatedAt).Max())));
        entries.AddRange(issues.Select(i => new SitemapEntry(JournalLinks.Issue(journals[i.JournalId], i), i.UpdatedAt)));
        entries.AddRange(articles.Where(a => byId.ContainsKey(a.IssueId)).Select(a => new SitemapEntry(JournalLinks.Article(journals[byId[a.IssueId].JournalId], a), a.UpdatedAt)));
        return entries;
    }
}
