using Manset.Data;

namespace Manset.Web.Engagement;

/// <summary>One of the five reactions under every article.</summary>
public sealed record Reaction(string Key, string ResourceKey, string Emoji);

/// <summary>The five reactions, in the order Turkish readers know them.</summary>
public static class Reactions
{
    public static readonly Reaction[] All =
    [
        new("begendim", "ReactionLike", "👍"),
        new("sevdim", "ReactionLove", "❤️"),
        new("begenmedim", "ReactionDislike", "👎"),
        new("uzgun", "ReactionSad", "😢"),
        new("inanilmaz", "ReactionWow", "😮"),
    ];

    public static Reaction? Find(string? key) => All.FirstOrDefault(r => r.Key == key);

    public static long Count(ArticleStats? stats, string key) => stats is null ? 0 : key switch
    {
        "begendim" => stats.Like,
        "sevdim" => stats.Love,
        "begenmedim" => stats.Dislike,
        "uzgun" => stats.Sad,
        "inanilmaz" => stats.Wow,
        _ => 0,
    };
}
