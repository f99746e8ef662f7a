namespace Manset.Web.Site;

/// <summary>Keys of the editable site settings (the masthead lines of the Künye page and footer).</summary>
public static class SettingKeys
{
    public const string Owner = "kunye.imtiyaz";
    public const string EditorInChief = "kunye.genel-yayin-yonetmeni";
    public const string ManagingEditor = "kunye.sorumlu-mudur";
    public const string NewsDirector = "kunye.haber-muduru";
    public const string Address = "kunye.adres";
    public const string Phone = "kunye.telefon";
    public const string Email = "kunye.eposta";
    public const string PublicationType = "kunye.yayin-turu";
    public const string Tagline = "site.slogan";
    public const string SiteName = "site.ad";
    public const string Publisher = "site.yayinci";
    public const string FooterNote = "site.altbilgi";
    public const string SocialX = "sosyal.x";
    public const string SocialFacebook = "sosyal.facebook";
    public const string SocialInstagram = "sosyal.instagram";
    public const string SocialYoutube = "sosyal.youtube";
    /// <summary>Roles (comma separated) whose members must use two-step verification to enter the newsroom.</summary>
    public const string TwoFactorRoles = "guvenlik.iki-adim-roller";

    /// <summary>The social accounts in footer order, with their labels.</summary>
    public static readonly (string Key, string Label)[] Social =
    [
        (SocialX, "X"),
        (SocialFacebook, "Facebook"),
        (SocialInstagram, "Instagram"),
        (SocialYoutube, "YouTube"),
    ];

    /// <summary>The masthead lines in print order, with their Turkish labels.</summary>
    public static readonly (string Key, string Label)[] Masthead =
    [
        (Owner, "İmtiyaz Sahibi"),
        (EditorInChief, "Genel Yayın Yönetmeni"),
        (ManagingEditor, "Sorumlu Yazı İşleri Müdürü"),
        (NewsDirector, "Haber Müdürü"),
        (PublicationType, "Yayın Türü"),
        (Address, "Adres"),
        (Phone, "Telefon"),
        (Email, "E-posta"),
    ];
}
