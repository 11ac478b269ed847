using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Journals;

/// <summary>Reader pages: the site's journals, a journal's home, an issue's table of contents, an article; citation downloads.</summary>
public static class JournalPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/journals", ListAsync).ExcludeFromDescription();
        app.MapGet("/journals/{slug}", HomeAsync).ExcludeFromDescription();
        app.MapGet("/journals/{slug}/issues/{id:int}", IssueAsync).ExcludeFromDescription();
        app.MapGet("/journals/{slug}/articles/{id:int}", ArticleAsync).ExcludeFromDescription();
        app.MapGet("/journals/{slug}/articles/{id:int}/cite.{format}", CiteAsync).ExcludeFromDescription();
    }

    static async Task<IResult> ListAsync(HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views, CancellationToken ct)
    {
        var journals = await db.Set<Journal>().AsNoTracking().OrderBy(j => j.Order).ThenBy(j => j.Id).ToListAsync(ct);
        if (journals.Count == 1) return Results.Redirect(site.Url(JournalLinks.Journal(journals[0])));
        return await views.PageAsync(http, "journals", new JournalListPage(journals.Select(j => JournalView.From(j, site.Url)).ToList(), "学会刊物", JournalAssets.StyleLink(site.Url)));
    }

    static async Task<IResult> HomeAsync(string slug, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        var journal = await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        if (journal is null) return Results.NotFound();
        var issues = await JournalQuery.PublicIssues(db).Where(i => i.JournalId == journal.Id)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Volume).ThenByDescending(i => i.Number).ToListAsync(ct);
        var ids = issues.Select(i => i.Id).ToList();
        var counts = await JournalQuery.PublicArticles(db).Where(a => ids.Contains(a.IssueId)).GroupBy(a => a.IssueId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var current = issues.FirstOrDefault();
        var sections = current is null ? [] : await SectionsAsync(db, journal, current, site, clock, ct);
        var years = issues.GroupBy(i => i.Year).Select(g => new YearGroup(g.Key, g.Select(i => IssueView.From(journal, i, site.Url, counts.GetValueOrDefault(i.Id))).ToList())).ToList();
        var feed = site.Url($"/journals/{journal.Slug}/feed.atom");
        return await views.PageAsync(http, "journal", new JournalHomePage(JournalView.From(journal, site.Url),
            current is null ? null : IssueView.From(journal, current, site.Url, counts.GetValueOrDefault(current.Id)), sections, years, journal.TitleZh,
            JournalAssets.StyleLink(site.Url) + $"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{System.Net.WebUtility.HtmlEncode(journal.TitleZh)}\" href=\"{feed}\">", feed));
    }

    static async Task<IResult> IssueAsync(string slug, int id, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views, TimeProvider clock, CancellationToken ct)
    {
        var journal = await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        var issue = journal is null ? null : await JournalQuery.PublicIssues(db).FirstOrDefaultAsync(i => i.Id == id && i.JournalId == journal.Id, ct);
        if (journal is null || issue is null) return Results.NotFound();
        var sections = await SectionsAsync(db, journal, issue, site, clock, ct);
        var canonical = JournalLinks.Absolute(http, JournalLinks.Issue(journal, issue));
        return await views.PageAsync(http, "journal-issue", new IssuePage(JournalView.From(journal, site.Url),
            IssueView.From(journal, issue, site.Url, sections.Sum(s => s.Articles.Count)), sections, $"{journal.TitleZh} {issue.Label}",
            JournalAssets.StyleLink(site.Url) + $"<link rel=\"canonical\" href=\"{System.Net.WebUtility.HtmlEncode(canonical)}\">"));
    }

    /// <summary>The issue's public articles in order, grouped by section in the sections' order.</summary>
    internal static async Task<List<SectionGroup>> SectionsAsync(OutreachDbContext db, Journal journal, JournalIssue issue, SiteContext site, TimeProvider clock, CancellationToken ct)
    {
        var articles = await JournalQuery.PublicArticles(db).Where(a => a.IssueId == issue.Id).OrderBy(a => a.Order).ThenBy(a => a.Id).ToListAsync(ct);
        var sections = await db.Set<JournalSection>().AsNoTracking().Where(s => s.JournalId == journal.Id).ToDictionaryAsync(s => s.Id, ct);
        var now = clock.GetUtcNow();
        return articles.GroupBy(a => a.SectionId is { } sid && sections.ContainsKey(sid) ? sid : 0)
            .OrderBy(g => g.Key == 0 ? int.MaxValue : sections[g.Key].Order)
            .Select(g =>
            {
                var title = g.Key == 0 ? "" : sections[g.Key].TitleZh;
                return new SectionGroup(title, g.Select(a => ArticleView.From(journal, a, site.Url, title, now)).ToList());
            }).ToList();
    }

    static async Task<IResult> ArticleAsync(string slug, int id, HttpContext http, OutreachDbContext db, SiteContext site, LiquidViews views,
        TimeProvider clock, ArticleCounter counter, CancellationToken ct)
    {
        var cited = await JournalQuery.FindAsync(db, http, slug, id, ct);
        if (cited is null) return Results.NotFound();
        var (j, issue, a) = (cited.Journal, cited.Issue, cited.Article);
        await counter.CountAsync(http, a, ArticleCounter.Kind.View, ct);
        var totals = await counter.TotalsAsync(a.Id, ct);
        var now = clock.GetUtcNow();
        var section = a.SectionId is { } sid ? await db.Set<JournalSection>().AsNoTracking().Where(s => s.Id == sid).Select(s => s.TitleZh).FirstOrDefaultAsync(ct) ?? "" : "";
        var pdfUrl = JournalQuery.PdfOpen(a, now) ? JournalLinks.Absolute(http, JournalLinks.Pdf(j, a)) : null;
        var baseUrl = site.Url(JournalLinks.Article(j, a));
        return await views.PageAsync(http, "journal-article", new ArticlePage(JournalView.From(j, site.Url), IssueView.From(j, issue, site.Url),
            ArticleView.From(j, a, site.Url, section, now, totals.Views, totals.Downloads),
            new CitationView(Citations.GbT7714(cited), Citations.ApaText(cited), baseUrl + "/cite.ris", baseUrl + "/cite.bib"),
            a.Title, a.Abstract.Length > 160 ? a.Abstract[..160] + "…" : a.Abstract, JournalAssets.StyleLink(site.Url) + HarvesterMeta.Head(cited, pdfUrl), site.Url("/search")));
    }

    static async Task<IResult> CiteAsync(string slug, int id, string format, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        var cited = await JournalQuery.FindAsync(db, http, slug, id, ct);
        if (cited is null) return Results.NotFound();
        return format switch
        {
            "ris" => Results.File(System.Text.Encoding.UTF8.GetBytes(Citations.RisText(cited)), "application/x-research-info-systems; charset=utf-8", $"article-{id}.ris"),
            "bib" => Results.File(System.Text.Encoding.UTF8.GetBytes(Citations.BibTex(cited)), "application/x-bibtex; charset=utf-8", $"article-{id}.bib"),
            _ => Results.NotFound(),
        };
    }
}
