using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Manset.Browser.Tests;

/// <summary>
/// İHA as its subscribers see it, on 127.0.0.1: one abone RSS feed with one story and its photo (given only to
/// requests with a Referer, as İHA's media servers do). The browser tests never reach the internet.
/// </summary>
public sealed class StandInAgency : IAsyncDisposable
{
    public const string Title = "Odunpazarı'nda tarihi konaklar ışıklandırıldı";
    public const string Caption = "Işıklandırılan konaklar akşam saatlerinde";
    readonly WebApplication _app;

    StandInAgency(WebApplication app) => _app = app;

    public string FeedUrl { get; private set; } = "";
    public int PhotoRequests;

    public static async Task<StandInAgency> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var agency = new StandInAgency(app);
        var photo = Photo();
        app.MapGet("/iha/rss", (HttpContext context) =>
        {
            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Text(Feed(baseUrl + "/foto/konaklar.jpg"), "application/xml; charset=utf-8", Encoding.UTF8);
        });
        app.MapGet("/foto/konaklar.jpg", (HttpContext context) =>
        {
            Interlocked.Increment(ref agency.PhotoRequests);
            return string.IsNullOrEmpty(context.Request.Headers.Referer) ? Results.StatusCode(403) : Results.Bytes(photo, "image/jpeg");
        });
        await app.StartAsync();
        agency.FeedUrl = app.Urls.First().TrimEnd('/') + "/iha/rss";
        return agency;
    }

    static string Feed(string photo) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>İHA Abone Haber Akışı</title><link>https://www.iha.com.tr</link>
        <item><HaberKodu>20261129AW009001</HaberKodu><title>{WebUtility.HtmlEncode(Title)}</title>
        <description><![CDATA[Odunpazarı Belediyesi, tarihi konakların cephelerini yeni aydınlatma sistemiyle ışıklandırdı.<br/>Proje kapsamında 42 tescilli yapının cephesine enerji tasarruflu armatürler yerleştirildi.<br/>"Gece turizmine katkı"<br/>Belediye yetkilileri, ışıklandırmanın akşam saatlerinde bölgeye gelen ziyaretçi sayısını artırmasını beklediklerini söyledi.]]></description>
        <Sehir>ESKİŞEHİR</Sehir><Kategori>Kültür Sanat</Kategori><UstKategori>Gündem</UstKategori><SonDakika>Hayır</SonDakika>
        <pubDate>29.11.2026 10:30:00</pubDate><SonHaberGuncellenmeTarihi>-</SonHaberGuncellenmeTarihi><SonFotografEklenmeTarihi>29.11.2026 10:30:00</SonFotografEklenmeTarihi>
        <images><image ResimKodu="R9001" HaberKodu="20261129AW009001" filesize="96000">{WebUtility.HtmlEncode(photo)}</image></images><videos></videos>
        <Aciklamalar><Aciklama ResimKodu="R9001">{Caption} (İHA)</Aciklama></Aciklamalar></item>
        </channel></rss>
        """;

    static byte[] Photo()
    {
        using var bitmap = new SKBitmap(1200, 800);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x1d, 0x25, 0x3a));
            using var window = new SKPaint { Color = new SKColor(0xf6, 0xc4, 0x5a) };
            for (var x = 0; x < 6; x++) canvas.DrawRect(120 + x * 170, 420, 90, 140, window);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
