using System.Net;
using System.Net.Http.Headers;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Newsroom;

/// <summary>
/// Every route under /yonetim and /api, read from the app's own endpoint list (so a new route cannot be forgotten),
/// names a permission and refuses an anonymous request, a signed-in person without a role, and each role that lacks
/// the permission; a role that has it gets through the door.
/// </summary>
public class RouteSecurityTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    /// <summary>
    /// The permission each route needs, written out by hand (docs/permissions.md shows the same table). A route the
    /// app has and this table lacks fails the first test: add it here and to the docs with the permission it needs.
    /// Razor pages answer GET and POST (their forms) and are listed once for both.
    /// </summary>
    static readonly Dictionary<string, string> Needs = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/categories"] = Permissions.NewsroomAccess,
        ["POST /api/v1/categories"] = Permissions.CategoriesManage,
        ["GET /api/v1/articles"] = Permissions.NewsroomAccess,
        ["POST /api/v1/articles"] = Permissions.ArticlesWrite,
        ["GET /api/v1/articles/{id:int}"] = Permissions.NewsroomAccess,
        ["PUT /api/v1/articles/{id:int}"] = Permissions.ArticlesWrite,
        ["DELETE /api/v1/articles/{id:int}"] = Permissions.ArticlesWrite,
        ["GET /api/v1/articles/{id:int}/revisions"] = Permissions.NewsroomAccess,
        ["POST /api/v1/media"] = Permissions.MediaUpload,
        ["PAGE /yonetim"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/haberler"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/haberler/yeni"] = Permissions.ArticlesWrite,
        ["PAGE /yonetim/haberler/{id:int}"] = Permissions.ArticlesWrite,
        ["PAGE /yonetim/haberler/{id:int}/onizleme"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/haberler/{id:int}/surumler"] = Permissions.NewsroomAccess,
        ["POST /yonetim/haberler/{id:int}/kilit"] = Permissions.ArticlesWrite,
        ["PAGE /yonetim/hesap"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/hesap/iki-adim"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/tokenlar"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/medya"] = Permissions.MediaUpload,
        ["GET /yonetim/medya/liste"] = Permissions.MediaUpload,
        ["PAGE /yonetim/mansetler"] = Permissions.LeadsManage,
        ["PAGE /yonetim/videolar"] = Permissions.MediaManage,
        ["PAGE /yonetim/kategoriler"] = Permissions.CategoriesManage,
        ["PAGE /yonetim/etiketler"] = Permissions.TaxonomyManage,
        ["PAGE /yonetim/yazarlar"] = Permissions.TaxonomyManage,
        ["PAGE /yonetim/kullanicilar"] = Permissions.UsersManage,
        ["PAGE /yonetim/ayarlar"] = Permissions.SettingsManage,
        ["PAGE /yonetim/denetim"] = Permissions.AuditRead,
        ["PAGE /yonetim/ajans"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/ajans/{id:long}"] = Permissions.NewsroomAccess,
        ["PAGE /yonetim/ajans/kurallar"] = Permissions.WiresManage,
    };

    sealed record Route(string Key, string Pattern, string Url, string Method, string[] Declared, bool Api, bool Multipart);

    static List<Route> ProtectedRoutes(TestApp app)
    {
        var routes = new List<Route>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var api = raw.StartsWith("/api/", StringComparison.Ordinal);
            if (!api && raw != "/yonetim" && !raw.StartsWith("/yonetim/", StringComparison.Ordinal)) continue;

            var permissions = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Concrete)).TrimEnd('/');
            var declared = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var methods = declared ?? [HttpMethods.Get, HttpMethods.Post]; // a Razor page answers GET and its form posts
            var multipart = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            foreach (var method in methods)
            {
                var key = (declared is null ? "PAGE" : method) + " " + raw;
                routes.Add(new Route(key, raw, url, method, anonymous ? ["(anonim)"] : permissions, api, multipart));
            }
        }
        return routes;
    }

    /// <summary>A concrete path for a route pattern: literals as they are, required parameters as 1, optional ones left out.</summary>
    static string Concrete(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { IsOptional: true } or RoutePatternParameterPart { IsCatchAll: true } => "",
        RoutePatternParameterPart => "1",
        _ => "",
    }));

    [Fact]
    public async Task Every_route_is_in_the_permission_table_and_in_the_docs_and_declares_what_the_table_says()
    {
        var app = await fixture.AppAsync();
        var routes = ProtectedRoutes(app);
        var keys = routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = keys.Where(k => !Needs.ContainsKey(k)).ToList();
        Assert.True(unknown.Count == 0, "Routes missing from the permission table: " + string.Join("; ", unknown));
        var gone = Needs.Keys.Where(k => !keys.Contains(k)).ToList();
        Assert.True(gone.Count == 0, "Table rows for routes the app no longer has: " + string.Join("; ", gone));

        var undeclared = routes.Where(r => !r.Declared.Contains(Needs[r.Key])).Select(r => $"{r.Key} declares [{string.Join(", ", r.Declared)}], the table says {Needs[r.Key]}").Distinct().ToList();
        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));

        var docs = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "permissions.md"));
        var undocumented = routes.Select(r => r.Pattern).Distinct().Where(p => !docs.Contains($"`{p}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "Routes missing from docs/permissions.md: " + string.Join("; ", undocumented));
    }

    [Fact]
    public async Task Every_route_refuses_an_anonymous_request()
    {
        var app = await fixture.AppAsync();
        var anonymous = app.Reader();
        var failures = new List<string>();
        foreach (var route in ProtectedRoutes(app))
        {
            var response = await anonymous.SendAsync(Request(route));
            var refused = route.Api
                ? response.StatusCode == HttpStatusCode.Unauthorized && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("http://localhost/giris?ReturnUrl=", StringComparison.Ordinal);
            if (!refused) failures.Add($"{route.Method} {route.Url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(failures.Count == 0, "Not refused: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task Every_route_refuses_a_signed_in_person_without_a_role_and_each_role_without_the_permission()
    {
        var app = await fixture.AppAsync();
        var people = new Dictionary<string, (NewsroomClient Cookie, HttpClient Token)>(StringComparer.Ordinal)
        {
            ["(rolsüz)"] = await RolelessAsync(app),
        };
        foreach (var role in Roles.All) people[role] = await PersonAsync(app, role);

        var refusals = 0;
        var failures = new List<string>();
        foreach (var route in ProtectedRoutes(app))
        {
            foreach (var (role, clients) in people)
            {
                var granted = role != "(rolsüz)" && Permissions.ByRole[role].Contains(Needs[route.Key]);
                var response = route.Api ? await clients.Token.SendAsync(Request(route)) : await clients.Cookie.Http.SendAsync(Request(route));
                var refused = route.Api
                    ? response.StatusCode == HttpStatusCode.Forbidden
                    : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("http://localhost/giris/yetki-yok", StringComparison.Ordinal);
                var stranger = response.StatusCode is HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/giris?", StringComparison.Ordinal));
                if (granted && (refused || stranger)) failures.Add($"{role} refused {route.Method} {route.Url}: {(int)response.StatusCode}");
                if (!granted && !refused) failures.Add($"{role} let through {route.Method} {route.Url}: {(int)response.StatusCode} {response.Headers.Location}");
                if (!granted) refusals++;
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refusals > 50, $"only {refusals} refusals checked");
    }

    [Fact]
    public async Task The_access_denied_page_is_plain_and_open()
    {
        var app = await fixture.AppAsync();
        var response = await app.Reader().GetAsync("/giris/yetki-yok");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await TestApp.ParseAsync(response);
        Assert.Equal("Bu sayfa için yetkiniz yok", doc.QuerySelector("h1")!.TextContent.Trim());
    }

    static HttpRequestMessage Request(Route route)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
        if (route.Method is "POST" or "PUT")
        {
            // The body the endpoint accepts, so that the answer is about the door and not about the content type.
            request.Content = route.Multipart ? new MultipartFormDataContent { { new StringContent("x"), "alan" } }
                : route.Api ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : new FormUrlEncodedContent([]);
        }
        return request;
    }

    static async Task<(NewsroomClient, HttpClient)> PersonAsync(TestApp app, string role)
    {
        var cookie = await app.NewsroomClientAsync(role);
        var token = await app.RunAsync("token", "create", "--email", cookie.Email, "--name", "yetki-testi");
        Assert.Equal(0, token.Code);
        return (cookie, Bearer(app, token.Output));
    }

    /// <summary>A user whose role was taken away: can sign in, may do nothing.</summary>
    static async Task<(NewsroomClient, HttpClient)> RolelessAsync(TestApp app)
    {
        var email = $"rolsuz-{Guid.NewGuid():N}@manset.test";
        const string password = "Test-Parola-2026!";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var created = await users.CreateAsync(new User { UserName = email, Email = email, DisplayName = "Rolsüz" }, password);
            Assert.True(created.Succeeded);
        }
        var cookie = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), email, password);
        var login = await cookie.PostFormAsync("/giris", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var token = await app.RunAsync("token", "create", "--email", email, "--name", "yetki-testi");
        Assert.Equal(0, token.Code);
        return (cookie, Bearer(app, token.Output));
    }

    static HttpClient Bearer(TestApp app, string output)
    {
        var client = app.Reader();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim().Split('\n')[^1].Trim());
        return client;
    }
}
