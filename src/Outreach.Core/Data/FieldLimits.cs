namespace Outreach.Core.Data;

/// <summary>
/// How long each kernel text field may be, declared once: the EF model (column sizes), the API and page validation
/// and the recipe validation all read these, so SQLite and PostgreSQL refuse the same input with the same 400
/// instead of one storing it and the other throwing. Modules declare theirs beside their entities the same way.
/// </summary>
public static class FieldLimits
{
    /// <summary>Titles of pages, news, events and other publishable content.</summary>
    public const int Title = 300;

    /// <summary>A slug as typed or derived (<see cref="Content.Slugs"/>).</summary>
    public const int Slug = 80;

    /// <summary>The slug column: room for the "-2", "-3" that makes a slug unique.</summary>
    public const int SlugColumn = 200;

    public const int Summary = 1000;

    /// <summary>Rich-text bodies (HTML).</summary>
    public const int Body = 500_000;

    /// <summary>A site's machine name and prefix.</summary>
    public const int SiteName = 64;

    /// <summary>A site's display names (zh-CN and English).</summary>
    public const int SiteDisplayName = 200;

    /// <summary>A menu entry's label.</summary>
    public const int MenuTitle = 200;

    /// <summary>URLs: menu targets, a site's public URL.</summary>
    public const int Url = 1000;

    /// <summary>Where a news item came from (新闻来源).</summary>
    public const int NewsSource = 200;

    /// <summary>A person's display name.</summary>
    public const int PersonName = 100;

    public const int Email = 256;

    /// <summary>The label of an API token.</summary>
    public const int TokenName = 100;
}
