using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class IsolationFixture() : SitesFixture("alpha", "beta");

public sealed class IsolationTests(IsolationFixture fixture) : IClassFixture<IsolationFixture>
{
    readonly HttpClient _client = fixture.App.CreatePlainClient();

    Task<int> AlphaNewsId() => fixture.App.WithSiteAsync("alpha", db => db.Set<NewsItem>().Where(n => n.Slug == "alpha-news").Select(n => n.Id).SingleAsync());

    [Fact]
    public async Task Item_of_site_A_is_found_through_site_A()
    {
        Assert.Equal(200, (await _client.FetchAsync("/alpha/news/alpha-news")).Status);
        var (status, _) = await _client.FetchAsync($"/alpha/news/{await AlphaNewsId()}");
        Assert.Equal(301, status);
    }

    [Fact]
    public async Task Item_of_site_A_is_a_404_through_site_B_by_slug()
    {
        var (status, body) = await _client.FetchAsync("/beta/news/alpha-news");
        Assert.Equal(404, status);
        Assert.DoesNotContain("阿尔法学会召开年会", body);
    }

    [Fact]
    public async Task Item_of_site_A_is_a_404_through_site_B_by_id()
    {
        var (status, _) = await _client.FetchAsync($"/beta/news/{await AlphaNewsId()}");
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Queries_see_only_the_current_sites_rows_and_nothing_without_a_site()
    {
        var alpha = await fixture.App.WithSiteAsync("alpha", db => db.Set<NewsItem>().Select(n => n.Slug).ToListAsync());
        var beta = await fixture.App.WithSiteAsync("beta", db => db.Set<NewsItem>().Select(n => n.Slug).ToListAsync());
        var none = await fixture.App.WithSiteAsync(null, db => db.Set<NewsItem>().CountAsync());
        var crossing = await fixture.App.WithSiteAsync(null, db => db.Set<NewsItem>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).CountAsync());

        Assert.Contains("alpha-news", alpha);
        Assert.DoesNotContain("beta-news", alpha);
        Assert.Equal(["beta-news"], beta);
        Assert.Equal(0, none);
        Assert.Equal(alpha.Count + beta.Count, crossing);
    }

    [Fact]
    public async Task Draft_pages_are_not_public()
    {
        Assert.Equal(404, (await _client.FetchAsync("/alpha/pages/draft-page")).Status);
        Assert.Equal(200, (await _client.FetchAsync("/alpha/pages/about")).Status);
    }
}
