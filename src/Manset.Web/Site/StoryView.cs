namespace Manset.Web.Site;

/// <summary>The story part of an article page, shared by the public page and the newsroom's preview.</summary>
public sealed record StoryView(ArticleView Article, string? Mine = null, string? Notice = null, bool Preview = false);
