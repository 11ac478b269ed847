using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;

namespace Outreach.Journals;

/// <summary>
/// Views and downloads per article per day (Beijing), as COUNTER-style totals: nothing about the reader is stored.
/// Robots (by user agent) are not counted. Increments are one atomic UPDATE; the day's row is created on first use.
/// </summary>
public sealed partial class ArticleCounter(OutreachDbContext db, TimeProvider clock)
{
    public enum Kind { View, Download }

    [GeneratedRegex(@"bot|crawl|spider|slurp|curl|wget|python|java/|httpclient|okhttp|go-http|headless|scrapy|feedfetcher|facebookexternalhit|preview|monitor|baiduspider|yisouspider|sogou|bytespider|archive\.org",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Robots();

    public static bool IsRobot(string? userAgent) => string.IsNullOrWhiteSpace(userAgent) || Robots().IsMatch(userAgent);

    public async Task CountAsync(HttpContext http, JournalArticle article, Kind kind, CancellationToken ct)
    {
        if (IsRobot(http.Request.Headers.UserAgent)) return;
        var day = DateOnly.FromDateTime(OutreachTime.ToBeijing(clock.GetUtcNow()).DateTime);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var rows = kind == Kind.View
                ? await db.Set<ArticleDailyCount>().Where(c => c.ArticleId == article.Id && c.Day == day).ExecuteUpdateAsync(s => s.SetProperty(c => c.Views, c => c.Views + 1), ct)
                : await db.Set<ArticleDailyCount>().Where(c => c.ArticleId == article.Id && c.Day == day).ExecuteUpdateAsync(s => s.SetProperty(c => c.Downloads, c => c.Downloads + 1), ct);
            if (rows > 0) return;
            var row = new ArticleDailyCount { SiteId = article.SiteId, ArticleId = article.Id, Day = day, Views = kind == Kind.View ? 1 : 0, Downloads = kind == Kind.Download ? 1 : 0 };
            db.Add(row);
            try { await db.SaveChangesAsync(ct); return; }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                db.Entry(row).State = EntityState.Detached; // another request created the day's row first: increment it
            }
        }
    }

    public async Task<(int Views, int Downloads)> TotalsAsync(int articleId, CancellationToken ct)
    {
        var rows = db.Set<ArticleDailyCount>().AsNoTracking().Where(c => c.ArticleId == articleId);
        return (await rows.SumAsync(c => c.Views, ct), await rows.SumAsync(c => c.Downloads, ct));
    }
}
