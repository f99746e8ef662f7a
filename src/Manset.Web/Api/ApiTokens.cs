using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Manset.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Api;

/// <summary>API tokens: created by the <c>token create</c> command, shown once, stored only as a SHA-256 hash.</summary>
public static class ApiTokens
{
    public const string Scheme = "ApiToken";
    /// <summary>The claim naming the token a request came with (rate limits count per token).</summary>
    public const string TokenIdClaim = "token_id";
    const string Prefix = "mst_";

    /// <summary>A new secret and the hash to store for it.</summary>
    public static (string Token, string Hash, string Display) Create()
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token), token[..(Prefix.Length + 6)]);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Reads <c>Authorization: Bearer mst_…</c>, finds the token by its hash and signs the request in as the token's user
/// with that user's roles. Answers 401 and 403 as problem details.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MansetDb db,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200) return AuthenticateResult.Fail("Geçersiz token.");

        var hash = ApiTokens.Hash(secret);
        var now = clock.GetUtcNow();
        var token = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.UserId, t.User.DisplayName, t.User.Email, t.User.LockoutEnd, t.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("Geçersiz ya da iptal edilmiş token.");
        if (token.LockoutEnd is { } lockout && lockout > now) return AuthenticateResult.Fail("Kullanıcı hesabı kilitli.");

        var roles = await db.UserRoles.Where(r => r.UserId == token.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(Context.RequestAborted);
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromHours(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.UserId),
            new(ClaimTypes.Name, token.DisplayName.Length > 0 ? token.DisplayName : token.Email ?? ""),
            new(ApiTokens.TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokens.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokens.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = 401,
                Title = "Kimlik doğrulaması gerekli",
                Detail = "Authorization: Bearer başlığında geçerli bir API token'ı gönderin (token create komutuyla oluşturulur).",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = 403,
                Title = "Bu işlem için yetkiniz yok",
                Detail = "Token'ın sahibi olan kullanıcının rolü bu işleme izin vermiyor.",
            },
        });
    }
}
