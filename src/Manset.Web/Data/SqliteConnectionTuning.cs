using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Manset.Web.Data;

/// <summary>
/// Every pooled SQLite connection keeps a page cache of its own (2 MB by default). Under a burst the pool holds a
/// connection per concurrent request: 57 of them held over 100 MB of a node's memory with 1,000,000 articles, the same
/// hot pages many times over. The operating system's file cache keeps those pages once for all of them, so each
/// connection keeps a small cache (<see cref="CacheKilobytes"/>), set when it is opened.
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public const int CacheKilobytes = 512;

    static readonly string Pragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{CacheKilobytes};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite does its work on the calling thread whichever method is called; the pragma touches no file.
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
