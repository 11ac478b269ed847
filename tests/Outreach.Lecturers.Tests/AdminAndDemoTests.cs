using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>The reviewers' queue, the list's CSV export and the team editor.</summary>
public sealed partial class AdminPageTests(LecturersFixture fixture) : IClassFixture<LecturersFixture>
{
    async Task<HttpClient> StaffAsync(SiteRole role)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..20].ToLowerInvariant() + "@example.cn";
        await fixture.App.CreateUserAsync(email, false, ("north", role));
        return await fixture.App.SignedInClientAsync(email, "/north");
    }

    [Fact]
    public async Task The_queue_shows_counts_and_a_reviewer_approves_from_the_page()
    {
        var (applicant, _, _) = await fixture.App.PersonAsync();
        var id = await applicant.AppliedAsync(Lecturing.Application(name: "岑立新"));
        var reviewer = await StaffAsync(SiteRole.Reviewer);
        var page = await reviewer.GetStringAsync("/north/admin/lecturers");
        Assert.Contains("岑立新", page);
        Assert.Matches("待审核 <span class=\"count\">[1-9]", page);
        var decided = await reviewer.PostFormAsync("/north/admin/lecturers", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal("approved", (await applicant.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer"))!["status"]!.GetValue<string>());
        // Editors have no lecturer permission.
        var editor = await StaffAsync(SiteRole.Editor);
        await editor.AssertDeniedAsync(await editor.GetAsync("/north/admin/lecturers"));
    }

    [Fact]
    public async Task The_csv_export_has_a_bom_and_personal_columns_only_for_site_admins()
    {
        var (applicant, email, _) = await fixture.App.PersonAsync();
        await applicant.AppliedAsync(Lecturing.Application(name: "=HYPERLINK(\"x\")杜"));
        var reviewerCsv = await (await StaffAsync(SiteRole.Reviewer)).GetByteArrayAsync("/north/admin/lecturers/list?handler=Csv");
        var adminCsv = await (await StaffAsync(SiteRole.SiteAdmin)).GetByteArrayAsync("/north/admin/lecturers/list?handler=Csv");
        foreach (var csv in new[] { reviewerCsv, adminCsv }) Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var reviewerText = Encoding.UTF8.GetString(reviewerCsv);
        var adminText = Encoding.UTF8.GetString(adminCsv);
        Assert.Contains("何文清", reviewerText);
        Assert.DoesNotContain("邮箱", reviewerText);
        Assert.DoesNotContain(email, reviewerText);
        Assert.DoesNotContain(Lecturing.Phone, reviewerText);
        Assert.Contains("邮箱", adminText);
        Assert.Contains(email, adminText);
        Assert.Contains(Lecturing.Phone, adminText);
        Assert.DoesNotContain(",=HYPERLINK", adminText.Replace("\"", "")); // formula cells are escaped
    }

    [Fact]
    public async Task A_site_admin_creates_a_team_and_its_public_page_lists_the_members()
    {
        var admin = await StaffAsync(SiteRole.SiteAdmin);
        var form = await admin.GetStringAsync("/north/admin/lecturers/teams");
        var lan = LanOption().Match(form).Groups[1].Value;
        Assert.NotEmpty(lan);
        var saved = await admin.PostFormAsync("/north/admin/lecturers/teams", new()
        {
            ["Name"] = "韶关市分团", ["Slug"] = "shaoguan", ["Description"] = "立足韶关，服务粤北山区。", ["LeadId"] = lan, ["MemberIds"] = lan,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (status, html) = await fixture.App.CreatePlainClient().FetchAsync("/north/lecturer-teams/shaoguan");
        Assert.Equal(200, status);
        Assert.Contains("韶关市分团", html);
        Assert.Contains("蓝秀英", html);
        var reviewer = await StaffAsync(SiteRole.Reviewer);
        await reviewer.AssertDeniedAsync(await reviewer.GetAsync("/north/admin/lecturers/teams"));
    }

    [GeneratedRegex("<option value=\"(\\d+)\"[^>]*>蓝秀英")]
    private static partial Regex LanOption();

    [Fact]
    public async Task A_recipe_with_a_bad_lecturer_is_refused_naming_the_path_and_writes_nothing()
    {
        var file = Path.Combine(fixture.App.DataDir, "bad.recipe.json");
        await File.WriteAllTextAsync(file, """
            { "site": { "name": "bad", "displayName": "坏配方", "prefix": "bad", "modules": ["Search", "Lecturers"] },
              "steps": [ { "step": "lecturers", "teams": [ { "slug": "t", "name": "团", "lead": "nobody" } ],
                "lecturers": [ { "slug": "x", "name": "某某", "organisation": "单位", "titleLevel": "senior", "fields": ["medicine"],
                  "topics": [ { "title": "题目", "audiences": ["students"] } ], "regions": [ { "city": "南京" } ], "languages": ["mandarin"], "teams": ["t"] } ] } ] }
            """);
        var error = await Assert.ThrowsAsync<RecipeException>(() => fixture.App.Services.GetRequiredService<RecipeRunner>().RunFileAsync(file));
        Assert.Contains(error.Errors, e => e.Path.EndsWith("lecturers[0].regions[0].city", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Path.EndsWith("teams[0].lead", StringComparison.Ordinal));
        var (status, _) = await fixture.App.CreatePlainClient().FetchAsync("/bad/lecturers");
        Assert.Equal(404, status);
    }
}

/// <summary>The demo recipes: 24 lecturers and 5 teams on three sites, gathered by the portal.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public OutreachFactory App { get; } = new() { SeedDemo = true };

    public ValueTask InitializeAsync()
    {
        _ = App.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed partial class DemoLecturerTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    [GeneratedRegex(@"1[3-9]\d{9}")]
    private static partial Regex MobileNumber();

    [Fact]
    public async Task Laokexie_search_for_cardiovascular_returns_the_demo_cardiologists_and_no_contact_data()
    {
        var client = fixture.App.CreatePlainClient();
        var answer = await client.PollAsync("/laokexie/api/v1/lecturers?q=" + Uri.EscapeDataString("心血管"), a => a["total"]!.GetValue<int>() >= 3);
        var names = answer.Names().ToList();
        Assert.Contains("陈国良", names);
        Assert.Contains("梁淑贞", names);
        Assert.Contains("何少文", names);
        Assert.DoesNotContain("罗建华", names); // agronomist, no cardiology
        var body = answer.ToJsonString();
        Assert.DoesNotContain("@", body.Replace("\"@", "", StringComparison.Ordinal));
        Assert.False(MobileNumber().IsMatch(body), body);
    }

    [Fact]
    public async Task The_demo_has_24_lecturers_and_5_teams_and_the_portal_lists_them_all()
    {
        var client = fixture.App.CreatePlainClient();
        var totals = 0;
        foreach (var site in new[] { "laokexie", "mountains", "lingnan" })
            totals += (await client.GetFromJsonAsync<JsonObject>($"/{site}/api/v1/lecturers"))!["total"]!.GetValue<int>();
        Assert.True(totals >= 24, $"{totals} lecturers");
        var portal = await client.GetFromJsonAsync<JsonObject>("/api/v1/lecturers");
        Assert.Equal(totals, portal!["total"]!.GetValue<int>());
        var teams = await fixture.App.WithSiteAsync(null, db => db.Set<LecturerTeam>().IgnoreQueryFilters().CountAsync());
        Assert.Equal(5, teams);
        var (status, html) = await client.FetchAsync("/laokexie/lecturer-teams/yiliao-weisheng");
        Assert.Equal(200, status);
        Assert.Contains("陈国良", html);
    }
}
