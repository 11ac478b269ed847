using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>Yearly reports: filed by a base's own staff, one per base and year, reviewed by the association.</summary>
public class ReportTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    OutreachFactory App => fixture.App;

    static object Report(int year, int visitors = 12000) => new { year, visitors, activities = 36, volunteers = 18, openDays = 52, notes = "暑期开展青少年天文营。" };

    async Task<HttpClient> AssociationAsync()
    {
        var admin = App.Client();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("gd", SiteRole.SiteAdmin));
        return admin;
    }

    [Fact]
    public async Task Staff_of_base_A_file_for_A_and_get_403_on_base_B()
    {
        var staff = await App.StaffOfAsync("hakka-farm");
        var own = await App.IdAsync("hakka-farm");
        var other = await App.IdAsync("marine-institute");
        var filed = await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{own}/reports", Report(2025));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var body = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("submitted", body["state"]!.GetValue<string>());
        Assert.Equal(12000, body["visitors"]!.GetValue<int>());
        // Other tests of this class may file for base B as its own staff: count before, so this refusal is what is checked.
        var otherBefore = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().CountAsync(r => r.BaseId == other));
        var refused = await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{other}/reports", Report(2025));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/gd/api/v1/admin/bases/{other}/reports")).StatusCode);
        Assert.Equal(otherBefore, await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().CountAsync(r => r.BaseId == other)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PostAsJsonAsync($"/gd/api/v1/admin/bases/{own}/reports", Report(2024))).StatusCode);
    }

    [Fact]
    public async Task One_report_per_base_and_year_a_second_is_409_and_changes_nothing()
    {
        var staff = await App.StaffOfAsync("marine-institute");
        var id = await App.IdAsync("marine-institute");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports", Report(2024, visitors: 800))).StatusCode);
        var second = await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports", Report(2024, visitors: 9999));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("duplicate", problem["code"]!.GetValue<string>());
        var rows = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().Where(r => r.BaseId == id && r.Year == 2024).ToListAsync());
        Assert.Equal(800, Assert.Single(rows).Visitors);
        // Another year is another report.
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports", Report(2023))).StatusCode);
    }

    [Fact]
    public async Task Bad_report_is_400_naming_the_fields_and_writes_nothing()
    {
        var staff = await App.StaffOfAsync("science-centre");
        var id = await App.IdAsync("science-centre");
        var response = await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports", new { year = 2031, visitors = -5, activities = 3, volunteers = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("year", errors.Select(e => e.Key));
        Assert.Contains("visitors", errors.Select(e => e.Key));
        Assert.Contains("openDays", errors.Select(e => e.Key));
        Assert.DoesNotContain("activities", errors.Select(e => e.Key));
        Assert.Equal(0, await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().CountAsync(r => r.BaseId == id)));
    }

    [Fact]
    public async Task Review_returns_with_a_comment_staff_refile_and_the_association_accepts_once()
    {
        var staff = await App.StaffOfAsync("botanic-garden");
        var id = await App.IdAsync("botanic-garden");
        var filed = (await (await staff.PostAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports", Report(2025, visitors: 3000))).Content.ReadFromJsonAsync<JsonObject>())!;
        var reportId = filed["id"]!.GetValue<int>();
        // Staff cannot review their own report.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/gd/api/v1/admin/bases/reports/{reportId}/accept", null)).StatusCode);
        var admin = await AssociationAsync();
        var listed = await admin.GetFromJsonAsync<JsonObject>("/gd/api/v1/admin/bases/reports?state=submitted&year=2025");
        Assert.Contains(listed!["items"]!.AsArray(), i => i!["id"]!.GetValue<int>() == reportId && i["base"]!.GetValue<string>() == "南岭植物园"
            && i["url"]!.GetValue<string>().EndsWith($"/gd/admin/bases/{id}/reports?year=2025"));
        Assert.Equal(1, listed["page"]!.GetValue<int>());
        Assert.True(listed["total"]!.GetValue<int>() >= 1);
        Assert.True(listed["pageSize"]!.GetValue<int>() > 0);
        // Returning needs a comment.
        var noComment = await admin.PostAsJsonAsync($"/gd/api/v1/admin/bases/reports/{reportId}/return", new { comment = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("comment", (await noComment.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        var returned = await admin.PostAsJsonAsync($"/gd/api/v1/admin/bases/reports/{reportId}/return", new { comment = "请补充志愿者服务时长。" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("returned", (await returned.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        // A returned report waits for the base: reviewing it again is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/gd/api/v1/admin/bases/reports/{reportId}/accept", null)).StatusCode);
        var refiled = await staff.PutAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports/2025", Report(2025, visitors: 3100));
        Assert.Equal(HttpStatusCode.OK, refiled.StatusCode);
        Assert.Equal("submitted", (await refiled.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        // Only a returned report can be re-filed.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/gd/api/v1/admin/bases/{id}/reports/2025", Report(2025))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/gd/api/v1/admin/bases/reports/{reportId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/gd/api/v1/admin/bases/reports/{reportId}/accept", null)).StatusCode);
        var report = await App.WithSiteAsync("gd", db => db.Set<YearlyReport>().SingleAsync(r => r.Id == reportId));
        Assert.Equal((ReportState.Accepted, 3100, "请补充志愿者服务时长。"), (report.State, report.Visitors, report.ReviewComment));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/gd/api/v1/admin/bases/reports/999999/accept", null)).StatusCode);
    }

    [Fact]
    public async Task The_report_endpoints_are_in_the_OpenAPI_document_with_their_problems()
    {
        var doc = await App.Client().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var file = doc!["paths"]!["/api/v1/admin/bases/{id}/reports"]!["post"]!;
        var responses = file["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.Contains("201", responses);
        Assert.Contains("400", responses);
        Assert.Contains("403", responses);
        Assert.Contains("409", responses);
        Assert.NotNull(file["security"]);
    }
}
