using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Admin;

public sealed class PermissionFixture() : SitesFixture("alpha", "beta")
{
    public Dictionary<string, HttpClient> Clients { get; } = [];
    public Dictionary<string, string> Tokens { get; } = [];

    public async Task EnsurePeopleAsync()
    {
        if (Clients.Count > 0) return;
        await App.CreateUserAsync("platform@example.cn", platformAdmin: true);
        await App.CreateUserAsync("siteadmin@example.cn", false, ("alpha", SiteRole.SiteAdmin));
        await App.CreateUserAsync("editor@example.cn", false, ("alpha", SiteRole.Editor));
        await App.CreateUserAsync("reviewer@example.cn", false, ("alpha", SiteRole.Reviewer));
        await App.CreateUserAsync("beta-editor@example.cn", false, ("beta", SiteRole.Editor));
        foreach (var who in new[] { "platform", "siteadmin", "editor", "reviewer", "beta-editor" })
            Clients[who] = await App.SignedInClientAsync($"{who}@example.cn");
        Clients["anonymous"] = App.CreatePlainClient();
        foreach (var role in Enum.GetValues<SiteRole>()) Tokens[role.ToString()] = await App.CreateTokenAsync("alpha", role);
    }
}

/// <summary>Role × site × action, for the admin pages and the admin API.</summary>
public sealed class PermissionTests(PermissionFixture fixture) : IClassFixture<PermissionFixture>
{
    const string Allowed = "allowed", Denied = "denied", SignIn = "sign-in";

    public static TheoryData<string, string, string> PageMatrix => new()
    {
        // who, path, expected
        { "anonymous", "/alpha/admin", SignIn },
        { "reviewer", "/alpha/admin", Allowed },
        { "reviewer", "/alpha/admin/content/page", Denied },
        { "editor", "/alpha/admin/content/page", Allowed },
        { "editor", "/alpha/admin/content/news/edit", Allowed },
        { "editor", "/alpha/admin/audit", Denied },
        { "editor", "/alpha/admin/tokens", Denied },
        { "siteadmin", "/alpha/admin/audit", Allowed },
        { "siteadmin", "/alpha/admin/tokens", Allowed },
        { "siteadmin", "/alpha/admin/platform/sites", Denied },
        { "platform", "/alpha/admin/platform/sites", Allowed },
        { "platform", "/beta/admin/content/page", Allowed },
        // A role on site A grants nothing on site B.
        { "editor", "/beta/admin", Denied },
        { "editor", "/beta/admin/content/page", Denied },
        { "siteadmin", "/beta/admin/audit", Denied },
        { "beta-editor", "/alpha/admin/content/page", Denied },
        { "beta-editor", "/beta/admin/content/page", Allowed },
    };

    [Theory]
    [MemberData(nameof(PageMatrix))]
    public async Task Admin_pages_check_the_role_on_the_requests_site(string who, string path, string expected)
    {
        await fixture.EnsurePeopleAsync();
        using var response = await fixture.Clients[who].GetAsync(path);
        var location = response.Headers.Location?.ToString() ?? "";
        var outcome = response.StatusCode == HttpStatusCode.OK ? Allowed
            : location.Contains("/admin/login") ? SignIn
            : location.Contains("/admin/denied") || response.StatusCode == HttpStatusCode.Forbidden ? Denied
            : $"{(int)response.StatusCode} {location}";
        Assert.Equal(expected, outcome);
    }

    public static TheoryData<string, string, string, int> ApiMatrix => new()
    {
        // token role (or none), site, method, expected status
        { "Editor", "alpha", "GET", 200 },
        { "Editor", "alpha", "POST", 201 },
        { "Reviewer", "alpha", "GET", 403 },
        { "Reviewer", "alpha", "POST", 403 },
        { "SiteAdmin", "alpha", "POST", 201 },
        { "Editor", "beta", "GET", 403 },
        { "Editor", "beta", "POST", 403 },
        { "SiteAdmin", "beta", "GET", 403 },
        { "none", "alpha", "GET", 401 },
        { "bogus", "alpha", "GET", 401 },
    };

    [Theory]
    [MemberData(nameof(ApiMatrix))]
    public async Task Admin_api_accepts_a_token_only_on_its_own_site_and_within_its_role(string role, string site, string method, int expected)
    {
        await fixture.EnsurePeopleAsync();
        var client = fixture.App.CreatePlainClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/{site}/api/v1/admin/pages");
        if (role != "none") request.Headers.Authorization = new("Bearer", fixture.Tokens.GetValueOrDefault(role, "otk_bogus"));
        if (method == "POST") request.Content = JsonContent.Create(new { title = $"令牌创建的页面 {Guid.NewGuid():N}", body = "<p>正文</p>", publish = true });
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        await fixture.EnsurePeopleAsync();
        var token = await fixture.App.CreateTokenAsync("alpha", SiteRole.Editor);
        await fixture.App.WithSiteAsync(null, async db =>
        {
            var row = db.Set<ApiToken>().IgnoreQueryFilters().Single(t => t.TokenHash == ApiTokens.Hash(token));
            row.RevokedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        var client = fixture.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/alpha/api/v1/admin/pages")).StatusCode);
    }
}
