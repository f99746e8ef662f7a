using System.Net;
using Manset.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Manset.Web.Monitoring;

/// <summary>
/// Who may read <c>/metrics</c>: this machine (loopback) and the networks in <c>Manset:Metrics:AllowedNetworks</c>,
/// judged by the connection's address (the client's, when forwarded headers are on behind nginx). Everyone else,
/// and a connection without an address, gets the site's ordinary 404: the endpoint is not revealed.
/// </summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public static MetricsAccess From(MetricsOptions options) => new([.. options.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))]);

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        foreach (var network in networks)
        {
            if (network.Contains(address)) return true;
        }
        return false;
    }

    /// <summary>The first step of the endpoint's own pipeline: a refused client never reaches the exporter.</summary>
    public Task RefuseOthers(HttpContext context, Func<Task> next)
    {
        if (!Allows(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        context.Response.Headers.CacheControl = "no-store";
        return next();
    }
}

/// <summary>Checks the allowed networks at start: each must be a network in CIDR notation.</summary>
public sealed class MetricsOptionsCheck : IValidateOptions<MansetOptions>
{
    public ValidateOptionsResult Validate(string? name, MansetOptions options)
    {
        var bad = options.Metrics.AllowedNetworks.Where(n => !IsNetwork(n)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Join(" ", bad.Select(n =>
                $"Manset:Metrics:AllowedNetworks: '{n}' geçerli bir ağ değil; CIDR biçiminde yazın, örneğin 10.0.0.0/8, 192.168.1.0/24, fd00::/8 " +
                "(tek adres için 203.0.113.5/32; adresin ağ öneki dışındaki bitleri sıfır olmalı).")));
    }

    /// <summary>A network in CIDR notation whose address is the network's own: "10.1.2.3/8" is refused (which was meant?).</summary>
    static bool IsNetwork(string? cidr)
    {
        cidr = cidr?.Trim();
        return IPNetwork.TryParse(cidr, out var network)
            && IPAddress.TryParse(cidr.AsSpan(0, cidr!.IndexOf('/', StringComparison.Ordinal)), out var address)
            && address.Equals(network.BaseAddress);
    }
}
