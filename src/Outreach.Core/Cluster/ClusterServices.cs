using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Core.Data;

namespace Outreach.Core.Cluster;

public static class ClusterServices
{
    /// <summary>The bus for the configured provider (LISTEN/NOTIFY on PostgreSQL, in-process on SQLite) and the readiness checks.</summary>
    public static IServiceCollection AddOutreachCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration("Outreach:Cluster");
        services.AddSingleton<ClusterNode>();
        if (configuration.GetValue("Outreach:Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Postgres)
            services.AddSingleton<ClusterBus, PostgresClusterBus>();
        else
            services.AddSingleton<ClusterBus, InProcessClusterBus>();
        services.AddSingleton<IClusterBus>(sp => sp.GetRequiredService<ClusterBus>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
        return services;
    }
}
