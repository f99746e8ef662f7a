using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Data;

/// <summary>
/// <c>demo generate --articles N</c>: N synthetic published articles for benchmarks and scale tests, written fast
/// (batches of 2,000 without change tracking, the search index filled in the same transaction). Turkish sentences
/// from word lists, spread over the categories, the authors and the last two years; the pictures of the demo
/// newspaper are reused.
/// </summary>
public sealed class DemoGenerator(MansetDb db, ISearchIndex search, TimeProvider clock, ILogger<DemoGenerator> log)
{
    const int Batch = 2000;

    static readonly string[] Cities = ["Adana", "Ankara", "Antalya", "Bursa", "Çanakkale", "Denizli", "Diyarbakır", "Edirne", "Erzurum", "Eskişehir",
        "Gaziantep", "Giresun", "Hatay", "Iğdır", "Isparta", "İstanbul", "İzmir", "Kahramanmaraş", "Kars", "Kayseri", "Konya", "Kütahya", "Malatya",
        "Manisa", "Mardin", "Muğla", "Ordu", "Rize", "Sakarya", "Samsun", "Şanlıurfa", "Şırnak", "Trabzon", "Uşak", "Van", "Yozgat", "Zonguldak"];
    static readonly string[] Subjects = ["belediye meclisi", "valilik", "il sağlık müdürlüğü", "üniversite", "ticaret odası", "itfaiye ekipleri", "emniyet müdürlüğü",
        "tarım müdürlüğü", "spor kulübü", "muhtarlar", "ziraat odası", "esnaf odası", "milli eğitim müdürlüğü", "orman bölge müdürlüğü", "sanayi odası"];
    static readonly string[] Verbs = ["yeni bir proje başlattı", "açıklama yaptı", "toplantı düzenledi", "uyarıda bulundu", "yatırım planını duyurdu",
        "denetim yaptı", "kampanya başlattı", "protokol imzaladı", "ödül töreni düzenledi", "eğitim programı açtı"];
    static readonly string[] Topics = ["ulaşım", "deprem hazırlığı", "kış lastiği", "fındık hasadı", "çocuk parkları", "yaz kursları", "su kesintisi",
        "doğalgaz", "tramvay hattı", "sağlık taraması", "ihracat", "turizm sezonu", "orman yangını", "kar yağışı", "şampiyonluk kutlaması",
        "öğretmen atamaları", "tarihi konaklar", "kültür festivali", "hayvan barınağı", "sokak lezzetleri"];
    static readonly string[] Details = ["çalışmaların yıl sonuna kadar süreceği belirtildi", "vatandaşlardan destek istendi",
        "bütçenin büyük bölümünün altyapıya ayrıldığı açıklandı", "ilk etabın tamamlandığı bildirildi", "raporun bakanlığa gönderildiği öğrenildi",
        "yetkililer gelişmeleri yakından takip ettiklerini söyledi", "ekiplerin gece boyunca görev yaptığı öğrenildi", "projenin çevre ilçelere de yayılacağı kaydedildi"];

    public async Task<int> GenerateAsync(int count, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => c.Id).ToListAsync(ct);
        var authors = await db.Authors.AsNoTracking().Select(a => a.Id).ToListAsync(ct);
        var images = await db.Media.AsNoTracking().Where(m => m.Kind == MediaKind.Image).Select(m => m.Id).Take(200).ToListAsync(ct);
        if (categories.Count == 0) throw new InvalidOperationException("Kategori yok: önce siteyi bir kez başlatın (demo gazete) ya da kategori ekleyin.");

        var random = new Random(count);
        var now = clock.GetUtcNow();
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var done = 0; done < count;)
            {
                var size = Math.Min(Batch, count - done);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var articles = new List<Article>(size);
                for (var i = 0; i < size; i++)
                {
                    var city = Cities[random.Next(Cities.Length)];
                    var subject = Subjects[random.Next(Subjects.Length)];
                    var topic = Topics[random.Next(Topics.Length)];
                    var verb = Verbs[random.Next(Verbs.Length)];
                    var title = $"{city} {subject} {topic} için {verb}";
                    // Oldest first, as a newspaper's ids grow with time; a few minutes' jitter.
                    var published = now.AddDays(-730.0 * (count - done - i) / count).AddMinutes(-random.Next(0, 30));
                    var spot = $"{city}'da {subject}, {topic} konusunda {verb}.";
                    var body = $"<p>{city}'da {subject} tarafından yapılan açıklamada {Details[random.Next(Details.Length)]}.</p>"
                        + $"<h2>{Turkish.Upper(topic[..1]) + topic[1..]}</h2><p>{Details[random.Next(Details.Length)]}; {Details[random.Next(Details.Length)]}.</p>"
                        + $"<blockquote><p>{Details[random.Next(Details.Length)]}</p></blockquote><p>Haber kodu {done + i + 1}: {city} merkezli çalışmalar sürüyor.</p>";
                    var article = new Article
                    {
                        Title = title,
                        Slug = Slug.From(title),
                        Spot = spot,
                        Body = body,
                        CategoryId = categories[random.Next(categories.Count)],
                        Source = random.Next(3) switch { 0 => "İHA", 1 => "AA", _ => "DHA" },
                        Status = ArticleStatus.Published,
                        PublishedAt = published,
                        CreatedAt = published.AddMinutes(-20),
                        ModifiedAt = published,
                        ImageId = images.Count > 0 && random.Next(3) > 0 ? images[random.Next(images.Count)] : null,
                        Version = 1,
                        Stats = new ArticleStats { Views = random.Next(0, 20_000) },
                    };
                    if (authors.Count > 0) article.Authors.Add(new ArticleAuthor { AuthorId = authors[random.Next(authors.Count)], Order = 0 });
                    articles.Add(article);
                }
                db.Articles.AddRange(articles);
                await db.SaveChangesAsync(ct);
                foreach (var a in articles)
                {
                    await search.UpsertAsync(new SearchDocument(a.Id, a.Title, a.Spot, HtmlText.Plain(a.Body), a.PublishedAt!.Value, a.CategoryId), ct);
                }
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                done += size;
                progress?.Report((done, count));
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
        log.LogInformation("{Count} sentetik haber yazıldı.", count);
        return count;
    }
}
