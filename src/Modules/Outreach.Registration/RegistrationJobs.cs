using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Events;
using Quartz;

namespace Outreach.Registration;

/// <summary>
/// The sweeps behind registration, each over every site with the site entered (the Site filter stays on):
/// expired waitlist offers pass on, reminders go out the day before, no-shows are recorded and personal
/// data is anonymised once its retention has passed. Batched; never one trigger per person.
/// </summary>
public sealed class RegistrationSweeps(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RegistrationSweeps> logger)
{
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(24);
    const int Batch = 200;

    public Task<int> ExpireOffersAsync(CancellationToken ct = default) =>
        ForEachSiteAsync((scope, _) => scope.GetRequiredService<RegistrationDesk>().ExpireOffersAsync(ct), ct);

    /// <summary>
    /// One reminder per confirmed registration whose own slot (its option's start, else the event's) begins
    /// within a day — a carnival visitor booked for day three hears about it on day two. Claimed row by row with
    /// a conditional UPDATE (two nodes never both send) that commits with the unrendered mail; rendered after.
    /// </summary>
    public Task<int> SendRemindersAsync(CancellationToken ct = default) => ForEachSiteAsync(async (scope, _) =>
    {
        var db = scope.GetRequiredService<OutreachDbContext>();
        var mails = scope.GetRequiredService<RegistrationMails>();
        var now = clock.GetUtcNow();
        var soon = now + ReminderLead;
        var due = await (
            from r in db.Set<Registration>().AsNoTracking()
            join o in db.Set<TicketOption>() on r.OptionId equals o.Id
            join e in db.Set<Event>() on r.EventId equals e.Id
            where r.Status == RegistrationStatus.Confirmed && r.ReminderSentAt == null && r.Email != ""
                  && (o.StartsAt ?? e.StartsAt) > now && (o.StartsAt ?? e.StartsAt) <= soon
            orderby r.Id
            select r).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var r in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Set<Registration>().Where(x => x.Id == r.Id && x.ReminderSentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReminderSentAt, now), ct) != 1) continue;
            mails.Defer("reminder", r);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent++;
        }
        await mails.RenderQueuedAsync(ct);
        return sent;
    }, ct);

    /// <summary>
    /// After an event: confirmed registrations nobody checked in become no-shows. After the site's retention
    /// (<c>registration.retentionDays</c>, default 180): personal data is blanked; counts stay.
    /// </summary>
    public Task<int> ApplyRetentionAsync(CancellationToken ct = default) => ForEachSiteAsync(async (scope, site) =>
    {
        var db = scope.GetRequiredService<OutreachDbContext>();
        var now = clock.GetUtcNow();
        var ended = db.Set<Event>().Where(e => e.EndsAt < now).Select(e => e.Id);
        await db.Set<Registration>().Where(r => ended.Contains(r.EventId) && r.Status == RegistrationStatus.Confirmed && r.CheckedInAt == null && !r.NoShow)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NoShow, true), ct);
        var cutoff = now.AddDays(-RegistrationPages.RetentionDays(site));
        // Deleted events too: their registrants' data is kept no longer than anyone else's.
        var expired = db.Set<Event>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).Where(e => e.EndsAt < cutoff).Select(e => e.Id);
        var rows = db.Set<Registration>().Where(r => expired.Contains(r.EventId) && r.AnonymisedAt == null);
        var count = await rows.CountAsync(ct);
        if (count > 0)
        {
            await scope.GetRequiredService<RegistrationDesk>().AnonymiseAsync(rows, ct);
            logger.LogInformation("Anonymised {Count} registrations of site {Site} past retention", count, site.Name);
        }
        return count;
    }, ct);

    async Task<int> ForEachSiteAsync(Func<IServiceProvider, Site, Task<int>> work, CancellationToken ct)
    {
        List<Site> sites;
        using (var scope = scopes.CreateScope())
            sites = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var total = 0;
        foreach (var site in sites.Where(s => s.HasModule("Registration")))
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            total += await work(scope.ServiceProvider, site);
        }
        return total;
    }
}

[DisallowConcurrentExecution]
public sealed class ExpireWaitlistOffersJob(RegistrationSweeps sweeps) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"过期递补 {await sweeps.ExpireOffersAsync(cancellationToken)} 条 / offers expired";
}

[DisallowConcurrentExecution]
public sealed class SendRemindersJob(RegistrationSweeps sweeps) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已发提醒 {await sweeps.SendRemindersAsync(cancellationToken)} 封 / reminders";
}

[DisallowConcurrentExecution]
public sealed class RegistrationRetentionJob(RegistrationSweeps sweeps) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已匿名化 {await sweeps.ApplyRetentionAsync(cancellationToken)} 条 / anonymised";
}
