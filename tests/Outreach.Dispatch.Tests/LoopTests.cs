using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Outreach.Dispatch.Tests;

/// <summary>The whole loop on the real app: 点单 → confirm → 派单 → 接单 → report → 评单 → hours → certificate.</summary>
public sealed partial class LoopTests(DispatchFixture f) : IClassFixture<DispatchFixture>
{
    [GeneratedRegex("href=\"([^\"]+/lecture-requests/rate/[^\"]+)\"")]
    private static partial Regex RateLink();

    [Fact]
    public async Task Order_confirm_dispatch_accept_report_rate_confirm_gives_hours_and_a_verifiable_certificate()
    {
        var (lecturerId, lecturer, lecturerEmail) = await f.LecturerAsync("欧阳立群", "高血压与心脑血管疾病预防", city: "韶关", county: "乳源瑶族自治县");
        await f.LecturerAsync("韦志明", "果树嫁接与柑橘黄龙病防治", city: "清远");
        var phone = DispatchFixture.NewPhone();
        const string requester = "panxy@example.cn";

        // 点单: 201 with the issue's body; the code goes by SMS (pickup) and by mail.
        var order = await f.OrderAsync(phone, requester);
        Assert.Equal("submitted", order["status"]!.GetValue<string>());
        var trackUrl = order["trackUrl"]!.GetValue<string>();
        Assert.StartsWith("http://localhost/county/lecture-requests/track/", trackUrl);
        var id = order["id"]!.GetValue<int>();
        var admin = f.Dispatcher();
        var queue = await admin.GetFromJsonAsync<JsonObject>("/county/api/v1/admin/lecture-requests");
        Assert.DoesNotContain(queue!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == id); // unconfirmed: not in the queue yet

        var track = DispatchFixture.TokenOf(trackUrl);
        var client = f.App.CreatePlainClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/county/api/v1/lecture-requests/track/{track}/confirm", new { code = "000000" == f.CodeFor(phone) ? "111111" : "000000" })).StatusCode);
        var confirmed = await (await client.PostAsJsonAsync($"/county/api/v1/lecture-requests/track/{track}/confirm", new { code = f.CodeFor(phone) })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(confirmed!["contactConfirmed"]!.GetValue<bool>());
        Assert.Contains((await f.MailsToAsync(requester)), m => m.Subject.StartsWith("讲座预约验证码", StringComparison.Ordinal));

        // 派单: the queue lists it with the matching lecturer ranked first.
        queue = await admin.GetFromJsonAsync<JsonObject>("/county/api/v1/admin/lecture-requests?status=submitted");
        Assert.Contains(queue!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == id);
        var detail = await admin.GetFromJsonAsync<JsonObject>($"/county/api/v1/admin/lecture-requests/{id}");
        Assert.Equal(lecturerId, detail!["suggestions"]![0]!["lecturerId"]!.GetValue<int>());
        var startsAt = f.App.Clock.GetUtcNow().AddDays(10);
        var dispatched = await admin.PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch", new { lecturerId, startsAt });
        Assert.Equal(HttpStatusCode.Created, dispatched.StatusCode);
        var dispatchId = (await dispatched.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Contains(await f.MailsToAsync(lecturerEmail), m => m.Subject.StartsWith("新的讲座派单", StringComparison.Ordinal));

        // The lecturer sees what is needed to give the lecture, not the contact person.
        var mine = await lecturer.GetStringAsync("/county/api/v1/my/dispatches");
        Assert.Contains("乳源县必背镇老年协会", mine);
        Assert.DoesNotContain(phone, mine);
        Assert.DoesNotContain("盘秀英", mine);
        Assert.DoesNotContain(requester, mine);

        // 接单 → the requester is told the lecturer's public name, topic and time.
        Assert.Equal(HttpStatusCode.NoContent, (await lecturer.PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);
        var accepted = (await f.MailsToAsync(requester)).Last();
        Assert.StartsWith("讲座已安排", accepted.Subject);
        Assert.Contains("欧阳立群", accepted.HtmlBody);
        Assert.Equal(HttpStatusCode.Conflict, (await lecturer.PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);

        // Report only after the lecture; then the requester gets the rating link.
        var report = new { actualAudience = 72, durationMinutes = 120, notes = "现场提问踊跃" };
        Assert.Equal(HttpStatusCode.Conflict, (await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/report", report)).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromDays(11));
        lecturer = await f.BearerAsync(lecturerEmail);
        Assert.Equal(HttpStatusCode.NoContent, (await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/report", report)).StatusCode);
        var rateMail = (await f.MailsToAsync(requester)).Last();
        Assert.StartsWith("请为讲座评分", rateMail.Subject);
        var rateToken = DispatchFixture.TokenOf(WebUtility.HtmlDecode(RateLink().Match(rateMail.HtmlBody).Groups[1].Value));

        // 评单 once; the tracking token is not a rating token.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/county/api/v1/lecture-requests/rate/{track}", new { stars = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/county/api/v1/lecture-requests/rate/{rateToken}", new { stars = 5, comment = "讲得通俗易懂" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/county/api/v1/lecture-requests/rate/{rateToken}", new { stars = 1 })).StatusCode);

        // The dispatcher confirms: 2 h of lecture + 1.5 h travel allowance of the site.
        var record = await (await admin.PostAsync($"/county/api/v1/admin/dispatches/{dispatchId}/confirm", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3.5m, record!["totalHours"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/county/api/v1/admin/dispatches/{dispatchId}/confirm", null)).StatusCode);
        var services = await lecturer.GetFromJsonAsync<JsonObject>("/county/api/v1/my/service-records");
        Assert.Equal(3.5m, services!["years"]![0]!["hours"]!.GetValue<decimal>());

        // Certificate: the text in the PDF names the lecturer and the hours in Chinese; the QR's page verifies it.
        var pdf = await lecturer.GetAsync($"/county/api/v1/my/certificates?serviceRecordId={record["id"]}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains("欧阳立群", text);
        Assert.Contains("累计志愿服务时长3.5小时", text.Replace(" ", ""));
        var serial = Regex.Match(text.Replace(" ", ""), "证书编号：(ZS[0-9A-Z]{12})").Groups[1].Value;
        Assert.NotEmpty(serial);
        Assert.Contains(document.GetPage(1).Letters, l => l.FontName?.Contains('+') == true); // an embedded subset (ABCDEF+Name)
        var page = await client.GetAsync($"/county/certificates/{serial}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("欧阳立群", html);
        Assert.Contains("3.5", html);
        Assert.Contains("山区县科普讲师团", html);
        Assert.DoesNotContain("乳源县必背镇老年协会", html); // only name, hours, period, issuer
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/county/certificates/ZS{new string('2', 12)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/county/certificates/{serial[..^1]}{(serial[^1] == 'A' ? 'B' : 'A')}")).StatusCode);

        // The requester's contact data never reached the log.
        var logs = string.Join('\n', f.App.Logs);
        Assert.Contains("Lecture request " + id, logs); // positive control: the module does log
        Assert.DoesNotContain(phone, logs);
        Assert.DoesNotContain(requester, logs);
        Assert.DoesNotContain("盘秀英", logs);
    }

    [Fact]
    public async Task Bad_orders_are_400_naming_the_field_and_write_nothing()
    {
        var count = await f.WithDbAsync(db => db.Set<LectureRequest>().CountAsync());
        var response = await f.App.CreatePlainClient().PostAsJsonAsync("/county/api/v1/lecture-requests", new
        {
            organisation = "某某小学", organisationType = "school", city = "韶关", county = "乳源", address = "x", contactName = "张老师",
            contactPhone = "12345", topic = "天文", audience = "中小学生", audienceSize = 40,
            preferredTimes = new[] { f.App.Clock.GetUtcNow().AddDays(5) }, consent = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["contactPhone"]);
        Assert.NotNull(problem["errors"]!["preferredTimes"]);
        Assert.Equal(count, await f.WithDbAsync(db => db.Set<LectureRequest>().CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await f.App.CreatePlainClient().GetAsync("/county/api/v1/lecture-requests/track/forged-token")).StatusCode);
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_puts_the_request_back_in_the_queue()
    {
        var (lecturerId, lecturer, _) = await f.LecturerAsync("梁文辉", "农村饮用水安全");
        var (id, _) = await f.ConfirmedOrderAsync();
        var admin = f.Dispatcher();
        var created = await (await admin.PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch",
            new { lecturerId, startsAt = f.App.Clock.GetUtcNow().AddDays(12) })).Content.ReadFromJsonAsync<JsonObject>();
        var dispatchId = created!["id"]!.GetValue<int>();
        var blank = await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/decline", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("reason", await blank.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await lecturer.PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/decline", new { reason = "当天在省里开会" })).StatusCode);
        var queue = await admin.GetFromJsonAsync<JsonObject>("/county/api/v1/admin/lecture-requests?status=submitted&pageSize=100");
        Assert.Contains(queue!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == id);
        // Another person's token cannot answer someone else's dispatch.
        var (_, stranger, _) = await f.LecturerAsync("路人甲", "无关主题");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);
    }
}
