using System.Globalization;
using Manset.Web.Infrastructure;
using Manset.Web.Wires;
using Microsoft.Extensions.Options;

namespace Manset.Web.Cli;

/// <summary><c>wires pull [--source NAME]</c>: every configured source (or one) once, now; the summary on the last line.</summary>
public static class WiresCommand
{
    public static async Task<int> PullAsync(IServiceProvider sp, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var sources = sp.GetRequiredService<IOptions<MansetOptions>>().Value.Wires.Sources;
        if (options.TryGetValue("source", out var only))
        {
            sources = sources.Where(s => s.Name == only).ToList();
            if (sources.Count == 0)
            {
                await error.WriteLineAsync($"'{only}' adlı bir ajans kaynağı yapılandırılmamış (Manset:Wires:Sources).");
                return 1;
            }
        }
        if (sources.Count == 0)
        {
            await error.WriteLineAsync("Yapılandırılmış ajans kaynağı yok (Manset:Wires:Sources:0:Name, Type, Url…).");
            return 1;
        }

        var puller = sp.GetRequiredService<WirePuller>();
        var clock = sp.GetRequiredService<TimeProvider>();
        int created = 0, updated = 0, unchanged = 0, failed = 0;
        foreach (var source in sources)
        {
            var wait = await puller.SpacingLeftAsync(source, CancellationToken.None);
            if (wait > TimeSpan.Zero)
            {
                await output.WriteLineAsync($"{source.Name}: ajansın istediği aralık için {Math.Ceiling(wait.TotalSeconds):0} sn bekleniyor…");
                await Task.Delay(wait, clock);
            }
            var result = await puller.PullAsync(source, CancellationToken.None);
            if (!result.Ran || result.Error is not null && result.Seen == 0)
            {
                failed++;
                await output.WriteLineAsync($"{source.Name}: HATA: {result.Error}");
                continue;
            }
            created += result.New;
            updated += result.Updated;
            unchanged += result.Unchanged;
            failed += result.Failed;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{source.Name}: {result.Seen} haber, {result.New} yeni, {result.Updated} güncellenen, {result.Unchanged} aynı, {result.Failed} hatalı, {result.MediaStored} dosya indirildi, {result.MediaFailed} dosya indirilemedi ({result.Elapsed.TotalSeconds:0.0} sn)"));
        }
        await output.WriteLineAsync($"new={created} updated={updated} unchanged={unchanged} failed={failed}");
        return 0;
    }
}
