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
        _ => action,
    };
}

/// <summary>Writes who did what and when. Every entry is saved at once, on its own, whatever else fails later.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock, ILogger<AuditLog> log)
{
    public Task RecordAsync(string action, string target, string detail = "", CancellationToken ct = default)
    {
        var user = http.HttpContext?.User;
        return RecordAsync(action, target, detail, user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.Identity?.Name ?? "", ct);
    }

    public async Task RecordAsync(string action, string target, string detail, string? userId, string userName, CancellationToken ct = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MansetDb>();
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(),
                UserId = userId,
                UserName = Trim(userName, Limits.NameMax),
                Action = action,
                Target = Trim(target, 300),
                Detail = Trim(detail, 1000),
                Address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "",
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The audit log never stops the work it records; the failure is logged instead.
            log.LogError(e, "Denetim kaydı yazılamadı: {Action} {Target}", action, target);
        }
    }

    static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
