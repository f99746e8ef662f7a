using Manset.Data;

namespace Manset.Web.Search;

public static class SearchExtensions
{
    /// <summary>The search index of the configured database (FTS5 on SQLite, full text on PostgreSQL) and its indexer.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISearchIndex>(sp =>
        {
            var db = sp.GetRequiredService<MansetDb>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return db.ProviderName == "postgres" ? new PostgresSearchIndex(db, clock) : new SqliteSearchIndex(db, clock);
        });
        builder.Services.AddScoped<SearchIndexer>();
        return builder;
    }
}
