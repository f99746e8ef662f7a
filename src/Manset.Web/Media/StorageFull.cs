using Microsoft.Data.Sqlite;
using Npgsql;

namespace Manset.Web.Media;

/// <summary>
/// The disk (or the quota) the media, the upload spool or the database live on is full: nothing of the upload was kept.
/// Not the uploader's fault, so not a <see cref="MediaRejectedException"/>: the API answers 507, the newsroom's forms
/// say so beside the file field, and an agency's picture is tried again on a later pull.
/// </summary>
public sealed class MediaStorageFullException(Exception inner) : IOException("Medya için diskte yer kalmadı; yükleme kaydedilmedi.", inner)
{
    /// <summary>The title and the text the editor sees, in Resources/SharedResource.resx.</summary>
    public const string TitleKey = "MediaStorageFull";
    public const string TextKey = "MediaStorageFullText";
}

public static class StorageFull
{
    // Linux errno values, which .NET puts into IOException.HResult on Unix.
    const int Enospc = 28;
    const int Edquot = 122;

    // Windows: ERROR_DISK_FULL (0x70) and ERROR_HANDLE_DISK_FULL (0x27) as HRESULTs.
    const uint DiskFull = 0x80070070;
    const uint HandleDiskFull = 0x80070027;

    const int SqliteFull = 13;             // SQLITE_FULL
    const string PostgresDiskFull = "53100"; // disk_full

    /// <summary>Whether an exception (or one it wraps) says that there is no room left to write.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MediaStorageFullException:
                    return true;
                case IOException io when io.HResult is Enospc or Edquot || (uint)io.HResult is DiskFull or HandleDiskFull:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                    return true;
                case PostgresException postgres when postgres.SqlState == PostgresDiskFull:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The exception to throw on: a full disk becomes <see cref="MediaStorageFullException"/>, anything else stays.</summary>
    public static Exception Translate(Exception e) => e is not MediaStorageFullException && Is(e) ? new MediaStorageFullException(e) : e;
}
