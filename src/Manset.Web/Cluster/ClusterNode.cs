namespace Manset.Web.Cluster;

/// <summary>This process among the nodes: its name in leases (jobs and wire sources), pub/sub messages and logs.</summary>
public sealed class ClusterNode
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when <paramref name="owner"/> names a process of this machine that is no longer running.</summary>
    public static bool IsDeadLocalProcess(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) return false;
        if (!string.Equals(string.Join(':', parts[..^2]), Environment.MachineName, StringComparison.Ordinal)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }
}
