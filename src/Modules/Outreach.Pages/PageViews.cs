using Microsoft.AspNetCore.Http;
using Outreach.Core.Content;
using Outreach.Core.Themes;

namespace Outreach.Pages;

// What the Pages templates (and themes overriding them) may read; registered in PagesModule's manifest.

/// <summary>A page as templates see it.</summary>
public sealed record PageView(string Title, string Slug, string Summary, string Body, DateTimeOffset? PublishedAt)
{
    public static PageView From(Article a) => new(a.Title, a.Slug, a.Summary, a.Body, a.PublishedAt);
}

/// <summary>A news item as templates see it, with its site-relative URL.</summary>
public sealed record NewsView(int Id, string Title, string Slug, string Summary, string Body, string Source, DateTimeOffset? PublishedAt, string Url)
{
    public static NewsView From(NewsItem n, HttpContext http) =>
        new(n.Id, n.Title, n.Slug, n.Summary, n.Body, n.Source, n.PublishedAt, http.Request.PathBase + "/news/" + n.Slug);
}

/// <summary><c>home.liquid</c>: the home page, the latest news and the sections other modules add.</summary>
public sealed record HomePage(PageView? Page, IReadOnlyList<NewsView> News, IReadOnlyList<HomeSection> Sections);

/// <summary><c>page.liquid</c>.</summary>
public sealed record PagePage(PageView Page, string Title);

/// <summary><c>news-list.liquid</c>.</summary>
public sealed record NewsListPage(IReadOnlyList<NewsView> News, Paging Paging);

/// <summary><c>news-item.liquid</c>.</summary>
public sealed record NewsItemPage(NewsView Item, string Title);
