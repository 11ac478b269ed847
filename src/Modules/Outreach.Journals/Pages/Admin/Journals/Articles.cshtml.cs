using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals.Pages.Admin.Journals;

/// <summary>An issue's table of contents for editors: order, authors, pages, PDF and its text extraction, withdraw (撤稿).</summary>
[SitePermission(JournalPermissions.Edit)]
public sealed class ArticlesModel(OutreachDbContext db, SiteContext site, ContentEditor editor, AuditLog audit, TimeProvider clock) : PageModel
{
    public Journal Journal { get; private set; } = null!;
    public JournalIssue Issue { get; private set; } = null!;
    public IReadOnlyList<JournalArticle> Articles { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Sections { get; private set; } = new Dictionary<int, string>();

    [BindProperty(SupportsGet = true, Name = "issue")] public int IssueId { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>撤稿: the article leaves the site and the index; harvesters see a deleted record.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int articleId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var article = await db.Set<JournalArticle>().FirstOrDefaultAsync(a => a.Id == articleId && a.IssueId == IssueId, ct);
        if (article is null) return NotFound();
        article.WithdrawnAt ??= clock.GetUtcNow();
        editor.Archive(article, AuditLog.ActorOf(User));
        audit.Record(User, "journal.withdraw", "journal-article:" + article.Slug);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已撤稿：{article.Title}";
        return Redirect(site.Url("/admin/journals/articles?issue=" + IssueId));
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<JournalIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == IssueId, ct) is not { } issue) return false;
        Issue = issue;
        Journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        Articles = await db.Set<JournalArticle>().AsNoTracking().Where(a => a.IssueId == issue.Id).OrderBy(a => a.Order).ThenBy(a => a.Id).ToListAsync(ct);
        Sections = await db.Set<JournalSection>().AsNoTracking().Where(s => s.JournalId == Journal.Id).ToDictionaryAsync(s => s.Id, s => s.TitleZh, ct);
        return true;
    }

    public static string PdfText(JournalArticle a) => a.PdfStoredName is null ? "无" : a.PdfTextState switch
    {
        PdfTextState.Done => "已上传 · 全文已索引",
        PdfTextState.Failed => "已上传 · 无法提取文字",
        PdfTextState.Pending => "已上传 · 正在提取文字",
        _ => "已上传",
    };
}
