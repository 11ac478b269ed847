using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Pages.Admin;

/// <summary>The two kinds of article the admin edits with the same pages: "page" and "news".</summary>
public static class ArticleKinds
{
    public static bool IsKnown(string? kind) => kind is "page" or "news";

    public static string Label(string kind) => kind == "news" ? "新闻" : "页面";

    public static IQueryable<Article> Query(OutreachDbContext db, string kind, bool includeDeleted = false)
    {
        IQueryable<Article> query = kind == "news" ? db.Set<NewsItem>() : db.Set<Page>();
        return includeDeleted ? query.IgnoreQueryFilters([OutreachDbContext.DeletedFilter]) : query;
    }

    public static Article Create(string kind) => kind == "news" ? new NewsItem() : new Page();

    public static string PublicPath(Article a) => (a is NewsItem ? "/news/" : "/pages/") + a.Slug;
}
