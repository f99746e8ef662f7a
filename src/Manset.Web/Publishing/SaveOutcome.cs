using Manset.Data;

namespace Manset.Web.Publishing;

/// <summary>What became of a write. The API and the newsroom turn each case into their own answer.</summary>
public abstract record SaveOutcome
{
    public sealed record Saved(Article Article, bool Created) : SaveOutcome;
    /// <summary>Field → Turkish messages. Nothing was changed.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : SaveOutcome;
    public sealed record Forbidden(string Reason) : SaveOutcome;
    public sealed record NotFound : SaveOutcome;
    /// <summary>Someone saved in between; nothing was overwritten.</summary>
    public sealed record Stale(int CurrentVersion) : SaveOutcome;
    public sealed record Deleted(bool Kept) : SaveOutcome;
}
