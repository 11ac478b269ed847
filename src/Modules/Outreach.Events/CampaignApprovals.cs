using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;

namespace Outreach.Events;

/// <summary>
/// The campaign owner's queue of other sites' events. Entries are owned by the campaign's site, so the
/// Site filter already limits a reviewer to their own campaigns; reading the guest event crosses sites.
/// </summary>
public sealed class CampaignApprovals(OutreachDbContext db, TimeProvider clock)
{
    public sealed record QueueItem(int Id, string Campaign, string Status, int EventId, string EventTitle, string EventSite,
        string City, string Type, DateTimeOffset StartsAt, bool EventPublished);

    public async Task<List<QueueItem>> QueueAsync(EntryStatus? status, CancellationToken ct)
    {
        var entries = await db.Set<CampaignEntry>().AsNoTracking().Where(e => status == null || e.Status == status)
            .OrderBy(e => e.Status).ThenBy(e => e.CreatedAt).Take(500).ToListAsync(ct);
        var campaignIds = entries.Select(e => e.CampaignId).Distinct().ToList();
        var eventIds = entries.Select(e => e.EventId).Distinct().ToList();
        var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var events = await db.Set<Event>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayNameZh, ct);
        return entries.Where(e => events.ContainsKey(e.EventId)).Select(e =>
        {
            var ev = events[e.EventId];
            return new QueueItem(e.Id, campaigns.GetValueOrDefault(e.CampaignId)?.Slug ?? "", e.Status.ToString().ToLowerInvariant(), ev.Id, ev.Title,
                sites.GetValueOrDefault(ev.SiteId, ""), ev.City, ev.Type, OutreachTime.ToBeijing(ev.StartsAt), ev.IsPublic);
        }).ToList();
    }

    /// <summary>False when the entry is not one of this site's.</summary>
    public async Task<bool> DecideAsync(int entryId, EntryStatus decision, CancellationToken ct)
    {
        var entry = await db.Set<CampaignEntry>().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null) return false;
        entry.Status = decision;
        entry.DecidedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/campaign-entries").WithTags("Admin: campaigns").DisableAntiforgery();

        api.MapGet("", async (string? status, CampaignApprovals approvals, CancellationToken ct) =>
        {
            EntryStatus? filter = Enum.TryParse<EntryStatus>(status, ignoreCase: true, out var s) ? s : null;
            return TypedResults.Ok(await approvals.QueueAsync(filter, ct));
        }).RequireSitePermission(Permissions.ReviewContent).WithName("ListCampaignEntries");

        api.MapPost("/{id:int}/approve", (int id, HttpContext http, CampaignApprovals approvals, AuditLog audit, CancellationToken ct) =>
            DecideAsync(id, EntryStatus.Approved, http, approvals, audit, ct)).RequireSitePermission(Permissions.ReviewContent).WithName("ApproveCampaignEntry");

        api.MapPost("/{id:int}/reject", (int id, HttpContext http, CampaignApprovals approvals, AuditLog audit, CancellationToken ct) =>
            DecideAsync(id, EntryStatus.Rejected, http, approvals, audit, ct)).RequireSitePermission(Permissions.ReviewContent).WithName("RejectCampaignEntry");
    }

    static async Task<Results<NoContent, NotFound>> DecideAsync(int id, EntryStatus decision, HttpContext http, CampaignApprovals approvals,
        AuditLog audit, CancellationToken ct)
    {
        audit.Record(http.User, "campaign." + decision.ToString().ToLowerInvariant(), "campaign-entry:" + id);
        return await approvals.DecideAsync(id, decision, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
