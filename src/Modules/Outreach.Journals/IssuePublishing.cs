using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Journals;

/// <summary>
/// Publishes an issue with all its (not withdrawn) articles in one save, or schedules them all for one instant: the editor
/// API and the admin page both come here, so an issue never shows without its articles.
/// </summary>
public sealed class IssuePublishing(OutreachDbContext db, ContentEditor editor, AuditLog audit, TimeProvider clock)
{
    /// <param name="at">A future instant schedules; null or a past one publishes now.</param>
    /// <returns>"published" or "scheduled", and how many articles went with the issue.</returns>
    public async Task<(string Status, int Articles)> RunAsync(JournalIssue issue, DateTimeOffset? at, ClaimsPrincipal user, CancellationToken ct)
    {
        if (at <= clock.GetUtcNow()) at = null;
        var actor = AuditLog.ActorOf(user);
        var articles = await db.Set<JournalArticle>().Where(a => a.IssueId == issue.Id && a.WithdrawnAt == null).ToListAsync(ct);
        if (at is { } when)
        {
            editor.Schedule(issue, when.ToUniversalTime(), actor);
            foreach (var a in articles) editor.Schedule(a, when.ToUniversalTime(), actor);
        }
        else
        {
            editor.Publish(issue, actor);
            foreach (var a in articles)
            {
                a.PublishedAt ??= issue.PublishedAt;
                editor.Publish(a, actor);
            }
        }
        audit.Record(user, at is null ? "content.publish" : "content.schedule", "journal-issue:" + issue.Slug, $"{articles.Count} articles");
        await db.SaveChangesAsync(ct); // one transaction
        return (at is null ? "published" : "scheduled", articles.Count);
    }
}
