using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Outreach.Dispatch.Tests;

/// <summary>"county" plus "stats", a site whose only rows are the ones the statistics test makes (0.5 h travel allowance).</summary>
public sealed class ReportsFixture : DispatchFixture
{
    protected override string[] OtherSites => ["stats"];
}

/// <summary>The dispatch office's exports: the volunteer-platform CSV of service records, and the year's statistics (table, CSV, SVG).</summary>
public sealed class ReportsTests(ReportsFixture f) : IClassFixture<ReportsFixture>
{
    /// <summary>Dispatches a confirmed request at <paramref name="startsAt"/>; returns the dispatch id.</summary>
    async Task<int> DispatchAsync(string site, int requestId, int lecturerId, DateTimeOffset startsAt)
    {
        var created = await f.Dispatcher(site).PostAsJsonAsync($"/{site}/api/v1/admin/lecture-requests/{requestId}/dispatch", new { lecturerId, startsAt });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
    }

    [Fact]
    public async Task Service_record_csv_has_a_bom_the_volunteer_platform_columns_a_masked_id_and_escaped_formulas()
    {
        var (lecturerId, _, email) = await f.LecturerAsync("钟丽华", "食品安全与合理膳食", site: "county");
        // An organisation that would be a formula in Excel.
        var (id, _) = await f.ConfirmedOrderAsync(site: "county", days: 2, organisation: "=HYPERLINK(\"http://evil.example\",\"点我\")", topic: "食品安全与合理膳食");
        var start = f.App.Clock.GetUtcNow().AddDays(2);
        var dispatchId = await DispatchAsync("county", id, lecturerId, start);
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email)).PostAsync($"/county/api/v1/my/dispatches/{dispatchId}/accept", null)).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email)).PostAsJsonAsync($"/county/api/v1/my/dispatches/{dispatchId}/report",
            new { actualAudience = 50, durationMinutes = 90, notes = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Dispatcher().PostAsync($"/county/api/v1/admin/dispatches/{dispatchId}/confirm", null)).StatusCode);

        var response = await f.Dispatcher().GetAsync("/county/api/v1/admin/service-records?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var csv = CsvReader.Create(bytes);
        Assert.Equal(new[] { "姓名", "证件类型", "证件号码", "服务单位", "服务日期", "服务时长（小时）", "服务项目", "记录单位" }, csv.Headers.ToArray());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.Headers.ToDictionary(h => h, h => csv.GetString(h)));
        var row = Assert.Single(rows, r => r["姓名"] == "钟丽华");
        Assert.Equal("居民身份证", row["证件类型"]);
        Assert.Matches("^\\*+$", row["证件号码"]); // masked: the module keeps no ID number
        Assert.False(row["服务单位"].StartsWith('='), "a formula must not reach Excel as a formula");
        Assert.Contains("HYPERLINK", row["服务单位"]); // the text is kept, only defused
        Assert.Equal(start.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row["服务日期"]);
        Assert.Equal("3", row["服务时长（小时）"]); // 90 min + the county's 1.5 h travel allowance
        Assert.Equal("科普讲座：食品安全与合理膳食", row["服务项目"]);
        Assert.Equal("山区县科普讲师团", row["记录单位"]);
        // Lecturers cannot export.
        Assert.Contains((await (await f.BearerAsync(email)).GetAsync("/county/api/v1/admin/service-records?format=csv")).StatusCode,
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task Statistics_count_the_loop_response_time_audience_and_hours_by_county_and_audience_for_a_known_set_of_rows()
    {
        // Five requests on the "stats" site: R1 delivered (老年人, 乳源), R2 declined (中小学生, 乳源), R3 accepted (中小学生, 连山),
        // R4 waiting in the queue (老年人, 连山), R5 never confirmed (not counted).
        var (l1, _, email1) = await f.LecturerAsync("曾宪文", "高血压与心脑血管健康", site: "stats");
        var (l2, _, email2) = await f.LecturerAsync("莫小兰", "青少年近视防控", city: "清远", site: "stats");
        const string ruyuan = "乳源瑶族自治县", lianshan = "连山壮族瑶族自治县";
        var (r1, _) = await f.ConfirmedOrderAsync(site: "stats", days: 5, city: "韶关", county: ruyuan, audience: "老年人");
        var (r2, _) = await f.ConfirmedOrderAsync(site: "stats", days: 5, city: "韶关", county: ruyuan, audience: "中小学生");
        var (r3, _) = await f.ConfirmedOrderAsync(site: "stats", days: 5, city: "清远", county: lianshan, audience: "中小学生");
        await f.ConfirmedOrderAsync(site: "stats", days: 5, city: "清远", county: lianshan, audience: "老年人");
        await f.OrderAsync(DispatchFixture.NewPhone(), site: "stats", county: lianshan, city: "清远");
        var start = f.App.Clock.GetUtcNow().AddDays(5);
        var d1 = await DispatchAsync("stats", r1, l1, start);
        var d2 = await DispatchAsync("stats", r2, l2, start);
        var d3 = await DispatchAsync("stats", r3, l2, start.AddDays(1));
        // Answers after 2, 4 and 6 hours: the average response is 4 hours.
        f.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email1, "stats")).PostAsync($"/stats/api/v1/my/dispatches/{d1}/accept", null)).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email2, "stats")).PostAsJsonAsync($"/stats/api/v1/my/dispatches/{d2}/decline", new { reason = "当天另有安排" })).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email2, "stats")).PostAsync($"/stats/api/v1/my/dispatches/{d3}/accept", null)).StatusCode);
        f.App.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(HttpStatusCode.NoContent, (await (await f.BearerAsync(email1, "stats")).PostAsJsonAsync($"/stats/api/v1/my/dispatches/{d1}/report",
            new { actualAudience = 80, durationMinutes = 120 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Dispatcher("stats").PostAsync($"/stats/api/v1/admin/dispatches/{d1}/confirm", null)).StatusCode);

        var admin = f.Dispatcher("stats");
        var report = await admin.GetFromJsonAsync<JsonObject>("/stats/api/v1/admin/lecture-statistics?year=2026");
        static int I(JsonNode? n, string k) => n![k]!.GetValue<int>();
        static decimal H(JsonNode? n) => n!["hours"]!.GetValue<decimal>();
        var total = report!["total"];
        Assert.Equal((4, 3, 2, 1, 1, 80), (I(total, "requests"), I(total, "dispatched"), I(total, "accepted"), I(total, "delivered"), I(total, "declined"), I(total, "audience")));
        Assert.Equal(2.5m, H(total)); // 2 h + 0.5 h travel
        Assert.Equal(4.0, report["averageResponseHours"]!.GetValue<double>());
        JsonNode? Group(string list, string key) => report[list]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key);
        var shaoguan = Group("byCounty", "韶关" + ruyuan);
        Assert.Equal((2, 2, 1, 1, 1, 80), (I(shaoguan, "requests"), I(shaoguan, "dispatched"), I(shaoguan, "accepted"), I(shaoguan, "delivered"), I(shaoguan, "declined"), I(shaoguan, "audience")));
        var qingyuan = Group("byCounty", "清远" + lianshan);
        Assert.Equal((2, 1, 1, 0, 0, 0), (I(qingyuan, "requests"), I(qingyuan, "dispatched"), I(qingyuan, "accepted"), I(qingyuan, "delivered"), I(qingyuan, "declined"), I(qingyuan, "audience")));
        Assert.Equal(0m, H(qingyuan));
        Assert.Equal(2, report["byCounty"]!.AsArray().Count);
        var elders = Group("byAudience", "老年人");
        Assert.Equal((2, 1, 1, 1, 0, 80), (I(elders, "requests"), I(elders, "dispatched"), I(elders, "accepted"), I(elders, "delivered"), I(elders, "declined"), I(elders, "audience")));
        Assert.Equal(2.5m, H(elders));
        var pupils = Group("byAudience", "中小学生");
        Assert.Equal((2, 2, 1, 0, 1, 0), (I(pupils, "requests"), I(pupils, "dispatched"), I(pupils, "accepted"), I(pupils, "delivered"), I(pupils, "declined"), I(pupils, "audience")));

        // The same numbers as CSV (BOM, read back) ...
        var csvResponse = await admin.GetAsync("/stats/api/v1/admin/lecture-statistics?year=2026&format=csv");
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var csv = CsvReader.Create(bytes);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Headers.Select(h => csv.GetString(h)).ToArray());
        Assert.Contains(rows, r => r.SequenceEqual(new[] { "合计", "合计", "4", "3", "2", "1", "1", "80", "2.5" }));
        Assert.Contains(rows, r => r.SequenceEqual(new[] { "区县", "韶关" + ruyuan, "2", "2", "1", "1", "1", "80", "2.5" }));
        Assert.Contains(rows, r => r.SequenceEqual(new[] { "听众类型", "中小学生", "2", "2", "1", "0", "1", "0", "0" }));
        Assert.Contains(rows, r => r[0] == "平均响应（小时）" && r[1] == "4");
        // ... and a chart drawn on the server: an SVG with a bar per county, no script.
        var svgResponse = await admin.GetAsync("/stats/api/v1/admin/lecture-statistics?year=2026&format=svg");
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType?.MediaType);
        var svg = await svgResponse.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg);
        Assert.Contains(ruyuan, svg);
        Assert.Contains(lianshan, svg);
        Assert.Contains("<title>需求 2</title>", svg);
        Assert.Contains("<title>已完成 1</title>", svg);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        // The county's rows are not the stats site's (statistics are per site).
        Assert.DoesNotContain("山区县", svg);
    }
}
