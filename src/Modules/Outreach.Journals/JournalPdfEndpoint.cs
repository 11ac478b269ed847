using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Outreach.Core.Data;

namespace Outreach.Journals;

/// <summary>
/// The full-text PDF of a public article, from private storage: range requests (PDF viewers fetch pages on demand),
/// ETag and Last-Modified for revalidation, and a Chinese file name (RFC 5987 <c>filename*</c>) with an ASCII fallback.
/// </summary>
public static class JournalPdfEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/journals/{slug}/articles/{id:int}/pdf", ServeAsync).ExcludeFromDescription();

    static async Task<IResult> ServeAsync(string slug, int id, HttpContext http, OutreachDbContext db, JournalStorage storage,
        ArticleCounter counter, TimeProvider clock, CancellationToken ct)
    {
        var cited = await JournalQuery.FindAsync(db, http, slug, id, ct);
        if (cited?.Article.PdfStoredName is not { } stored) return Results.NotFound();
        var a = cited.Article;
        if (!JournalQuery.PdfOpen(a, clock.GetUtcNow()))
            return Results.Problem(statusCode: 403, title: "全文尚未开放",
                detail: $"本文全文将于 {Outreach.Core.Localization.OutreachTime.Date(a.PdfEmbargoUntil!.Value, "zh-CN")} 开放下载。");
        var path = storage.PathOf(a.SiteId, stored);
        if (!File.Exists(path)) return Results.NotFound();

        var range = http.Request.Headers.Range.ToString();
        var first = range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal);
        if (first && http.Request.Headers.IfNoneMatch.Count == 0) await counter.CountAsync(http, a, ArticleCounter.Kind.Download, ct);

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(FileName(cited)); // filename="…" (ASCII, '_' for the rest) and filename*=UTF-8''…
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var info = new FileInfo(path);
        return Results.File(path, "application/pdf", fileDownloadName: null, lastModified: info.LastWriteTimeUtc,
            entityTag: new EntityTagHeaderValue("\"" + Path.GetFileNameWithoutExtension(stored) + "\""), enableRangeProcessing: true);
    }

    /// <summary>"张明等_题名.pdf": what a reader's download folder should show; characters unsafe in file names are dropped.</summary>
    public static string FileName(CitedArticle c)
    {
        var a = c.Article;
        var author = a.Authors.FirstOrDefault()?.Name ?? "";
        if (a.Authors.Count > 1) author += "等";
        var title = a.Title.Length > 60 ? a.Title[..60] : a.Title;
        var name = (author.Length > 0 ? author + "_" : "") + title;
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', '/', ':', '*', '?', '<', '>', '|']).ToHashSet();
        return new string(name.Where(ch => !invalid.Contains(ch) && !char.IsControl(ch)).ToArray()) + ".pdf";
    }
}
