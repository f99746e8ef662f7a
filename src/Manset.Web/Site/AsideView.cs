namespace Manset.Web.Site;

/// <summary>Which blocks the sidebar shows on a page.</summary>
public sealed record AsideView(bool ShowBreaking = true);
