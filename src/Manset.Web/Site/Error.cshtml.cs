using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Site;

/// <summary>
/// Where errors end up, by re-execution with the original status kept: the Turkish error pages (404, 410, 500…)
/// for readers, and RFC 9457 problem details for requests that were made to the API.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(int code) => HandleAsync(code);
    public Task<IActionResult> OnPostAsync(int code) => HandleAsync(code);
    public Task<IActionResult> OnPutAsync(int code) => HandleAsync(code);
    public Task<IActionResult> OnDeleteAsync(int code) => HandleAsync(code);
    public Task<IActionResult> OnPatchAsync(int code) => HandleAsync(code);

    async Task<IActionResult> HandleAsync(int code)
    {
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        Code = code is >= 400 and <= 599 ? code : 404;
        if (originalPath is null) Response.StatusCode = Code;
        if (originalPath is not null && originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = HttpContext,
                ProblemDetails = new ProblemDetails { Status = Code },
            });
            return new EmptyResult();
        }
        (Heading, Message) = Code switch
        {
            404 => ("Sayfa bulunamadı", "Aradığınız sayfa taşınmış, adı değişmiş ya da hiç var olmamış olabilir."),
            410 => ("Bu haber yayından kaldırıldı", "Aradığınız haber artık yayında değil."),
            400 => ("İstek anlaşılamadı", "Adres ya da gönderilen bilgiler geçersiz."),
            403 => ("Bu sayfaya erişiminiz yok", "Bu içeriği görmek için yetkiniz bulunmuyor."),
            405 => ("Bu işlem yapılamıyor", "Sayfa bu istek yöntemini kabul etmiyor."),
            429 => ("Çok fazla istek", "Kısa sürede çok fazla istek gönderdiniz. Lütfen biraz bekleyip yeniden deneyin."),
            >= 500 => ("Bir sorun oluştu", "Sayfayı şu anda gösteremiyoruz. Sorun kaydedildi; lütfen birkaç dakika sonra yeniden deneyin."),
            _ => ("Bir sorun oluştu", "İsteğiniz tamamlanamadı."),
        };
        ViewData["Title"] = Heading;
        ViewData["NoIndex"] = true;
        // Server errors may mean the database is down: print them without the data-driven chrome.
        if (Code >= 500) ViewData["Plain"] = true;
        return Page();
    }
}
