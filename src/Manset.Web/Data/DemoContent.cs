using System.Reflection;
using System.Text.Json;
using Manset.Data;
using Manset.Web.Engagement;
using Manset.Web.Infrastructure;
using Manset.Web.Media;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Data;

/// <summary>
/// The demo newspaper written into an empty database: "Manşet Haber" of Eskişehir, with its category tree,
/// reporters, masthead, videos and original articles (Data/Demo/*.json), each with a generated illustration.
/// Times are relative to the first start, so the paper looks alive the day it is installed.
/// </summary>
public sealed class DemoContent(MansetDb db, ImagePipeline images, IMediaStore store, BodySanitizer sanitizer, TimeProvider clock, ILogger<DemoContent> log)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static readonly (string Name, string[] Children)[] Tree =
    [
        ("Gündem", ["Eğitim"]),
        ("Dünya", []),
        ("Ekonomi", ["Otomotiv"]),
        ("Spor", ["Futbol", "Basketbol"]),
        ("Politika", []),
        ("Sağlık", []),
        ("Teknoloji", []),
        ("Yaşam", []),
        ("Kültür-Sanat", []),
        ("Yerel", []),
    ];

    static readonly Dictionary<string, string> Masthead = new(StringComparer.Ordinal)
    {
        [SettingKeys.Owner] = "Manşet Medya Yayıncılık A.Ş. adına Hülya Erkan",
        [SettingKeys.EditorInChief] = "Tarık Soylu",
        [SettingKeys.ManagingEditor] = "Deniz Koral",
        [SettingKeys.NewsDirector] = "Emre Tunalı",
        [SettingKeys.PublicationType] = "Yaygın, süreli, günlük internet haber sitesi",
        [SettingKeys.Address] = "Örnek Sokak No: 12, 26130 Tepebaşı/Eskişehir",
        [SettingKeys.Phone] = "+90 222 000 00 00",
        [SettingKeys.Email] = "haber@manset.example",
        [SettingKeys.Tagline] = "Eskişehir'in ve Türkiye'nin haberleri",
    };

    sealed record DemoAuthor(string Slug, string Name, string Title, string Bio);
    sealed record DemoVideo(string Key, string Title, string Description, string Category, double HoursAgo, int DurationSeconds);
    sealed record DemoArticle(string Title, string Spot, string Body, string Category, List<string> Tags, string? Source, string Author,
        double HoursAgo, double? UpdatedHoursAgo, bool Breaking, string? Slot, int? SlotOrder, string? Video,
        string ImageCaption, string ImageCredit, string ImageTheme);

    public async Task WriteAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();

        var categories = new Dictionary<string, Category>(StringComparer.Ordinal);
        for (var i = 0; i < Tree.Length; i++)
        {
            var (name, children) = Tree[i];
            var root = new Category { Name = name, Slug = Slug.From(name), SortOrder = i, CreatedAt = now };
            categories[root.Slug] = root;
            for (var j = 0; j < children.Length; j++)
            {
                var child = new Category { Name = children[j], Slug = Slug.From(children[j]), SortOrder = j, Parent = root, CreatedAt = now };
                categories[child.Slug] = child;
            }
        }
        db.Categories.AddRange(categories.Values);
        db.SiteSettings.AddRange(Masthead.Select(kv => new SiteSetting { Key = kv.Key, Value = kv.Value }));

        var authors = Read<List<DemoAuthor>>("authors.json")
            .ToDictionary(a => a.Slug, a => new Author { Slug = a.Slug, Name = a.Name, Title = a.Title, Bio = a.Bio }, StringComparer.Ordinal);
        db.Authors.AddRange(authors.Values);
        await db.SaveChangesAsync(ct);

        var videos = new Dictionary<string, Video>(StringComparer.Ordinal);
        var seed = 0;
        foreach (var v in Read<List<DemoVideo>>("videos.json"))
        {
            var publishedAt = now.AddHours(-v.HoursAgo);
            using var posterBitmap = DemoImages.Render(ThemeOf(v.Category), ++seed);
            var poster = await images.StoreBitmapAsync(posterBitmap, $"{v.Key}-kapak.jpg", null, ct);
            var file = await StoreVideoAsync(v.Key, ct);
            var captions = await StoreCaptionsAsync(v, ct);
            var video = new Video
            {
                Title = v.Title,
                Slug = Slug.From(v.Title),
                Description = v.Description,
                Category = categories[v.Category],
                Poster = poster,
                File = file,
                Captions = captions,
                DurationSeconds = v.DurationSeconds,
                IsPublished = true,
                PublishedAt = publishedAt,
                CreatedAt = publishedAt,
            };
            videos[v.Key] = video;
            db.Videos.Add(video);
        }
        await db.SaveChangesAsync(ct);

        var tags = new Dictionary<string, Tag>(StringComparer.Ordinal);
        var demo = Read<List<DemoArticle>>("articles-1.json").Concat(Read<List<DemoArticle>>("articles-2.json")).Concat(Read<List<DemoArticle>>("articles-3.json")).ToList();
        var articles = new List<Article>();
        foreach (var d in demo)
        {
            var publishedAt = now.AddHours(-d.HoursAgo);
            var editedAt = d.UpdatedHoursAgo is { } u ? now.AddHours(-u) : (DateTimeOffset?)null;
            using var bitmap = DemoImages.Render(d.ImageTheme, ++seed);
            var image = await images.StoreBitmapAsync(bitmap, Slug.From(d.Title) + ".jpg", null, ct);
            var article = new Article
            {
                Title = d.Title,
                Slug = Slug.From(d.Title),
                Spot = d.Spot,
                Body = sanitizer.Sanitize(d.Body),
                Category = categories[d.Category],
                Source = d.Source,
                Status = ArticleStatus.Published,
                PublishedAt = publishedAt,
                EditedAt = editedAt,
                CreatedAt = publishedAt.AddMinutes(-25),
                ModifiedAt = editedAt ?? publishedAt,
                IsBreaking = d.Breaking,
                BreakingUntil = d.Breaking ? publishedAt.AddHours(8) : null,
                Slot = d.Slot switch { "manset" => LeadSlot.Manset, "surmanset" => LeadSlot.Surmanset, _ => LeadSlot.None },
                SlotOrder = d.SlotOrder ?? 0,
                Image = image,
                ImageCaption = d.ImageCaption,
                ImageCredit = d.ImageCredit,
                Video = d.Video is null ? null : videos[d.Video],
                Version = 1,
                Stats = Stats(seed, d.HoursAgo),
            };
            article.Authors.Add(new ArticleAuthor { Author = authors[d.Author], Order = 0 });
            for (var i = 0; i < d.Tags.Count; i++)
            {
                var slug = Slug.From(d.Tags[i]);
                if (!tags.TryGetValue(slug, out var tag)) tags[slug] = tag = new Tag { Name = d.Tags[i], Slug = slug };
                if (article.Tags.All(t => t.Tag.Slug != slug)) article.Tags.Add(new ArticleTag { Tag = tag, Order = i });
            }
            articles.Add(article);
        }
        db.Articles.AddRange(articles);
        await db.SaveChangesAsync(ct);

        db.ArticleViewHours.AddRange(articles.SelectMany(a => ViewHours(a, now)));
        db.ArticleRevisions.AddRange(articles.Select(a => new ArticleRevision
        {
            ArticleId = a.Id,
            Version = 1,
            SavedAt = a.ModifiedAt,
            SavedByName = a.Authors[0].Author.Name,
            Title = a.Title,
            Spot = a.Spot,
            Body = a.Body,
            CategoryId = a.CategoryId,
            Source = a.Source,
            Status = a.Status,
            PublishedAt = a.PublishedAt,
            Tags = string.Join('\n', a.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name)),
        }));
        await db.SaveChangesAsync(ct);
        log.LogInformation("Demo gazete hazır: {Categories} kategori, {Articles} haber, {Videos} video ({Seconds:N1} sn).",
            categories.Count, articles.Count, videos.Count, clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Plausible counters: recent stories have been read less, some stories far more than others.</summary>
    static ArticleStats Stats(int seed, double hoursAgo)
    {
        var random = new Random(seed);
        var views = (long)(random.Next(400, 9000) * Math.Min(1.0, 0.15 + hoursAgo / 48.0));
        return new ArticleStats
        {
            Views = views,
            Like = views / random.Next(20, 60),
            Love = views / random.Next(40, 120),
            Dislike = views / random.Next(80, 400),
            Sad = views / random.Next(60, 400),
            Wow = views / random.Next(60, 300),
        };
    }

    /// <summary>
    /// Spreads an article's demo views over the hours after its publication, most of them early, as news is read,
    /// so that the 24-hour and 7-day most-read lists have something to add up on the first day.
    /// </summary>
    static IEnumerable<ArticleViewHour> ViewHours(Article article, DateTimeOffset now)
    {
        var first = MostRead.HourOf(article.PublishedAt!.Value);
        var last = Math.Min(MostRead.HourOf(now), first + 47);
        var weights = Enumerable.Range(0, last - first + 1).Select(h => Math.Pow(0.85, h)).ToArray();
        var total = weights.Sum();
        for (var h = 0; h < weights.Length; h++)
        {
            var views = (long)Math.Round(article.Stats!.Views * weights[h] / total);
            if (views > 0) yield return new ArticleViewHour { ArticleId = article.Id, Hour = first + h, Views = views };
        }
    }

    /// <summary>Turkish captions for a demo video: the paper's name, then the video's title and description.</summary>
    async Task<Manset.Data.Media> StoreCaptionsAsync(DemoVideo video, CancellationToken ct)
    {
        var vtt = $"WEBVTT\n\n00:00.000 --> 00:02.500\nManşet Haber\n\n00:02.500 --> 00:05.500\n{video.Title}\n\n00:05.500 --> 00:08.000\n{video.Description}\n";
        var now = clock.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/demo-{video.Key}-{Guid.NewGuid():N}"[..40] + ".tr.vtt";
        var bytes = System.Text.Encoding.UTF8.GetBytes(vtt);
        await store.WriteAsync(key, new MemoryStream(bytes), ct);
        return new Manset.Data.Media { Kind = MediaKind.Captions, StorageKey = key, ContentType = "text/vtt", FileName = $"{video.Key}.tr.vtt", Bytes = bytes.Length, CreatedAt = now };
    }

    static string ThemeOf(string category) => category switch
    {
        "futbol" or "basketbol" or "spor" => "sport",
        "yerel" => "food",
        "gundem" => "weather",
        "teknoloji" => "tech",
        "ekonomi" => "money",
        "kultur-sanat" => "culture",
        _ => "city",
    };

    async Task<Manset.Data.Media> StoreVideoAsync(string key, CancellationToken ct)
    {
        await using var stream = Resource($"videos.{key}.webm");
        var now = clock.GetUtcNow();
        var storageKey = $"{now:yyyy}/{now:MM}/demo-{key}-{Guid.NewGuid():N}"[..40] + ".webm";
        var length = stream.Length;
        await store.WriteAsync(storageKey, stream, ct);
        return new Manset.Data.Media
        {
            Kind = MediaKind.Video,
            StorageKey = storageKey,
            ContentType = "video/webm",
            FileName = $"{key}.webm",
            Width = 640,
            Height = 360,
            Bytes = length,
            CreatedAt = now,
        };
    }

    static T Read<T>(string name)
    {
        using var stream = Resource(name);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Demo verisi okunamadı: {name}");
    }

    static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("Manset.Demo." + name)
        ?? throw new InvalidOperationException($"Demo kaynağı bulunamadı: {name}");
}
