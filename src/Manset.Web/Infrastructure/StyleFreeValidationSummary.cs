using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Manset.Web.Infrastructure;

/// <summary>
/// Runs after ASP.NET Core's validation summary tag helper. A summary without a message to list gets the framework's
/// placeholder <c>&lt;li style="display:none"&gt;</c>, an inline style the Content-Security-Policy refuses (and the
/// browser reports); such a summary is left out altogether, which is what it showed anyway.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class StyleFreeValidationSummary : TagHelper
{
    const string Placeholder = "<li style=\"display:none\"></li>";

    /// <summary>After the framework's tag helpers (-1000).</summary>
    public override int Order => 0;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.PostContent.GetContent().Contains(Placeholder, StringComparison.Ordinal)) output.SuppressOutput();
    }
}
