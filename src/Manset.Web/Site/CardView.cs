namespace Manset.Web.Site;

/// <summary>How a card is printed in a given place.</summary>
public sealed record CardView(ArticleCard Card, int ImageWidth = 640, string Sizes = "(max-width: 640px) 100vw, 320px", bool ShowSpot = false, bool Eager = false, string Css = "", int Heading = 3)
{
    /// <summary>h2 in a page's own list (under its h1), h3 inside a titled section.</summary>
    public string HeadingTag => Heading == 2 ? "h2" : "h3";
}
