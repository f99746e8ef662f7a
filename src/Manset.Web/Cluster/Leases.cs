using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Cluster;

/// <summary>
/// Jobs that must run on one node at a time hold a lease in the database (one row per job). The holder renews it
/// on every round; when the holder dies, the lease expires and the next node to ask takes it. Works the same on one
/// node (SQLite) and on many (PostgreSQL), with or without Redis.
/// </summary>
public sealed class Leases(IServiceScopeFactory scopes, ClusterNode node, TimeProvider clock, ILogger<Leases> log)
{
    public const string Scheduler = "publishing-scheduler";
    public const string MostRead = "most-read";

    readonly Dictionary<string, bool> _held = [];

    /// <summary>
    /// Takes or renews the lease for <paramref name="duration"/>. True when this node holds it now.
    /// </summary>
    public async Task<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var holder = node.Id;
        var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, until), ct) == 1;
        if (!taken && await db.Leases.AsNoTracking().Where(l => l.Name == name).Select(l => l.Holder).FirstOrDefaultAsync(ct) is { } other)
        {
            // A process of this machine that is gone (killed, crashed) frees its leases at once.
            if (ClusterNode.IsDeadLocalProcess(other))
            {
                taken = await db.Leases.Where(l => l.Name == name && l.Holder == other)
                    .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, until), ct) == 1;
            }
        }
        else if (!taken)
        {
            db.Leases.Add(new Lease { Name = name, Holder = holder, ExpiresAt = until });
            try
            {
                await db.SaveChangesAsync(ct);
                taken = true;
            }
            catch (DbUpdateException)
            {
                taken = false; // another node inserted it first
            }
        }
        Changed(name, taken);
        return taken;
    }

    /// <summary>Gives the lease up (on shutdown), so another node need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
        var holder = node.Id;
        await db.Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(ct);
        Changed(name, false);
    }

    /// <summary>Gives the lease up on shutdown; a database that is gone by then only means the lease expires by itself.</summary>
    public async Task ReleaseQuietlyAsync(string name)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ReleaseAsync(name, timeout.Token);
        }
        catch (Exception e)
        {
            log.LogDebug(e, "'{Lease}' bırakılamadı; süresi dolunca kendiliğinden boşalacak.", name);
        }
    }

    void Changed(string name, bool held)
    {
        lock (_held)
        {
            if (_held.TryGetValue(name, out var before) && before == held) return;
            _held[name] = held;
        }
        if (held) log.LogInformation("Bu düğüm ({Node}) '{Lease}' işini üstlendi.", node.Id, name);
        else log.LogDebug("'{Lease}' işi başka bir düğümde.", name);
    }
}
