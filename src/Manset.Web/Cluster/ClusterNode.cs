namespace Manset.Web.Cluster;

/// <summary>This process among the nodes: its name in leases, pub/sub messages and logs.</summary>
public sealed class ClusterNode
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
