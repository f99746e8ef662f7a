using Manset.Web.Infrastructure;
using Manset.Web.Site;

namespace Manset.Tests.Site;

/// <summary>Absolute links: our plain paths are joined as text, and the result is what <see cref="Uri"/> makes of them.</summary>
public class SiteChromeTests
{
    public static TheoryData<string, string> Paths => new()
    {
        { "http://localhost:5080", "/" },
        { "http://localhost:5080", "/gundem/yeni-haber-42" },
        { "https://www.ornekgazete.com.tr/", "/sitemap-articles-2026-11-2.xml" },
        { "https://www.ornekgazete.com.tr", "/medya/2026/11/ab12cd-1920.jpg" },
        { "https://www.ornekgazete.com.tr/haber", "/etiket/deprem?sayfa=2&x=1" },
        { "https://www.ornekgazete.com.tr/haber/", "video/izmir-41" },
        // Not plain: through Uri, as before.
        { "https://www.ornekgazete.com.tr/haber/", "/../gizli" },
        { "https://www.ornekgazete.com.tr/haber/", "/./a/./b" },
        { "https://www.ornekgazete.com.tr", "/etiket/%C3%A7ay" },
        { "https://www.ornekgazete.com.tr", "/etiket/çay ve şeker" },
        { "https://www.ornekgazete.com.tr", "/a#b" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void An_absolute_link_is_what_uri_makes_of_the_base_and_the_path(string baseUrl, string path)
    {
        var site = new SiteOptions { BaseUrl = baseUrl };
        var expected = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), path.TrimStart('/')).ToString();
        Assert.Equal(expected, SiteChrome.Join(site, path));
    }

    [Fact]
    public void A_changed_base_address_is_used_at_once()
    {
        var site = new SiteOptions { BaseUrl = "http://eski.example" };
        Assert.Equal("http://eski.example/gundem", SiteChrome.Join(site, "/gundem"));
        site.BaseUrl = "https://yeni.example/";
        Assert.Equal("https://yeni.example/gundem", SiteChrome.Join(site, "/gundem"));
        Assert.Equal(new Uri("https://yeni.example/"), site.BaseUri);
    }
}
