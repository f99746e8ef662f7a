using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Manset.Web.Infrastructure;

/// <summary>
/// The UI strings (Resources/SharedResource.resx) read once per culture and name, then kept: the resource manager
/// takes a lock on every lookup, and a page asks for dozens of strings, so under load pages queued on that lock.
/// Registered as <see cref="IStringLocalizer{SharedResource}"/>; behaves exactly like the resource-file localizer.
/// </summary>
public sealed class CachedStrings(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    readonly IStringLocalizer _inner = factory.Create(typeof(SharedResource));
    readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _cache = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            return _cache.TryGetValue(key, out var found) ? found : _cache.GetOrAdd(key, _inner[name]);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound, template.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
