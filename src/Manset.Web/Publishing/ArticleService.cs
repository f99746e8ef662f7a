using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Manset.Web.Publishing;

/// <summary>
/// Every write to an article goes through here, whoever makes it (API, newsroom, scheduler, wires):
/// validation, permissions, slugs, sanitizing, tags, status rules, a revision per save, optimistic
/// concurrency, the search index, and the cache purge of exactly the pages that show the article.
/// </summary>
public sealed class ArticleService(
    MansetDb db,
    BodySanitizer sanitizer,
    CategoryTree categories,
    PageCachePurge purge,
    Search.SearchIndexer search,
    Newsroom.AuditLog audit,
    TimeProvider clock,
    IOptions<MansetOptions> options)
{
    List<string>? _deferredPurges;
    List<Newsroom.AuditRecord>? _deferredAudit;

    /// <summary>
    /// From now on, cache purges and audit entries wait for <see cref="FlushAsync"/>: for many writes inside one
    /// database transaction (wire ingest), so that no page is purged before the transaction commits and the audit
    /// log (its own connection) does not wait on the transaction's lock.
    /// </summary>
    public void Defer()
    {
        _deferredPurges ??= [];
        _deferredAudit ??= [];
    }

    /// <summary>Purges and audits what was deferred, once, and stops deferring.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var purges = _deferredPurges;
        var records = _deferredAudit;
        _deferredPurges = null;
        _deferredAudit = null;
        if (purges is { Count: > 0 }) await purge.PurgeAsync(purges.Distinct(StringComparer.Ordinal).ToList(), ct);
        if (records is { Count: > 0 }) await audit.RecordManyAsync(records, ct);
    }

    /// <summary>Forgets what was deferred (the transaction it belonged to was rolled back).</summary>
    public void DiscardDeferred()
    {
        _deferredPurges = null;
        _deferredAudit = null;
    }

    /// <summary>
    /// One save is one database transaction: the article, its tags and authors, its revision and its search entry are
    /// committed together or not at all (a process killed mid-save leaves the article as it was), and the cache purges
    /// and audit entries follow the commit. A caller that holds its own transaction (wire ingest) has deferred them already.
    /// </summary>
    async Task<T> AtomicAsync<T>(Func<Task<T>> save, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await save();
        Defer();
        T result;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                result = await save();
                await transaction.CommitAsync(ct);
            }
            catch
            {
                DiscardDeferred(); // disposing the transaction rolls it back
                throw;
            }
        }
        await FlushAsync(ct);
        return result;
    }

    async Task PurgeAsync(List<string> tags, CancellationToken ct)
    {
        if (_deferredPurges is not null) _deferredPurges.AddRange(tags);
        else await purge.PurgeAsync(tags, ct);
    }

    async Task AuditAsync(string action, string target, string detail, string? userId, string userName, CancellationToken ct)
    {
        if (_deferredAudit is not null) _deferredAudit.Add(new Newsroom.AuditRecord(action, target, detail, userId, userName));
        else await audit.RecordAsync(action, target, detail, userId, userName, ct);
    }

    public Task<SaveOutcome> CreateAsync(ArticleInput input, Actor actor, CancellationToken ct) =>
        AtomicAsync(() => CreateCoreAsync(input, actor, ct), ct);

    async Task<SaveOutcome> CreateCoreAsync(ArticleInput input, Actor actor, CancellationToken ct)
    {
        if (!actor.Can(Permissions.ArticlesWrite)) return new SaveOutcome.Forbidden("Haber yazma yetkiniz yok.");
        var errors = new Errors();
        var now = clock.GetUtcNow();
        var status = ParseStatus(input.Status, ArticleStatus.Draft, errors);
        var fields = await ValidateAsync(input, isNew: true, errors, ct);
        if (errors.Any) return errors.Outcome();
        if (Denied(actor, status, fields.Slot, existing: null) is { } denied) return denied;

        var article = new Article
        {
            Title = fields.Title!,
            Slug = Slug.From(fields.Title),
            CreatedAt = now,
            ModifiedAt = now,
            CreatedById = actor.UserId,
            Stats = new ArticleStats(),
        };
        Apply(article, input, fields, errors);
        SetStatus(article, status, input.PublishedAt, now, errors);
        if (errors.Any) return errors.Outcome();
        article.Authors = await AuthorsAsync(input.Authors, actor, errors, ct);
        if (errors.Any) return errors.Outcome();
        article.Tags = await TagsAsync(fields.Tags, ct);
        SetBreaking(article, input, now);
        SetUnpublishAt(article, input, now, errors);
        if (errors.Any) return errors.Outcome();
        article.Version = 1;
        article.ModifiedById = actor.UserId;
        db.Articles.Add(article);
        await db.SaveChangesAsync(ct);
        await AddRevisionAsync(article, actor, fields.Tags, ct);
        await search.FollowAsync(article, ct);
        await PurgeAsync(await TagsToPurgeAsync(article, null, ct), ct);
        await AuditStatusAsync(article, null, actor, ct);
        return new SaveOutcome.Saved(article, Created: true);
    }

    public Task<SaveOutcome> UpdateAsync(int id, ArticleInput input, int? expectedVersion, Actor actor, CancellationToken ct) =>
        AtomicAsync(() => UpdateCoreAsync(id, input, expectedVersion, actor, ct), ct);

    async Task<SaveOutcome> UpdateCoreAsync(int id, ArticleInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var article = await db.Articles
            .Include(a => a.Tags).ThenInclude(t => t.Tag)
            .Include(a => a.Authors)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return new SaveOutcome.NotFound();
        if (expectedVersion is { } expected && expected != article.Version) return new SaveOutcome.Stale(article.Version);

        var before = Snapshot.Of(article);
        var errors = new Errors();
        var now = clock.GetUtcNow();
        var status = ParseStatus(input.Status, article.Status, errors);
        var fields = await ValidateAsync(input, isNew: false, errors, ct);
        if (errors.Any) return errors.Outcome();
        if (Denied(actor, status, fields.Slot, article) is { } denied) return denied;

        Apply(article, input, fields, errors);
        if (input.Title is not null) article.Slug = Slug.From(fields.Title);
        SetStatus(article, status, input.PublishedAt, now, errors);
        if (errors.Any) return errors.Outcome();
        if (input.Authors is not null)
        {
            var authors = await AuthorsAsync(input.Authors, actor, errors, ct);
            if (errors.Any) return errors.Outcome();
            article.Authors.Clear();
            article.Authors.AddRange(authors);
        }
        if (input.Tags is not null)
        {
            var tags = await TagsAsync(fields.Tags, ct);
            article.Tags.RemoveAll(t => !tags.Any(n => n.TagId == t.TagId && t.TagId != 0));
            foreach (var tag in tags)
            {
                var kept = article.Tags.Find(t => t.TagId != 0 && t.TagId == tag.TagId);
                if (kept is null) article.Tags.Add(tag);
                else kept.Order = tag.Order;
            }
        }
        if (input.Breaking is not null || input.BreakingUntil is not null) SetBreaking(article, input, now);
        SetUnpublishAt(article, input, now, errors);
        if (errors.Any) return errors.Outcome();

        var after = Snapshot.Of(article);
        if (before.Status == ArticleStatus.Published && article.Status == ArticleStatus.Published && before.TextDiffers(after))
        {
            article.EditedAt = now;
        }
        article.ModifiedAt = now;
        article.ModifiedById = actor.UserId;
        article.Version = before.Version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).FirstOrDefaultAsync(ct);
            return new SaveOutcome.Stale(current);
        }
        await AddRevisionAsync(article, actor, article.Tags.OrderBy(t => t.Order).Select(t => t.Tag.Name).ToList(), ct);
        await search.FollowAsync(article, ct);
        await PurgeAsync(await TagsToPurgeAsync(article, before, ct), ct);
        await AuditStatusAsync(article, before.Status, actor, ct);
        return new SaveOutcome.Saved(article, Created: false);
    }

    /// <summary>
    /// Takes an article off the site. One that was ever published is kept (unpublished: its URL answers 410
    /// and its revisions stay); a draft that never went out is deleted.
    /// </summary>
    public Task<SaveOutcome> DeleteAsync(int id, Actor actor, CancellationToken ct) =>
        AtomicAsync(() => DeleteCoreAsync(id, actor, ct), ct);

    async Task<SaveOutcome> DeleteCoreAsync(int id, Actor actor, CancellationToken ct)
    {
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.Authors).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return new SaveOutcome.NotFound();
        var wasOut = article.Status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Unpublished;
        if (wasOut && !actor.Can(Permissions.ArticlesPublish)) return new SaveOutcome.Forbidden("Yayındaki bir haberi kaldırma yetkiniz yok.");
        if (!wasOut && !actor.Can(Permissions.ArticlesPublish) && article.CreatedById != actor.UserId)
            return new SaveOutcome.Forbidden("Yalnızca kendi taslaklarınızı silebilirsiniz.");

        var before = Snapshot.Of(article);
        if (wasOut)
        {
            article.Status = ArticleStatus.Unpublished;
            article.Slot = LeadSlot.None;
            article.IsBreaking = false;
            article.ModifiedAt = clock.GetUtcNow();
            article.ModifiedById = actor.UserId;
            article.Version++;
            await db.SaveChangesAsync(ct);
            await AddRevisionAsync(article, actor, await TagNamesAsync(article.Id, ct), ct);
        }
        else
        {
            db.Articles.Remove(article);
            await db.SaveChangesAsync(ct);
        }
        await search.FollowAsync(article, ct);
        await PurgeAsync(await TagsToPurgeAsync(article, before, ct), ct);
        await AuditAsync(wasOut ? Newsroom.AuditActions.Unpublish : Newsroom.AuditActions.Delete, $"#{article.Id} {article.Title}", "", actor.UserId, actor.Name, ct);
        return new SaveOutcome.Deleted(Kept: wasOut);
    }

    /// <summary>
    /// Publishes scheduled articles whose time has come and takes off those whose unpublish time has come.
    /// Returns how many changed.
    /// </summary>
    public Task<int> PublishDueAsync(CancellationToken ct) => AtomicAsync(() => PublishDueCoreAsync(ct), ct);

    async Task<int> PublishDueCoreAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expiring = await db.Articles.Include(a => a.Tags).Include(a => a.Authors).AsSplitQuery()
            .Where(a => a.Status == ArticleStatus.Published && a.UnpublishAt != null && a.UnpublishAt <= now)
            .OrderBy(a => a.UnpublishAt).Take(100).ToListAsync(ct);
        foreach (var article in expiring)
        {
            var before = Snapshot.Of(article);
            article.Status = ArticleStatus.Unpublished;
            article.Slot = LeadSlot.None;
            article.ModifiedAt = now;
            article.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            await AddRevisionAsync(article, Actor.System, await TagNamesAsync(article.Id, ct), ct);
            await search.FollowAsync(article, ct);
            await PurgeAsync(await TagsToPurgeAsync(article, before, ct), ct);
            await AuditAsync(Newsroom.AuditActions.Unpublish, $"#{article.Id} {article.Title}", "zamanı geldi", null, Actor.System.Name, ct);
        }
        var due = await db.Articles.Include(a => a.Tags).Include(a => a.Authors).AsSplitQuery()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .OrderBy(a => a.PublishedAt).Take(100).ToListAsync(ct);
        foreach (var article in due)
        {
            var before = Snapshot.Of(article);
            article.Status = ArticleStatus.Published;
            article.ModifiedAt = now;
            article.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An editor changed it at the same moment; their save wins, the next tick looks again.
                db.ChangeTracker.Clear();
                continue;
            }
            await AddRevisionAsync(article, Actor.System, await TagNamesAsync(article.Id, ct), ct);
            await search.FollowAsync(article, ct);
            await PurgeAsync(await TagsToPurgeAsync(article, before, ct), ct);
            await AuditAsync(Newsroom.AuditActions.Publish, $"#{article.Id} {article.Title}", "zamanı geldi", null, Actor.System.Name, ct);
        }
        return due.Count + expiring.Count;
    }

    sealed record Fields(string? Title, string? Category, int? CategoryId, List<string> Tags, LeadSlot? Slot);

    async Task<Fields> ValidateAsync(ArticleInput input, bool isNew, Errors errors, CancellationToken ct)
    {
        var title = Clean(input.Title);
        if (isNew || input.Title is not null)
        {
            if (string.IsNullOrEmpty(title)) errors.Add("title", "Başlık gerekli.");
            else if (title.Length > Limits.TitleMax) errors.Add("title", $"Başlık en çok {Limits.TitleMax} karakter olabilir ({title.Length}).");
        }
        if (input.Spot is { } spot && Clean(spot)!.Length > Limits.SpotMax)
            errors.Add("spot", $"Spot en çok {Limits.SpotMax} karakter olabilir ({Clean(spot)!.Length}).");
        if (input.Body is { } body && body.Length > Limits.BodyMax)
            errors.Add("body", $"Haber metni en çok {Limits.BodyMax:N0} karakter olabilir.");
        if (input.Source is { } source && Clean(source)!.Length > Limits.SourceMax)
            errors.Add("source", $"Kaynak en çok {Limits.SourceMax} karakter olabilir.");

        int? categoryId = null;
        var category = Clean(input.Category);
        if (isNew || input.Category is not null)
        {
            if (string.IsNullOrEmpty(category)) errors.Add("category", "Kategori gerekli.");
            else if ((await categories.GetAsync(ct)).BySlug(category) is { } node) categoryId = node.Id;
            else errors.Add("category", $"Bilinmeyen kategori: '{category}'.");
        }

        var tags = new List<string>();
        if (input.Tags is { } given)
        {
            if (given.Count > Limits.TagsPerArticleMax) errors.Add("tags", $"En çok {Limits.TagsPerArticleMax} etiket olabilir.");
            foreach (var raw in given)
            {
                var tag = Clean(raw);
                if (string.IsNullOrEmpty(tag)) errors.Add("tags", "Boş etiket olamaz.");
                else if (tag.Length > Limits.TagMax) errors.Add("tags", $"Etiket en çok {Limits.TagMax} karakter olabilir: '{tag[..20]}…'.");
                else if (!tags.Any(t => Slug.From(t) == Slug.From(tag))) tags.Add(tag);
            }
        }

        LeadSlot? slot = null;
        if (input.Slot is not null)
        {
            slot = Words.ParseSlot(input.Slot);
            if (slot is null) errors.Add("slot", "Manşet yeri 'none', 'manset' ya da 'surmanset' olmalı.");
        }
        if (input.SlotOrder is < 0 or > 50) errors.Add("slotOrder", "Sıra 0 ile 50 arasında olmalı.");

        if (input.Image is { } image)
        {
            if (image.Id is { } mediaId and not 0 && !await db.Media.AnyAsync(m => m.Id == mediaId && m.Kind == MediaKind.Image, ct))
                errors.Add("image", $"Görsel bulunamadı: {mediaId}.");
            if (Clean(image.Caption) is { Length: > Limits.CaptionMax }) errors.Add("image", $"Görsel açıklaması en çok {Limits.CaptionMax} karakter olabilir.");
            if (Clean(image.Credit) is { Length: > Limits.CreditMax }) errors.Add("image", $"Görsel kaynağı en çok {Limits.CreditMax} karakter olabilir.");
        }
        if (input.VideoId is { } videoId && videoId != 0 && !await db.Videos.AnyAsync(v => v.Id == videoId, ct))
            errors.Add("videoId", $"Video bulunamadı: {videoId}.");

        return new Fields(title, category, categoryId, tags, slot);
    }

    ArticleStatus ParseStatus(string? value, ArticleStatus fallback, Errors errors)
    {
        if (value is null) return fallback;
        if (Words.ParseStatus(value) is { } status) return status;
        errors.Add("status", "Durum 'draft', 'review', 'scheduled', 'published' ya da 'unpublished' olmalı.");
        return fallback;
    }

    static SaveOutcome.Forbidden? Denied(Actor actor, ArticleStatus status, LeadSlot? slot, Article? existing)
    {
        if (actor.Can(Permissions.ArticlesPublish)) return null;
        if (status is not (ArticleStatus.Draft or ArticleStatus.Review))
            return new SaveOutcome.Forbidden("Haberi yayınlama, zamanlama ya da yayından kaldırma yetkiniz yok; taslak olarak kaydedin.");
        if (slot is not null and not LeadSlot.None) return new SaveOutcome.Forbidden("Manşet yerini yalnızca editörler belirler.");
        if (existing is not null)
        {
            if (existing.Status is not (ArticleStatus.Draft or ArticleStatus.Review))
                return new SaveOutcome.Forbidden("Yayına çıkmış bir haberi yalnızca editörler değiştirebilir.");
            if (existing.CreatedById != actor.UserId) return new SaveOutcome.Forbidden("Yalnızca kendi taslaklarınızı değiştirebilirsiniz.");
        }
        return null;
    }

    void Apply(Article article, ArticleInput input, Fields fields, Errors errors)
    {
        if (fields.Title is not null && input.Title is not null) article.Title = fields.Title;
        if (input.Spot is not null) article.Spot = Clean(input.Spot) ?? "";
        if (input.Body is not null) article.Body = sanitizer.Sanitize(input.Body);
        if (fields.CategoryId is { } categoryId) article.CategoryId = categoryId;
        if (input.Source is not null) article.Source = NormaliseSource(input.Source);
        if (input.Image is { } image)
        {
            article.ImageId = image.Id is 0 ? null : image.Id;
            article.ImageCaption = Clean(image.Caption);
            article.ImageCredit = Clean(image.Credit);
        }
        if (input.VideoId is { } videoId) article.VideoId = videoId == 0 ? null : videoId;
        if (fields.Slot is { } slot) article.Slot = slot;
        if (input.SlotOrder is { } order) article.SlotOrder = order;
        if (article.Slot == LeadSlot.None) article.SlotOrder = 0;
        if (article.Title.Length == 0) errors.Add("title", "Başlık gerekli.");
    }

    /// <summary>Status rules: publishing stamps the first-publish time once; a future time schedules.</summary>
    void SetStatus(Article article, ArticleStatus status, DateTimeOffset? requested, DateTimeOffset now, Errors errors)
    {
        var when = requested?.ToUniversalTime();
        switch (status)
        {
            case ArticleStatus.Published:
                var publishAt = when ?? (article.Status is ArticleStatus.Published or ArticleStatus.Unpublished ? article.PublishedAt : null) ?? now;
                if (publishAt > now.AddMinutes(1))
                {
                    article.Status = ArticleStatus.Scheduled;
                }
                else
                {
                    article.Status = ArticleStatus.Published;
                }
                article.PublishedAt = publishAt;
                break;
            case ArticleStatus.Scheduled:
                var at = when ?? article.PublishedAt;
                if (at is null || at <= now)
                {
                    errors.Add("publishedAt", "Zamanlanmış bir haber için ileri bir yayın zamanı gerekli.");
                    return;
                }
                article.Status = ArticleStatus.Scheduled;
                article.PublishedAt = at;
                break;
            default:
                article.Status = status;
                if (when is not null) article.PublishedAt = when;
                break;
        }
    }

    void SetBreaking(Article article, ArticleInput input, DateTimeOffset now)
    {
        if (input.Breaking is { } breaking) article.IsBreaking = breaking;
        if (!article.IsBreaking)
        {
            article.BreakingUntil = null;
            return;
        }
        var from = article.PublishedAt is { } p && p > now ? p : now;
        article.BreakingUntil = input.BreakingUntil?.ToUniversalTime()
            ?? (input.Breaking == true || article.BreakingUntil is null ? from.AddMinutes(options.Value.Publishing.BreakingMinutes) : article.BreakingUntil);
    }

    void SetUnpublishAt(Article article, ArticleInput input, DateTimeOffset now, Errors errors)
    {
        if (input.ClearUnpublishAt == true)
        {
            article.UnpublishAt = null;
            return;
        }
        if (input.UnpublishAt is not { } at) return;
        at = at.ToUniversalTime();
        if (at <= now) errors.Add("unpublishAt", "Yayından kaldırma zamanı ileride olmalı.");
        else if (article.PublishedAt is { } published && at <= published) errors.Add("unpublishAt", "Yayından kaldırma zamanı yayın zamanından sonra olmalı.");
        else article.UnpublishAt = at;
    }

    /// <summary>Publishing, scheduling and unpublishing go into the audit log.</summary>
    async Task AuditStatusAsync(Article article, ArticleStatus? before, Actor actor, CancellationToken ct)
    {
        if (before == article.Status) return;
        var action = article.Status switch
        {
            ArticleStatus.Published => Newsroom.AuditActions.Publish,
            ArticleStatus.Scheduled => Newsroom.AuditActions.Schedule,
            ArticleStatus.Unpublished => Newsroom.AuditActions.Unpublish,
            _ => null,
        };
        if (action is not null) await AuditAsync(action, $"#{article.Id} {article.Title}", "", actor.UserId, actor.Name, ct);
    }

    async Task<List<ArticleAuthor>> AuthorsAsync(List<string>? slugs, Actor actor, Errors errors, CancellationToken ct)
    {
        if (slugs is { Count: > 0 })
        {
            var wanted = slugs.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var found = await db.Authors.Where(a => wanted.Contains(a.Slug)).ToListAsync(ct);
            foreach (var missing in wanted.Where(w => found.All(f => f.Slug != w))) errors.Add("authors", $"Yazar bulunamadı: '{missing}'.");
            return wanted.Select((slug, i) => found.Find(f => f.Slug == slug) is { } author
                ? new ArticleAuthor { AuthorId = author.Id, Order = i }
                : null).OfType<ArticleAuthor>().ToList();
        }
        if (actor.UserId is null) return [];
        var own = await db.Authors.FirstOrDefaultAsync(a => a.UserId == actor.UserId, ct);
        if (own is null)
        {
            var name = string.IsNullOrWhiteSpace(actor.Name) ? "Haber Merkezi" : actor.Name;
            var slug = Slug.From(name, "yazar");
            if (await db.Authors.AnyAsync(a => a.Slug == slug, ct)) slug = $"{slug}-{actor.UserId[..Math.Min(6, actor.UserId.Length)].ToLowerInvariant()}";
            own = new Author { Name = name, Slug = slug, UserId = actor.UserId, Title = "Muhabir" };
            db.Authors.Add(own);
            await db.SaveChangesAsync(ct);
        }
        return [new ArticleAuthor { AuthorId = own.Id, Order = 0 }];
    }

    async Task<List<ArticleTag>> TagsAsync(List<string> names, CancellationToken ct)
    {
        if (names.Count == 0) return [];
        var slugs = names.Select(n => Slug.From(n)).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(ct);
        var result = new List<ArticleTag>();
        for (var i = 0; i < names.Count; i++)
        {
            var tag = existing.Find(t => t.Slug == slugs[i]);
            if (tag is null)
            {
                tag = new Tag { Name = names[i], Slug = slugs[i] };
                db.Tags.Add(tag);
                existing.Add(tag);
            }
            result.Add(new ArticleTag { Tag = tag, TagId = tag.Id, Order = i });
        }
        if (db.ChangeTracker.Entries<Tag>().Any(e => e.State == EntityState.Added)) await db.SaveChangesAsync(ct);
        foreach (var link in result) link.TagId = link.Tag.Id;
        return result;
    }

    async Task<List<string>> TagNamesAsync(int articleId, CancellationToken ct) =>
        await db.ArticleTags.Where(t => t.ArticleId == articleId).OrderBy(t => t.Order).Select(t => t.Tag.Name).ToListAsync(ct);

    async Task AddRevisionAsync(Article article, Actor actor, IEnumerable<string> tags, CancellationToken ct)
    {
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Version = article.Version,
            SavedAt = article.ModifiedAt,
            SavedById = actor.UserId,
            SavedByName = actor.Name,
            Title = article.Title,
            Spot = article.Spot,
            Body = article.Body,
            CategoryId = article.CategoryId,
            Source = article.Source,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            Tags = string.Join('\n', tags),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The pages that showed the article before the write and the ones that show it now.</summary>
    async Task<List<string>> TagsToPurgeAsync(Article article, Snapshot? before, CancellationToken ct)
    {
        var tree = await categories.GetAsync(ct);
        var tags = new List<string> { CacheTags.Article(article.Id), CacheTags.Home };
        foreach (var categoryId in new[] { article.CategoryId, before?.CategoryId ?? article.CategoryId }.Distinct())
        {
            tags.AddRange(tree.Path(categoryId).Select(c => CacheTags.Category(c.Id)));
        }
        tags.AddRange(article.Tags.Select(t => CacheTags.Tag(t.TagId)));
        if (before is not null) tags.AddRange(before.TagIds.Select(CacheTags.Tag));
        tags.AddRange(article.Authors.Select(a => CacheTags.Author(a.AuthorId)));
        if (before is not null) tags.AddRange(before.AuthorIds.Select(CacheTags.Author));
        // The SON DAKİKA band is on every page.
        if (article.IsBreaking || before?.IsBreaking == true) tags.Add(CacheTags.Site);
        return tags;
    }

    static string? Clean(string? text)
    {
        if (text is null) return null;
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new string(collapsed.Where(c => !char.IsControl(c)).ToArray());
    }

    /// <summary>The agencies' names as they print them, whatever case the caller used ("iha" → "İHA").</summary>
    public static string? NormaliseSource(string? source)
    {
        var clean = Clean(source);
        if (string.IsNullOrEmpty(clean)) return null;
        return Turkish.FoldToAscii(clean) switch
        {
            "iha" => "İHA",
            "aa" => "AA",
            "dha" => "DHA",
            "anka" => "ANKA",
            _ => clean,
        };
    }

    /// <summary>What an article looked like before a write (to purge the pages it used to be on).</summary>
    sealed record Snapshot(int Version, ArticleStatus Status, int CategoryId, bool IsBreaking, int[] TagIds, int[] AuthorIds,
        string Title, string Spot, string Body, int? ImageId, string? Source)
    {
        public static Snapshot Of(Article a) => new(a.Version, a.Status, a.CategoryId, a.IsBreaking,
            a.Tags.Select(t => t.TagId).ToArray(), a.Authors.Select(x => x.AuthorId).ToArray(),
            a.Title, a.Spot, a.Body, a.ImageId, a.Source);

        public bool TextDiffers(Snapshot other) =>
            Title != other.Title || Spot != other.Spot || Body != other.Body || ImageId != other.ImageId || Source != other.Source;
    }

    sealed class Errors
    {
        readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
        public bool Any => _errors.Count > 0;
        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }
        public SaveOutcome.Invalid Outcome() => new(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}
