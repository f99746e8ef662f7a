using System.Security.Claims;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.OutputCaching;

namespace Manset.Tests.Infrastructure;

/// <summary>
/// The public pages' output-cache policy keeps ASP.NET Core's default rules (written out: Caching.cs says why) and adds
/// the site's own: duration, page-number and encoding variants, the site tag, and one reader's own copy never shared.
/// </summary>
public sealed class SitePagePolicyTests
{
    static readonly SitePagePolicy Policy = new(TimeSpan.FromSeconds(300));

    static async Task<OutputCacheContext> RequestAsync(string method = "GET", string query = "", Action<HttpContext>? setUp = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = "/dunya/bir-haber-12";
        http.Request.QueryString = new QueryString(query);
        setUp?.Invoke(http);
        var context = new OutputCacheContext { HttpContext = http };
        await ((IOutputCachePolicy)Policy).CacheRequestAsync(context, CancellationToken.None);
        return context;
    }

    [Fact]
    public async Task A_readers_get_is_looked_up_and_stored_for_its_duration_varied_by_page_and_encoding_and_tagged_site()
    {
        foreach (var method in new[] { "GET", "HEAD" })
        {
            var context = await RequestAsync(method);
            Assert.True(context.EnableOutputCaching);
            Assert.True(context.AllowCacheLookup);
            Assert.True(context.AllowCacheStorage);
            Assert.True(context.AllowLocking);
            Assert.Equal(TimeSpan.FromSeconds(300), context.ResponseExpirationTimeSpan);
            Assert.Equal("sayfa", context.CacheVaryByRules.QueryKeys.ToString());
            Assert.Equal("Accept-Encoding", context.CacheVaryByRules.HeaderNames.ToString());
            Assert.Equal(["site"], context.Tags);
            // Looking at the request made no anonymous user (the default policy's cost on every page from the cache).
            Assert.Null(context.HttpContext.Features.Get<IHttpAuthenticationFeature>());
        }
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_are_neither_looked_up_nor_stored(string method)
    {
        var context = await RequestAsync(method);
        Assert.False(context.AllowCacheLookup);
        Assert.False(context.AllowCacheStorage);
    }

    [Fact]
    public async Task A_request_with_credentials_or_a_signed_in_user_is_neither_looked_up_nor_stored()
    {
        var bearer = await RequestAsync(setUp: h => h.Request.Headers.Authorization = "Bearer abc");
        Assert.False(bearer.AllowCacheLookup);
        Assert.False(bearer.AllowCacheStorage);

        var signedIn = await RequestAsync(setUp: h => h.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "editor")], "Cookies")));
        Assert.False(signedIn.AllowCacheLookup);
        Assert.False(signedIn.AllowCacheStorage);

        var anonymous = await RequestAsync(setUp: h => h.User = new ClaimsPrincipal(new ClaimsIdentity()));
        Assert.True(anonymous.AllowCacheLookup);
    }

    [Fact]
    public async Task One_readers_own_copy_after_a_reaction_is_not_cached_at_all()
    {
        var own = await RequestAsync(query: "?tepki=sevdim");
        Assert.False(own.EnableOutputCaching);
        Assert.False(own.AllowCacheLookup);
        Assert.False(own.AllowCacheStorage);
        Assert.True((await RequestAsync(query: "?sayfa=2")).AllowCacheLookup);
    }

    [Fact]
    public async Task Only_a_200_without_a_cookie_is_stored()
    {
        async Task<bool> StoredAsync(int status, string? cookie)
        {
            var context = await RequestAsync();
            context.HttpContext.Response.StatusCode = status;
            if (cookie is not null) context.HttpContext.Response.Headers.SetCookie = cookie;
            await ((IOutputCachePolicy)Policy).ServeResponseAsync(context, CancellationToken.None);
            return context.AllowCacheStorage;
        }
        Assert.True(await StoredAsync(200, null));
        Assert.False(await StoredAsync(200, "okur=1; path=/"));
        Assert.False(await StoredAsync(404, null));
        Assert.False(await StoredAsync(301, null));
        Assert.False(await StoredAsync(500, null));
    }
}
