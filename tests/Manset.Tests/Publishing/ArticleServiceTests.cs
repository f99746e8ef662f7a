using Manset.Data;
using Manset.Tests.Support;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Manset.Tests.Publishing;

/// <summary>One app on a clock the tests move, shared by the tests of <see cref="ArticleServiceTests"/>.</summary>
public sealed class ClockedApp : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    public TestApp App { get; private set; } = null!;
    public string Category { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.StartAsync(Db.Sqlite, clock: Clock);
        Category = await Json.CategoryAsync(await App.ApiClientAsync());
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The rules every write goes through, called on <see cref="ArticleService"/> itself (the API and the newsroom are
/// thin layers over it): validation field by field, who may do what, the status and time rules, breaking news,
/// planned unpublishing, versions, revisions and tags.
/// </summary>
public sealed class ArticleServiceTests(ClockedApp fixture) : IClassFixture<ClockedApp>
{
    static readonly Actor Reporter = new("muhabir-1", "Ayşe Muhabir", new HashSet<string> { Permissions.NewsroomAccess, Permissions.ArticlesWrite });
    static readonly Actor OtherReporter = new("muhabir-2", "Veli Muhabir", new HashSet<string> { Permissions.NewsroomAccess, Permissions.ArticlesWrite });
    static readonly Actor Reader = new("okur", "Okur", new HashSet<string> { Permissions.NewsroomAccess });
    static readonly Actor Editor = Actor.System;

    DateTimeOffset Now => fixture.Clock.GetUtcNow();

    async Task<T> WithAsync<T>(Func<ArticleService, MansetDb, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ArticleService>(), scope.ServiceProvider.GetRequiredService<MansetDb>());
    }

    Task<SaveOutcome> CreateAsync(ArticleInput input, Actor? actor = null) =>
        WithAsync((s, _) => s.CreateAsync(input with { Category = input.Category ?? fixture.Category }, actor ?? Editor, CancellationToken.None));

    Task<SaveOutcome> UpdateAsync(int id, ArticleInput input, int? version = null, Actor? actor = null) =>
        WithAsync((s, _) => s.UpdateAsync(id, input, version, actor ?? Editor, CancellationToken.None));

    async Task<Article> CreatedAsync(ArticleInput input, Actor? actor = null)
    {
        var outcome = await CreateAsync(input, actor);
        var saved = Assert.IsType<SaveOutcome.Saved>(outcome);
        Assert.True(saved.Created);
        return saved.Article;
    }

    static Dictionary<string, string[]> Errors(SaveOutcome outcome) => Assert.IsType<SaveOutcome.Invalid>(outcome).Errors;

    [Fact]
    public async Task Each_field_is_checked_at_its_limit_and_one_past_it()
    {
        var valid = await CreatedAsync(new ArticleInput
        {
            Title = new string('b', Limits.TitleMax),
            Spot = new string('s', Limits.SpotMax),
            Source = new string('k', Limits.SourceMax),
            Tags = [.. Enumerable.Range(1, Limits.TagsPerArticleMax).Select(i => $"etiket {i}")],
            SlotOrder = 50,
            Slot = "manset",
            Image = new ImageInput { Caption = new string('c', Limits.CaptionMax), Credit = new string('r', Limits.CreditMax) },
        });
        Assert.Equal(Limits.TitleMax, valid.Title.Length);
        Assert.Equal(50, valid.SlotOrder);
        Assert.Equal(LeadSlot.Manset, valid.Slot);

        Assert.Equal(["title"], Errors(await CreateAsync(new ArticleInput { Title = new string('b', Limits.TitleMax + 1) })).Keys);
        Assert.Equal(["spot"], Errors(await CreateAsync(new ArticleInput { Title = "t", Spot = new string('s', Limits.SpotMax + 1) })).Keys);
        Assert.Equal(["body"], Errors(await CreateAsync(new ArticleInput { Title = "t", Body = new string('b', Limits.BodyMax + 1) })).Keys);
        Assert.Equal(["source"], Errors(await CreateAsync(new ArticleInput { Title = "t", Source = new string('k', Limits.SourceMax + 1) })).Keys);
        Assert.Equal(["tags"], Errors(await CreateAsync(new ArticleInput { Title = "t", Tags = [.. Enumerable.Range(0, Limits.TagsPerArticleMax + 1).Select(i => $"e{i}")] })).Keys);
        Assert.Equal(["tags"], Errors(await CreateAsync(new ArticleInput { Title = "t", Tags = [" \t "] })).Keys);
        Assert.Equal(["tags"], Errors(await CreateAsync(new ArticleInput { Title = "t", Tags = [new string('e', Limits.TagMax + 1)] })).Keys);
        Assert.Equal(["slot"], Errors(await CreateAsync(new ArticleInput { Title = "t", Slot = "anasayfa" })).Keys);
        Assert.Equal(["slotOrder"], Errors(await CreateAsync(new ArticleInput { Title = "t", SlotOrder = 51 })).Keys);
        Assert.Equal(["slotOrder"], Errors(await CreateAsync(new ArticleInput { Title = "t", SlotOrder = -1 })).Keys);
        Assert.Equal(["image"], Errors(await CreateAsync(new ArticleInput { Title = "t", Image = new ImageInput { Id = 987_654 } })).Keys);
        Assert.Equal(["image"], Errors(await CreateAsync(new ArticleInput { Title = "t", Image = new ImageInput { Caption = new string('c', Limits.CaptionMax + 1) } })).Keys);
        Assert.Equal(["image"], Errors(await CreateAsync(new ArticleInput { Title = "t", Image = new ImageInput { Credit = new string('r', Limits.CreditMax + 1) } })).Keys);
        Assert.Equal(["videoId"], Errors(await CreateAsync(new ArticleInput { Title = "t", VideoId = 987_654 })).Keys);
        Assert.Equal(["status"], Errors(await CreateAsync(new ArticleInput { Title = "t", Status = "yayinda" })).Keys);
        Assert.Equal(["category"], Errors(await CreateAsync(new ArticleInput { Title = "t", Category = "olmayan-kategori" })).Keys);
        Assert.Equal(["category"], Errors(await CreateAsync(new ArticleInput { Title = "t", Category = "  " })).Keys);
        Assert.Equal(["title"], Errors(await CreateAsync(new ArticleInput { Title = " \u0001 " })).Keys);
        Assert.Equal(["title"], Errors(await CreateAsync(new ArticleInput())).Keys);
        Assert.Equal(["authors"], Errors(await CreateAsync(new ArticleInput { Title = "t", Authors = ["olmayan-yazar"] })).Keys);
        var many = Errors(await CreateAsync(new ArticleInput { Title = "", Slot = "x", SlotOrder = 99 }));
        Assert.Equal(["slot", "slotOrder", "title"], many.Keys.Order());

        // Image and video id 0 mean "none"; a slot of none puts the order back to 0.
        var none = await CreatedAsync(new ArticleInput { Title = "Görselsiz", Image = new ImageInput { Id = 0, Caption = "  alt  yazı " }, VideoId = 0, Slot = "none", SlotOrder = 7 });
        Assert.Null(none.ImageId);
        Assert.Null(none.VideoId);
        Assert.Equal("alt yazı", none.ImageCaption);
        Assert.Equal(LeadSlot.None, none.Slot);
        Assert.Equal(0, none.SlotOrder);
    }

    [Fact]
    public async Task Text_is_cleaned_the_slug_follows_the_title_and_agency_names_are_spelled_as_they_print_them()
    {
        var article = await CreatedAsync(new ArticleInput { Title = "  Çanakkale'de \t yeni\u0007 köprü  ", Spot = " iki \n satır ", Source = " iha ", Tags = ["Deprem", "deprem", " DEPREM ", "Kandilli"] });
        Assert.Equal("Çanakkale'de yeni köprü", article.Title);
        Assert.Equal("canakkalede-yeni-kopru", article.Slug);
        Assert.Equal("iki satır", article.Spot);
        Assert.Equal("İHA", article.Source);
        Assert.Equal(["Deprem", "Kandilli"], article.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name));
        Assert.Equal([0, 1], article.Tags.OrderBy(t => t.Order).Select(t => t.Order));
        Assert.All(article.Tags, t => Assert.NotEqual(0, t.TagId));

        var renaming = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { Title = "Boğaz köprüsü", Tags = ["Kandilli", "Deprem", "Boğaz"] }));
        Assert.False(renaming.Created);
        var renamed = renaming.Article;
        Assert.Equal("bogaz-koprusu", renamed.Slug);
        Assert.Equal(["Kandilli", "Deprem", "Boğaz"], renamed.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name));
        var spotOnly = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { Spot = "yeni spot" })).Article;
        Assert.Equal("bogaz-koprusu", spotOnly.Slug);
        Assert.Equal("Boğaz köprüsü", spotOnly.Title);
        Assert.Equal(3, spotOnly.Tags.Count);
        Assert.Equal("İHA", spotOnly.Source);

        Assert.Equal("İHA", ArticleService.NormaliseSource("İha"));
        Assert.Equal("AA", ArticleService.NormaliseSource(" aa"));
        Assert.Equal("DHA", ArticleService.NormaliseSource("Dha"));
        Assert.Equal("ANKA", ArticleService.NormaliseSource("anka"));
        Assert.Equal("Reuters", ArticleService.NormaliseSource(" Reuters "));
        Assert.Null(ArticleService.NormaliseSource("  "));
        Assert.Null(ArticleService.NormaliseSource(null));
    }

    [Fact]
    public async Task Publishing_stamps_the_time_once_a_future_time_schedules_and_scheduling_needs_a_future_time()
    {
        var now = Now;
        var published = await CreatedAsync(new ArticleInput { Title = "Hemen", Status = "published" });
        Assert.Equal(ArticleStatus.Published, published.Status);
        Assert.Equal(now, published.PublishedAt);
        Assert.Equal(1, published.Version);

        var soon = await CreatedAsync(new ArticleInput { Title = "Bir dakika içinde", Status = "published", PublishedAt = now.AddSeconds(60) });
        Assert.Equal(ArticleStatus.Published, soon.Status);
        var later = await CreatedAsync(new ArticleInput { Title = "Sonra", Status = "published", PublishedAt = now.AddSeconds(61) });
        Assert.Equal(ArticleStatus.Scheduled, later.Status);
        Assert.Equal(now.AddSeconds(61), later.PublishedAt);
        var local = await CreatedAsync(new ArticleInput { Title = "İstanbul saatiyle", Status = "scheduled", PublishedAt = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(3)) });
        Assert.Equal(TimeSpan.Zero, local.PublishedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), local.PublishedAt);

        Assert.Equal(["publishedAt"], Errors(await CreateAsync(new ArticleInput { Title = "t", Status = "scheduled" })).Keys);
        Assert.Equal(["publishedAt"], Errors(await CreateAsync(new ArticleInput { Title = "t", Status = "scheduled", PublishedAt = now })).Keys);
        var draft = await CreatedAsync(new ArticleInput { Title = "Taslak", PublishedAt = now.AddDays(-1) });
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(now.AddDays(-1), draft.PublishedAt);
        var planned = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(draft.Id, new ArticleInput { Status = "scheduled", PublishedAt = now.AddHours(2) })).Article;
        Assert.Equal(ArticleStatus.Scheduled, planned.Status);
        // A scheduled article keeps its time when scheduled again without one.
        var again = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(draft.Id, new ArticleInput { Status = "scheduled" })).Article;
        Assert.Equal(now.AddHours(2), again.PublishedAt);

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var unpublished = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(published.Id, new ArticleInput { Status = "unpublished" })).Article;
        Assert.Equal(ArticleStatus.Unpublished, unpublished.Status);
        var back = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(published.Id, new ArticleInput { Status = "published" })).Article;
        Assert.Equal(ArticleStatus.Published, back.Status);
        Assert.Equal(now, back.PublishedAt);
        Assert.Equal(3, back.Version);
    }

    [Fact]
    public async Task Breaking_news_stays_in_the_band_for_the_configured_time_from_publication()
    {
        var now = Now;
        var breaking = await CreatedAsync(new ArticleInput { Title = "Son dakika", Status = "published", Breaking = true });
        Assert.True(breaking.IsBreaking);
        Assert.Equal(now.AddMinutes(180), breaking.BreakingUntil);

        var scheduled = await CreatedAsync(new ArticleInput { Title = "Saat onda son dakika", Status = "scheduled", PublishedAt = now.AddHours(1), Breaking = true });
        Assert.Equal(now.AddHours(1).AddMinutes(180), scheduled.BreakingUntil);

        var until = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.FromHours(3));
        var chosen = await CreatedAsync(new ArticleInput { Title = "Öğlene dek", Status = "published", Breaking = true, BreakingUntil = until });
        Assert.Equal(until, chosen.BreakingUntil);
        Assert.Equal(TimeSpan.Zero, chosen.BreakingUntil!.Value.Offset);

        // An edit that does not touch the band keeps its end; taking it out clears it; putting it back starts again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        var edited = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(breaking.Id, new ArticleInput { Spot = "ayrıntılar geliyor" })).Article;
        Assert.Equal(now.AddMinutes(180), edited.BreakingUntil);
        var moved = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(breaking.Id, new ArticleInput { BreakingUntil = now.AddMinutes(240) })).Article;
        Assert.Equal(now.AddMinutes(240), moved.BreakingUntil);
        var off = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(breaking.Id, new ArticleInput { Breaking = false })).Article;
        Assert.False(off.IsBreaking);
        Assert.Null(off.BreakingUntil);
        var on = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(breaking.Id, new ArticleInput { Breaking = true })).Article;
        Assert.Equal(now.AddMinutes(30 + 180), on.BreakingUntil);

        var plain = await CreatedAsync(new ArticleInput { Title = "Sıradan", Status = "published", BreakingUntil = until });
        Assert.False(plain.IsBreaking);
        Assert.Null(plain.BreakingUntil);
    }

    [Fact]
    public async Task A_planned_unpublish_time_must_be_ahead_and_after_publication_and_the_scheduler_keeps_it()
    {
        var now = Now;
        Assert.Equal(["unpublishAt"], Errors(await CreateAsync(new ArticleInput { Title = "t", Status = "published", UnpublishAt = now })).Keys);
        Assert.Equal(["unpublishAt"], Errors(await CreateAsync(new ArticleInput { Title = "t", Status = "scheduled", PublishedAt = now.AddHours(2), UnpublishAt = now.AddHours(2) })).Keys);

        var local = new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(3)); // 11:00 UTC
        var article = await CreatedAsync(new ArticleInput { Title = "Öğlene kadar", Status = "published", UnpublishAt = local });
        Assert.Equal(TimeSpan.Zero, article.UnpublishAt!.Value.Offset);
        Assert.Equal(local, article.UnpublishAt);
        var kept = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { Spot = "spot" })).Article;
        Assert.Equal(local, kept.UnpublishAt);
        var cleared = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { ClearUnpublishAt = true, UnpublishAt = local.AddHours(1) })).Article;
        Assert.Null(cleared.UnpublishAt);
        Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { UnpublishAt = now.AddMinutes(5) }));

        var scheduled = await CreatedAsync(new ArticleInput { Title = "Beş dakika sonra", Status = "scheduled", PublishedAt = now.AddMinutes(5) });
        var future = await CreatedAsync(new ArticleInput { Title = "Yarın", Status = "scheduled", PublishedAt = now.AddDays(1) });

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = await WithAsync((s, _) => s.PublishDueAsync(CancellationToken.None));
        Assert.True(changed >= 2, $"{changed}");
        var states = await WithAsync((_, db) => db.Articles.AsNoTracking().Where(a => a.Id == article.Id || a.Id == scheduled.Id || a.Id == future.Id)
            .ToDictionaryAsync(a => a.Id, a => (a.Status, a.Version)));
        Assert.Equal(ArticleStatus.Unpublished, states[article.Id].Status);
        Assert.Equal(ArticleStatus.Published, states[scheduled.Id].Status);
        Assert.Equal(2, states[scheduled.Id].Version);
        Assert.Equal(ArticleStatus.Scheduled, states[future.Id].Status);
        Assert.Equal(1, states[future.Id].Version);
        var revisions = await WithAsync((_, db) => db.ArticleRevisions.Where(r => r.ArticleId == scheduled.Id).OrderBy(r => r.Version).Select(r => new { r.Version, r.Status, r.SavedByName }).ToListAsync());
        Assert.Equal([1, 2], revisions.Select(r => r.Version));
        Assert.Equal(ArticleStatus.Published, revisions[^1].Status);
        Assert.Equal("Sistem", revisions[^1].SavedByName);
        Assert.Equal(0, await WithAsync((s, _) => s.PublishDueAsync(CancellationToken.None)));
    }

    /// <summary>The API and the newsroom show these words as they are: each field's message, every one at once.</summary>
    [Fact]
    public async Task Every_refusal_says_in_Turkish_what_is_wrong_with_each_field()
    {
        var errors = Errors(await CreateAsync(new ArticleInput
        {
            Title = new string('b', Limits.TitleMax + 1),
            Spot = new string('s', Limits.SpotMax + 1),
            Body = new string('m', Limits.BodyMax + 1),
            Source = new string('k', Limits.SourceMax + 1),
            Category = "yok-boyle",
            Tags = [.. Enumerable.Range(1, Limits.TagsPerArticleMax).Select(i => $"etiket {i}"), " ", "uzun " + new string('e', Limits.TagMax)],
            Slot = "orta",
            SlotOrder = 51,
            Image = new ImageInput { Id = 987654, Caption = new string('c', Limits.CaptionMax + 1), Credit = new string('r', Limits.CreditMax + 1) },
            VideoId = 987654,
            Status = "yayinda",
        }));
        var expected = new Dictionary<string, string[]>
        {
            ["status"] = ["Durum 'draft', 'review', 'scheduled', 'published' ya da 'unpublished' olmalı."],
            ["title"] = [$"Başlık en çok {Limits.TitleMax} karakter olabilir ({Limits.TitleMax + 1})."],
            ["spot"] = [$"Spot en çok {Limits.SpotMax} karakter olabilir ({Limits.SpotMax + 1})."],
            ["body"] = [$"Haber metni en çok {Limits.BodyMax:N0} karakter olabilir."],
            ["source"] = [$"Kaynak en çok {Limits.SourceMax} karakter olabilir."],
            ["category"] = ["Bilinmeyen kategori: 'yok-boyle'."],
            ["tags"] = [$"En çok {Limits.TagsPerArticleMax} etiket olabilir.", "Boş etiket olamaz.", $"Etiket en çok {Limits.TagMax} karakter olabilir: 'uzun eeeeeeeeeeeeeee…'."],
            ["slot"] = ["Manşet yeri 'none', 'manset' ya da 'surmanset' olmalı."],
            ["slotOrder"] = ["Sıra 0 ile 50 arasında olmalı."],
            ["image"] = ["Görsel bulunamadı: 987654.", $"Görsel açıklaması en çok {Limits.CaptionMax} karakter olabilir.", $"Görsel kaynağı en çok {Limits.CreditMax} karakter olabilir."],
            ["videoId"] = ["Video bulunamadı: 987654."],
        };
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), errors.OrderBy(e => e.Key, StringComparer.Ordinal));

        Assert.Equal(new Dictionary<string, string[]> { ["title"] = ["Başlık gerekli."], ["category"] = ["Kategori gerekli."] },
            Errors(await CreateAsync(new ArticleInput { Title = " ", Category = "" })));
        Assert.Equal(new Dictionary<string, string[]> { ["publishedAt"] = ["Zamanlanmış bir haber için ileri bir yayın zamanı gerekli."] },
            Errors(await CreateAsync(new ArticleInput { Title = "Zamansız", Status = "scheduled" })));
        Assert.Equal(new Dictionary<string, string[]> { ["unpublishAt"] = ["Yayından kaldırma zamanı ileride olmalı."] },
            Errors(await CreateAsync(new ArticleInput { Title = "Geçmişte biten", Status = "published", UnpublishAt = Now })));
        Assert.Equal(new Dictionary<string, string[]> { ["unpublishAt"] = ["Yayından kaldırma zamanı yayın zamanından sonra olmalı."] },
            Errors(await CreateAsync(new ArticleInput { Title = "Yayından önce biten", Status = "scheduled", PublishedAt = Now.AddHours(2), UnpublishAt = Now.AddHours(2) })));
        // One past the limit on each: a tag of exactly the longest length is kept.
        var longest = await CreatedAsync(new ArticleInput { Title = "En uzun etiket", Tags = [new string('e', Limits.TagMax)] });
        Assert.Single(longest.Tags);
    }

    [Fact]
    public void Statuses_and_slots_have_the_API_s_words_and_the_glossary_s_Turkish_names()
    {
        ArticleStatus[] statuses = [ArticleStatus.Draft, ArticleStatus.Review, ArticleStatus.Scheduled, ArticleStatus.Published, ArticleStatus.Unpublished];
        Assert.Equal(["draft", "review", "scheduled", "published", "unpublished"], statuses.Select(Words.Status));
        Assert.Equal(["Taslak", "İncelemede", "Zamanlanmış", "Yayında", "Yayından kaldırıldı"], statuses.Select(Words.StatusTr));
        Assert.Equal(statuses.Cast<ArticleStatus?>(), statuses.Select(s => Words.ParseStatus(Words.Status(s))));
        Assert.Equal("draft", Words.Status((ArticleStatus)99));
        Assert.Equal("", Words.StatusTr((ArticleStatus)99));
        Assert.Null(Words.ParseStatus("Draft"));

        Assert.Equal(["none", "manset", "surmanset"], new[] { LeadSlot.None, LeadSlot.Manset, LeadSlot.Surmanset }.Select(Words.Slot));
        Assert.Equal(LeadSlot.Manset, Words.ParseSlot("manset"));
        Assert.Equal(LeadSlot.Surmanset, Words.ParseSlot("surmanset"));
        Assert.Equal(LeadSlot.None, Words.ParseSlot("none"));
        Assert.Equal(LeadSlot.None, Words.ParseSlot(""));
        Assert.Null(Words.ParseSlot("Manşet"));
        Assert.Null(Words.ParseSlot(null));
    }

    [Fact]
    public async Task Reporters_write_drafts_of_their_own_and_editors_decide_what_goes_out()
    {
        Assert.Equal(new SaveOutcome.Forbidden("Haber yazma yetkiniz yok."), await CreateAsync(new ArticleInput { Title = "t" }, Reader));
        const string notYours = "Haberi yayınlama, zamanlama ya da yayından kaldırma yetkiniz yok; taslak olarak kaydedin.";
        Assert.Equal(new SaveOutcome.Forbidden(notYours), await CreateAsync(new ArticleInput { Title = "t", Status = "published" }, Reporter));
        Assert.Equal(new SaveOutcome.Forbidden(notYours), await CreateAsync(new ArticleInput { Title = "t", Status = "scheduled", PublishedAt = Now.AddHours(1) }, Reporter));
        Assert.Equal(new SaveOutcome.Forbidden("Manşet yerini yalnızca editörler belirler."), await CreateAsync(new ArticleInput { Title = "t", Slot = "manset" }, Reporter));

        var draft = await CreatedAsync(new ArticleInput { Title = "Muhabirin taslağı", Slot = "none" }, Reporter);
        var review = await CreatedAsync(new ArticleInput { Title = "İncelemeye", Status = "review" }, Reporter);
        Assert.Equal(ArticleStatus.Review, review.Status);
        // The reporter's own author profile is made once, from the name, and signs both.
        var authors = await WithAsync((_, db) => db.Authors.AsNoTracking().Where(a => a.UserId == Reporter.UserId).ToListAsync());
        var author = Assert.Single(authors);
        Assert.Equal("Ayşe Muhabir", author.Name);
        Assert.Equal("ayse-muhabir", author.Slug);
        Assert.Equal(author.Id, Assert.Single(draft.Authors).AuthorId);
        Assert.Equal(author.Id, Assert.Single(review.Authors).AuthorId);
        Assert.Empty((await CreatedAsync(new ArticleInput { Title = "Sistemden" })).Authors);

        Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(draft.Id, new ArticleInput { Spot = "kendi taslağı" }, actor: Reporter));
        Assert.Equal(new SaveOutcome.Forbidden("Yalnızca kendi taslaklarınızı değiştirebilirsiniz."), await UpdateAsync(draft.Id, new ArticleInput { Spot = "başkasının" }, actor: OtherReporter));
        Assert.Equal(new SaveOutcome.Forbidden("Yalnızca kendi taslaklarınızı silebilirsiniz."), await WithAsync((s, _) => s.DeleteAsync(draft.Id, OtherReporter, CancellationToken.None)));

        Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(review.Id, new ArticleInput { Status = "published" }));
        Assert.Equal(new SaveOutcome.Forbidden("Yayına çıkmış bir haberi yalnızca editörler değiştirebilir."), await UpdateAsync(review.Id, new ArticleInput { Spot = "yayındakini değiştir", Status = "draft" }, actor: Reporter));
        Assert.Equal(new SaveOutcome.Forbidden("Yayındaki bir haberi kaldırma yetkiniz yok."), await WithAsync((s, _) => s.DeleteAsync(review.Id, Reporter, CancellationToken.None)));

        Assert.Equal(new SaveOutcome.Deleted(Kept: false), await WithAsync((s, _) => s.DeleteAsync(draft.Id, Reporter, CancellationToken.None)));
        Assert.False(await WithAsync((_, db) => db.Articles.AnyAsync(a => a.Id == draft.Id)));
        Assert.Equal(new SaveOutcome.Deleted(Kept: true), await WithAsync((s, _) => s.DeleteAsync(review.Id, Editor, CancellationToken.None)));
        var gone = await WithAsync((_, db) => db.Articles.AsNoTracking().SingleAsync(a => a.Id == review.Id));
        Assert.Equal(ArticleStatus.Unpublished, gone.Status);
        Assert.Equal(3, gone.Version);
        Assert.IsType<SaveOutcome.NotFound>(await WithAsync((s, _) => s.DeleteAsync(draft.Id, Editor, CancellationToken.None)));
    }

    [Fact]
    public async Task Versions_guard_against_lost_updates_and_only_a_change_of_published_text_is_an_edit()
    {
        var article = await CreatedAsync(new ArticleInput { Title = "Sürüm", Status = "published", Spot = "ilk" });
        Assert.IsType<SaveOutcome.NotFound>(await UpdateAsync(987_654, new ArticleInput { Spot = "x" }));
        Assert.Equal(new SaveOutcome.Stale(1), await UpdateAsync(article.Id, new ArticleInput { Spot = "x" }, version: 2));
        Assert.Equal(new SaveOutcome.Stale(1), await UpdateAsync(article.Id, new ArticleInput { Spot = "x" }, version: 0));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var same = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, new ArticleInput { Spot = "ilk", Breaking = false }, version: 1)).Article;
        Assert.Equal(2, same.Version);
        Assert.Null(same.EditedAt);
        Assert.Equal(Now, same.ModifiedAt);

        foreach (var (change, version) in new (ArticleInput, int)[]
                 {
                     (new ArticleInput { Spot = "ikinci" }, 3),
                     (new ArticleInput { Title = "Sürüm iki" }, 4),
                     (new ArticleInput { Body = "<p>metin</p>" }, 5),
                     (new ArticleInput { Source = "AA" }, 6),
                 })
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            var edited = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(article.Id, change, version: version - 1)).Article;
            Assert.Equal(version, edited.Version);
            Assert.Equal(Now, edited.EditedAt);
        }
        var draft = await CreatedAsync(new ArticleInput { Title = "Taslak sürüm" });
        var draftEdit = Assert.IsType<SaveOutcome.Saved>(await UpdateAsync(draft.Id, new ArticleInput { Spot = "değişti" })).Article;
        Assert.Null(draftEdit.EditedAt);
        var revisions = await WithAsync((_, db) => db.ArticleRevisions.Where(r => r.ArticleId == article.Id).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 5, 6], revisions);
    }
}
