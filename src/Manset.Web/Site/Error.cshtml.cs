using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Site;

/// <summary>The Turkish error pages (404, 410, 500…), reached by re-execution with the original status kept.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    void Describe(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code : 404;
        if (!reExecuted) Response.StatusCode = Code;
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
    }
}
