using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Media.Tests;

/// <summary>/admin/media in a browser session: sign in, upload with antiforgery, edit alt text, delete.</summary>
public sealed partial class AdminPageTests(MediaApp app) : IClassFixture<MediaApp>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    async Task<HttpClient> SignedInAsync(string email, SiteRole role)
    {
        const string password = "绿色植物光合作用实验";
        Assert.True((await app.Services.GetRequiredService<AccountAdministration>().CreateAsync(email, password, false)).Succeeded);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var site = await db.Sites.SingleAsync(s => s.Name == "north");
            var user = await db.Set<OutreachUser>().SingleAsync(u => u.Email == email);
            db.Add(new SiteMembership { SiteId = site.Id, UserId = user.Id, Role = role });
            await db.SaveChangesAsync();
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryAsync(client, "/north/admin/login");
        using var login = await client.PostAsync("/north/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/north/admin", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    static async Task<string> AntiforgeryAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
    }

    static MultipartFormDataContent UploadForm(string? token, string alt)
    {
        var file = new ByteArrayContent(TestImages.JpegWithGps(300, 200));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var form = new MultipartFormDataContent { { file, "file", "课堂.jpg" }, { new StringContent(alt), "alt" } };
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    [Fact]
    public async Task An_editor_uploads_edits_alt_text_and_deletes_from_the_admin_page()
    {
        var client = await SignedInAsync("editor@north.example.cn", SiteRole.Editor);
        var token = await AntiforgeryAsync(client, "/north/admin/media");

        using var upload = await client.PostAsync("/north/admin/media?handler=Upload", UploadForm(token, "课堂实验照片"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var item = (await app.AllMediaAsync()).Single(m => m.OriginalName == "课堂.jpg");
        Assert.Equal("editor@north.example.cn", item.UploadedBy);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/north/admin/media"));
        Assert.Contains("课堂实验照片", page, StringComparison.Ordinal);
        Assert.Contains($"/north/media/{item.Id}/320.webp", page, StringComparison.Ordinal);

        using var alt = await client.PostAsync($"/north/admin/media?handler=Alt&id={item.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["alt"] = "显微镜下的洋葱表皮细胞", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, alt.StatusCode);
        Assert.Equal("显微镜下的洋葱表皮细胞", (await app.AllMediaAsync()).Single(m => m.Id == item.Id).AltText);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/north/media/{item.Id}/320.jpg")).StatusCode);
        using var delete = await client.PostAsync($"/north/admin/media?handler=Delete&id={item.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.NotNull((await app.AllMediaAsync()).Single(m => m.Id == item.Id).DeletedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/north/media/{item.Id}/original.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/north/media/{item.Id}/320.jpg")).StatusCode);

        using var scope = app.Services.CreateScope();
        var actions = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Set<AuditEntry>()
            .Where(a => a.Actor == "editor@north.example.cn").Select(a => a.Action).ToListAsync();
        Assert.Equal(["media.alt", "media.delete", "media.upload"], actions.Where(a => a.StartsWith("media.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task The_admin_page_refuses_a_post_without_antiforgery_token_or_alt_text()
    {
        var client = await SignedInAsync("editor2@north.example.cn", SiteRole.Editor);
        var before = (await app.AllMediaAsync()).Count;
        using var forged = await client.PostAsync("/north/admin/media?handler=Upload", UploadForm(null, "图片"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var token = await AntiforgeryAsync(client, "/north/admin/media");
        using var noAlt = await client.PostAsync("/north/admin/media?handler=Upload", UploadForm(token, " "));
        Assert.Equal(HttpStatusCode.OK, noAlt.StatusCode);
        Assert.Contains("请填写替代文字", WebUtility.HtmlDecode(await noAlt.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, (await app.AllMediaAsync()).Count);
    }

    [Fact]
    public async Task A_reviewer_cannot_open_the_media_library()
    {
        var client = await SignedInAsync("reviewer@north.example.cn", SiteRole.Reviewer);
        using var response = await client.GetAsync("/north/admin/media");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
