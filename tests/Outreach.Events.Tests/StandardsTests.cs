using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Ical.Net;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.Events.Tests;

/// <summary>What crawlers, calendar apps and feed readers read, checked by parsers that are not ours.</summary>
public sealed class StandardsTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Theory]
    [InlineData("/robots.txt", "http://localhost/sitemap-index.xml")]
    [InlineData("/robots.txt", "http://localhost/host/sitemap.xml")]
    [InlineData("/host/robots.txt", "http://localhost/host/sitemap.xml")]
    [InlineData("/guest/robots.txt", "http://localhost/guest/sitemap.xml")]
    public async Task Robots_txt_answers_on_every_site_with_its_sitemap_lines(string url, string sitemap)
    {
        var response = await fixture.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Sitemap: " + sitemap, lines);
        Assert.Contains(lines, l => l.StartsWith("Disallow: ", StringComparison.Ordinal) && l.EndsWith("/admin", StringComparison.Ordinal));
        // The private site is in no robots.txt's sitemap list.
        Assert.DoesNotContain(lines, l => l.StartsWith("Sitemap:", StringComparison.Ordinal) && l.Contains("/private/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_portal_sitemap_index_and_every_sitemap_validate_with_xmllint_against_the_sitemaps_org_schema()
    {
        var client = fixture.App.CreateClient();
        var index = await client.GetStringAsync("/sitemap-index.xml");
        var (valid, output) = await OutsideTools.ValidateXmlAsync(index, "siteindex.xsd");
        Assert.True(valid, output);
        var sitemaps = XDocument.Parse(index).Root!.Elements(Sitemaps + "sitemap").ToList();
        var locations = sitemaps.Select(s => s.Element(Sitemaps + "loc")!.Value).ToList();
        Assert.Equal(["http://localhost/sitemap.xml", "http://localhost/guest/sitemap.xml", "http://localhost/host/sitemap.xml"], locations);
        Assert.All(sitemaps, s => Assert.NotNull(s.Element(Sitemaps + "lastmod")));

        foreach (var location in locations)
        {
            var sitemap = await client.GetStringAsync(location);
            (valid, output) = await OutsideTools.ValidateXmlAsync(sitemap, "sitemap.xsd");
            Assert.True(valid, location + ": " + output);
            var urls = XDocument.Parse(sitemap).Root!.Elements(Sitemaps + "url").ToList();
            Assert.NotEmpty(urls);
            Assert.All(urls, u => Assert.NotNull(u.Element(Sitemaps + "lastmod")));
        }

        // The schema check can fail: a priority above 1.0 is refused.
        var broken = index.Replace("</lastmod>", "</lastmod><priority>2.0</priority>", StringComparison.Ordinal);
        Assert.False((await OutsideTools.ValidateXmlAsync(broken, "siteindex.xsd")).Valid);
        // Only the portal has an index.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/host/sitemap-index.xml")).StatusCode);
    }

    [Fact]
    public async Task Ical_events_parsed_by_Ical_Net_carry_organizer_geo_url_and_a_sequence_that_grows_with_edits()
    {
        var client = fixture.App.CreateClient();
        var text = await client.GetStringAsync("/host/events.ics");
        var before = Calendar.Load(text)!.Events.Single(e => e.Summary == "岭南智能制造论坛");
        Assert.Equal("主办站点", before.Organizer!.CommonName);
        // The organiser's address is the site's home page (RFC 5545 cal-address is any URI), never a person's mailbox.
        // Ical.Net reads every cal-address as mailto, so the value is checked on the unfolded line.
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("ORGANIZER;CN=主办站点:http://localhost/host/\r\n", unfolded);
        Assert.DoesNotContain("mailto:", unfolded, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(23.1317, before.GeographicLocation!.Latitude, 4);
        Assert.Equal(113.278, before.GeographicLocation.Longitude, 3);
        Assert.Equal("http://localhost/host/events/forum-a", before.Url!.ToString());
        // An event without coordinates has no GEO.
        Assert.Null(Calendar.Load(await client.GetStringAsync("/host/events.ics"))!.Events.Single(e => e.Summary == "量子通信科普沙龙").GeographicLocation);

        var admin = fixture.App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("host", SiteRole.SiteAdmin));
        var id = JsonDocument.Parse(await client.GetStringAsync("/host/api/v1/events?q=岭南智能制造论坛")).RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        var moved = await admin.PutAsJsonAsync($"/host/api/v1/admin/events/{id}", new { startsAt = "2026-09-16T09:30:00+08:00" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var after = Calendar.Load(await client.GetStringAsync("/host/events/forum-a.ics"))!.Events.Single();
        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence, $"SEQUENCE {before.Sequence} → {after.Sequence}");
        Assert.Equal(new DateTime(2026, 9, 16, 9, 30, 0), after.Start!.Value);
    }

    [Theory]
    [InlineData("/events.atom", "测试门户")]
    [InlineData("/host/events.atom", "主办站点")]
    [InlineData("/guest/events.atom", "来宾学会")]
    public async Task Atom_feeds_parsed_by_System_ServiceModel_Syndication_carry_author_and_updated(string url, string site)
    {
        using var stream = await fixture.App.CreateClient().GetStreamAsync(url);
        using var reader = XmlReader.Create(stream);
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(site, Assert.Single(feed.Authors).Name);
        Assert.NotEqual(default, feed.LastUpdatedTime);
        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, item =>
        {
            Assert.NotEmpty(item.Authors);
            Assert.NotEqual(default, item.LastUpdatedTime);
            Assert.StartsWith("urn:uuid:", item.Id, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Event_json_ld_has_the_fields_of_Googles_event_guidelines_with_offers_image_performer_and_organizer_url()
    {
        // A poster for the portal's event, so it has an image.
        var admin = fixture.App.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("portal", SiteRole.SiteAdmin));
        using var image = new Image<Rgb24>(1200, 800);
        using var bytes = new MemoryStream();
        await image.SaveAsPngAsync(bytes);
        var file = new ByteArrayContent(bytes.ToArray());
        file.Headers.ContentType = new("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "poster.png" }, { new StringContent("开放日海报"), "alt" } };
        var uploaded = await admin.PostAsync("/api/v1/admin/media", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var mediaId = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var id = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/api/v1/events?q=门户科普开放日")).RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/events/{id}", new { posterId = mediaId })).StatusCode);

        var (_, html) = await fixture.App.CreateClient().FetchAsync("/events/portal-own");
        var document = new HtmlParser().ParseDocument(html);
        var script = Assert.Single(document.QuerySelectorAll("script[type='application/ld+json']"));
        var ld = JsonDocument.Parse(script.TextContent).RootElement;

        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("Event", ld.GetProperty("@type").GetString());
        // Required: name, startDate (with offset), location with an address.
        Assert.Equal("门户科普开放日", ld.GetProperty("name").GetString());
        Assert.Equal("2026-09-22T09:00:00+08:00", ld.GetProperty("startDate").GetString());
        Assert.Equal("Place", ld.GetProperty("location").GetProperty("@type").GetString());
        Assert.Equal("广州", ld.GetProperty("location").GetProperty("address").GetProperty("addressLocality").GetString());
        // Recommended: description, endDate, eventStatus, image, offers, organizer, performer.
        Assert.Equal("全省学会联合开放日", ld.GetProperty("description").GetString());
        Assert.Equal("2026-09-22T17:00:00+08:00", ld.GetProperty("endDate").GetString());
        Assert.Equal("https://schema.org/EventScheduled", ld.GetProperty("eventStatus").GetString());
        Assert.Equal($"http://localhost/media/{mediaId}/1600.jpg", ld.GetProperty("image")[0].GetString());
        var offers = ld.GetProperty("offers");
        Assert.Equal("Offer", offers.GetProperty("@type").GetString());
        Assert.Equal(0m, offers.GetProperty("price").GetDecimal());
        Assert.Equal("CNY", offers.GetProperty("priceCurrency").GetString());
        Assert.Equal("https://schema.org/InStock", offers.GetProperty("availability").GetString());
        Assert.Equal("http://localhost/events/portal-own/register", offers.GetProperty("url").GetString());
        Assert.True(DateTimeOffset.TryParse(offers.GetProperty("validFrom").GetString(), out _));
        Assert.Equal("2026-09-22T09:00:00+08:00", offers.GetProperty("validThrough").GetString());
        var organizer = ld.GetProperty("organizer");
        Assert.Equal("广东省科协", organizer.GetProperty("name").GetString());
        Assert.Equal("http://localhost/", organizer.GetProperty("url").GetString());
        var performer = Assert.Single(ld.GetProperty("performer").EnumerateArray());
        Assert.Equal("Person", performer.GetProperty("@type").GetString());
        Assert.Equal("李明", performer.GetProperty("name").GetString());
        Assert.Equal("华南理工大学", performer.GetProperty("affiliation").GetProperty("name").GetString());
    }
}
