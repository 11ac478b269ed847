using Outreach.Core.Sites;

namespace Outreach.Tests.Kernel;

/// <summary>One rule for linking to another site's page, used by search hits, campaign guests and the site switcher.</summary>
public sealed class SiteLinkTests
{
    [Theory]
    [InlineData("", "", "/news/a", "/news/a")]                                  // the portal
    [InlineData("lingnan", "", "/news/a", "/lingnan/news/a")]                   // a prefix on the shared host
    [InlineData("lingnan", "", "/", "/lingnan/")]
    [InlineData(null, "forum.example.cn", "/news/a", "//forum.example.cn/news/a")] // host only
    [InlineData("lingnan", "forum.example.cn", "/admin", "//forum.example.cn/admin")] // its own host wins: on another site's host a prefix would land there
    public void A_link_to_a_sites_page_works_from_any_site(string? prefix, string hosts, string path, string expected)
    {
        var site = new Site { Name = "x", Prefix = prefix, Hosts = hosts };
        Assert.Equal(expected, site.LinkTo(path));
    }
}
