using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Registration;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Security;

/// <summary>
/// An installation published at https://www.outreach.example behind a proxy at 10.1.2.3 (issue 12, item 2):
/// links come from configuration, a forged Host is refused, forwarded headers are believed from that proxy only.
/// </summary>
public sealed class PublicOriginFixture() : SitesFixture("portal", "alpha", "beta")
{
    public const string Origin = "https://www.outreach.example";

    protected override OutreachFactory CreateFactory() => new()
    {
        Settings = new()
        {
            ["Outreach:PublicOrigin"] = Origin,
            ["Outreach:AllowedHosts:0"] = "localhost", // the test server's own name, as a health probe would be
            ["Outreach:Proxy:KnownProxies:0"] = "10.1.2.3",
        },
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Services.GetRequiredService<RecipeRunner>().RunAsync("""
            { "site": { "name": "gamma", "displayName": "伽马学会", "prefix": "gamma", "publicUrl": "https://gamma.example.org/society", "modules": ["Pages"] } }
            """, "gamma.recipe.json");
        await App.Services.GetRequiredService<RecipeRunner>().RunAsync("""
            { "site": { "name": "delta", "displayName": "德尔塔学会", "prefix": "delta", "modules": ["Pages", "Events"] },
              "steps": [ { "step": "events", "items": [ { "slug": "star-night", "title": "观星之夜", "type": "salon", "city": "广州",
                "startsAt": "2026-09-23T19:00:00+08:00", "endsAt": "2026-09-23T21:00:00+08:00" } ] } ] }
            """, "delta.recipe.json");
    }
}

public sealed partial class PublicOriginTests(PublicOriginFixture fixture) : IClassFixture<PublicOriginFixture>
{
    OutreachFactory App => fixture.App;

    [GeneratedRegex(@"https?://[^\s""<]+/admin/reset-password\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task A_forged_host_header_is_refused_with_a_400_problem()
    {
        var client = App.CreatePlainClient();
        var (status, body) = await client.FetchAsync("/beta/", host: "evil.example");
        Assert.Equal(400, status);
        Assert.Contains("未知的主机名", body);
        var (forgedReset, _) = await client.FetchAsync("/beta/admin/forgot-password", host: "attacker.example:8080");
        Assert.Equal(400, forgedReset);

        // Positive controls: the configured origin, a site's host, a site's public URL host, the allowed probe name.
        Assert.Equal(200, (await client.FetchAsync("/beta/", host: "www.outreach.example")).Status);
        Assert.Equal(200, (await client.FetchAsync("/", host: "alpha.example.cn")).Status);
        Assert.Equal(200, (await client.FetchAsync("/gamma/", host: "gamma.example.org")).Status);
        Assert.Equal(200, (await client.FetchAsync("/beta/")).Status);
    }

    [Theory]
    [InlineData("beta", "https://www.outreach.example/beta/admin/reset-password?token=")]        // prefix site: the platform origin
    [InlineData("alpha", "https://alpha.example.cn/admin/reset-password?token=")]               // its own host, the origin's scheme
    [InlineData("gamma", "https://gamma.example.org/society/admin/reset-password?token=")]      // its configured public URL
    public async Task Password_reset_links_come_from_the_configured_origin_not_the_request(string site, string expected)
    {
        var email = $"reset-{site}@example.cn";
        await App.CreateUserAsync(email, false, (site, SiteRole.Editor));
        var client = App.CreatePlainClient(); // the request arrives as http://localhost
        var asked = await client.PostFormAsync($"/{site}/admin/forgot-password", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);

        var mail = await App.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.ToAddress == email));
        var link = ResetLink().Match(mail.TextBody).Value;
        Assert.StartsWith(expected, link);
        Assert.DoesNotContain("localhost", mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task Registration_links_ignore_the_request_host()
    {
        var links = App.Services.GetRequiredService<RegistrationLinks>();
        var beta = await App.WithSiteAsync(null, db => db.Sites.AsNoTracking().SingleAsync(s => s.Name == "beta"));
        var forged = new DefaultHttpContext();
        forged.Request.Scheme = "http";
        forged.Request.Host = new HostString("evil.example");
        Assert.Equal("https://www.outreach.example/beta/registrations/abc", links.Absolute(beta, "/registrations/abc", forged));
        Assert.Equal("https://www.outreach.example/beta/registrations/abc", links.Absolute(beta, "/registrations/abc"));
    }

    [Fact]
    public async Task Event_pages_feeds_and_robots_use_the_configured_origin_not_the_request()
    {
        var client = App.CreatePlainClient(); // the test server answers as "localhost", an allowed host that is not the origin
        var (status, page) = await client.FetchAsync("/delta/events/star-night");
        Assert.Equal(200, status);
        Assert.Contains("https://www.outreach.example/delta/events/star-night", page); // canonical, og:url, JSON-LD
        Assert.DoesNotContain("//localhost", page);
        foreach (var path in new[] { "/delta/events.ics", "/delta/events/star-night.ics", "/delta/events.atom", "/delta/robots.txt" })
        {
            var (code, body) = await client.FetchAsync(path);
            Assert.Equal(200, code);
            Assert.Contains("https://www.outreach.example/delta/", body);
            Assert.DoesNotContain("localhost", body);
        }
    }

    [Fact]
    public async Task Sitemap_and_site_list_use_the_configured_origin()
    {
        var client = App.CreatePlainClient();
        var (status, sitemap) = await client.FetchAsync("/beta/sitemap.xml");
        Assert.Equal(200, status);
        Assert.Contains("<loc>https://www.outreach.example/beta/news/beta-news</loc>", sitemap);
        Assert.DoesNotContain("localhost", sitemap);

        var sites = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sites")).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("url").GetString());
        Assert.Equal("https://www.outreach.example/beta/", sites["beta"]);
        Assert.Equal("https://www.outreach.example/", sites["portal"]);
        Assert.Equal("https://alpha.example.cn/", sites["alpha"]);
        Assert.Equal("https://gamma.example.org/society/", sites["gamma"]);
    }

    [Fact]
    public async Task Forwarded_proto_is_believed_only_from_the_configured_proxy_and_https_gets_hsts()
    {
        async Task<HttpContext> FromAsync(string remote) => await App.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("alpha.example.cn");
            c.Request.Path = "/";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        });

        var viaProxy = await FromAsync("10.1.2.3");
        Assert.Equal(200, viaProxy.Response.StatusCode);
        Assert.StartsWith("max-age=31536000", viaProxy.Response.Headers.StrictTransportSecurity.ToString());

        // Anyone else claiming https is still plain http: no HSTS (which browsers would ignore over http anyway).
        var direct = await FromAsync("198.51.100.7");
        Assert.Equal(200, direct.Response.StatusCode);
        Assert.Empty(direct.Response.Headers.StrictTransportSecurity.ToString());
    }
}
