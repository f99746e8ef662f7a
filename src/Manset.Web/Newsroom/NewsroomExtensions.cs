using Manset.Data;
using Manset.Web.Api;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

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

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Manset.Oturum";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/giris";
            o.LogoutPath = "/cikis";
            o.AccessDeniedPath = "/giris/yetki-yok";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            o.ReturnUrlParameter = "ReturnUrl";
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Manset.Form";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null);
        builder.Services.AddAuthorization(Permissions.AddPolicies);
        return builder;
    }

    /// <summary>The newsroom's own rules on every request: two-step verification where the administrator requires it.</summary>
    public static WebApplication UseNewsroom(this WebApplication app)
    {
        app.UseMiddleware<TwoFactorRequirement>();
        return app;
    }
}
