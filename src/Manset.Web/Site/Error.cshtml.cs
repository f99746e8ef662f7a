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
public sealed class ErrorModel(IProblemDetailsService problems, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : PageModel
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
        var key = Code switch
        {
            400 or 403 or 404 or 405 or 410 or 429 or 503 => "Error" + Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            >= 500 => "Error500",
            _ => "ErrorOther",
        };
        (Heading, Message) = (T[key].Value, T[key + "Text"].Value);
        ViewData["Title"] = Heading;
        ViewData["NoIndex"] = true;
        // Server errors may mean the database is down: print them without the data-driven chrome.
        if (Code >= 500) ViewData["Plain"] = true;
        return Page();
    }
}
