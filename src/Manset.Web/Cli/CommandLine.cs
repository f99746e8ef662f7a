using Manset.Data;
using Manset.Web.Api;
using Manset.Web.Data;
using Manset.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Cli;

/// <summary>
/// The operator's verbs (contract.md), on the same entry point and configuration as the site, without
/// starting the web server: <c>admin create</c>, <c>token create</c>, <c>db migrate</c>, <c>backup</c>, <c>restore</c>, <c>wires pull</c>…
/// </summary>
public static class CommandLine
{
    const string Usage = """
        Kullanım: Manset.Web [komut] [seçenekler]

          (komut yok)                         siteyi başlatır (--urls http://127.0.0.1:5080)
          admin create --email E --password P [--name "Ad Soyad"] [--role yonetici|editor|muhabir]
                                              yönetim paneli kullanıcısı oluşturur
          token create --email E --name AD    kullanıcı adına API token'ı oluşturur (son satırda yazar)
          db migrate                          veritabanı şemasını günceller (PostgreSQL için gerekli)
          backup --to DOSYA                   veritabanının, medyanın ve anahtarların tutarlı bir yedeğini tek bir zip
                                              dosyasına alır (site çalışırken de); PostgreSQL'de veritabanı için
                                              pg_dump/pg_restore komutlarını söyler, medyayı yedekler
          restore --from DOSYA                'backup --to' yedeğini boş bir veri klasörüne geri yükler
          db backup --out DOSYA               yalnız SQLite veritabanının tutarlı bir kopyasını alır (site çalışırken de);
                                              PostgreSQL'de pg_dump komutunu söyler
          wires pull [--source AD]            ajans kaynaklarını (ya da birini) şimdi çeker; özet son satırda
          reindex                             arama dizinini veritabanından yeniden kurar
          demo generate --articles N [--years Y]
                                              ölçüm ve ölçek testleri için N sentetik haber yazar (son Y yıla
                                              yayılmış, varsayılan 3; boş veritabanında önce demo gazete)
          help                                bu yardım
        """;

    /// <summary>A first argument that is a bare word is a command; ASP.NET's own switches start with "--".</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);

    /// <summary>Commands write their results to standard output; logs go to standard error and only when they matter.</summary>
    public static WebApplicationBuilder AddCommandLine(this WebApplicationBuilder builder, string[] args)
    {
        if (!IsCommand(args)) return builder;
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
        return builder;
    }

    /// <summary>Runs a command if the arguments name one; returns false when the site should start instead.</summary>
    public static async Task<bool> RunCommandLineAsync(this WebApplication app, string[] args)
    {
        if (!IsCommand(args)) return false;
        try
        {
            Environment.ExitCode = await RunAsync(app.Services, args, Console.Out, Console.Error);
        }
        catch (DatabaseNotReadyException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            Environment.ExitCode = 1;
        }
        return true;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var verb = string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
        var options = Options(args);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        switch (verb)
        {
            case "admin create":
                await sp.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: false, CancellationToken.None);
                return await AdminCreateAsync(sp, options, output, error);
            case "token create":
                await sp.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: false, CancellationToken.None);
                return await TokenCreateAsync(sp, options, output, error);
            case "db migrate":
                var applied = await sp.GetRequiredService<DatabaseSetup>().MigrateAsync(CancellationToken.None);
                await output.WriteLineAsync(applied.Count == 0 ? "Şema zaten güncel." : $"Uygulanan geçişler: {string.Join(", ", applied)}");
                return 0;
            case "db backup":
                return await BackupCommand.RunAsync(sp, options, output, error);
            case "backup":
                return await BackupCommand.ArchiveAsync(sp, options, output, error);
            case "restore":
                return await RestoreCommand.RunAsync(sp, options, output, error);
            case "wires pull":
                await sp.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: false, CancellationToken.None);
                return await WiresCommand.PullAsync(sp, options, output, error);
            case "demo generate":
                await sp.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: true, CancellationToken.None);
                return await DemoGenerateAsync(sp, options, output, error);
            case "reindex":
                await sp.GetRequiredService<DatabaseSetup>().PrepareAsync(withDemoContent: false, CancellationToken.None);
                return await ReindexAsync(sp, output);
            case "help" or "yardim":
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                await error.WriteLineAsync($"Bilinmeyen komut: '{verb}'.");
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary><c>demo generate --articles N</c>: N synthetic articles, fast, with a progress bar.</summary>
    static async Task<int> DemoGenerateAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("articles", out var raw) || !int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count is < 1 or > 5_000_000)
        {
            await error.WriteLineAsync("--articles 1 ile 5.000.000 arasında bir sayı olmalı.");
            return 1;
        }
        var years = 3;
        if (options.TryGetValue("years", out var rawYears) && (!int.TryParse(rawYears, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out years) || years is < 1 or > 30))
        {
            await error.WriteLineAsync("--years 1 ile 30 arasında bir sayı olmalı.");
            return 1;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await sp.GetRequiredService<DemoGenerator>().GenerateAsync(count, years, ProgressBar(output), CancellationToken.None);
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count} sentetik haber yazıldı ({watch.Elapsed.TotalSeconds:0.0} sn)."));
        return 0;
    }

    static IProgress<(int Done, int Total)> ProgressBar(TextWriter output)
    {
        var shown = -1;
        return new SyncProgress<(int Done, int Total)>(p =>
        {
            var percent = p.Total == 0 ? 100 : (int)(p.Done * 100L / p.Total);
            if (percent == shown) return;
            shown = percent;
            var bar = new string('█', percent / 5).PadRight(20, '░');
            output.Write($"\r[{bar}] %{percent} ({p.Done.ToString("N0", Turkish.Culture)}/{p.Total.ToString("N0", Turkish.Culture)})");
        });
    }

    /// <summary><c>reindex</c>: rebuilds the search index from the database, with a progress bar.</summary>
    static async Task<int> ReindexAsync(IServiceProvider sp, TextWriter output)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var progress = ProgressBar(output);
        var count = await sp.GetRequiredService<Search.SearchIndexer>().RebuildAsync(progress, CancellationToken.None);
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Arama dizini yeniden kuruldu: {count} haber ({watch.Elapsed.TotalSeconds:0.0} sn)."));
        return 0;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    static async Task<int> AdminCreateAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("password", out var password))
        {
            await error.WriteLineAsync("--email ve --password gerekli.");
            return 1;
        }
        var role = options.GetValueOrDefault("role", Roles.Yonetici);
        if (!Roles.All.Contains(role))
        {
            await error.WriteLineAsync($"Bilinmeyen rol: '{role}'. Roller: {string.Join(", ", Roles.All)}.");
            return 1;
        }
        var users = sp.GetRequiredService<UserManager<User>>();
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await error.WriteLineAsync($"'{email}' e-postasıyla bir kullanıcı zaten var.");
            return 1;
        }
        var name = options.GetValueOrDefault("name") is { Length: > 0 } n ? n.Trim() : email.Split('@')[0];
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) await error.WriteLineAsync(e.Description);
            return 1;
        }
        await users.AddToRoleAsync(user, role);
        await output.WriteLineAsync($"Kullanıcı oluşturuldu: {name} <{email}>, rol: {Roles.DisplayName(role)}.");
        return 0;
    }

    static async Task<int> TokenCreateAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("name", out var label) || label.Trim().Length == 0)
        {
            await error.WriteLineAsync("--email ve --name gerekli.");
            return 1;
        }
        var users = sp.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await error.WriteLineAsync($"'{email}' e-postasıyla bir kullanıcı yok. Önce 'admin create' ile oluşturun.");
            return 1;
        }
        var db = sp.GetRequiredService<MansetDb>();
        var (token, hash, display) = ApiTokens.Create();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id,
            Name = label.Trim().Length > Limits.NameMax ? label.Trim()[..Limits.NameMax] : label.Trim(),
            Hash = hash,
            Prefix = display,
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
        await db.SaveChangesAsync();
        var roles = await users.GetRolesAsync(user);
        await output.WriteLineAsync($"'{label}' token'ı {user.DisplayName} <{user.Email}> adına oluşturuldu (rol: {string.Join(", ", roles.Select(Roles.DisplayName))}). Şimdi saklayın; bir daha gösterilmez:");
        await output.WriteLineAsync(token);
        return 0;
    }

    /// <summary>"--email a@b --name x" → { email: a@b, name: x }.</summary>
    static Dictionary<string, string> Options(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var key = args[i][2..];
            var eq = key.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) result[key[..eq]] = key[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) result[key] = args[++i];
            else result[key] = "";
        }
        return result;
    }
}
