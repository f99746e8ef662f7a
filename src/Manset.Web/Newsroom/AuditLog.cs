using System.Security.Claims;
using Manset.Data;

namespace Manset.Web.Newsroom;

/// <summary>The audit log's words: what was done (code, Turkish label).</summary>
public static class AuditActions
{
    public const string Login = "giris";
    public const string LoginFailed = "giris-basarisiz";
    public const string LockedOut = "hesap-kilitlendi";
    public const string Logout = "cikis";
    public const string Publish = "yayin";
    public const string Schedule = "zamanlama";
    public const string Unpublish = "yayindan-kaldirma";
    public const string Delete = "silme";
    public const string Restore = "surum-geri-yukleme";
    public const string UserCreate = "kullanici-olusturma";
    public const string RoleChange = "rol-degisikligi";
    public const string UserLock = "kullanici-kilit";
    public const string PasswordChange = "parola-degisikligi";
    public const string PasswordReset = "parola-sifirlama";
    public const string TwoFactor = "iki-adimli-dogrulama";
    public const string TokenCreate = "token-olusturma";
    public const string TokenRevoke = "token-iptali";
    public const string Settings = "ayar-degisikligi";
    public const string Taxonomy = "kategori-etiket";
    public const string Leads = "manset-duzeni";
    public const string Media = "medya";
    public const string Wires = "ajans";

    public static string Label(string action) => action switch
    {
        Login => "Giriş",
        LoginFailed => "Başarısız giriş",
        LockedOut => "Hesap kilitlendi",
        Logout => "Çıkış",
        Publish => "Yayımlama",
        Schedule => "Zamanlama",
        Unpublish => "Yayından kaldırma",
        Delete => "Silme",
        Restore => "Sürüme dönme",
        UserCreate => "Kullanıcı oluşturma",
        RoleChange => "Rol değişikliği",
        UserLock => "Kullanıcı kilidi",
        PasswordChange => "Parola değişikliği",
        PasswordReset => "Parola sıfırlama",
        TwoFactor => "İki adımlı doğrulama",
        TokenCreate => "API token'ı oluşturma",
        TokenRevoke => "API token'ı iptali",
        Settings => "Ayar değişikliği",
        Taxonomy => "Kategori/etiket/yazar",
        Leads => "Manşet düzeni",
        Media => "Medya",
        Wires => "Ajans masası",
        _ => action,
    };
}

public sealed record AuditRecord(string Action, string Target, string Detail, string? UserId, string UserName);

/// <summary>Writes who did what and when. Every entry is saved at once, on its own, whatever else fails later.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditLog> log)
{
    public Task RecordAsync(string action, string target, string detail = "", CancellationToken ct = default)
    {
        var user = http.HttpContext?.User;
        return RecordAsync(action, target, detail, user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.Identity?.Name ?? "", ct);
    }

    public Task RecordAsync(string action, string target, string detail, string? userId, string userName, CancellationToken ct = default) =>
        RecordManyAsync([new AuditRecord(action, target, detail, userId, userName)], ct);

    /// <summary>Several entries in one write (a batch of wire stories published by a rule).</summary>
    public async Task RecordManyAsync(IReadOnlyCollection<AuditRecord> records, CancellationToken ct = default)
    {
        if (records.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            var at = clock.GetUtcNow();
            var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
            db.AuditEntries.AddRange(records.Select(r => new AuditEntry
            {
                At = at,
                UserId = r.UserId,
                UserName = Trim(r.UserName, Limits.NameMax),
                Action = r.Action,
                Target = Trim(r.Target, 300),
                Detail = Trim(r.Detail, 1000),
                Address = address,
            }));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The audit log never stops the work it records; the failure is logged instead.
            log.LogError(e, "Denetim kaydı yazılamadı: {Count} kayıt, ilki {Action} {Target}", records.Count, records.First().Action, records.First().Target);
        }
    }

    static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
