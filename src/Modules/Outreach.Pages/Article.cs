using Outreach.Core.Content;

namespace Outreach.Pages;

/// <summary>Text content with a summary and a rich body, shared by pages and news.</summary>
public abstract class Article : PublishableContent
{
    public string Summary { get; set; } = "";

    /// <summary>Rich text (HTML) as written by the editor; sanitised when shown.</summary>
    public string Body { get; set; } = "";
}

/// <summary>A standing page of a site: about, contact, the home page (slug <c>home</c>).</summary>
public sealed class Page : Article
{
    public const string HomeSlug = "home";
    public override string ContentType => "page";
}

/// <summary>A dated news item (新闻动态) of a site.</summary>
public sealed class NewsItem : Article
{
    /// <summary>Where the news came from, e.g. 广东省老科协秘书处.</summary>
    public string Source { get; set; } = "";

    public override string ContentType => "news";
}
