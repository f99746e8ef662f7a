using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Manset.Web.Engagement;

/// <summary>
/// The anonymous reader: a random id in a signed, first-party, HttpOnly cookie. No login, no personal data;
/// it lets one reader react once per article. Issued by the view beacon, never by a cached page.
/// </summary>
public sealed class ReaderCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = ".Manset.Okur";
    readonly IDataProtector _protector = protection.CreateProtector("Manset.Engagement.Reader.v1");

    /// <summary>The reader id carried by the request, or null when there is none or it was not signed by us.</summary>
    public string? Read(HttpContext context)
    {
        var raw = context.Request.Cookies[Name];
        if (string.IsNullOrEmpty(raw) || raw.Length > 400) return null;
        try
        {
            var id = _protector.Unprotect(raw);
            return id.Length == 22 ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Returns the request's reader id, issuing a new cookie when it has none.</summary>
    public string Ensure(HttpContext context)
    {
        if (Read(context) is { } existing) return existing;
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(Name, _protector.Protect(id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            Expires = clock.GetUtcNow().AddYears(1),
        });
        return id;
    }
}
