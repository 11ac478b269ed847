using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.Events.Tests;

/// <summary>What a shared link and a phone's home screen show: the event's share card, canonical URLs, hreflang, the manifest.</summary>
public sealed partial class ShareTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_event_page_points_og_image_at_a_generated_png_card_of_the_event()
    {
        var client = fixture.App.CreateClient();
        var (_, html) = await client.FetchAsync("/host/events/forum-a");
        var image = Meta(html, "og:image").First();
        Assert.Equal("http://localhost/host/events/forum-a/share.png", image);
        Assert.Contains("<meta property=\"og:image:width\" content=\"1200\">", html);

        var response = await client.GetAsync("/host/events/forum-a/share.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var card = Image.Load<Rgba32>(bytes);
        Assert.Equal((1200, 630), (card.Width, card.Height));
        // Text was drawn: white pixels in the title's rows, none in the empty band between title and details.
        Assert.True(WhitePixels(card, 130, 360) > 2000, "no title drawn");
        Assert.Equal(0, WhitePixels(card, 380, 400));

        // Served from the cache the second time: the same bytes.
        Assert.Equal(bytes, await client.GetByteArrayAsync("/host/events/forum-a/share.png"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/host/events/no-such-event/share.png")).StatusCode);
    }

    [Fact]
    public async Task A_changed_title_draws_a_new_card_and_drops_the_old_one()
    {
        var images = fixture.App.Services.GetRequiredService<EventShareImage>();
        var first = await images.FileForAsync(9999, 1, new EventShareImage.Card("南岭植物讲座", "2026年9月20日 14:30", "韶关 · 乳源县图书馆", "主办站点", "#0b3c6f"), default);
        var again = await images.FileForAsync(9999, 1, new EventShareImage.Card("南岭植物讲座", "2026年9月20日 14:30", "韶关 · 乳源县图书馆", "主办站点", "#0b3c6f"), default);
        Assert.Equal(first, again);
        var edited = await images.FileForAsync(9999, 1, new EventShareImage.Card("南岭珍稀植物讲座（改期）", "2026年9月27日 14:30", "韶关 · 乳源县图书馆", "主办站点", "#0b3c6f"), default);
        Assert.NotEqual(first, edited);
        Assert.True(File.Exists(edited));
        Assert.False(File.Exists(first));
        Assert.NotEqual(await File.ReadAllBytesAsync(edited), EventShareImage.Draw(new("南岭植物讲座", "2026年9月20日 14:30", "韶关 · 乳源县图书馆", "主办站点", "#0b3c6f")));
    }

    [Theory]
    [InlineData("/host/events", "http://localhost/host/events")]
    [InlineData("/host/events?page=1&mode=elder", "http://localhost/host/events")]
    [InlineData("/", "http://localhost/")]
    public async Task Pages_name_their_canonical_url_from_the_configured_origin_and_their_zh_CN_and_en_alternates(string url, string canonical)
    {
        var (_, html) = await fixture.App.CreateClient().FetchAsync(url);
        Assert.Equal([canonical], Links(html, "canonical"));
        Assert.Contains($"<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{canonical}\">", html);
        Assert.Contains($"<link rel=\"alternate\" hreflang=\"en\" href=\"{canonical}?culture=en\">", html);
        Assert.Contains($"<link rel=\"alternate\" hreflang=\"x-default\" href=\"{canonical}\">", html);
    }

    [Fact]
    public async Task The_event_page_has_one_canonical_link()
    {
        var (_, html) = await fixture.App.CreateClient().FetchAsync("/host/events/forum-a");
        Assert.Equal(["http://localhost/host/events/forum-a"], Links(html, "canonical"));
    }

    [Fact]
    public async Task Each_site_serves_its_own_web_app_manifest_with_its_theme_colour_and_touch_icons()
    {
        var client = fixture.App.CreateClient();
        var (_, page) = await client.FetchAsync("/host/");
        Assert.Contains("<link rel=\"manifest\" href=\"/host/manifest.webmanifest\">", page);
        Assert.Contains("<meta name=\"theme-color\" content=\"#0b3c6f\">", page);
        var touch = Links(page, "apple-touch-icon").Single();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(touch)).StatusCode);

        var response = await client.GetAsync("/host/manifest.webmanifest");
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("主办站点", manifest.GetProperty("name").GetString());
        Assert.Equal("/host/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("/host/", manifest.GetProperty("scope").GetString());
        Assert.Equal("#0b3c6f", manifest.GetProperty("theme_color").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { 192, 512 })
        {
            var icon = icons.Single(i => i.GetProperty("sizes").GetString() == $"{size}x{size}");
            using var png = Image.Load<Rgba32>(await client.GetByteArrayAsync(icon.GetProperty("src").GetString()));
            Assert.Equal((size, size), (png.Width, png.Height));
        }
        // Another site's manifest is its own.
        var portal = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync("/manifest.webmanifest"));
        Assert.Equal("/", portal.GetProperty("start_url").GetString());
        Assert.NotEqual("主办站点", portal.GetProperty("name").GetString());
    }

    static int WhitePixels(Image<Rgba32> image, int fromRow, int toRow)
    {
        var count = 0;
        for (var y = fromRow; y < toRow; y++)
            for (var x = 0; x < image.Width; x++)
                if (image[x, y] is { R: > 240, G: > 240, B: > 240 }) count++;
        return count;
    }

    static List<string> Meta(string html, string property) =>
        MetaTag().Matches(html).Where(m => m.Groups[1].Value == property).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();

    static List<string> Links(string html, string rel) =>
        LinkTag().Matches(html).Where(m => m.Groups[1].Value == rel).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();

    [GeneratedRegex("<meta property=\"([^\"]+)\" content=\"([^\"]*)\">")]
    private static partial Regex MetaTag();

    [GeneratedRegex("<link rel=\"([^\"]+)\" href=\"([^\"]*)\">")]
    private static partial Regex LinkTag();
}
