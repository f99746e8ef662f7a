namespace Manset.Web;

/// <summary>
/// Marker for the UI strings in Resources/SharedResource.resx (Turkish, the neutral language).
/// Another language is another resx beside it (SharedResource.en.resx).
/// </summary>
public sealed class SharedResource;
