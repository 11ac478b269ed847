using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>长者模式 on the server: ?mode=elder turns it on for every theme and a cookie remembers it; ?mode=standard turns it off.</summary>
public sealed class ElderModeTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("/host/events", "Academic")]
    [InlineData("/guest/events", "Youth")]
    [InlineData("/events/portal-own", "Academic")]
    public async Task Mode_elder_in_the_query_turns_on_the_elder_stylesheet_and_a_cookie_remembers_it(string path, string theme)
    {
        var client = fixture.App.CreatePlainClient();
        var (_, standard) = await client.FetchAsync(path);
        Assert.DoesNotContain("class=\"elder\"", standard);
        Assert.DoesNotContain("css/elder.css", standard);
        Assert.Contains($"href=\"{path}?mode=elder\"", standard); // the switch on the page, back to this page
        Assert.Contains("长者模式（大字）", standard);

        using var on = await client.GetAsync(path + "?mode=elder");
        var html = await on.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\" class=\"elder\">", html);
        Assert.Contains("/_themes/Academic/css/elder.css?v=", html);
        Assert.Contains($"/_themes/{theme}/css/site.css?v=", html); // after the theme's own stylesheet
        Assert.Contains("退出长者模式", html);
        var cookie = Assert.Single(on.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Outreach.Mode=elder", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);

        // The cookie alone keeps it on, on another page; ?mode=standard turns it off and clears the cookie.
        using var remembered = new HttpRequestMessage(HttpMethod.Get, "/host/");
        remembered.Headers.Add("Cookie", ".Outreach.Mode=elder");
        Assert.Contains("class=\"elder\"", await (await client.SendAsync(remembered)).Content.ReadAsStringAsync());
        using var off = new HttpRequestMessage(HttpMethod.Get, path + "?mode=standard");
        off.Headers.Add("Cookie", ".Outreach.Mode=elder");
        using var offResponse = await client.SendAsync(off);
        Assert.DoesNotContain("class=\"elder\"", await offResponse.Content.ReadAsStringAsync());
        Assert.Contains(offResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Outreach.Mode=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_switch_keeps_the_pages_other_query_values()
    {
        var (_, html) = await fixture.App.CreateClient().FetchAsync("/host/events?city=" + Uri.EscapeDataString("广州") + "&mode=elder");
        Assert.Contains("href=\"/host/events?city=%E5%B9%BF%E5%B7%9E&amp;mode=standard\"", html);
    }
}
