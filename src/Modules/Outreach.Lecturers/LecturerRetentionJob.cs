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

/// <summary>Nightly: anonymises lecturers who left more than the retention period ago, site by site.</summary>
[DisallowConcurrentExecution]
public sealed class LecturerRetentionJob(IServiceScopeFactory scopes, SiteCatalog sites, ModuleCatalog modules, TimeProvider clock,
    IOptions<LecturersOptions> options) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = $"已匿名化 {await RunAsync(cancellationToken)} 位讲师 / anonymised";

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        foreach (var site in await sites.AllAsync(ct))
        {
            if (!modules.IsEnabled(this, site)) continue;
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site, site.PathBase);
            total += await LecturerLifecycle.AnonymiseLeftAsync(scope.ServiceProvider.GetRequiredService<OutreachDbContext>(),
                scope.ServiceProvider.GetRequiredService<IMailOutbox>(), clock.GetUtcNow(), options.Value.RetentionDays, ct);
        }
        return total;
    }
}
