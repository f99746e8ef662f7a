namespace Manset.Web.Site;

/// <summary>What a simple list page (tag, author, son dakika) hands its view.</summary>
public sealed record ListPage(string Heading, string? Intro, List<ArticleCard> Articles, PagerView Pager);
