using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Manset.Web.Infrastructure;

/// <summary>The newsroom's three roles (glossary: Yönetici, Editör, Muhabir).</summary>
public static class Roles
{
    public const string Yonetici = "yonetici";
    public const string Editor = "editor";
    public const string Muhabir = "muhabir";

    public static readonly string[] All = [Yonetici, Editor, Muhabir];

    public static string DisplayName(string role) => role switch
    {
        Yonetici => "Yönetici",
        Editor => "Editör",
        Muhabir => "Muhabir",
        _ => role,
    };
}

/// <summary>
/// What a signed-in person or API token may do. Every newsroom page and API endpoint names one of these;
/// roles map to them in <see cref="ByRole"/> (docs/permissions.md shows the table).
/// </summary>
public static class Permissions
{
    /// <summary>Open the newsroom, read the content API.</summary>
    public const string NewsroomAccess = "newsroom.access";
    /// <summary>Create articles and edit one's own drafts.</summary>
    public const string ArticlesWrite = "articles.write";
    /// <summary>Publish, schedule, unpublish; edit anyone's article, published ones included.</summary>
    public const string ArticlesPublish = "articles.publish";
    /// <summary>Create and change categories.</summary>
    public const string CategoriesManage = "categories.manage";
    /// <summary>Upload images and videos.</summary>
    public const string MediaUpload = "media.upload";
    /// <summary>Rename and merge tags; edit authors' profiles.</summary>
    public const string TaxonomyManage = "taxonomy.manage";
    /// <summary>Arrange the manşet and sürmanşet rows.</summary>
    public const string LeadsManage = "leads.manage";
    /// <summary>Change media captions and credits, delete media, manage videos.</summary>
    public const string MediaManage = "media.manage";
    /// <summary>Create and change newsroom users and their roles; see everyone's API tokens.</summary>
    public const string UsersManage = "users.manage";
    /// <summary>Change the site settings (name, masthead, social links, security).</summary>
    public const string SettingsManage = "settings.manage";
    /// <summary>Read the audit log.</summary>
    public const string AuditRead = "audit.read";
    /// <summary>Set the wire desk's rules (what is published at once) and pull a source now.</summary>
    public const string WiresManage = "wires.manage";

    public static readonly string[] All =
        [NewsroomAccess, ArticlesWrite, ArticlesPublish, CategoriesManage, MediaUpload, TaxonomyManage, LeadsManage, MediaManage, UsersManage, SettingsManage, AuditRead, WiresManage];

    public static readonly IReadOnlyDictionary<string, string[]> ByRole = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Roles.Muhabir] = [NewsroomAccess, ArticlesWrite, MediaUpload],
        [Roles.Editor] = [NewsroomAccess, ArticlesWrite, ArticlesPublish, CategoriesManage, MediaUpload, TaxonomyManage, LeadsManage, MediaManage, WiresManage],
        [Roles.Yonetici] = All,
    };

    public static bool Has(ClaimsPrincipal user, string permission) =>
        user.FindAll(ClaimTypes.Role).Any(r => ByRole.TryGetValue(r.Value, out var granted) && granted.Contains(permission));

    /// <summary>One authorization policy per permission, named after it.</summary>
    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var permission in All)
        {
            options.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireAssertion(c => Has(c.User, permission)));
        }
    }
}
