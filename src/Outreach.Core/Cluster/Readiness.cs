namespace Outreach.Core.Cluster;

/// <summary>
/// Something that must be true before the load balancer may send this node traffic (<c>/health/ready</c>), e.g. the
/// search module's "the index has caught up with the change log since start". Register as a singleton.
/// </summary>
public interface IReadinessCheck
{
    string Name { get; }
    bool IsReady { get; }
}
