using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;

namespace Outreach.Core.Cluster;

/// <summary>
/// This node's name in the cluster: <c>Outreach:Cluster:NodeId</c>, else the host name plus a short hash of the data
/// directory, so two nodes on one machine (each with its own data directory) differ and a restart keeps the name.
/// </summary>
public sealed class ClusterNode
{
    public ClusterNode(IOptions<ClusterOptions> cluster, IOptions<OutreachOptions> outreach, IHostEnvironment env)
    {
        var configured = cluster.Value.NodeId?.Trim();
        if (!string.IsNullOrEmpty(configured)) { Id = configured.Length > 64 ? configured[..64] : configured; return; }
        var dir = OutreachPaths.DataDir(outreach.Value, env);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dir))))[..8];
        var host = Environment.MachineName;
        Id = (host.Length > 50 ? host[..50] : host) + "-" + hash;
    }

    public string Id { get; }
}
