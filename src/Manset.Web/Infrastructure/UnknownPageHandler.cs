using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Manset.Web.Infrastructure;

/// <summary>
/// A request that changes something (POST…) and finds no handler on the page (<c>?handler=Sil</c> misspelt, or a page
/// without any <c>OnPost</c>) is 404. Razor Pages would otherwise draw the page without running any of its code, so
/// its model was never loaded and the view failed on it (500), as wapiti showed with <c>?handler=;env;</c>.
/// GET and HEAD keep Razor Pages' behaviour: pages without <c>OnGet</c> are drawn as they are.
/// </summary>
public sealed class UnknownPageHandler : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
