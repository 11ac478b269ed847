using System.Net;
using Outreach.Core.Security;
using Outreach.Search.Tests.Infrastructure;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests;

public sealed class MissTests(SearchSites sites) : IClassFixture<SearchSites>
{
    readonly SearchFactory _app = sites.App;

    [Fact]
    public async Task Searches_without_results_are_counted_and_listed_for_site_admins_without_personal_data()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 3; i++) await client.SearchAsync("/shaoguan", "量子纠缠");
        await client.GetStringAsync("/shaoguan/search?q=" + Uri.EscapeDataString("引力波"));
        await client.SearchAsync("/shaoguan", "13800138000");          // a phone number: not recorded
        await client.SearchAsync("/shaoguan", "someone@example.com");  // an e-mail address: not recorded
        await client.SearchAsync("/shaoguan", "丹霞山");                // found: not recorded

        await _app.CreateUserAsync("misses-admin@shaoguan.test", false, ("shaoguan", SiteRole.SiteAdmin));
        var admin = await _app.SignedInClientAsync("misses-admin@shaoguan.test", "/shaoguan");
        var html = await admin.GetStringAsync("/shaoguan/admin/search/misses");
        Assert.Contains("无结果的搜索", html, StringComparison.Ordinal);
        Assert.Matches(@"量子纠缠</a></td>\s*<td>3</td>", html);
        Assert.Contains("引力波", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("丹霞山", html, StringComparison.Ordinal);

        // Per site: lingnan's admins do not see shaoguan's searches.
        await _app.CreateUserAsync("misses-admin@lingnan.test", false, ("lingnan", SiteRole.SiteAdmin));
        var other = await _app.SignedInClientAsync("misses-admin@lingnan.test", "/lingnan");
        Assert.DoesNotContain("量子纠缠", await other.GetStringAsync("/lingnan/admin/search/misses"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_identical_misses_are_all_counted_on_one_row()
    {
        var client = _app.CreateClient();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SearchAsync("/lingnan", "暗物质探测")));
        var count = await _app.InSiteAsync("lingnan", (_, db) =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Set<Misses.SearchMiss>().Where(m => m.Query == "暗物质探测")));
        Assert.Equal(10, Assert.Single(count).Count);
    }

    [Fact]
    public async Task Editors_do_not_see_the_list()
    {
        await _app.CreateUserAsync("misses-editor@lingnan.test", false, ("lingnan", SiteRole.Editor));
        var editor = await _app.SignedInClientAsync("misses-editor@lingnan.test", "/lingnan");
        // Pages answer a missing permission by redirecting to the access-denied page, which answers 403.
        var response = await editor.GetAsync("/lingnan/admin/search/misses");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(response.Headers.Location)).StatusCode);
    }
}
