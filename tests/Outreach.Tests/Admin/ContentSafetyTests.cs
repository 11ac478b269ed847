using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Admin;

public sealed class ContentSafetyFixture() : SitesFixture("alpha");

public sealed class ContentSafetyTests(ContentSafetyFixture fixture) : IClassFixture<ContentSafetyFixture>
{
    async Task<HttpClient> EditorApiAsync()
    {
        var client = fixture.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("alpha", SiteRole.Editor));
        return client;
    }

    [Fact]
    public async Task A_script_can_create_and_publish_a_page_that_the_public_then_sees()
    {
        var api = await EditorApiAsync();
        using var created = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "脚本发布的页面", slug = "from-script", body = "<p>由脚本发布。</p>", publish = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/alpha/pages/from-script", json.GetProperty("url").GetString());
        Assert.True(json.GetProperty("id").GetInt32() > 0);
        var (status, body) = await fixture.App.CreatePlainClient().FetchAsync("/alpha/pages/from-script");
        Assert.Equal(200, status);
        Assert.Contains("由脚本发布。", body);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">点我</a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">点我</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")]
    public async Task Bodies_with_javascript_or_data_urls_are_refused_and_nothing_is_saved(string body)
    {
        var api = await EditorApiAsync();
        var slug = "refused-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "危险链接", slug, body, publish = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不允许使用", await response.Content.ReadAsStringAsync());
        Assert.Equal(404, (await fixture.App.CreatePlainClient().FetchAsync($"/alpha/pages/{slug}")).Status);
    }

    [Fact]
    public async Task Images_in_a_body_need_alternative_text()
    {
        var api = await EditorApiAsync();
        using var response = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "没有替代文字", slug = "no-alt", body = "<p><img src=\"/alpha/media/1/800.webp\"></p>", publish = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("替代文字", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Script_in_titles_and_event_handlers_in_bodies_are_harmless_on_public_and_admin_pages()
    {
        var api = await EditorApiAsync();
        using var created = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new
        {
            title = "<script>alert('标题')</script>", slug = "xss-probe",
            body = "<p onclick=\"alert(1)\">安全的段落</p><img src=\"/x.png\" alt=\"示意图\" onerror=\"alert(2)\"><script>alert(3)</script><iframe src=\"https://evil.example.com\"></iframe>",
            publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var (_, publicPage) = await fixture.App.CreatePlainClient().FetchAsync("/alpha/pages/xss-probe");
        Assert.Contains("&lt;script&gt;alert(", publicPage);
        Assert.Contains("安全的段落", publicPage);
        Assert.DoesNotContain("<script>alert", publicPage);
        Assert.DoesNotContain("onerror", publicPage);
        Assert.DoesNotContain("onclick", publicPage);
        Assert.DoesNotContain("<iframe", publicPage);

        await fixture.App.CreateUserAsync("xss-editor@example.cn", false, ("alpha", SiteRole.Editor));
        var editor = await fixture.App.SignedInClientAsync("xss-editor@example.cn");
        foreach (var adminPath in new[] { "/alpha/admin/content/page", $"/alpha/admin/content/page/edit/{id}", $"/alpha/admin/content/page/preview/{id}" })
        {
            var html = await editor.GetStringAsync(adminPath);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("onerror=\"alert", html); // the editor's textarea shows it encoded: &quot;
        }
    }
}
