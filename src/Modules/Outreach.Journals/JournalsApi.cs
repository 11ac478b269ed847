using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;

namespace Outreach.Journals;

/// <summary>
/// <c>/api/v1/journals</c>, <c>/journals/{slug}/issues</c>, <c>/issues/{id}</c>, <c>/articles/{id}</c> and
/// <c>/articles/{id}/citation</c>: what readers see, as JSON. Lists are paged like the events API; every journal, issue
/// and article has its <c>id</c> and public <c>url</c>; instants are in Beijing time (+08:00).
/// </summary>
public static class JournalsApi
{
    public const int PageSize = 20;

    public sealed record JournalDto(int Id, string Slug, string Title, string TitleEn, string Abbreviation, string Issn, string EIssn,
        string CnNumber, string Publisher, string EditorInChief, string Frequency, string Licence, string Url);

    public sealed record JournalPage(IReadOnlyList<JournalDto> Items, int Total, int Page, int PageSize);

    public sealed record IssueDto(int Id, string Journal, int Year, int Volume, int Number, string Label, string SpecialTitle,
        DateTimeOffset? PublishedAt, string Url);

    public sealed record IssuePage(IReadOnlyList<IssueDto> Items, int Total, int Page, int PageSize);

    public sealed record AuthorDto(string Name, string NameZh, string NameEn, IReadOnlyList<string> Affiliations, string Orcid, bool Corresponding, string? Email);

    public sealed record ReferenceDto(string Text, string Doi);

    public sealed record ArticleSummaryDto(int Id, string Title, string TitleEn, IReadOnlyList<string> Authors, string Section, string Pages,
        string Doi, string Url, string? PdfUrl);

    public sealed record IssueDetailDto(int Id, string Journal, int Year, int Volume, int Number, string Label, string SpecialTitle,
        DateTimeOffset? PublishedAt, string Url, IReadOnlyList<ArticleSummaryDto> Articles);

    public sealed record ArticleDto(int Id, string Title, string Subtitle, string TitleEn, string SubtitleEn, string Abstract, string AbstractEn,
        IReadOnlyList<string> Keywords, IReadOnlyList<string> KeywordsEn, IReadOnlyList<AuthorDto> Authors, string Doi, string FirstPage,
        string LastPage, string ArticleNumber, DateOnly? Received, DateOnly? Accepted, DateTimeOffset? PublishedAt, string Clc,
        string DocumentCode, string Funding, IReadOnlyList<ReferenceDto> References, string Language, string Section,
        string Journal, int IssueId, string IssueUrl, string Url, string? PdfUrl, DateTimeOffset? PdfEmbargoUntil, int Views, int Downloads);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Journals");
        api.MapGet("/journals", ListJournalsAsync).WithName("ListJournals");
        api.MapGet("/journals/{slug}/issues", ListIssuesAsync).WithName("ListJournalIssues");
        api.MapGet("/issues/{id:int}", GetIssueAsync).WithName("GetJournalIssue");
        api.MapGet("/articles/{id:int}", GetArticleAsync).WithName("GetJournalArticle");
        api.MapGet("/articles/{id:int}/citation", GetCitationAsync).WithName("GetJournalArticleCitation");
    }

    static Dictionary<string, string[]>? PageProblem(int? page) =>
        page is < 1 ? new() { ["page"] = ["页码应为不小于 1 的整数。"] } : null;

    static async Task<Results<Ok<JournalPage>, ValidationProblem>> ListJournalsAsync(int? page, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        if (PageProblem(page) is { } problem) return TypedResults.ValidationProblem(problem, title: "查询参数有误");
        var number = page ?? 1;
        var query = db.Set<Journal>().AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(j => j.Order).ThenBy(j => j.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return TypedResults.Ok(new JournalPage(items.Select(j => Dto(j, http)).ToList(), total, number, PageSize));
    }

    static JournalDto Dto(Journal j, HttpContext http) => new(j.Id, j.Slug, j.TitleZh, j.TitleEn, j.Abbreviation, j.Issn, j.EIssn, j.CnNumber,
        j.Publisher, j.EditorInChief, j.Frequency, j.Licence, JournalLinks.Absolute(http, JournalLinks.Journal(j)));

    static IssueDto Dto(Journal j, JournalIssue i, HttpContext http) => new(i.Id, j.Slug, i.Year, i.Volume, i.Number, i.Label, i.SpecialTitle,
        i.PublishedAt is { } p ? OutreachTime.ToBeijing(p) : null, JournalLinks.Absolute(http, JournalLinks.Issue(j, i)));

    static async Task<Results<Ok<IssuePage>, ValidationProblem, NotFound>> ListIssuesAsync(string slug, int? page, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        if (PageProblem(page) is { } problem) return TypedResults.ValidationProblem(problem, title: "查询参数有误");
        var journal = await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        if (journal is null) return TypedResults.NotFound();
        var number = page ?? 1;
        var query = JournalQuery.PublicIssues(db).Where(i => i.JournalId == journal.Id);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.Year).ThenByDescending(i => i.Volume).ThenByDescending(i => i.Number)
            .Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return TypedResults.Ok(new IssuePage(items.Select(i => Dto(journal, i, http)).ToList(), total, number, PageSize));
    }

    static async Task<Results<Ok<IssueDetailDto>, NotFound>> GetIssueAsync(int id, HttpContext http, OutreachDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var issue = await JournalQuery.PublicIssues(db).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null) return TypedResults.NotFound();
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        var articles = await JournalQuery.PublicArticles(db).Where(a => a.IssueId == id).OrderBy(a => a.Order).ThenBy(a => a.Id).ToListAsync(ct);
        var sections = await db.Set<JournalSection>().AsNoTracking().Where(s => s.JournalId == journal.Id).ToDictionaryAsync(s => s.Id, s => s.TitleZh, ct);
        var now = clock.GetUtcNow();
        var i = Dto(journal, issue, http);
        return TypedResults.Ok(new IssueDetailDto(i.Id, i.Journal, i.Year, i.Volume, i.Number, i.Label, i.SpecialTitle, i.PublishedAt, i.Url,
            articles.Select(a => new ArticleSummaryDto(a.Id, a.Title, a.TitleEn, a.Authors.Select(x => x.Name).ToList(),
                a.SectionId is { } s ? sections.GetValueOrDefault(s, "") : "", a.DisplayPages, a.Doi,
                JournalLinks.Absolute(http, JournalLinks.Article(journal, a)),
                JournalQuery.PdfOpen(a, now) ? JournalLinks.Absolute(http, JournalLinks.Pdf(journal, a)) : null)).ToList()));
    }

    static async Task<Results<Ok<ArticleDto>, NotFound>> GetArticleAsync(int id, HttpContext http, OutreachDbContext db, TimeProvider clock,
        ArticleCounter counter, CancellationToken ct)
    {
        var cited = await JournalQuery.FindAsync(db, http, id, ct);
        if (cited is null) return TypedResults.NotFound();
        var (j, issue, a) = (cited.Journal, cited.Issue, cited.Article);
        var section = a.SectionId is { } sid ? await db.Set<JournalSection>().AsNoTracking().Where(s => s.Id == sid).Select(s => s.TitleZh).FirstOrDefaultAsync(ct) ?? "" : "";
        var (views, downloads) = await counter.TotalsAsync(a.Id, ct);
        return TypedResults.Ok(new ArticleDto(a.Id, a.Title, a.Subtitle, a.TitleEn, a.SubtitleEn, a.Abstract, a.AbstractEn, a.Keywords, a.KeywordsEn,
            a.Authors.Select(x => new AuthorDto(x.Name, x.NameZh, x.NameEn,
                x.Affiliations.Where(n => n >= 1 && n <= a.Affiliations.Count).Select(n => a.Affiliations[n - 1]).ToList(), x.Orcid, x.Corresponding,
                x.Corresponding && x.ShowEmail && x.Email.Length > 0 ? x.Email : null)).ToList(),
            a.Doi, a.FirstPage, a.LastPage, a.ArticleNumber, a.ReceivedOn, a.AcceptedOn, a.PublishedAt is { } p ? OutreachTime.ToBeijing(p) : null,
            a.Clc, a.DocumentCode, a.Funding, a.References.Select(r => new ReferenceDto(r.Text, r.Doi)).ToList(), a.Language, section,
            j.Slug, issue.Id, JournalLinks.Absolute(http, JournalLinks.Issue(j, issue)), cited.Url,
            JournalQuery.PdfOpen(a, clock.GetUtcNow()) ? JournalLinks.Absolute(http, JournalLinks.Pdf(j, a)) : null,
            a.PdfEmbargoUntil is { } e ? OutreachTime.ToBeijing(e) : null, views, downloads));
    }

    /// <summary><c>?format=ris|bibtex|gbt7714</c> (and <c>apa</c>) as text, in the format's own media type.</summary>
    static async Task<Results<ContentHttpResult, ValidationProblem, NotFound>> GetCitationAsync(int id, string? format, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        if (format is null || !Citations.Formats.Contains(format))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"format 应为 {string.Join("、", Citations.Formats)} 之一。"] }, title: "查询参数有误");
        var cited = await JournalQuery.FindAsync(db, http, id, ct);
        if (cited is null) return TypedResults.NotFound();
        var type = format switch
        {
            Citations.Ris => "application/x-research-info-systems",
            Citations.Bibtex => "application/x-bibtex",
            _ => "text/plain",
        };
        return TypedResults.Content(Citations.Format(cited, format), type, System.Text.Encoding.UTF8);
    }
}
