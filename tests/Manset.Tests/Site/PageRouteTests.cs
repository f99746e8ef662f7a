using System.Reflection;
using Manset.Web.Site;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Manset.Tests.Site;

/// <summary>
/// The public pages read their route values themselves (<see cref="PageRoute"/>): a GET handler with parameters would
/// put MVC's model binding back on every render of the pages readers ask for most.
/// </summary>
public sealed class PageRouteTests
{
    sealed class Page : PageModel;

    static Page With(params (string Key, object? Value)[] values)
    {
        var route = new RouteData();
        foreach (var (key, value) in values) route.Values[key] = value;
        return new Page { PageContext = new PageContext { RouteData = route } };
    }

    [Fact]
    public void Route_values_are_read_as_matched_and_a_number_that_is_not_there_is_zero()
    {
        var page = With(("category", "dünya"), ("slug", "istanbul-da-yagmur"), ("id", "4711"), ("negative", "-3"), ("word", "dört"));
        Assert.Equal("dünya", page.Text("category"));
        Assert.Equal("istanbul-da-yagmur", page.Text("slug"));
        Assert.Equal(4711, page.Number("id"));
        Assert.Equal(-3, page.Number("negative"));
        Assert.Equal(0, page.Number("word"));
        Assert.Equal(0, page.Number("missing"));
        Assert.Equal("", page.Text("missing"));
        Assert.Equal("12", With(("id", 12)).Text("id"));
    }

    [Theory]
    [InlineData(typeof(ArticleModel))]
    [InlineData(typeof(CategoryModel))]
    [InlineData(typeof(HomeModel))]
    [InlineData(typeof(TagPageModel))]
    [InlineData(typeof(AuthorPageModel))]
    [InlineData(typeof(VideoPageModel))]
    [InlineData(typeof(BreakingModel))]
    public void The_reader_pages_get_handlers_take_no_parameters_so_nothing_is_model_bound(Type page)
    {
        var handlers = page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is "OnGet" or "OnGetAsync").ToList();
        Assert.Single(handlers);
        Assert.Empty(handlers[0].GetParameters());
        Assert.DoesNotContain(page.GetProperties(), p => p.GetCustomAttributes(inherit: true).Any(a => a.GetType().Name.StartsWith("Bind", StringComparison.Ordinal) || a.GetType().Name.StartsWith("From", StringComparison.Ordinal)));
    }
}
