using System.Security.Claims;
using Manset.Web.Infrastructure;

namespace Manset.Web.Publishing;

/// <summary>Who is saving: a newsroom user, an API token acting for one, or the system (scheduler, demo, wires).</summary>
public sealed record Actor(string? UserId, string Name, IReadOnlySet<string> Granted)
{
    public bool Can(string permission) => Granted.Contains(permission);

    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        Permissions.All.Where(p => Permissions.Has(user, p)).ToHashSet(StringComparer.Ordinal));

    public static readonly Actor System = new(null, "Sistem", Permissions.All.ToHashSet(StringComparer.Ordinal));
}
