using Manset.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Manset.Tests.Cli;

public class CommandLineTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Admin_create_refuses_a_second_account_with_the_same_email()
    {
        var app = await fixture.AppAsync();
        var email = $"ikinci-{Guid.NewGuid():N}@manset.test";
        Assert.Equal(0, (await app.RunAsync("admin", "create", "--email", email, "--password", "Guclu-Parola-2026", "--name", "Ayşe Işık")).Code);
        var again = await app.RunAsync("admin", "create", "--email", email, "--password", "Guclu-Parola-2026");
        Assert.Equal(1, again.Code);
        Assert.Contains("zaten var", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kisa1A", "en az 10 karakter")]
    [InlineData("sadecekucukharf", "rakam")]
    [InlineData("HEPSIBUYUK123", "küçük harf")]
    public async Task Admin_create_refuses_weak_passwords_in_Turkish(string password, string message)
    {
        var app = await fixture.AppAsync();
        var result = await app.RunAsync("admin", "create", "--email", $"zayif-{Guid.NewGuid():N}@manset.test", "--password", password);
        Assert.Equal(1, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_create_refuses_unknown_roles()
    {
        var app = await fixture.AppAsync();
        var result = await app.RunAsync("admin", "create", "--email", $"rol-{Guid.NewGuid():N}@manset.test", "--password", "Guclu-Parola-2026", "--role", "patron");
        Assert.Equal(1, result.Code);
    }

    [Fact]
    public async Task Token_create_prints_the_token_alone_on_the_last_line_and_stores_only_its_hash()
    {
        var app = await fixture.AppAsync();
        var email = $"token-{Guid.NewGuid():N}@manset.test";
        await app.RunAsync("admin", "create", "--email", email, "--password", "Guclu-Parola-2026");
        var result = await app.RunAsync("token", "create", "--email", email, "--name", "bülten botu");
        Assert.Equal(0, result.Code);
        var token = result.Output.TrimEnd().Split('\n')[^1];
        Assert.Matches("^mst_[A-Za-z0-9_-]{43}$", token);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Manset.Data.MansetDb>();
        Assert.DoesNotContain(db.ApiTokens, t => t.Hash.Contains(token[4..], StringComparison.Ordinal) || t.Prefix == token);
        Assert.Contains(db.ApiTokens, t => t.Hash == Manset.Web.Api.ApiTokens.Hash(token));
    }

    [Fact]
    public async Task Token_create_for_an_unknown_user_fails()
    {
        var app = await fixture.AppAsync();
        Assert.Equal(1, (await app.RunAsync("token", "create", "--email", "yok@manset.test", "--name", "x")).Code);
    }

    [Fact]
    public async Task Unknown_verbs_print_usage_and_exit_2()
    {
        var app = await fixture.AppAsync();
        var result = await app.RunAsync("uydurma", "komut");
        Assert.Equal(2, result.Code);
        Assert.Contains("admin create", result.Error, StringComparison.Ordinal);
    }
}
