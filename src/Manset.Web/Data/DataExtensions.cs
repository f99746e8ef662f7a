using Manset.Data;
using Manset.Data.Postgres;
using Manset.Data.Sqlite;
using Manset.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Manset.Web.Data;

public static class DataExtensions
{
    /// <summary>
    /// Options, the database (SQLite under the data directory, or PostgreSQL when
    /// <c>ConnectionStrings:Postgres</c> is set) and the start-up work that prepares it.
    /// </summary>
    public static WebApplicationBuilder AddMansetData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MansetOptions>().BindConfiguration(MansetOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MansetOptions>, MansetOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);

        // One interceptor for every context: it counts each request's database commands (Infrastructure/QueryCounter.cs).
        builder.Services.AddSingleton<QueryCounter>();

        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddDbContextPool<PostgresMansetDb>((sp, o) => o.UseNpgsql(postgres).AddInterceptors(sp.GetRequiredService<QueryCounter>()).Checked(builder.Environment));
            builder.Services.AddScoped<MansetDb>(sp => sp.GetRequiredService<PostgresMansetDb>());
        }
        else
        {
            var dataDirectory = builder.Configuration[$"{MansetOptions.Section}:{nameof(MansetOptions.DataDirectory)}"] ?? "data";
            var file = Path.Combine(Path.GetFullPath(dataDirectory), "manset.db");
            var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
            builder.Services.AddSingleton<SqliteConnectionTuning>();
            builder.Services.AddDbContextPool<SqliteMansetDb>((sp, o) => o.UseSqlite(connection)
                .AddInterceptors(sp.GetRequiredService<QueryCounter>(), sp.GetRequiredService<SqliteConnectionTuning>()).Checked(builder.Environment));
            builder.Services.AddScoped<MansetDb>(sp => sp.GetRequiredService<SqliteMansetDb>());
        }

        builder.Services.AddScoped<DatabaseSetup>();
        builder.Services.AddScoped<DemoContent>();
        builder.Services.AddScoped<DemoGenerator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// A query that loads two collections at once says how: split (a command per collection) or single (one join,
    /// which repeats the article's row, body and all, once per tag per author). Left unsaid, EF Core runs it single and
    /// logs a warning at its first run; outside production (development, the tests) that is an error, so such a query
    /// fails the first test that reaches it instead of reaching a log.
    /// </summary>
    static DbContextOptionsBuilder Checked(this DbContextOptionsBuilder options, IHostEnvironment environment) =>
        environment.IsProduction() ? options : options.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));
}
