using Manset.Data;
using Manset.Web.Api;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Manset.Web.Newsroom;

public static class NewsroomExtensions
{
    /// <summary>
    /// Identity on our DbContext (newsroom users, roles, cookie login at /giris), the API token scheme,
    /// one authorization policy per permission, data-protection keys under the data directory (one node) or in
    /// the database (PostgreSQL: every node reads the cookies and antiforgery tokens the others wrote).
    /// </summary>
    public static WebApplicationBuilder AddNewsroomAuth(this WebApplicationBuilder builder)
    {
        var dataPath = Path.GetFullPath(builder.Configuration[$"{MansetOptions.Section}:DataDirectory"] ?? "data");
        var keys = builder.Services.AddDataProtection().SetApplicationName("Manset");
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Postgres"))) keys.PersistKeysToDbContext<Manset.Data.Postgres.PostgresMansetDb>();
        else keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));

        builder.Services.AddIdentity<User, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<MansetDb>()
            .AddErrorDescriber<TurkishIdentityErrors>()
            .AddClaimsPrincipalFactory<MansetClaimsFactory>()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddScoped<PasswordLinks>();
        builder.Services.AddSingleton<EditPresence>();

        // Every cookie of the newsroom, named for the site, HttpOnly, with its SameSite, Secure on HTTPS requests (and
        // on every request when the site's address is https: the cookie policy, Infrastructure/SecurityHeaders.cs).
        // docs/security.md lists them.
        builder.Services.ConfigureApplicationCookie(o =>
        {
            // Lax: a link to the newsroom from an e-mail or another tab opens signed in; writes carry antiforgery tokens.
            Harden(o.Cookie, ".Manset.Oturum", SameSiteMode.Lax);
            o.LoginPath = "/giris";
            o.LogoutPath = "/cikis";
            o.AccessDeniedPath = "/giris/yetki-yok";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.ReturnUrlParameter = "ReturnUrl";
        });
        // Between the password and the code (five minutes), and "remember this device" after two-step verification:
        // both only ever read by our own login posts, so Strict.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => Harden(o.Cookie, ".Manset.IkiAdim", SameSiteMode.Strict));
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => Harden(o.Cookie, ".Manset.Cihaz", SameSiteMode.Strict));
        // Sign-ins through other providers: none are configured, but Identity clears this cookie while signing in.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => Harden(o.Cookie, ".Manset.Harici", SameSiteMode.Lax));
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        builder.Services.AddAntiforgery(o => Harden(o.Cookie, ".Manset.Form", SameSiteMode.Strict));
        // The newsroom's one-time messages after a post ("Haber kaydedildi"): read on the page the post redirects to.
        builder.Services.Configure<CookieTempDataProviderOptions>(o => Harden(o.Cookie, ".Manset.Not", SameSiteMode.Lax));

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null);
        builder.Services.AddAuthorization(Permissions.AddPolicies);
        return builder;
    }

    /// <summary>
    /// SameAsRequest here; the cookie policy raises it to Always when the site's address is https (antiforgery would
    /// refuse a plain-HTTP request outright under Always, so it is not set on the cookies themselves).
    /// </summary>
    static void Harden(CookieBuilder cookie, string name, SameSiteMode sameSite)
    {
        cookie.Name = name;
        cookie.HttpOnly = true;
        cookie.SameSite = sameSite;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>The newsroom's own rules on every request: two-step verification where the administrator requires it.</summary>
    public static WebApplication UseNewsroom(this WebApplication app)
    {
        app.UseMiddleware<TwoFactorRequirement>();
        return app;
    }
}
