using System.Net;
using System.Net.Http.Headers;
using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Newsroom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Newsroom;

/// <summary>
/// Kullanıcılar: a role change or a lock takes effect and ends that person's sessions (at the next check of the security
/// stamp, at most five minutes on) and, for a lock, their API tokens at once; the form sent as it was drawn changes
/// nothing and ends no session; an administrator can neither demote nor lock themselves.
/// </summary>
public abstract class UsersTests(Db db)
{
    const string Page = "/yonetim/kullanicilar";

    async Task<(TestApp App, FakeTimeProvider Clock)> StartAsync()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        return (await TestApp.StartAsync(db, clock: clock), clock);
    }

    static async Task<(string Id, string Stamp, IList<string> Roles, DateTimeOffset? LockoutEnd)> UserAsync(TestApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = (await users.FindByEmailAsync(email))!;
        return (user.Id, user.SecurityStamp!, await users.GetRolesAsync(user), user.LockoutEnd);
    }

    static async Task<List<string>> AuditAsync(TestApp app, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<MansetDb>();
        return await data.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).Select(a => a.Target + ": " + a.Detail).ToListAsync();
    }

    static async Task<string> MessageAsync(NewsroomClient client)
    {
        var page = await TestApp.ParseAsync(await client.GetAsync(Page));
        return page.QuerySelector("main [role=status], main .message, main .notice")?.TextContent.Trim() ?? page.QuerySelector("main")!.TextContent;
    }

    static async Task AssertSignedInAsync(NewsroomClient client, bool signedIn)
    {
        var response = await client.GetAsync("/yonetim");
        if (signedIn) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/giris", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        }
    }

    [Fact]
    public async Task A_role_change_takes_effect_and_ends_that_person_s_sessions_but_the_form_sent_unchanged_ends_none()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        using var admin = await app.NewsroomClientAsync("yonetici", "Ayşe Yönetici");
        using var reporter = await app.NewsroomClientAsync("muhabir", "Mehmet Muhabir");
        var me = await UserAsync(app, admin.Email);
        var him = await UserAsync(app, reporter.Email);

        // The own row's form sent as it was drawn (as a crawler does, or a second click): nothing happens.
        var same = await admin.PostFormAsync($"{Page}?handler=Role&id={me.Id}", new() { ["role"] = "yonetici" }, Page);
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Contains("Ayşe Yönetici zaten Yönetici.", await MessageAsync(admin), StringComparison.Ordinal);
        Assert.Equal(me.Stamp, (await UserAsync(app, admin.Email)).Stamp);

        // Nor may the administrator demote themselves.
        await admin.PostFormAsync($"{Page}?handler=Role&id={me.Id}", new() { ["role"] = "editor" }, Page);
        Assert.Contains("Kendi yönetici rolünüzü kaldıramazsınız.", await MessageAsync(admin), StringComparison.Ordinal);
        Assert.Equal(["yonetici"], (await UserAsync(app, admin.Email)).Roles);

        // An unknown role or person is refused as not found.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"{Page}?handler=Role&id={him.Id}", new() { ["role"] = "patron" }, Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync($"{Page}?handler=Role&id=yok", new() { ["role"] = "editor" }, Page)).StatusCode);
        Assert.Equal(["muhabir"], (await UserAsync(app, reporter.Email)).Roles);

        // The reporter becomes an editor: the role is the new one alone, the stamp is new, the audit log says so.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{Page}?handler=Role&id={him.Id}", new() { ["role"] = "editor" }, Page)).StatusCode);
        Assert.Contains("Mehmet Muhabir: rol Editör oldu.", await MessageAsync(admin), StringComparison.Ordinal);
        var changed = await UserAsync(app, reporter.Email);
        Assert.Equal(["editor"], changed.Roles);
        Assert.NotEqual(him.Stamp, changed.Stamp);
        Assert.Equal([$"{reporter.Email}: muhabir → editor"], await AuditAsync(app, AuditActions.RoleChange));

        // His session lasts until the next check of the stamp; the administrator's, whose stamp did not change, goes on.
        await AssertSignedInAsync(reporter, true);
        clock.Advance(TimeSpan.FromMinutes(6));
        await AssertSignedInAsync(reporter, false);
        await AssertSignedInAsync(admin, true);
    }

    [Fact]
    public async Task A_lock_ends_sessions_and_tokens_refuses_sign_in_and_an_unlock_lets_the_person_back()
    {
        var (app, clock) = await StartAsync();
        await using var _ = app;
        using var admin = await app.NewsroomClientAsync("yonetici", "Ayşe Yönetici");
        using var editor = await app.NewsroomClientAsync("editor", "Elif Editör");
        var me = await UserAsync(app, admin.Email);
        var her = await UserAsync(app, editor.Email);
        var token = await app.RunAsync("token", "create", "--email", editor.Email, "--name", "masa");
        Assert.Equal(0, token.Code);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Output.Trim().Split('\n')[^1].Trim());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/categories")).StatusCode);

        // Not oneself.
        await admin.PostFormAsync($"{Page}?handler=Lock&id={me.Id}&locked=true", new(), Page);
        Assert.Contains("Kendi hesabınızı kilitleyemezsiniz.", await MessageAsync(admin), StringComparison.Ordinal);
        Assert.Null((await UserAsync(app, admin.Email)).LockoutEnd);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{Page}?handler=Lock&id={her.Id}&locked=true", new(), Page)).StatusCode);
        Assert.Contains("Elif Editör kilitlendi; oturumları ve token'ları kapatıldı.", await MessageAsync(admin), StringComparison.Ordinal);
        var locked = await UserAsync(app, editor.Email);
        Assert.Equal(DateTimeOffset.MaxValue, locked.LockoutEnd);
        Assert.NotEqual(her.Stamp, locked.Stamp);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/categories")).StatusCode); // at once
        clock.Advance(TimeSpan.FromMinutes(6));
        await AssertSignedInAsync(editor, false);
        await AssertSignedInAsync(admin, true);

        using var again = new NewsroomClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), editor.Email, editor.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, (await again.PostFormAsync("/giris", new() { ["Email"] = editor.Email, ["Password"] = editor.Password })).StatusCode);
        await AssertSignedInAsync(again, false);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"{Page}?handler=Lock&id={her.Id}&locked=false", new(), Page)).StatusCode);
        Assert.Contains("Elif Editör hesabının kilidi açıldı.", await MessageAsync(admin), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostFormAsync("/giris", new() { ["Email"] = editor.Email, ["Password"] = editor.Password })).StatusCode);
        await AssertSignedInAsync(again, true);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/categories")).StatusCode); // a revoked token stays revoked
        Assert.Equal([$"{editor.Email}: kilitlendi", $"{editor.Email}: kilit açıldı"], await AuditAsync(app, AuditActions.UserLock));
    }
}

public sealed class UsersTestsOnSqlite() : UsersTests(Db.Sqlite);
public sealed class UsersTestsOnPostgres() : UsersTests(Db.Postgres);
