using System.Text;
using Manset.Fuzz;
using Manset.Web.Wires;

namespace Manset.Tests.Wires;

/// <summary>
/// What the property tests and the fuzzer found in the wire adapters (inputs in Fuzz/Crashes), each pinned down:
/// a hostile feed costs at most its own item, never the pull.
/// </summary>
public class FuzzFindingTests
{
    static WireBatch Read(string type, string feed) => OfflineAgency.Fetch(type, Encoding.UTF8.GetBytes(feed));

    [Theory]
    [InlineData("rss", "<rss><channel><item><guid>1</guid><title>Başlık</title><pubDate>0001-01-01T00:00:00</pubDate></item></channel></rss>")]
    [InlineData("rss", "<rss><channel><item><guid>1</guid><title>Başlık</title><pubDate>Mon, 01 Jan 0001 00:30:00</pubDate></item></channel></rss>")]
    [InlineData("iha", "<rss><channel><item><HaberKodu>K1</HaberKodu><title>Başlık</title><pubDate>01.01.0001 00:00:00</pubDate></item></channel></rss>")]
    [InlineData("dha", "<rss><channel><item><guid>1</guid><title>Başlık</title><pubDate>0001-01-01 01:55</pubDate></item></channel></rss>")]
    public void A_date_at_the_start_of_the_calendar_is_no_date_and_the_story_is_read(string type, string feed)
    {
        // Istanbul is ahead of UTC, so midnight of 1 January of year 1 there is before the first instant .NET can hold.
        var story = Assert.Single(Read(type, feed).Stories);
        Assert.Equal(DateTimeOffset.MinValue, story.PublishedAt); // ingest then takes the time of the pull
    }

    [Fact]
    public void A_date_at_the_end_of_the_calendar_is_still_read()
    {
        var story = Assert.Single(Read("iha", "<rss><channel><item><HaberKodu>K1</HaberKodu><title>Başlık</title><pubDate>31.12.9999 23:59:59</pubDate></item></channel></rss>").Stories);
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 20, 59, 59, TimeSpan.Zero), story.PublishedAt);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("x-bilinmeyen")]
    public void A_feed_declaring_an_encoding_dotnet_refuses_is_read_as_UTF8_or_Turkish(string encoding)
    {
        var feed = $"<?xml version=\"1.0\" encoding=\"{encoding}\"?><rss><channel><item><guid>1</guid><title>Iğdır'da çiğ süt</title></item></channel></rss>";
        Assert.Equal("Iğdır'da çiğ süt", Assert.Single(Read("rss", feed).Stories).Title);
        Assert.Equal("Iğdır'da çiğ süt", Assert.Single(OfflineAgency.Fetch("rss", Encoding.GetEncoding(1254).GetBytes(feed)).Stories).Title);
    }

    [Fact]
    public void An_AA_search_answer_whose_response_is_not_an_object_is_read_for_its_results() =>
        Assert.Empty(OfflineAgency.Fetch("aa", """{"response":1,"data":{"result":[]}}"""u8.ToArray(), aaPart: OfflineAgency.AaPart.Search).Stories);

    [Theory]
    [InlineData("{\"response\":{\"success\":true},\"data\":\"yok\"}")]
    [InlineData("{\"response\":{\"success\":true},\"data\":{\"result\":{}}}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"metin\"")]
    public void An_AA_search_answer_of_the_wrong_shape_is_refused_as_a_feed_error(string json)
    {
        var e = Assert.Throws<WireFeedException>(() => OfflineAgency.Fetch("aa", Encoding.UTF8.GetBytes(json), aaPart: OfflineAgency.AaPart.Search));
        Assert.Contains("data.result", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AA_search_entries_that_are_not_objects_or_not_text_are_skipped()
    {
        const string json = """{"response":{"success":true},"data":{"result":[1,"iki",null,{"id":"\ud800","type":"text"},{"id":"aa:text:20261129:1","type":"text","date":"\udfff"}]}}""";
        var batch = OfflineAgency.Fetch("aa", Encoding.UTF8.GetBytes(json), aaPart: OfflineAgency.AaPart.Search);
        Assert.Equal("Enflasyon beklentisi açıklandı", Assert.Single(batch.Stories).Title);
    }

    /// <summary>Found by afl-fuzz (Fuzz/Crashes/aa-search/afl-*): System.Text.Json throws when a name it compares escapes half a surrogate pair.</summary>
    [Fact]
    public void An_AA_search_answer_with_half_a_surrogate_in_a_name_is_read_for_what_can_be_read()
    {
        // The broken "success" cannot say the search failed; the second entry's group cannot be read, so the story is its own group.
        const string json = """{"response":{"s\ud800uccess":false},"data":{"result":[{"id":"aa:text:20261129:1","type":"text"},{"id":"aa:text:20261129:2","type":"text","group_\ud800id":"g-9"}]}}""";
        var batch = OfflineAgency.Fetch("aa", Encoding.UTF8.GetBytes(json), aaPart: OfflineAgency.AaPart.Search);
        Assert.Equal(["aa:text:20261129:1", "aa:text:20261129:2"], batch.Stories.Select(s => s.AgencyId));
    }

    /// <summary>Found by CsCheck in CI (seed 1d0ZiUXcRAtb): an id of a no-break space made a story with a blank agency id.</summary>
    [Fact]
    public void AA_search_ids_and_groups_of_spaces_count_as_missing()
    {
        const string json = """{"response":{"success":true},"data":{"result":[{"id":"\u00A0","type":"text"},{"id":" \t","type":"text"},{"id":" aa:text:20261129:3 ","type":"text","group_id":"\u00A0 "}]}}""";
        var batch = OfflineAgency.Fetch("aa", Encoding.UTF8.GetBytes(json), aaPart: OfflineAgency.AaPart.Search);
        var story = Assert.Single(batch.Stories);
        Assert.Equal("aa:text:20261129:3", story.AgencyId); // trimmed, and its own group when the group is blank
        Assert.Equal("aa:text:20261129:3", story.Version);
    }

    [Fact]
    public void Media_outside_the_web_are_skipped_and_the_story_is_kept()
    {
        var feed = "<rss><channel><item><guid>1</guid><title>Deprem</title><photos>htps://ajans.test/foto/1.jpg</photos><photos>file:///etc/passwd</photos>"
            + "<photos>ftp://ajans.test/foto/2.jpg</photos><photos>https://ajans.test/foto/3.jpg</photos></item></channel></rss>";
        var story = Assert.Single(Read("dha", feed).Stories);
        Assert.Equal("https://ajans.test/foto/3.jpg", Assert.Single(story.Media).Url);
    }

    [Theory]
    [InlineData("htps://ajans.test/foto/1.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://ajans.test/a.jpg")]
    [InlineData("/goreli/adres.jpg")]
    public async Task The_wire_client_refuses_an_address_that_is_not_a_web_address_with_a_feed_error(string url)
    {
        using var http = new HttpClient();
        var client = new WireClient(http, new Redactor([]), 1024, TimeSpan.Zero);
        var e = await Assert.ThrowsAsync<WireFeedException>(() => client.DownloadAsync(url, null, 1024, CancellationToken.None));
        Assert.Contains("web adresi değil", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agency_word_answer_with_a_noncharacter_is_a_feed_error()
    {
        var e = Assert.ThrowsAny<WireFeedException>(() => Read("dha", "Çok sık istek \uFFFE yaptınız, 30 saniye bekleyin"));
        Assert.IsType<WireRateLimitedException>(e);
    }

    [Fact]
    public void A_description_nested_a_hundred_thousand_deep_is_read_within_seconds()
    {
        var feed = "<rss><channel><item><guid>1</guid><title>Derin</title><description><![CDATA[" + string.Concat(Enumerable.Repeat("<div>", 100_000))
            + "Hasat başladı.]]></description><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA["
            + string.Concat(Enumerable.Repeat("<ul><li>", 50_000)) + "Metin.]]></content:encoded></item></channel></rss>";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        FuzzTargets.All["rss"](Encoding.UTF8.GetBytes(feed)); // the story's body also goes through the sanitizer and the oracle
        var story = Assert.Single(Read("rss", feed).Stories);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("Hasat başladı.", story.Spot);
    }

    [Fact]
    public void An_agency_error_page_with_a_hundred_thousand_tags_is_quoted_within_seconds()
    {
        var page = "<html><body>" + string.Concat(Enumerable.Repeat("<b x>", 100_000)) + "Servis geçici olarak kullanılamıyor</body></html>";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<WireFeedException>(() => Read("iha", page));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("Servis geçici olarak kullanılamıyor", e.Message, StringComparison.Ordinal);
    }
}
