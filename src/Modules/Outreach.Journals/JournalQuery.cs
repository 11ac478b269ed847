using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Journals;

/// <summary>What readers may see: published issues; published, not withdrawn articles of published issues. Site-scoped by the kernel's filter.</summary>
public static class JournalQuery
{
    public static IQueryable<JournalIssue> PublicIssues(OutreachDbContext db) =>
        db.Set<JournalIssue>().AsNoTracking().Where(i => i.Status == ContentStatus.Published);

    public static IQueryable<JournalArticle> PublicArticles(OutreachDbContext db) =>
        db.Set<JournalArticle>().AsNoTracking()
            .Where(a => a.Status == ContentStatus.Published && a.WithdrawnAt == null)
            .Where(a => db.Set<JournalIssue>().Any(i => i.Id == a.IssueId && i.Status == ContentStatus.Published));

    /// <summary>An article the reader may see, with its issue and journal; null when there is none (or not on this site).</summary>
    public static async Task<CitedArticle?> FindAsync(OutreachDbContext db, HttpContext http, string slug, int id, CancellationToken ct)
    {
        var article = await PublicArticles(db).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return null;
        var issue = await PublicIssues(db).FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        if (journal.Slug != slug) return null;
        return new CitedArticle(journal, issue, article, JournalLinks.Absolute(http, JournalLinks.Article(journal, article)));
    }

    /// <summary>Same, by article id only (the API's <c>/articles/{id}</c>).</summary>
    public static async Task<CitedArticle?> FindAsync(OutreachDbContext db, HttpContext http, int id, CancellationToken ct)
    {
        var article = await PublicArticles(db).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return null;
        var issue = await PublicIssues(db).FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        return new CitedArticle(journal, issue, article, JournalLinks.Absolute(http, JournalLinks.Article(journal, article)));
    }

    /// <summary>The PDF may be fetched: there is one and its embargo (if any) has passed.</summary>
    public static bool PdfOpen(JournalArticle a, DateTimeOffset now) => a.PdfStoredName is not null && (a.PdfEmbargoUntil is null || a.PdfEmbargoUntil <= now);
}

/// <summary>Site-relative paths of the module's pages, and absolute links from the configured public origin.</summary>
public static class JournalLinks
{
    public static string Journal(Journal j) => "/journals/" + j.Slug;
    public static string Issue(Journal j, JournalIssue i) => $"/journals/{j.Slug}/issues/{i.Id}";
    public static string Article(Journal j, JournalArticle a) => $"/journals/{j.Slug}/articles/{a.Id}";
    public static string Pdf(Journal j, JournalArticle a) => $"/journals/{j.Slug}/articles/{a.Id}/pdf";

    /// <summary>"/journals/x" → "https://origin/society/journals/x" (the site's public URL or prefix; never the Host header).</summary>
    public static string Absolute(HttpContext http, string sitePath)
    {
        var site = http.RequestServices.GetRequiredService<SiteContext>().Required;
        return http.RequestServices.GetRequiredService<SiteLinks>().Absolute(site, sitePath);
    }
}
