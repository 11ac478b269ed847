using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Core.Content;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

public sealed partial class SitemapAndCalendarTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task The_sitemap_lists_the_sites_published_items_only_with_absolute_urls_and_w3c_dates()
    {
        var now = DateTimeOffset.UtcNow;
        await fixture.App.WithSiteAsync("host", db =>
        {
            db.Add(new NewsItem { Slug = "sitemap-news", Title = "站点地图新闻", Status = ContentStatus.Published, PublishedAt = now });
            db.Add(new NewsItem { Slug = "sitemap-news-draft", Title = "站点地图草稿新闻" });
            db.Add(new Page { Slug = "sitemap-page", Title = "关于我们", Status = ContentStatus.Published, PublishedAt = now });
            db.Add(new Event
            {
                Slug = "sitemap-deleted", Title = "已删除的活动", City = "广州", Status = ContentStatus.Published, PublishedAt = now, DeletedAt = now,
                StartsAt = new DateTimeOffset(2026, 9, 10, 1, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 9, 10, 3, 0, 0, TimeSpan.Zero),
            });
            return db.SaveChangesAsync();
        });

        var response = await fixture.App.CreateClient().GetAsync("/host/sitemap.xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var urls = xml.Root!.Elements(Ns + "url").ToDictionary(u => u.Element(Ns + "loc")!.Value, u => u.Element(Ns + "lastmod")?.Value);

        Assert.Contains("http://localhost/host/", urls.Keys);
        Assert.Contains("http://localhost/host/events/forum-a", urls.Keys);
        Assert.Contains("http://localhost/host/events/salon-c", urls.Keys);
        Assert.Contains("http://localhost/host/campaigns/month-2026", urls.Keys);
        Assert.Contains("http://localhost/host/news/sitemap-news", urls.Keys);
        Assert.Contains("http://localhost/host/pages/sitemap-page", urls.Keys);
        Assert.DoesNotContain(urls.Keys, u => u.EndsWith("/draft-d", StringComparison.Ordinal));
        Assert.DoesNotContain(urls.Keys, u => u.EndsWith("/sitemap-news-draft", StringComparison.Ordinal));
        Assert.DoesNotContain(urls.Keys, u => u.EndsWith("/sitemap-deleted", StringComparison.Ordinal));
        // Other sites' items, even approved into this site's campaign, belong to their own sitemap.
        Assert.DoesNotContain(urls.Keys, u => u.Contains("guest", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", urls["http://localhost/host/events/forum-a"]);

        var guest = XDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/guest/sitemap.xml"));
        var guestUrls = guest.Root!.Elements(Ns + "url").Select(u => u.Element(Ns + "loc")!.Value).ToList();
        Assert.Contains("http://localhost/guest/events/guest-approved", guestUrls);
        Assert.DoesNotContain("http://localhost/guest/events/guest-draft", guestUrls);
        Assert.DoesNotContain(guestUrls, u => u.Contains("/host/", StringComparison.Ordinal) || u.EndsWith("/forum-a", StringComparison.Ordinal) || u.Contains("sitemap-news", StringComparison.Ordinal));
    }

    [GeneratedRegex("<div role=\"cell\" class=\"([^\"]*)\" data-date=\"([0-9-]+)\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [Fact]
    public async Task The_month_calendar_puts_events_on_their_Beijing_days()
    {
        await fixture.App.WithSiteAsync("host", db =>
        {
            db.Add(new Event
            {
                Slug = "late-night-sky", Title = "夜观星空", City = "广州", Status = ContentStatus.Published, PublishedAt = DateTimeOffset.UtcNow,
                StartsAt = new DateTimeOffset(2026, 9, 16, 15, 30, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 9, 16, 15, 55, 0, TimeSpan.Zero),
            });
            return db.SaveChangesAsync();
        });
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/host/events/calendar?month=2026-09");
        Assert.Equal(200, status);
        var cells = Cell().Matches(html).ToDictionary(m => m.Groups[2].Value, m => (Class: m.Groups[1].Value, Html: m.Groups[3].Value));
        // September 2026 starts on a Tuesday: the Monday-first grid begins on 31 August and ends on 4 October.
        Assert.Equal("2026-08-31", cells.Keys.First());
        Assert.Equal("2026-10-04", cells.Keys.Last());
        Assert.Equal(35, cells.Count);
        Assert.Contains("other-month", cells["2026-08-31"].Class);
        Assert.Contains("岭南智能制造论坛", cells["2026-09-16"].Html);
        Assert.Contains("09:00", cells["2026-09-16"].Html);
        Assert.Contains("夜观星空", cells["2026-09-16"].Html);
        Assert.Contains("23:30", cells["2026-09-16"].Html);
        Assert.DoesNotContain("夜观星空", cells["2026-09-15"].Html);
        Assert.DoesNotContain("夜观星空", cells["2026-09-17"].Html);
        Assert.DoesNotContain("岭南智能制造论坛", cells["2026-09-17"].Html);
        Assert.Contains("走近南岭的珍稀植物", cells["2026-09-20"].Html);
        Assert.Contains("佛山陶瓷科技展", cells["2026-09-25"].Html); // approved campaign guest
        Assert.DoesNotContain("尚未发布的讲座", html);
        Assert.DoesNotContain("style=", html);
        Assert.Contains("href=\"/host/events/calendar?month=2026-08\"", html);
        Assert.Contains("href=\"/host/events/calendar?month=2026-10\"", html);
    }
}
