using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals;

/// <summary>
/// Editors' endpoints under <c>/api/v1/admin</c> (permission <c>journals.edit</c>): create an issue, add and edit articles,
/// upload a PDF (checked by <see cref="PdfCheck"/>), publish or schedule an issue with all its articles at once, withdraw an
/// article, import an issue from CSV + PDFs.
/// </summary>
public static class JournalsEditorApi
{
    public sealed record IssueSaved(int Id, string Status, string Url);

    public sealed record ArticleSaved(int Id, string Status, string Url, bool HasPdf, string PdfText, string PdfWarning);

    public sealed record PublishInput(string? ScheduledAt);

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin: journals").DisableAntiforgery().RequireSitePermission(JournalPermissions.Edit);
        admin.MapPost("/journals/{slug}/issues", CreateIssueAsync).WithName("CreateJournalIssue");
        admin.MapPost("/issues/{id:int}/articles", CreateArticleAsync).WithName("CreateJournalArticle");
        admin.MapPut("/articles/{id:int}", UpdateArticleAsync).WithName("UpdateJournalArticle");
        admin.MapGet("/articles/{id:int}", GetArticleAsync).WithName("GetJournalArticleForEditor");
        // The server's default body limit (30 MB) would cut a PDF the configured limit allows, without a problem body;
        // PdfCheck enforces Outreach:Journals:MaxPdfBytes itself, with a clear 413.
        admin.MapPost("/articles/{id:int}/pdf", UploadPdfAsync).WithName("UploadJournalArticlePdf")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.Request)).WithFormOptions(multipartBodyLengthLimit: UploadLimits.Request);
        admin.MapPost("/issues/{id:int}/publish", PublishIssueAsync).WithName("PublishJournalIssue");
        admin.MapPost("/articles/{id:int}/withdraw", WithdrawAsync).WithName("WithdrawJournalArticle");
        admin.MapPost("/journals/{slug}/import", ImportAsync).WithName("ImportJournalIssue")
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimits.Request)).WithFormOptions(multipartBodyLengthLimit: UploadLimits.Request);
    }

    static async Task<Results<Created<IssueSaved>, ValidationProblem, NotFound, Conflict<ProblemDetails>>> CreateIssueAsync(string slug, IssueInput input,
        HttpContext http, OutreachDbContext db, ContentEditor editor, AuditLog audit, SiteContext site, CancellationToken ct)
    {
        var journal = await db.Set<Journal>().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        if (journal is null) return TypedResults.NotFound();
        var issue = new JournalIssue { JournalId = journal.Id, Status = ContentStatus.Draft };
        var errors = JournalFields.Apply(input, issue);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
        if (await db.Set<JournalIssue>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).AnyAsync(i => i.JournalId == journal.Id && i.Year == issue.Year && i.Volume == issue.Volume && i.Number == issue.Number, ct))
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "这一期已经存在", Detail = $"{issue.Label} 已经存在，请直接编辑它。" });
        issue.Slug = $"{journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}";
        editor.Add(issue, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "content.create", "journal-issue:" + issue.Slug, "draft");
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return TypedResults.Conflict(new ProblemDetails { Status = 409, Title = "这一期已经存在", Detail = $"{issue.Label} 已经存在，请直接编辑它。" });
        }
        var url = JournalLinks.Absolute(http, JournalLinks.Issue(journal, issue));
        return TypedResults.Created(url, new IssueSaved(issue.Id, "draft", url));
    }

    static async Task<Dictionary<string, int>> SectionsAsync(OutreachDbContext db, int journalId, CancellationToken ct) =>
        await db.Set<JournalSection>().Where(s => s.JournalId == journalId).ToDictionaryAsync(s => s.Key, s => s.Id, ct);

    static ArticleSaved Saved(HttpContext http, Journal j, JournalArticle a) => new(a.Id, a.Status.ToString().ToLowerInvariant(),
        JournalLinks.Absolute(http, JournalLinks.Article(j, a)), a.PdfStoredName is not null, a.PdfTextState.ToString().ToLowerInvariant(), a.PdfWarning);

    static async Task<Results<Created<ArticleSaved>, ValidationProblem, NotFound>> CreateArticleAsync(int id, ArticleInput input, HttpContext http,
        OutreachDbContext db, ContentEditor editor, AuditLog audit, CancellationToken ct)
    {
        var issue = await db.Set<JournalIssue>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null) return TypedResults.NotFound();
        var journal = await db.Set<Journal>().FirstAsync(j => j.Id == issue.JournalId, ct);
        var article = new JournalArticle { IssueId = issue.Id, Status = issue.Status };
        var errors = ArticleFields.Apply(input, article, await SectionsAsync(db, journal.Id, ct));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
        if (input.Order is null) article.Order = await db.Set<JournalArticle>().Where(a => a.IssueId == id).Select(a => (int?)a.Order).MaxAsync(ct) + 1 ?? 1;
        article.Slug = await editor.UniqueSlugAsync<JournalArticle>(input.Slug ?? $"{issue.Slug}-{article.Order}", article.Title, 0, ct);
        editor.Add(article, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "content.create", "journal-article:" + article.Slug);
        await db.SaveChangesAsync(ct);
        var saved = Saved(http, journal, article);
        return TypedResults.Created(saved.Url, saved);
    }

    static async Task<Results<Ok<ArticleSaved>, ValidationProblem, NotFound>> UpdateArticleAsync(int id, ArticleInput input, HttpContext http,
        OutreachDbContext db, ContentEditor editor, AuditLog audit, CancellationToken ct)
    {
        var article = await db.Set<JournalArticle>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return TypedResults.NotFound();
        var issue = await db.Set<JournalIssue>().FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().FirstAsync(j => j.Id == issue.JournalId, ct);
        var errors = ArticleFields.Apply(input, article, await SectionsAsync(db, journal.Id, ct));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误"); // the tracked entity is dropped with the request: nothing saved
        editor.Save(article, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "content.edit", "journal-article:" + article.Slug);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Saved(http, journal, article));
    }

    static async Task<Results<Ok<ArticleSaved>, NotFound>> GetArticleAsync(int id, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        var article = await db.Set<JournalArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return TypedResults.NotFound();
        var issue = await db.Set<JournalIssue>().AsNoTracking().FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        return TypedResults.Ok(Saved(http, journal, article));
    }

    /// <summary>multipart/form-data with the PDF in <c>file</c>. A refused file changes nothing; the reason names what to fix.</summary>
    static async Task<Results<Ok<ArticleSaved>, ProblemHttpResult, NotFound>> UploadPdfAsync(int id, IFormFile? file, HttpContext http,
        OutreachDbContext db, ArticlePdfUpload upload, CancellationToken ct)
    {
        var article = await db.Set<JournalArticle>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return TypedResults.NotFound();
        try
        {
            if (file is null) throw new PdfRejectedException("缺少 PDF 文件", "请选择要上传的 PDF 全文（表单字段 file）。");
            await using var stream = file.OpenReadStream();
            await upload.SaveAsync(article, stream, file.Length, http.User, ct);
        }
        catch (PdfRejectedException e)
        {
            return TypedResults.Problem(e.Detail, statusCode: ArticlePdfUpload.StatusOf(e), title: e.Title,
                extensions: new Dictionary<string, object?> { ["field"] = "file" });
        }
        var issue = await db.Set<JournalIssue>().AsNoTracking().FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        return TypedResults.Ok(Saved(http, journal, article));
    }

    /// <summary>Publishes (or, with a future <c>scheduledAt</c>, schedules) the issue and all its articles in one save.</summary>
    static async Task<Results<Ok<IssueSaved>, ValidationProblem, NotFound>> PublishIssueAsync(int id, PublishInput? input, HttpContext http,
        OutreachDbContext db, IssuePublishing publishing, CancellationToken ct)
    {
        var issue = await db.Set<JournalIssue>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null) return TypedResults.NotFound();
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(input?.ScheduledAt))
        {
            if (!DateTimeOffset.TryParse(input.ScheduledAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scheduledAt"] = ["应为带时区的 ISO 8601 时间。"] }, title: "输入有误");
            at = parsed;
        }
        var (status, _) = await publishing.RunAsync(issue, at, http.User, ct);
        return TypedResults.Ok(new IssueSaved(issue.Id, status, JournalLinks.Absolute(http, JournalLinks.Issue(journal, issue))));
    }

    /// <summary>撤稿: the article leaves the site and the index; OAI-PMH harvesters see it as deleted.</summary>
    static async Task<Results<Ok<ArticleSaved>, NotFound>> WithdrawAsync(int id, HttpContext http, OutreachDbContext db, ContentEditor editor,
        AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var article = await db.Set<JournalArticle>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return TypedResults.NotFound();
        article.WithdrawnAt ??= clock.GetUtcNow();
        editor.Archive(article, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "journal.withdraw", "journal-article:" + article.Slug);
        await db.SaveChangesAsync(ct);
        var issue = await db.Set<JournalIssue>().AsNoTracking().FirstAsync(i => i.Id == article.IssueId, ct);
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        return TypedResults.Ok(Saved(http, journal, article));
    }

    /// <summary>
    /// multipart/form-data: <c>csv</c> (the metadata), any number of <c>pdfs</c> (named as in the CSV's pdf column),
    /// <c>year</c>, <c>volume</c>, <c>number</c>, and <c>dryRun</c> (true by default: check first, import on a second call).
    /// </summary>
    static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ValidationProblem, NotFound>> ImportAsync(string slug, HttpContext http,
        OutreachDbContext db, IssueImport import, CancellationToken ct)
    {
        var journal = await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        if (journal is null) return TypedResults.NotFound();
        if (!http.Request.HasFormContentType) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["csv"] = ["请以 multipart/form-data 上传 CSV 文件（字段 csv）。"] }, title: "输入有误");
        var form = await http.Request.ReadFormAsync(ct);
        var csv = form.Files.GetFile("csv");
        if (csv is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["csv"] = ["请上传 CSV 文件（字段 csv）。"] }, title: "输入有误");
        static int? Int(string? s) => int.TryParse(s, out var n) ? n : null;
        var issue = new IssueInput { Year = Int(form["year"]), Volume = Int(form["volume"]), Number = Int(form["number"]), PublishedAt = form["publishedAt"].ToString() is { Length: > 0 } p ? p : null };
        var dryRun = !string.Equals(form["dryRun"], "false", StringComparison.OrdinalIgnoreCase);
        var files = form.Files.Where(f => f.Name == "pdfs").GroupBy(f => Path.GetFileName(f.FileName)).ToDictionary(g => g.Key, g => g.First());
        await using var stream = csv.OpenReadStream();
        var report = await import.RunAsync(journal, issue, stream, async name =>
        {
            if (!files.TryGetValue(name, out var f)) return null;
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }, dryRun, AuditLog.ActorOf(http.User), ct);
        return report.Ok ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
    }
}
