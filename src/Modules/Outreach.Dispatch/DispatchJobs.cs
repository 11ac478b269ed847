using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Sites;
using Quartz;

namespace Outreach.Dispatch;

/// <summary>
/// The module's sweeps, over every site that runs it with the site entered (the Site filter stays on): unanswered
/// offers go back to the queue; requests past the site's retention lose their contact data (and their mails).
/// Safe to run twice: each change is a conditional UPDATE on the state it leaves.
/// </summary>
public sealed class DispatchSweeps(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DispatchSweeps> logger)
{
    public Task<int> EscalateAsync(CancellationToken ct = default) =>
        ForEachSiteAsync((scope, _) => scope.GetRequiredService<DispatchDesk>().EscalateAsync(ct), ct);

    /// <summary>
    /// Requests whose last date lies more than <c>dispatch.retentionDays</c> (default 365) back: the contact person's
    /// name, mobile and email, the address and the notes are blanked, the mails about them deleted. Counts, topic,
    /// organisation and service records stay for statistics and certificates.
    /// </summary>
    public Task<int> PurgeAsync(CancellationToken ct = default) => ForEachSiteAsync(async (scope, site) =>
    {
        var db = scope.GetRequiredService<OutreachDbContext>();
        var cutoff = clock.GetUtcNow().AddDays(-DispatchSiteSettings.Of(site).RetentionDays);
        var due = db.Set<LectureRequest>().Where(r => r.AnonymisedAt == null && r.UpdatedAt < cutoff && r.PreferredAt1 < cutoff
            && (r.PreferredAt2 == null || r.PreferredAt2 < cutoff) && (r.PreferredAt3 == null || r.PreferredAt3 < cutoff));
        var ids = await due.Select(r => r.Id).Take(1000).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var now = clock.GetUtcNow();
        await db.Set<LectureRequest>().Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ContactName, "").SetProperty(r => r.ContactPhone, "").SetProperty(r => r.ContactEmail, "")
            .SetProperty(r => r.Address, "").SetProperty(r => r.Notes, "").SetProperty(r => r.ConfirmCodeHash, "")
            .SetProperty(r => r.RatingComment, "").SetProperty(r => r.AnonymisedAt, now), ct);
        await scope.GetRequiredService<IMailOutbox>().ForgetAsync(ids.SelectMany(id => new[] { "lecture-request:" + id, "lecture-dispatch:" + id }).ToList(), ct);
        logger.LogInformation("Purged contact data of {Count} lecture requests of site {Site} past retention", ids.Count, site.Name);
        return ids.Count;
    }, ct);

    async Task<int> ForEachSiteAsync(Func<IServiceProvider, Site, Task<int>> work, CancellationToken ct)
    {
        List<Site> sites;
        using (var scope = scopes.CreateScope())
            sites = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var total = 0;
        foreach (var site in sites.Where(s => s.HasModule(DispatchModule.ModuleId)))
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            total += await work(scope.ServiceProvider, site);
        }
        return total;
    }
}

[DisallowConcurrentExecution]
public sealed class EscalateDispatchesJob(DispatchSweeps sweeps) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"退回派单队列 {await sweeps.EscalateAsync(cancellationToken)} 条 / escalated";
}

[DisallowConcurrentExecution]
public sealed class PurgeLectureRequestsJob(DispatchSweeps sweeps) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"删除过期联系人信息 {await sweeps.PurgeAsync(cancellationToken)} 条 / purged";
}
