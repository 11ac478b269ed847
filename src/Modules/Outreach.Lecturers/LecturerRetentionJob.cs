using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Modules;
using Outreach.Core.Sites;
using Quartz;

namespace Outreach.Lecturers;

public sealed class LecturersOptions
{
    /// <summary>Days a left lecturer's personal data is kept (stated in the consent text) before it is anonymised.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3650)]
    public int RetentionDays { get; set; } = 180;
}

/// <summary>Nightly, site by site: removes lecturers who left more than the retention period ago (see <see cref="LecturerLifecycle.RemoveLeftAsync"/>) and unused photos.</summary>
[DisallowConcurrentExecution]
public sealed class LecturerRetentionJob(IServiceScopeFactory scopes, SiteCatalog sites, ModuleCatalog modules, TimeProvider clock,
    IOptions<LecturersOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (deleted, anonymised) = await RunAsync(cancellationToken);
        context.Result = $"已删除 {deleted} 位、匿名化 {anonymised} 位已退出的讲师 / deleted, anonymised";
    }

    public async Task<(int Deleted, int Anonymised)> RunAsync(CancellationToken ct = default)
    {
        var (deleted, anonymised) = (0, 0);
        foreach (var site in await sites.AllAsync(ct))
        {
            if (!modules.IsEnabled(this, site)) continue;
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var (d, a) = await LecturerLifecycle.RemoveLeftAsync(db, scope.ServiceProvider.GetRequiredService<IMailOutbox>(),
                scope.ServiceProvider.GetServices<ILecturerServiceRecords>(), clock.GetUtcNow(), options.Value.RetentionDays, ct);
            // Uploads never sent with an application, and photos a newer one replaced.
            await Photos.LecturerPhotos.DeleteUnusedAsync(db, clock.GetUtcNow(), ct);
            deleted += d;
            anonymised += a;
        }
        return (deleted, anonymised);
    }
}
