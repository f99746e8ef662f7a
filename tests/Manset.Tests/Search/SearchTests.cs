using System.Net;
using System.Text.Json.Nodes;
using Manset.Tests.Support;

namespace Manset.Tests.Search;

/// <summary>
/// Our Turkish search test set: 16 articles, 34 queries (case, suffixes, letters typed without Turkish characters,
/// several words), each with the article that must come first; then the index following every write, the reindex
/// command, the page (count, marks, filters, paging, an escaped query) and the API. SQLite FTS5 and PostgreSQL.
/// </summary>
public abstract class SearchTests(Db db) : IAsyncLifetime
{
    TestApp _app = null!;
    HttpClient _api = null!;
    readonly Dictionary<string, int> _ids = [];
    string _sport = "";
    readonly LogCapture _logs = new();

    /// <summary>Key → headline, spot, body. Every body says "Yetkililer" once, for the paging test.</summary>
    static readonly (string Key, string Title, string Spot, string Body)[] Corpus =
    [
        ("kore", "Kuzey Kore'de askeri tatbikat: Pyongyang'da alarm", "Kuzey Kore ordusu sabah saatlerinde geniş çaplı bir tatbikat başlattı.", "Pyongyang'da sirenler çaldı, halk sığınaklara yönlendirildi. Kore yarımadasında gerilim yükseldi. Yetkililer açıklama yapmadı."),
        ("guney", "Güney Kore ile yeni ticaret anlaşması imzalandı", "Anlaşma otomotiv ve elektronik sektörlerini kapsıyor.", "Seul'de düzenlenen törende bakanlar imzaları attı. Yetkililer anlaşmanın ihracata katkı sağlayacağını söyledi."),
        ("istanbul", "İstanbul'da metro hattı uzatılıyor", "Yeni istasyonlar yıl sonunda hizmete girecek.", "İstanbul Büyükşehir Belediyesi, hattın iki ilçeye daha uzanacağını açıkladı. Yetkililer çalışmaların gece de süreceğini belirtti."),
        ("igdir", "Iğdır'da kar yağışı köy yollarını kapattı", "Ekipler kapanan yolları açmak için çalışıyor.", "IĞDIR'DA gece başlayan kar yağışı 40 köy yolunu ulaşıma kapattı. Yetkililer sürücüleri uyardı."),
        ("ekonomi", "Ekonomide yeni dönem: Merkez Bankası faizi sabit tuttu", "Karar piyasalarda olumlu karşılandı.", "Merkez Bankası Para Politikası Kurulu politika faizini değiştirmedi. Yetkililer enflasyonun düşüşünü izlediklerini söyledi."),
        ("kurs", "Belediyenin yaz kursları için kayıtlar başladı", "Resim, müzik ve yüzme kursları ücretsiz olacak.", "Kayıtlar gençlik merkezlerinde yapılıyor. Yetkililer kontenjanın sınırlı olduğunu hatırlattı."),
        ("sampiyon", "Eskişehirspor şampiyonluk kupasını kaldırdı", "Kırmızı-siyahlı takım sezonu namağlup tamamladı.", "Kupa töreni stadyumda binlerce taraftarın önünde yapıldı. Yetkililer kutlamaların gece boyu süreceğini duyurdu."),
        ("cocuk", "Çocuklar için yeni oyun parkları açıldı", "Mahallelere 12 yeni park kazandırıldı.", "Parklarda engelli çocuklar için özel oyun alanları da bulunuyor. Yetkililer bakımın düzenli yapılacağını söyledi."),
        ("ankara", "Ankara'da trafik düzenlemesi yapıldı", "Kızılay'daki kavşak yeniden düzenlendi.", "Başkentte sabah saatlerindeki yoğunluğun azalması bekleniyor. Yetkililer sürücülerden sabır istedi."),
        ("ihracat", "Türkiye'nin ihracatı rekor kırdı", "Aylık ihracat ilk kez 25 milyar doları aştı.", "Ticaret Bakanlığı verilerine göre otomotiv sektörü ilk sırada. Yetkililer hedefin yükseltildiğini açıkladı."),
        ("deprem", "Kahramanmaraş'ta deprem konutları teslim edildi", "Depremzede aileler yeni evlerine kavuştu.", "Törende 2 bin konutun anahtarı sahiplerine verildi. Yetkililer kalan konutların da tamamlanacağını söyledi."),
        ("ogretmen", "Öğretmenler için mesleki gelişim programı", "Program yaz tatilinde başlayacak.", "Milli Eğitim Bakanlığı'nın programına binlerce öğretmen katılacak. Yetkililer başvuruların çevrim içi alınacağını bildirdi."),
        ("sirnak", "Şırnak'ta yayla yolları asfaltlandı", "Yaylacılar artık daha kolay ulaşım sağlayacak.", "Çalışmalar üç ay sürdü. Yetkililer yeni yolların güvenli olduğunu vurguladı."),
        ("findik", "Karadeniz'de fındık hasadı başladı", "Üreticiler bu yıl rekolteden umutlu.", "Giresun ve Ordu'da bahçelerde yoğun mesai var. Yetkililer fındık fiyatlarının yakında açıklanacağını söyledi."),
        ("usak", "Uşak'ta tekstil fabrikası açıldı", "Fabrikada 800 kişi istihdam edilecek.", "Açılışa sanayi temsilcileri katıldı. Yetkililer bölgeye yeni yatırımlar geleceğini belirtti."),
        ("izmir", "İzmir Körfezi'nde balık ölümleri araştırılıyor", "Uzmanlar su örnekleri aldı.", "Körfezde oksijen seviyesinin düştüğü belirlendi. Yetkililer sonuçların bir hafta içinde açıklanacağını duyurdu."),
    ];

    public static TheoryData<string, string> Queries => new()
    {
        { "kore", "kore" }, { "KUZEY KORE", "kore" }, { "pyongyang", "kore" }, { "Pyongyang'da tatbikat", "kore" }, { "güney kore", "guney" },
        { "İSTANBUL", "istanbul" }, { "istanbul", "istanbul" }, { "Istanbul", "istanbul" }, { "istanbul metro", "istanbul" },
        { "IĞDIR", "igdir" }, { "igdir", "igdir" }, { "ığdır", "igdir" }, { "Iğdır'da kar", "igdir" },
        { "ekonomi", "ekonomi" }, { "merkez bankası", "ekonomi" }, { "faiz", "ekonomi" },
        { "kurs", "kurs" }, { "kursları", "kurs" },
        { "şampiyonluk", "sampiyon" }, { "sampiyonluk", "sampiyon" }, { "ESKİŞEHİRSPOR", "sampiyon" },
        { "cocuklar", "cocuk" }, { "çocuk parkı", "cocuk" },
        { "ankara", "ankara" }, { "ihracat", "ihracat" }, { "ihracatı", "ihracat" },
        { "kahramanmaras", "deprem" }, { "deprem", "deprem" }, { "ogretmen", "ogretmen" },
        { "sirnak", "sirnak" }, { "findik", "findik" }, { "fındık hasadı", "findik" }, { "usak", "usak" }, { "izmir körfezi", "izmir" },
    };

    public async ValueTask InitializeAsync()
    {
        if (db == Db.Postgres) await Postgres.RequireAsync();
        _app = await TestApp.StartAsync(db, configure: s => s["Manset:Site:PageSize"] = "5",
            services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(s, _logs));
        _api = await _app.ApiClientAsync();
        var category = await Json.CategoryAsync(_api, "Gündem");
        var other = _sport = await Json.CategoryAsync(_api, "Spor");
        foreach (var (key, title, spot, body) in Corpus)
        {
            var created = await Json.ArticleAsync(_api, new { title, spot, body = $"<p>{body}</p>", category = key == "sampiyon" ? other : category, status = "published" });
            _ids[key] = (int)created["id"]!;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    async Task<List<int>> SearchAsync(string q, string extra = "")
    {
        var response = await _api.GetAsync($"/api/v1/articles?status=published&q={Uri.EscapeDataString(q)}{extra}");
        Assert.True(response.IsSuccessStatusCode, $"{q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()} {_logs.All}");
        var found = await Json.ReadAsync(response);
        return found["items"]!.AsArray().Select(i => (int)i!["id"]!).ToList();
    }

    [Fact]
    public async Task Each_query_of_the_test_set_puts_the_expected_article_first()
    {
        var failures = new List<string>();
        foreach (var row in Queries)
        {
            var (query, key) = ((string)row.Data.Item1, (string)row.Data.Item2);
            var ids = await SearchAsync(query);
            if (ids.Count == 0 || ids[0] != _ids[key])
            {
                failures.Add($"{query}: expected #{_ids[key]} ({key}) first, got [{string.Join(", ", ids.Select(id => _ids.FirstOrDefault(p => p.Value == id).Key ?? id.ToString()))}]");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(Queries.Count() >= 25);
        // Nothing unrelated comes along.
        Assert.Equal([_ids["igdir"]], await SearchAsync("igdir"));
        Assert.Empty(await SearchAsync("zürafa"));
    }

    [Fact]
    public async Task The_index_follows_publishing_editing_and_taking_down_at_once()
    {
        var category = await Json.CategoryAsync(_api, "Yerel");
        var draft = await Json.ArticleAsync(_api, new { title = "Van Gölü'nde inci kefali göçü başladı", category, status = "draft" });
        var id = (int)draft["id"]!;
        Assert.Empty(await SearchAsync("kefali"));

        Assert.Equal(HttpStatusCode.OK, (await _api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { status = "published" }))).StatusCode);
        Assert.Equal([id], await SearchAsync("van gölü"));

        Assert.Equal(HttpStatusCode.OK, (await _api.PutAsync($"/api/v1/articles/{id}", Json.Body(new { title = "Erçek Gölü'nde flamingolar görüldü" }))).StatusCode);
        Assert.Empty(await SearchAsync("kefali"));
        Assert.Equal([id], await SearchAsync("flamingo"));

        Assert.Equal(HttpStatusCode.NoContent, (await _api.DeleteAsync($"/api/v1/articles/{id}")).StatusCode);
        Assert.Empty(await SearchAsync("flamingo"));

        var scheduled = await Json.ArticleAsync(_api, new { title = "Nemrut Dağı'nda gün doğumu etkinliği", category, status = "scheduled", publishedAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Empty(await SearchAsync("nemrut"));
        Assert.NotNull(scheduled["id"]);
    }

    [Fact]
    public async Task Reindex_rebuilds_the_index_with_a_progress_bar()
    {
        var (code, output, _) = await _app.RunAsync("reindex");
        Assert.Equal(0, code);
        Assert.Contains("[████████████████████] %100", output, StringComparison.Ordinal);
        Assert.Contains($"Arama dizini yeniden kuruldu: {Corpus.Length} haber", output, StringComparison.Ordinal);
        Assert.Equal(_ids["igdir"], (await SearchAsync("igdir"))[0]);
    }

    [Fact]
    public async Task The_search_page_counts_marks_filters_and_pages()
    {
        var reader = _app.Reader();
        var page = await TestApp.ParseAsync(await reader.GetAsync("/arama?q=igdir"));
        Assert.Equal("“igdir” araması", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("“igdir” için 1 sonuç bulundu.", page.QuerySelector(".search-count")!.TextContent.Trim());
        var hit = page.QuerySelector(".search-hit")!;
        Assert.Equal("Iğdır", hit.QuerySelector("h2 mark")!.TextContent);
        Assert.Equal("IĞDIR", hit.QuerySelector(".snippet mark")!.TextContent);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        // Every article says "Yetkililer": 16 results, 5 a page.
        page = await TestApp.ParseAsync(await reader.GetAsync("/arama?q=yetkililer"));
        Assert.Equal("“yetkililer” için 16 sonuç bulundu.", page.QuerySelector(".search-count")!.TextContent.Trim());
        Assert.Equal(5, page.QuerySelectorAll(".search-hit").Length);
        var next = page.QuerySelector(".pager a[href*='sayfa=4']")!.GetAttribute("href")!;
        Assert.Equal("/arama?q=yetkililer&sayfa=4", next);
        Assert.Single((await TestApp.ParseAsync(await reader.GetAsync(next))).QuerySelectorAll(".search-hit"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/arama?q=yetkililer&sayfa=9")).StatusCode);

        // Filters: a category, a date range.
        page = await TestApp.ParseAsync(await reader.GetAsync($"/arama?q=yetkililer&kategori={_sport}"));
        Assert.Equal("Eskişehirspor şampiyonluk kupasını kaldırdı", page.QuerySelector(".search-hit h2")!.TextContent);
        Assert.Single(page.QuerySelectorAll(".search-hit"));
        Assert.Equal(_sport, page.QuerySelector("#arama-kategori option[selected]")!.GetAttribute("value"));
        var tomorrow = Manset.Web.Infrastructure.Turkish.ToIstanbul(DateTimeOffset.UtcNow.AddDays(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        page = await TestApp.ParseAsync(await reader.GetAsync($"/arama?q=yetkililer&baslangic={tomorrow}"));
        Assert.Empty(page.QuerySelectorAll(".search-hit"));
        Assert.Contains("için sonuç bulunamadı", page.QuerySelector(".search-empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/arama?q=kore&baslangic=29.11.2026")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/arama?q=kore&kategori=olmayan")).StatusCode);

        // No query: the form and a word on how search works.
        page = await TestApp.ParseAsync(await reader.GetAsync("/arama"));
        Assert.NotNull(page.QuerySelector("form.search-form input[name=q]"));
        Assert.Null(page.QuerySelector(".search-hit"));
        // Every page has the search box in its header, and it works without JavaScript (a GET form).
        var home = await TestApp.ParseAsync(await reader.GetAsync("/"));
        Assert.Equal("/arama", home.QuerySelector("form.site-search")!.GetAttribute("action"));
    }

    [Fact]
    public async Task A_query_with_markup_is_shown_as_text()
    {
        var response = await _app.Reader().GetAsync("/arama?q=" + Uri.EscapeDataString("<script>alert(1)</script> kore"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; kore", html, StringComparison.Ordinal);
        var page = await TestApp.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("main script, .primary script"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Reader().GetAsync("/arama?q=" + new string('a', 201))).StatusCode);
    }
}

public sealed class SearchTestsOnSqlite() : SearchTests(Db.Sqlite);
public sealed class SearchTestsOnPostgres() : SearchTests(Db.Postgres);
