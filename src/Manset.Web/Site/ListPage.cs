using System.Runtime.CompilerServices;
using Manset.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Manset.Web.Site;

/// <summary>What a simple list page (tag, author, son dakika) hands its view.</summary>
public sealed record ListPage(string Heading, string? Intro, List<ArticleCard> Articles, PagerView Pager);

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// for each EF model in the process. A compiled query binds itself to the model of the first context that runs it
/// and refuses any other; SQLite and PostgreSQL contexts have different models (and the tests run both in one process).
/// </summary>
public sealed class PerModel<T>(Func<T> compile) where T : class
{
    readonly ConditionalWeakTable<IModel, T> _compiled = [];

    public T For(DbContext db)
    {
        var model = db.Model;
        return _compiled.TryGetValue(model, out var query) ? query : _compiled.GetOrAdd(model, _ => compile());
    }
}
