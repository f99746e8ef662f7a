using Manset.Tests.Wires;

namespace Manset.Fuzz;

/// <summary>Each target's starting corpus, taken from the wire tests' own fixtures: small, valid, and in every case read.</summary>
static class Seeds
{
    public static IEnumerable<(string Target, IReadOnlyList<string> Seeds)> FromTestFixtures()
    {
        const string photo = "https://ajans.test/foto/1.jpg";
        yield return ("iha", [Feeds.Iha(Feeds.Tramvay(photo)), Feeds.Iha(Feeds.Mac("https://ajans.test/video/1.mp4", "https://ajans.test/video/1.jpg"))]);
        yield return ("dha", [Feeds.Dha(Feeds.DepremDha(photo))]);
        yield return ("rss", [Feeds.Rss(1), Feeds.Atom]);
        var document = Feeds.AaDocument("aa:text:20261129:1", "Enflasyon beklentisi açıklandı", "Yıllık beklenti geriledi.",
            "<p>Merkez Bankası'nın anketi.</p><h2>Kur</h2><p>Beklenti sabit.</p>", "Ankara", "AAcat:EKO", "Ekonomi", "aa:picture:20261129:9");
        yield return ("newsml", [document]);
        yield return ("aa-document", [document]);
        yield return ("aa-search", [Feeds.AaSearch(("aa:text:20261129:1", "Enflasyon", "2026-11-29T08:10:00Z", "g-1"), ("aa:text:20261129:2", "Kayıp", "2026-11-29T08:20:00Z", null))]);
        yield return ("sanitizer", [Feeds.Tramvay(photo).Description]);
        yield return ("slug", [Feeds.Tramvay(photo).Title, Feeds.DepremDha(photo).Title]);
    }
}
