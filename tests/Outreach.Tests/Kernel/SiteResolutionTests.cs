using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class SiteResolutionFixture() : SitesFixture("portal", "alpha", "beta", "hidden");

public sealed class SiteResolutionTests(SiteResolutionFixture fixture) : IClassFixture<SiteResolutionFixture>
{
    readonly HttpClient _client = fixture.App.CreatePlainClient();

    [Fact]
    public async Task Root_path_resolves_to_the_portal()
    {
        var (status, body) = await _client.FetchAsync("/");
        Assert.Equal(200, status);
        Assert.Contains("测试门户首页", body);
    }

    [Fact]
    public async Task First_path_segment_resolves_a_site_by_prefix()
    {
        var (status, body) = await _client.FetchAsync("/alpha/");
        Assert.Equal(200, status);
        Assert.Contains("阿尔法学会首页", body);
        Assert.Contains("href=\"/alpha/news\"", body); // links stay inside the site's mount point
    }

    [Fact]
    public async Task Host_header_resolves_a_site_before_the_path()
    {
        var (status, body) = await _client.FetchAsync("/", host: "alpha.example.cn");
        Assert.Equal(200, status);
        Assert.Contains("阿尔法学会首页", body);
        Assert.Contains("href=\"/news\"", body); // no prefix when the host selects the site
    }

    [Fact]
    public async Task Unknown_path_answers_the_themed_404_page_not_an_exception()
    {
        var (status, body) = await _client.FetchAsync("/no-such-site/news");
        Assert.Equal(404, status);
        Assert.Contains("页面未找到", body);
    }

    [Fact]
    public async Task Site_without_a_module_answers_404_for_that_modules_pages()
    {
        var (status, _) = await _client.FetchAsync("/hidden/news");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Site_list_api_shows_public_sites_only()
    {
        var (status, body) = await _client.FetchAsync("/api/v1/sites");
        Assert.Equal(200, status);
        Assert.Contains("\"name\":\"alpha\"", body);
        Assert.Contains("\"url\":\"http://alpha.example.cn/\"", body); // its own host, from configuration (not the request)
        Assert.Contains("\"theme\":\"Youth\"", body);
        Assert.DoesNotContain("hidden", body);
    }

    [Fact]
    public async Task Unknown_api_path_answers_problem_details_in_chinese()
    {
        using var response = await _client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("未找到", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var response = await _client.GetAsync("/alpha/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

public sealed class NoPortalFixture() : SitesFixture("alpha");

public sealed class NoPortalTests(NoPortalFixture fixture) : IClassFixture<NoPortalFixture>
{
    [Fact]
    public async Task Without_a_portal_the_root_is_a_404_page()
    {
        var (status, body) = await fixture.App.CreatePlainClient().FetchAsync("/");
        Assert.Equal(404, status);
        Assert.Contains("页面未找到", body);
    }
}

public sealed class OpenApiFixture() : SitesFixture("alpha");

public sealed class OpenApiTests(OpenApiFixture fixture) : IClassFixture<OpenApiFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_the_public_and_admin_apis()
    {
        var (status, body) = await fixture.App.CreatePlainClient().FetchAsync("/openapi/v1.json");
        Assert.Equal(200, status);
        using var document = System.Text.Json.JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/sites", paths);
        Assert.Contains("/api/v1/admin/pages", paths);
        Assert.Contains("/api/v1/admin/media", paths);
        Assert.Contains("/api/v1/search", paths);
    }
}
