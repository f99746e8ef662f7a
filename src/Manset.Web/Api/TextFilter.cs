using Manset.Data;
using Microsoft.EntityFrameworkCore;

namespace Manset.Web.Api;

/// <summary>
/// The API's <c>q</c> filter: a case-insensitive substring match on headline and spot, escaped so that
/// <c>%</c> and <c>_</c> in the query are literal. (The reader-facing search is Search/, with Turkish analysis.)
/// </summary>
public static class TextFilter
{
    public static IQueryable<Article> Apply(MansetDb db, IQueryable<Article> query, string q)
    {
        var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return db.ProviderName == "postgres"
            ? query.Where(a => EF.Functions.ILike(a.Title, pattern, "\\") || EF.Functions.ILike(a.Spot, pattern, "\\"))
            : query.Where(a => EF.Functions.Like(a.Title, pattern, "\\") || EF.Functions.Like(a.Spot, pattern, "\\"));
    }
}
