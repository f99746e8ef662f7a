using System.Security.Claims;
using Manset.Data;
using Manset.Web.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Manset.Web.Newsroom;

/// <summary>Adds to the sign-in cookie whether the user has two-step verification on (checked on every newsroom request).</summary>
public sealed class MansetClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    public const string TwoFactorClaim = "manset:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DisplayName.Length > 0)
        {
            identity.RemoveClaim(identity.FindFirst(ClaimTypes.Name));
            identity.AddClaim(new Claim(ClaimTypes.Name, user.DisplayName));
        }
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(TwoFactorClaim, "1"));
        return identity;
    }
}

/// <summary>Authenticator-app (TOTP) set-up: the key, the otpauth address and its QR code as SVG.</summary>
public static class Authenticator
{
    public static string Uri(string issuer, string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    public static string QrSvg(string uri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(5);
    }

    /// <summary>The key in groups of four, as people type it.</summary>
    public static string Readable(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
}

/// <summary>
/// When the administrator requires two-step verification for a role, its members can enter the newsroom only after
/// setting it up: every other newsroom page sends them to the set-up page.
/// </summary>
public sealed class TwoFactorRequirement(RequestDelegate next)
{
    public const string SetupPath = "/yonetim/hesap/iki-adim";

    public async Task InvokeAsync(HttpContext context, SiteBlocks blocks)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/yonetim") && !path.StartsWithSegments(SetupPath) &&
            context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(MansetClaimsFactory.TwoFactorClaim) is null)
        {
            var required = (await blocks.GetAsync(context.RequestAborted)).Setting(SettingKeys.TwoFactorRoles)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (required.Any(context.User.IsInRole))
            {
                context.Response.Redirect(SetupPath + "?zorunlu=1");
                return;
            }
        }
        await next(context);
    }
}
