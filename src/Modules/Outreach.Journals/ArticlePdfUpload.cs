using System.Security.Claims;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Journals;

/// <summary>
/// Replaces an article's full-text PDF after <see cref="PdfCheck"/> passed it (size, header, structure, no JavaScript or
/// launch actions); a refusal throws <see cref="PdfRejectedException"/> before anything is stored. Used by the editor API
/// and the admin page.
/// </summary>
public sealed class ArticlePdfUpload(OutreachDbContext db, ContentEditor editor, AuditLog audit, PdfCheck check, JournalStorage storage, PdfTextSignal signal)
{
    public async Task SaveAsync(JournalArticle article, Stream file, long? length, ClaimsPrincipal user, CancellationToken ct)
    {
        var bytes = await check.ReadAsync(file, length, ct);
        var old = article.PdfStoredName;
        article.PdfStoredName = await storage.SaveAsync(article.SiteId, bytes, ct);
        article.PdfBytes = bytes.LongLength;
        article.PdfTextState = PdfTextState.Pending;
        article.PdfWarning = "";
        editor.Save(article, AuditLog.ActorOf(user), "pdf");
        audit.Record(user, "journal.pdf", "journal-article:" + article.Slug, $"{bytes.LongLength} bytes");
        try { await db.SaveChangesAsync(ct); }
        catch { storage.Delete(article.SiteId, article.PdfStoredName); throw; }
        storage.Delete(article.SiteId, old); // only once the row no longer names it
        signal.Notify();
    }

    /// <summary>413 for a file over the limit, 400 for every other refusal.</summary>
    public static int StatusOf(PdfRejectedException e) => e.Title == "PDF 文件过大" ? 413 : 400;
}
