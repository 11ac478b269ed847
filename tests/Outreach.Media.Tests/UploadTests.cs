using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Outreach.Core.Security;
using SixLabors.ImageSharp;

namespace Outreach.Media.Tests;

/// <summary>The upload API and the public image URLs, against the real app.</summary>
public sealed class UploadTests(MediaApp app) : IClassFixture<MediaApp>
{
    static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType = "image/jpeg", string? alt = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (alt is not null) form.Add(new StringContent(alt), "alt");
        return form;
    }

    async Task<HttpResponseMessage> UploadAsync(string site, string? token, byte[] bytes, string fileName, string contentType = "image/jpeg", string? alt = null) =>
        await app.Client(token).PostAsync($"/{site}/api/v1/admin/media", Form(bytes, fileName, contentType, alt));

    async Task<JsonElement> UploadOkAsync(byte[] bytes, string fileName, string contentType = "image/jpeg", string? alt = "测试图片")
    {
        using var response = await UploadAsync("north", await app.TokenAsync("north", SiteRole.Editor), bytes, fileName, contentType, alt);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Posts a bad file and checks the 4xx, its zh-CN problem details, and that no row and no file appeared.</summary>
    async Task<string> RejectedAsync(byte[] bytes, string fileName, HttpStatusCode expected, string contentType = "image/jpeg")
    {
        var rowsBefore = (await app.AllMediaAsync()).Count;
        var filesBefore = app.StoredFiles().Count;
        using var response = await UploadAsync("north", await app.TokenAsync("north", SiteRole.Editor), bytes, fileName, contentType);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var title = problem.GetProperty("title").GetString()!;
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", title);
        Assert.Equal(rowsBefore, (await app.AllMediaAsync()).Count);
        Assert.Equal(filesBefore, app.StoredFiles().Count);
        return title + " " + problem.GetProperty("detail").GetString();
    }

    [Fact]
    public async Task A_valid_jpeg_is_stored_under_a_server_name_and_served()
    {
        var json = await UploadOkAsync(TestImages.JpegWithGps(400, 300), "../../etc/passwd 春游.jpg", alt: "学生春游合影");
        var id = json.GetProperty("id").GetInt32();
        var url = json.GetProperty("url").GetString()!;
        Assert.Equal($"/north/media/{id}/original.jpg", url);
        Assert.Equal(400, json.GetProperty("width").GetInt32());

        var item = (await app.AllMediaAsync()).Single(m => m.Id == id);
        Assert.Equal("passwd 春游.jpg", item.OriginalName);
        Assert.Matches("^[0-9a-f]{32}\\.jpg$", item.StoredName);
        Assert.Equal("学生春游合影", item.AltText);
        Assert.Equal(MediaFormat.Jpeg, item.Format);
        Assert.True(File.Exists(Path.Combine(app.DataDir, "media", item.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture), item.StoredName)));

        using var response = await app.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(400, Image.Identify(await response.Content.ReadAsByteArrayAsync()).Width);
    }

    [Fact]
    public async Task Exif_gps_is_gone_from_the_stored_original_and_from_every_derivative()
    {
        var json = await UploadOkAsync(TestImages.JpegWithGps(1000, 600), "gps.jpg");
        var id = json.GetProperty("id").GetInt32();
        var item = (await app.AllMediaAsync()).Single(m => m.Id == id);
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.DataDir, "media", item.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture), item.StoredName));
        AssertNoMetadata(stored);

        foreach (var path in new[] { "original.jpg", "320.webp", "320.jpg", "800.webp", "1600.jpg" })
        {
            var bytes = await app.Client().GetByteArrayAsync($"/north/media/{id}/{path}");
            AssertNoMetadata(bytes);
        }
    }

    static void AssertNoMetadata(byte[] bytes)
    {
        var info = Image.Identify(bytes);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.Null(info.Metadata.XmpProfile);
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("TestPhone", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exif_orientation_is_applied_before_it_is_stripped()
    {
        // Orientation 6: the camera held upright, so a 120×60 sensor image shows as 60×120.
        var json = await UploadOkAsync(TestImages.JpegWithGps(120, 60, orientation: 6), "upright.jpg");
        Assert.Equal(60, json.GetProperty("width").GetInt32());
        Assert.Equal(120, json.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("webp", "image/webp")]
    [InlineData("gif", "image/gif")]
    public async Task Png_webp_and_gif_are_accepted_whatever_the_file_is_called(string format, string contentType)
    {
        var bytes = format switch { "png" => TestImages.Png(50, 40), "webp" => TestImages.Webp(50, 40), _ => TestImages.Gif(50, 40) };
        // The name and declared type lie; the bytes decide.
        var json = await UploadOkAsync(bytes, "photo.jpg", "image/jpeg");
        Assert.Equal(contentType, json.GetProperty("contentType").GetString());
        Assert.EndsWith("." + format, json.GetProperty("url").GetString(), StringComparison.Ordinal);
        using var response = await app.Client().GetAsync(json.GetProperty("url").GetString());
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_decompression_bomb_png_is_refused_before_decoding()
    {
        var bomb = TestImages.DecompressionBombPng();
        Assert.True(bomb.Length < 200_000, $"the bomb should be small on disk, was {bomb.Length} bytes");
        var message = await RejectedAsync(bomb, "bomb.png", HttpStatusCode.BadRequest, "image/png");
        Assert.Contains("20000×20000", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executable_renamed_jpg_is_refused()
    {
        var message = await RejectedAsync(TestImages.Executable(), "setup.jpg", HttpStatusCode.BadRequest);
        Assert.Contains("不是支持的图片", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_renamed_jpg_is_refused() =>
        await RejectedAsync(Encoding.UTF8.GetBytes("<script>alert('xss')</script>"), "note.jpg", HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_truncated_jpeg_is_refused()
    {
        var jpeg = TestImages.JpegWithGps(300, 200);
        var message = await RejectedAsync(jpeg[..(jpeg.Length * 2 / 3)], "cut.jpg", HttpStatusCode.BadRequest);
        Assert.Contains("不完整", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_gif_is_refused()
    {
        var gif = TestImages.Gif(80, 80);
        await RejectedAsync(gif[..(gif.Length / 2)], "cut.gif", HttpStatusCode.BadRequest, "image/gif");
    }

    [Fact]
    public async Task A_tiff_is_refused()
    {
        var message = await RejectedAsync(TestImages.Tiff(), "scan.tif", HttpStatusCode.BadRequest, "image/tiff");
        Assert.Contains("TIFF", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_with_413()
    {
        var big = new byte[MediaApp.MaxBytes + 1];
        TestImages.JpegWithGps(10, 10).CopyTo(big, 0);
        var message = await RejectedAsync(big, "big.jpg", HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("2 MB", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_file_is_a_400() 
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "alt" } };
        using var response = await app.Client(await app.TokenAsync("north", SiteRole.Editor)).PostAsync("/north/api/v1/admin/media", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var response = await UploadAsync("north", null, TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_made_up_token_is_401()
    {
        using var response = await UploadAsync("north", "otk_" + new string('0', 48), TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_site_south_is_refused_on_site_north()
    {
        var before = (await app.AllMediaAsync()).Count;
        using var response = await UploadAsync("north", await app.TokenAsync("south", SiteRole.SiteAdmin), TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, (await app.AllMediaAsync()).Count);
    }

    [Fact]
    public async Task An_editor_token_may_upload_and_a_reviewer_token_may_not()
    {
        using var editor = await UploadAsync("south", await app.TokenAsync("south", SiteRole.Editor), TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.Created, editor.StatusCode);
        using var reviewer = await UploadAsync("south", await app.TokenAsync("south", SiteRole.Reviewer), TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
    }

    [Fact]
    public async Task The_upload_audits_who_did_it()
    {
        var json = await UploadOkAsync(TestImages.Png(12, 12), "audited.png");
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Outreach.Core.Data.OutreachDbContext>(scope.ServiceProvider);
        var entries = db.Set<AuditEntry>().Where(a => a.Action == "media.upload" && a.Target == "audited.png").ToList();
        Assert.Single(entries);
        Assert.Equal("token:测试脚本", entries[0].Actor);
        Assert.NotEqual(0, json.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Derivatives_have_the_profile_widths_are_never_enlarged_and_are_cached_on_disk()
    {
        var id = (await UploadOkAsync(TestImages.JpegWithGps(2000, 1000), "wide.jpg")).GetProperty("id").GetInt32();
        foreach (var (path, width, type) in new[] { ("320.webp", 320, "image/webp"), ("800.jpg", 800, "image/jpeg"), ("1600.webp", 1600, "image/webp") })
        {
            using var first = await app.Client().GetAsync($"/north/media/{id}/{path}");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(type, first.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("miss", first.Headers.GetValues("X-Media-Cache").Single());
            var info = Image.Identify(await first.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, info.Width);
            Assert.Equal(width / 2, info.Height);

            using var second = await app.Client().GetAsync($"/north/media/{id}/{path}");
            Assert.Equal("hit", second.Headers.GetValues("X-Media-Cache").Single());
        }
        var cached = Directory.GetFiles(Path.Combine(app.DataDir, "media-cache"), "*", SearchOption.AllDirectories);
        Assert.True(cached.Length >= 3);

        var small = (await UploadOkAsync(TestImages.Png(64, 32), "small.png")).GetProperty("id").GetInt32();
        var bytes = await app.Client().GetByteArrayAsync($"/north/media/{small}/1600.jpg");
        Assert.Equal(64, Image.Identify(bytes).Width);
    }

    [Theory]
    [InlineData("500.webp")]   // not a profile
    [InlineData("800.png")]    // not a derivative format
    [InlineData("original.png")] // not the stored format
    [InlineData("800.tiff")]
    public async Task Unknown_profiles_and_formats_are_404(string path)
    {
        var id = (await UploadOkAsync(TestImages.JpegWithGps(100, 100), "x.jpg")).GetProperty("id").GetInt32();
        using var response = await app.Client().GetAsync($"/north/media/{id}/{path}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_image_of_one_site_is_not_served_on_another_or_where_the_module_is_off()
    {
        var id = (await UploadOkAsync(TestImages.Png(20, 20), "north-only.png")).GetProperty("id").GetInt32();
        using var north = await app.Client().GetAsync($"/north/media/{id}/original.png");
        Assert.Equal(HttpStatusCode.OK, north.StatusCode);
        using var south = await app.Client().GetAsync($"/south/media/{id}/original.png");
        Assert.Equal(HttpStatusCode.NotFound, south.StatusCode);
        using var plain = await app.Client().GetAsync($"/plain/media/{id}/original.png");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        using var api = await UploadAsync("plain", await app.TokenAsync("plain", SiteRole.Editor), TestImages.Png(10, 10), "a.png");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task The_upload_endpoint_is_in_the_openapi_document()
    {
        var doc = await app.Client().GetStringAsync("/north/openapi/v1.json");
        Assert.Contains("/api/v1/admin/media", doc, StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_page_asks_people_to_sign_in()
    {
        using var response = await app.Client().GetAsync("/north/admin/media");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
