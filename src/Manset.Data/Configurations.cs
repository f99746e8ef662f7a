using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Manset.Data;

/// <summary>Field limits shared by the model, the API's validation and the newsroom forms.</summary>
public static class Limits
{
    public const int TitleMax = 200;
    public const int SlugMax = 120;
    public const int SpotMax = 600;
    public const int BodyMax = 200_000;
    public const int SourceMax = 40;
    public const int TagMax = 60;
    public const int TagsPerArticleMax = 20;
    public const int CategoryNameMax = 60;
    public const int CaptionMax = 300;
    public const int CreditMax = 100;
    public const int NameMax = 120;
}

sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.CategoryNameMax);
        e.Property(x => x.Slug).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.Description).HasMaxLength(500);
        e.HasIndex(x => x.Slug).IsUnique();
        e.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> e)
    {
        e.Property(x => x.Title).HasMaxLength(Limits.TitleMax);
        e.Property(x => x.Slug).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.Spot).HasMaxLength(Limits.SpotMax);
        e.Property(x => x.Source).HasMaxLength(Limits.SourceMax);
        e.Property(x => x.ImageCaption).HasMaxLength(Limits.CaptionMax);
        e.Property(x => x.ImageCredit).HasMaxLength(Limits.CreditMax);
        e.Property(x => x.CreatedById).HasMaxLength(64);
        e.Property(x => x.ModifiedById).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Image).WithMany().HasForeignKey(x => x.ImageId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Video).WithMany().HasForeignKey(x => x.VideoId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Stats).WithOne().HasForeignKey<ArticleStats>(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // The public site's hot reads: latest published, per category, lead slots, breaking.
        // With the category and picture, so the home page's latest 300 are read from the index alone.
        e.HasIndex(x => new { x.Status, x.PublishedAt, x.CategoryId, x.ImageId });
        e.HasIndex(x => new { x.CategoryId, x.Status, x.PublishedAt });
        e.HasIndex(x => new { x.Slot, x.SlotOrder });
        // Breaking news, in partial indexes of the flagged stories only (a boolean leads no index: SQLite cannot seek on
        // a bare "IsBreaking" term): the live band by BreakingUntil, the SON DAKİKA page newest first. Without them a
        // paper of a million stories, few of them breaking, was read through the PublishedAt index to the end.
        e.HasIndex(x => x.BreakingUntil, "IX_Articles_Breaking_BreakingUntil").HasFilter("\"IsBreaking\"");
        e.HasIndex(x => new { x.Status, x.PublishedAt }, "IX_Articles_Breaking_Status_PublishedAt").HasFilter("\"IsBreaking\"");
        e.HasIndex(x => x.UnpublishAt);
    }
}

sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.TagMax);
        e.Property(x => x.Slug).HasMaxLength(Limits.SlugMax);
        e.HasIndex(x => x.Slug).IsUnique();
    }
}

sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> e)
    {
        e.HasKey(x => new { x.ArticleId, x.TagId });
        e.HasOne(x => x.Article).WithMany(x => x.Tags).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Tag).WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
        // A tag's latest stories (tag pages, related stories) from the index alone.
        e.HasIndex(x => new { x.TagId, x.ArticleId });
    }
}

sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.NameMax);
        e.Property(x => x.Slug).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.Title).HasMaxLength(Limits.NameMax);
        e.Property(x => x.Bio).HasMaxLength(1000);
        e.Property(x => x.UserId).HasMaxLength(64);
        e.HasIndex(x => x.Slug).IsUnique();
        e.HasOne(x => x.Photo).WithMany().HasForeignKey(x => x.PhotoId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> e)
    {
        e.HasKey(x => new { x.ArticleId, x.AuthorId });
        e.HasOne(x => x.Article).WithMany(x => x.Authors).HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.AuthorId);
    }
}

sealed class MediaConfiguration : IEntityTypeConfiguration<Media>
{
    public void Configure(EntityTypeBuilder<Media> e)
    {
        e.Property(x => x.StorageKey).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.Renditions).HasMaxLength(100);
        e.Property(x => x.Alt).HasMaxLength(Limits.CaptionMax);
        e.Property(x => x.Caption).HasMaxLength(Limits.CaptionMax);
        e.Property(x => x.Credit).HasMaxLength(Limits.CreditMax);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedById).HasMaxLength(64);
        e.HasIndex(x => x.Sha256);
    }
}

sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> e)
    {
        e.Property(x => x.Title).HasMaxLength(Limits.TitleMax);
        e.Property(x => x.Slug).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.EmbedUrl).HasMaxLength(500);
        e.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Poster).WithMany().HasForeignKey(x => x.PosterId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne(x => x.Captions).WithMany().HasForeignKey(x => x.CaptionsId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.IsPublished, x.PublishedAt });
    }
}

sealed class ArticleStatsConfiguration : IEntityTypeConfiguration<ArticleStats>
{
    public void Configure(EntityTypeBuilder<ArticleStats> e)
    {
        e.HasKey(x => x.ArticleId);
        e.HasIndex(x => x.Views);
    }
}

sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> e)
    {
        e.Property(x => x.Title).HasMaxLength(Limits.TitleMax);
        e.Property(x => x.Spot).HasMaxLength(Limits.SpotMax);
        e.Property(x => x.Source).HasMaxLength(Limits.SourceMax);
        e.Property(x => x.SavedById).HasMaxLength(64);
        e.Property(x => x.SavedByName).HasMaxLength(Limits.NameMax);
        e.Property(x => x.Tags).HasMaxLength(2000);
        e.HasIndex(x => new { x.ArticleId, x.Version });
        e.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ArticleReactionConfiguration : IEntityTypeConfiguration<ArticleReaction>
{
    public void Configure(EntityTypeBuilder<ArticleReaction> e)
    {
        e.HasKey(x => new { x.ArticleId, x.ReaderId });
        e.Property(x => x.ReaderId).HasMaxLength(32);
        e.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ArticleViewHourConfiguration : IEntityTypeConfiguration<ArticleViewHour>
{
    public void Configure(EntityTypeBuilder<ArticleViewHour> e)
    {
        e.HasKey(x => new { x.ArticleId, x.Hour });
        e.HasIndex(x => x.Hour);
        e.HasOne<Article>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class TagRedirectConfiguration : IEntityTypeConfiguration<TagRedirect>
{
    public void Configure(EntityTypeBuilder<TagRedirect> e)
    {
        e.HasKey(x => x.OldSlug);
        e.Property(x => x.OldSlug).HasMaxLength(Limits.SlugMax);
        e.HasOne(x => x.Tag).WithMany().HasForeignKey(x => x.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.UserId).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(Limits.NameMax);
        e.Property(x => x.Action).HasMaxLength(40);
        e.Property(x => x.Target).HasMaxLength(300);
        e.Property(x => x.Detail).HasMaxLength(1000);
        e.Property(x => x.Address).HasMaxLength(64);
        e.HasIndex(x => x.At);
    }
}

sealed class SiteSettingConfiguration : IEntityTypeConfiguration<SiteSetting>
{
    public void Configure(EntityTypeBuilder<SiteSetting> e)
    {
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(100);
        e.Property(x => x.Value).HasMaxLength(4000);
    }
}

sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.Property(x => x.Name).HasMaxLength(Limits.NameMax);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.Prefix).HasMaxLength(16);
        e.HasIndex(x => x.Hash).IsUnique();
        e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(Limits.NameMax);
    }
}

sealed class WireItemConfiguration : IEntityTypeConfiguration<WireItem>
{
    public void Configure(EntityTypeBuilder<WireItem> e)
    {
        e.Property(x => x.Source).HasMaxLength(40);
        e.Property(x => x.AgencyId).HasMaxLength(200);
        e.Property(x => x.AgencyVersion).HasMaxLength(200);
        e.Property(x => x.Credit).HasMaxLength(Limits.SourceMax);
        e.Property(x => x.Title).HasMaxLength(400);
        e.Property(x => x.Spot).HasMaxLength(4000);
        e.Property(x => x.AgencyCategory).HasMaxLength(200);
        e.Property(x => x.Category).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.City).HasMaxLength(80);
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.HasIndex(x => new { x.Source, x.AgencyId }).IsUnique();
        e.HasIndex(x => x.ReceivedAt);
        e.HasIndex(x => x.GroupId);
        e.HasIndex(x => x.ArticleId);
        e.HasOne(x => x.Article).WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(x => x.Media).WithOne(x => x.Item).HasForeignKey(x => x.WireItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class WireMediaConfiguration : IEntityTypeConfiguration<WireMedia>
{
    public void Configure(EntityTypeBuilder<WireMedia> e)
    {
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Url).HasMaxLength(2000);
        e.Property(x => x.PosterUrl).HasMaxLength(2000);
        e.Property(x => x.Caption).HasMaxLength(Limits.CaptionMax);
        e.Property(x => x.Credit).HasMaxLength(Limits.CreditMax);
        e.Property(x => x.Error).HasMaxLength(300);
        e.HasIndex(x => new { x.WireItemId, x.Key }).IsUnique();
        e.HasIndex(x => x.State);
        e.HasOne(x => x.Media).WithMany().HasForeignKey(x => x.MediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class WireSourceStateConfiguration : IEntityTypeConfiguration<WireSourceState>
{
    public void Configure(EntityTypeBuilder<WireSourceState> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(40);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.LeaseOwner).HasMaxLength(100);
    }
}

sealed class WireRuleConfiguration : IEntityTypeConfiguration<WireRule>
{
    public void Configure(EntityTypeBuilder<WireRule> e)
    {
        e.Property(x => x.Source).HasMaxLength(40);
        e.Property(x => x.Category).HasMaxLength(Limits.SlugMax);
        e.Property(x => x.City).HasMaxLength(80);
    }
}

sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(60);
        e.Property(x => x.Holder).HasMaxLength(100);
    }
}

sealed class MostReadListConfiguration : IEntityTypeConfiguration<MostReadList>
{
    public void Configure(EntityTypeBuilder<MostReadList> e)
    {
        e.HasKey(x => x.Period);
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.ArticleIds).HasMaxLength(2000);
    }
}
