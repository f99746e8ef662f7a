using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Manset.Data.Postgres;

/// <summary>The scale-out database: PostgreSQL, migrations in this assembly, applied by the <c>db migrate</c> command.</summary>
public sealed class PostgresMansetDb(DbContextOptions<PostgresMansetDb> options) : MansetDb(options)
{
    public override string ProviderName => "postgres";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz accepts only UTC offsets; normalise whatever the caller handed over.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }
}

sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the web host or a server.</summary>
sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresMansetDb>
{
    public PostgresMansetDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMansetDb>().UseNpgsql("Host=localhost;Database=manset_design").Options);
}
