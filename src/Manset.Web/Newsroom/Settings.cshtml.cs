using Manset.Data;
using Manset.Web.Infrastructure;
using Manset.Web.Publishing;
using Manset.Web.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Newsroom;

/// <summary>Ayarlar: the paper's name and publisher, tagline, masthead (künye), footer, social accounts, security.</summary>
[Authorize(Policy = Permissions.SettingsManage)]
public sealed class SettingsModel(MansetDb db, PageCachePurge purge, AuditLog audit) : PageModel
{
    /// <summary>Every setting this page edits, with its label, in order.</summary>
    public static readonly (string Key, string Label, int Max)[] Fields =
    [
        (SettingKeys.SiteName, "Site adı (boş: yapılandırmadaki ad)", 80),
        (SettingKeys.Publisher, "Yayıncı (şirket unvanı)", 160),
        (SettingKeys.Tagline, "Slogan", 160),
        .. SettingKeys.Masthead.Select(m => (m.Key, m.Label, 300)),
        (SettingKeys.FooterNote, "Alt bilgi notu", 500),
        .. SettingKeys.Social.Select(s => (s.Key, s.Label + " adresi (https://…)", 300)),
    ];

    public Dictionary<string, string> Values { get; private set; } = [];
    public HashSet<string> TwoFactorRoles { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Title"] = "Ayarlar";
        Values = await db.SiteSettings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, ct);
        TwoFactorRoles = Values.GetValueOrDefault(SettingKeys.TwoFactorRoles, "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostAsync(List<string> twoFactorRoles, CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        var existing = await db.SiteSettings.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        var changed = new List<string>();
        void Set(string key, string value)
        {
            if (existing.TryGetValue(key, out var setting))
            {
                if (setting.Value == value) return;
                setting.Value = value;
            }
            else if (value.Length > 0) db.SiteSettings.Add(new SiteSetting { Key = key, Value = value });
            else return;
            changed.Add(key);
        }
        foreach (var (key, label, max) in Fields)
        {
            var value = form[key].ToString().Trim();
            if (value.Length > max) value = value[..max];
            if (key.StartsWith("sosyal.", StringComparison.Ordinal) && value.Length > 0 && !value.StartsWith("https://", StringComparison.Ordinal))
            {
                Message = $"{label}: https:// ile başlamalı.";
                return RedirectToPage();
            }
            Set(key, value);
        }
        Set(SettingKeys.TwoFactorRoles, string.Join(',', twoFactorRoles.Where(Roles.All.Contains)));
        await db.SaveChangesAsync(ct);
        if (changed.Count > 0)
        {
            await purge.PurgeAsync([CacheTags.Site], ct);
            await audit.RecordAsync(AuditActions.Settings, "site", string.Join(", ", changed), ct);
        }
        Message = changed.Count == 0 ? "Değişiklik yok." : "Ayarlar kaydedildi; site hemen güncellendi.";
        return RedirectToPage();
    }
}
