using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Sites;
using Quartz;

namespace Outreach.Bases;

public sealed record AccreditationMail(string Base, string Level, string TermEnds, int DaysLeft);

/// <summary>
/// Accreditation terms that end within 90 days: one mail to the base (its staff address) through the outbox,
/// claimed row by row with a conditional UPDATE, so a re-run or a second node never sends twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AccreditationReminderJob(IServiceScopeFactory scopes, TimeProvider clock) : IJob
{
    public const int DaysAhead = 90;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已发认定期满提醒 {await RunAsync(cancellationToken)} 封 / accreditation reminders";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        List<Site> sites;
        using (var scope = scopes.CreateScope())
            sites = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var site in sites.Where(s => s.HasModule("Bases")))
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var templates = scope.ServiceProvider.GetRequiredService<MailTemplates>();
            var outbox = scope.ServiceProvider.GetRequiredService<IMailOutbox>();
            var today = OpeningStatus.Today(clock.GetUtcNow());
            var until = today.AddDays(DaysAhead);
            var due = await db.Set<Accreditation>().AsNoTracking()
                .Where(a => a.State != AccreditationState.Revoked && a.ReminderSentAt == null && a.TermEnds >= today && a.TermEnds <= until)
                .Join(db.Set<Base>(), a => a.BaseId, b => b.Id, (a, b) => new { a, b }).Where(x => x.b.StaffEmail != "").Take(200).ToListAsync(ct);
            foreach (var x in due)
            {
                var model = new AccreditationMail(x.b.Title, BaseVocabulary.Levels[x.a.Level], $"{x.a.TermEnds.Year}年{x.a.TermEnds.Month}月{x.a.TermEnds.Day}日",
                    x.a.TermEnds.DayNumber - today.DayNumber);
                var rendered = await templates.RenderAsync(site, "base-accreditation", model);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (await db.Set<Accreditation>().Where(a => a.Id == x.a.Id && a.ReminderSentAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReminderSentAt, clock.GetUtcNow()), ct) != 1) continue;
                outbox.Enqueue(new OutgoingMail(x.b.StaffEmail, rendered.Subject, rendered.Html, rendered.Text) { Template = "base-accreditation" });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                sent++;
            }
        }
        return sent;
    }
}
