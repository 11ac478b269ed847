using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Outreach.Journals.Tests;

/// <summary>Full-text PDFs: what uploads are refused and why, and how accepted ones are served.</summary>
public sealed class PdfTests(JournalFixture fixture) : IClassFixture<JournalFixture>
{
    async Task<int> DraftArticleIdAsync(HttpClient editor)
    {
        var issues = JsonDocument.Parse(await editor.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement;
        var issueId = issues.GetProperty("items")[0].GetProperty("id").GetInt32();
        var created = await editor.PostAsJsonAsync($"/society/api/v1/admin/issues/{issueId}/articles", new
        {
            title = "上传测试文章 " + Guid.NewGuid().ToString("N")[..6],
            authors = new[] { new { nameZh = "冯立新", familyEn = "Feng", givenEn = "Lixin", affiliations = Array.Empty<int>() } },
        });
        Assert.Equal(201, (int)created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    static async Task<(int Status, JsonElement Body)> UploadAsync(HttpClient editor, int id, byte[] bytes, string name = "全文.pdf", string type = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        var response = await editor.PostAsync($"/society/api/v1/admin/articles/{id}/pdf", form);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task A_clean_PDF_is_accepted()
    {
        var editor = await fixture.EditorAsync();
        var id = await DraftArticleIdAsync(editor);
        var (status, body) = await UploadAsync(editor, id, TestPdfs.Minimal());
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("hasPdf").GetBoolean());
    }

    [Theory]
    [InlineData("javascript", "PDF 含有脚本或启动动作")]
    [InlineData("javascript-hex-escaped", "PDF 含有脚本或启动动作")]
    [InlineData("launch", "PDF 含有脚本或启动动作")]
    [InlineData("png", "不是 PDF 文件")]
    [InlineData("truncated", "PDF 结构损坏")]
    public async Task A_hostile_or_broken_PDF_is_refused_with_a_clear_message_and_nothing_changes(string kind, string title)
    {
        var bytes = kind switch
        {
            "javascript" => TestPdfs.Minimal("/OpenAction 5 0 R ", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"),
            // Names written with #xx escapes pass a plain byte search; the parsed objects still show them.
            "javascript-hex-escaped" => TestPdfs.Minimal("/OpenAction 5 0 R ", "<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
            "launch" => TestPdfs.Minimal("/OpenAction 5 0 R ", "<< /S /Launch /F (calc.exe) >>"),
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
            _ => TestPdfs.Minimal()[..40],
        };
        var editor = await fixture.EditorAsync();
        var id = await DraftArticleIdAsync(editor);
        var (status, body) = await UploadAsync(editor, id, bytes, kind == "png" ? "看起来像.pdf" : "全文.pdf");
        Assert.Equal(400, status);
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal("file", body.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        var after = JsonDocument.Parse(await editor.GetStringAsync($"/society/api/v1/admin/articles/{id}")).RootElement;
        Assert.False(after.GetProperty("hasPdf").GetBoolean());
    }

    [Fact]
    public async Task An_oversize_PDF_is_refused_with_413_before_it_is_parsed()
    {
        var editor = await fixture.EditorAsync();
        var id = await DraftArticleIdAsync(editor);
        var big = new byte[2 * 1024 * 1024 + 1];
        "%PDF-1.4\n"u8.CopyTo(big);
        var (status, body) = await UploadAsync(editor, id, big);
        Assert.Equal(413, status);
        Assert.Equal("PDF 文件过大", body.GetProperty("title").GetString());
        Assert.Contains("2 MB", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Uploading_needs_the_journals_permission()
    {
        var anonymous = fixture.App.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestPdfs.Minimal()), "file", "a.pdf" } };
        var response = await anonymous.PostAsync("/society/api/v1/admin/articles/1/pdf", form);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
    }

    async Task<(int Id, string Pdf)> TyphoonAsync()
    {
        var client = fixture.App.CreateClient();
        var issues = JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement;
        var first = issues.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 1).GetProperty("id").GetInt32();
        var issue = JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/issues/" + first)).RootElement;
        var a = issue.GetProperty("articles").EnumerateArray().Single(x => x.GetProperty("doi").GetString() == "10.98765/kxcb.2026.01.001");
        return (a.GetProperty("id").GetInt32(), a.GetProperty("pdfUrl").GetString()!.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task The_PDF_is_served_with_ranges_a_Chinese_file_name_and_caching_headers()
    {
        var (_, pdf) = await TyphoonAsync();
        var client = fixture.Reader();
        var whole = await client.GetAsync(pdf);
        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType!.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith("%PDF-"u8));
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.NotNull(whole.Headers.ETag);
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Contains("max-age", whole.Headers.CacheControl!.ToString());
        var disposition = whole.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("张明等_短视频平台台风科普的传播效果.pdf", disposition.FileNameStar);
        Assert.DoesNotContain(disposition.ToString(), c => c > 127); // the header itself stays ASCII (RFC 5987 percent-encoding)
        Assert.Contains("filename*=UTF-8''", disposition.ToString());

        var request = new HttpRequestMessage(HttpMethod.Get, pdf);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var part = await client.SendAsync(request);
        Assert.Equal(206, (int)part.StatusCode);
        Assert.Equal(bytes[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, part.Content.Headers.ContentRange!.Length);

        var again = new HttpRequestMessage(HttpMethod.Get, pdf);
        again.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        Assert.Equal(304, (int)(await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Views_and_downloads_are_counted_per_day_but_not_for_robots()
    {
        var (id, pdf) = await TyphoonAsync();
        async Task<(int Views, int Downloads)> CountsAsync()
        {
            var a = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync($"/society/api/v1/articles/{id}")).RootElement;
            return (a.GetProperty("views").GetInt32(), a.GetProperty("downloads").GetInt32());
        }
        var before = await CountsAsync();
        var robot = fixture.App.CreateClient();
        robot.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        await robot.GetStringAsync($"/society/journals/kxcb/articles/{id}");
        await robot.GetByteArrayAsync(pdf);
        Assert.Equal(before, await CountsAsync());
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.Reader().GetStringAsync($"/society/journals/kxcb/articles/{id}")));
        await fixture.Reader().GetByteArrayAsync(pdf);
        var after = await CountsAsync();
        Assert.Equal(before.Views + 6, after.Views); // six parallel first views of the day: one row, no lost increment
        Assert.Equal(before.Downloads + 1, after.Downloads);
    }
}
