using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using UglyToad.PdfPig;

namespace Outreach.Journals;

/// <summary>Wakes the PDF text worker when a PDF was stored (other nodes find it on their next poll).</summary>
public sealed class PdfTextSignal
{
    readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Extracts the text of stored PDFs for search, in the background, bounded in pages, characters and time. A PDF that
/// cannot be read gets <see cref="PdfTextState.Failed"/> and a warning the editor sees; the worker goes on. Saving the
/// article queues its search document again (the kernel's change queue), so the text becomes searchable.
/// Re-running is harmless: two nodes extracting the same PDF write the same text.
/// </summary>
public sealed class PdfTextWorker(IServiceScopeFactory scopes, PdfTextSignal signal, JournalStorage storage,
    IOptions<JournalsOptions> options, ILogger<PdfTextWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { logger.LogError(e, "PDF text extraction pass failed"); }
            try { await signal.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One batch of pending PDFs of every site; returns how many were handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        // Crossing sites on purpose: each row's file is read from its own site's folder.
        var pending = await db.Set<JournalArticle>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(a => a.PdfTextState == PdfTextState.Pending).OrderBy(a => a.Id).Take(10).ToListAsync(ct);
        foreach (var article in pending)
        {
            if (article.PdfStoredName is null) { article.PdfTextState = PdfTextState.None; continue; }
            var path = storage.PathOf(article.SiteId, article.PdfStoredName);
            string text;
            string? warning;
            try
            {
                // A hard bound as well: a page PdfPig never finishes must not stop the queue (the thread is abandoned).
                (text, warning) = await Task.Run(() => Extract(path, ct), ct).WaitAsync(TimeSpan.FromSeconds(options.Value.ExtractSeconds * 2), ct);
            }
            catch (TimeoutException) { (text, warning) = ("", "PDF 解析超时，全文未能进入站内搜索；请检查文件后重新上传。"); }
            article.PdfText = text;
            article.PdfWarning = warning ?? "";
            article.PdfTextState = warning is null ? PdfTextState.Done : PdfTextState.Failed;
            if (warning is not null) logger.LogWarning("PDF of article {Id} (site {Site}) unreadable: {Warning}", article.Id, article.SiteId, warning);
        }
        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    (string Text, string? Warning) Extract(string path, CancellationToken ct)
    {
        var o = options.Value;
        var clock = Stopwatch.StartNew();
        var text = new StringBuilder();
        try
        {
            using var document = PdfDocument.Open(path);
            var pages = Math.Min(document.NumberOfPages, o.MaxPdfPages);
            for (var i = 1; i <= pages && text.Length < JournalLimits.PdfText; i++)
            {
                ct.ThrowIfCancellationRequested();
                if (clock.Elapsed.TotalSeconds > o.ExtractSeconds) break; // keep what we have: partial text still helps search
                var page = document.GetPage(i);
                text.Append(string.Join(" ", page.GetWords().Select(w => w.Text))).Append('\n');
            }
            var value = text.ToString();
            return (value.Length > JournalLimits.PdfText ? value[..JournalLimits.PdfText] : value, null);
        }
        catch (OperationCanceledException) { throw; }
        catch (FileNotFoundException) { return ("", "PDF 文件缺失，请重新上传全文。"); }
        catch (Exception e) { return ("", $"PDF 无法解析（{e.GetType().Name}），全文未能进入站内搜索；请重新导出后上传。"); }
    }
}
