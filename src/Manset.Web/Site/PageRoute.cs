using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Manset.Web.Site;

/// <summary>
/// The public pages read their route values here, and the request's cancellation from <c>HttpContext.RequestAborted</c>,
/// instead of taking them as handler parameters: a handler with parameters goes through MVC's model binding (value
/// providers, a binder per parameter, validation) on every render, which was 4.4 % of an uncached article page's CPU
/// (perf, 2026-12-01). The route template has already checked each value's form (<c>{id:int}</c>).
/// </summary>
public static class PageRoute
{
    /// <summary>A route value as matched ("" when the route has none by that name).</summary>
    public static string Text(this PageModel page, string name) =>
        page.RouteData.Values.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "";

    /// <summary>An <c>{name:int}</c> route value; 0 when it is missing or not a number the route could have matched.</summary>
    public static int Number(this PageModel page, string name) =>
        int.TryParse(page.Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
