using System.Net;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Admin;

public sealed class EditingFixture() : SitesFixture("alpha");

/// <summary>An editor on a phone: write a page, preview it, publish it, see it, change it, restore the old version.</summary>
public sealed class EditingTests(EditingFixture fixture) : IClassFixture<EditingFixture>
{
    [Fact]
    public async Task Editor_writes_previews_publishes_edits_and_restores_a_page()
    {
        await fixture.App.CreateUserAsync("writer@example.cn", false, ("alpha", SiteRole.Editor));
        var editor = await fixture.App.SignedInClientAsync("writer@example.cn");
        var visitor = fixture.App.CreatePlainClient();

        var created = await editor.PostFormAsync("/alpha/admin/content/page/edit?handler=Save",
            new() { ["Title"] = "学会简介", ["Slug"] = "intro", ["Summary"] = "关于本会", ["Body"] = "<p>第一版正文</p>", ["Revision"] = "0" },
            "/alpha/admin/content/page/edit");
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var editUrl = created.Headers.Location!.ToString();
        var id = editUrl[(editUrl.LastIndexOf('/') + 1)..];
        Assert.Equal(404, (await visitor.FetchAsync("/alpha/pages/intro")).Status); // a draft

        Assert.Contains("第一版正文", await editor.GetStringAsync($"/alpha/admin/content/page/preview/{id}"));

        var published = await editor.PostFormAsync($"{editUrl}?handler=Publish", new() { ["Revision"] = "0" }, editUrl);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("第一版正文", (await visitor.FetchAsync("/alpha/pages/intro")).Body);

        await editor.PostFormAsync($"{editUrl}?handler=Save",
            new() { ["Title"] = "学会简介", ["Slug"] = "intro", ["Summary"] = "关于本会", ["Body"] = "<p>第二版正文</p>", ["Revision"] = "1" }, editUrl);
        Assert.Contains("第二版正文", (await visitor.FetchAsync("/alpha/pages/intro")).Body);

        // A stale form (revision 0) is refused: two editors do not overwrite each other silently.
        var stale = await editor.PostFormAsync($"{editUrl}?handler=Save",
            new() { ["Title"] = "旧表单", ["Slug"] = "intro", ["Summary"] = "", ["Body"] = "<p>旧</p>", ["Revision"] = "0" }, editUrl);
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.True(staleHtml.Contains("已被他人修改"), $"{(int)stale.StatusCode}: {staleHtml[Math.Max(0, staleHtml.IndexOf("<main", StringComparison.Ordinal))..][..Math.Min(1500, staleHtml.Length - Math.Max(0, staleHtml.IndexOf("<main", StringComparison.Ordinal)))]}");

        var history = await editor.GetStringAsync($"/alpha/admin/content/page/history/{id}");
        Assert.Contains("<del>- &lt;p&gt;第一版正文&lt;/p&gt;</del>", history);
        Assert.Contains("<ins>+ &lt;p&gt;第二版正文&lt;/p&gt;</ins>", history);

        var restored = await editor.PostFormAsync($"/alpha/admin/content/page/history/{id}?handler=Restore&version=1", [], $"/alpha/admin/content/page/history/{id}");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("第一版正文", (await visitor.FetchAsync("/alpha/pages/intro")).Body);
    }
}
