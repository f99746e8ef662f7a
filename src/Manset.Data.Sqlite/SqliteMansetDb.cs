using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Manset.Data.Sqlite;

/// <summary>The embedded default: SQLite in WAL mode, migrations in this assembly.</summary>
public sealed class SqliteMansetDb(DbContextOptions<SqliteMansetDb> options) : MansetDb(options)
{
    public override string ProviderName => "sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type; EF would store text it cannot order or compare.
        // Every instant is UTC, kept as its tick count so that ORDER BY and ranges are exact.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the web host.</summary>
sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteMansetDb>
{
    public SqliteMansetDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMansetDb>().UseSqlite("Data Source=design.db").Options);
}
