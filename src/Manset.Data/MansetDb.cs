using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Manset.Data;

/// <summary>
/// The one EF Core model. Each database has a thin subclass with its own migrations
/// (Manset.Data.Sqlite, Manset.Data.Postgres); the application only ever asks for <see cref="MansetDb"/>.
/// </summary>
public abstract class MansetDb(DbContextOptions options) : IdentityDbContext<User, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<ArticleAuthor> ArticleAuthors => Set<ArticleAuthor>();
    public DbSet<Media> Media => Set<Media>();
    public DbSet<Video> Videos => Set<Video>();
    public DbSet<ArticleStats> ArticleStats => Set<ArticleStats>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleReaction> ArticleReactions => Set<ArticleReaction>();
    public DbSet<ArticleViewHour> ArticleViewHours => Set<ArticleViewHour>();
    public DbSet<TagRedirect> TagRedirects => Set<TagRedirect>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<WireItem> WireItems => Set<WireItem>();
    public DbSet<WireMedia> WireMedia => Set<WireMedia>();
    public DbSet<WireSourceState> WireSourceStates => Set<WireSourceState>();
    public DbSet<WireRule> WireRules => Set<WireRule>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<MostReadList> MostReadLists => Set<MostReadList>();
    /// <summary>Data-protection keys (cookies, antiforgery), shared by every node when the database is PostgreSQL.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider's name for logs and health ("sqlite", "postgres").</summary>
    public abstract string ProviderName { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MansetDb).Assembly);
    }
}
