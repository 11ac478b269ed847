using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>What the public may see, who may review what, leaving, and Chinese search.</summary>
public sealed class PrivacyAndScopeTests(LecturersFixture fixture) : IClassFixture<LecturersFixture>
{
    async Task<(HttpClient Client, string Email, int Id, string Slug)> ApprovedAsync(string name, string topic, string organisation, int birthYear = 1956,
        params string[] privateFields)
    {
        var (client, email, _) = await fixture.App.PersonAsync();
        var id = await client.AppliedAsync(Lecturing.Application(name, topic, organisation, birthYear, privateFields));
        var reviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(id, "approve")).StatusCode);
        var mine = await client.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer");
        return (client, email, mine!["id"]!.GetValue<int>(), mine["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Private_fields_and_contact_data_are_absent_from_every_public_page_and_api_answer()
    {
        const string secretOrganisation = "保密单位甲研究所";
        var (client, email, id, slug) = await ApprovedAsync("冼家豪", "防雷击安全知识", secretOrganisation, 1947, "organisation", "birthYear");
        var anonymous = fixture.App.CreatePlainClient();
        var urls = new[]
        {
            "/north/lecturers", $"/north/lecturers/{slug}", "/north/lecturer-teams/health", "/north/api/v1/lecturers", $"/north/api/v1/lecturers/{id}",
            "/north/api/v1/lecturers?q=" + Uri.EscapeDataString("冼家豪"), "/north/sitemap.xml", "/north/api/v1/search?q=" + Uri.EscapeDataString("冼家豪"),
        };
        await anonymous.PollAsync("/north/api/v1/lecturers?q=" + Uri.EscapeDataString("防雷击"), a => a["total"]!.GetValue<int>() > 0);
        foreach (var url in urls)
        {
            var (status, body) = await anonymous.FetchAsync(url);
            Assert.Equal(200, status);
            foreach (var secret in new[] { email, Lecturing.Phone, secretOrganisation, "1947" })
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{secret} in {url}");
        }
        // Positive controls: the public parts are there, and the lecturer sees their own private fields.
        Assert.Contains("冼家豪", (await anonymous.FetchAsync($"/north/lecturers/{slug}")).Body);
        Assert.Contains("防雷击安全知识", (await anonymous.FetchAsync($"/north/api/v1/lecturers/{id}")).Body);
        var own = await client.GetStringAsync("/north/api/v1/my/lecturer");
        Assert.Contains(secretOrganisation, own);
        Assert.Contains("1947", own);

        // The profile page carries schema.org Person with knowsAbout and jobTitle, and an OpenGraph card.
        var html = (await anonymous.FetchAsync($"/north/lecturers/{slug}")).Body;
        Assert.Contains("\"@type\":\"Person\"", html);
        Assert.Contains("\"knowsAbout\":[", html);
        Assert.Contains("\"jobTitle\":\"正高级工程师\"", html);
        Assert.Contains("<meta property=\"og:title\" content=\"冼家豪\">", html);
        Assert.DoesNotContain("\"affiliation\"", html); // the organisation is private
    }

    [Fact]
    public async Task A_reviewer_of_one_site_cannot_see_or_decide_on_another_sites_applications()
    {
        var (applicant, _, _) = await fixture.App.PersonAsync();
        var id = await applicant.AppliedAsync(Lecturing.Application(name: "邝海燕"), site: "south");
        var northReviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await northReviewer.DecideAsync(id, "approve", site: "south")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await northReviewer.GetAsync("/south/api/v1/admin/lecturers/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northReviewer.DecideAsync(id, "approve", site: "north")).StatusCode);
        var northQueue = await northReviewer.GetFromJsonAsync<JsonObject>("/north/api/v1/admin/lecturers/applications");
        Assert.DoesNotContain("邝海燕", northQueue!.ToJsonString());
        // An editor token of the site itself is not a reviewer either; a reviewer of south is.
        var southEditor = await fixture.App.TokenClientAsync("south", SiteRole.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await southEditor.DecideAsync(id, "approve", site: "south")).StatusCode);
        var southReviewer = await fixture.App.TokenClientAsync("south", SiteRole.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await southReviewer.DecideAsync(id, "approve", site: "south")).StatusCode);
        var decided = await fixture.App.WithSiteAsync(null, db => db.Set<LecturerApplication>().IgnoreQueryFilters().SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Approved, decided.Status);
    }

    [Fact]
    public async Task Leaving_unpublishes_the_profile_at_once()
    {
        var (client, _, id, slug) = await ApprovedAsync("简俊辉", "台风天的家庭应急包", "湛江市气象台");
        var anonymous = fixture.App.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/north/lecturers/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/north/api/v1/lecturers/{id}")).StatusCode);
        Assert.Contains($"/lecturers/{slug}", (await anonymous.FetchAsync("/north/sitemap.xml")).Body); // control for the check below

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/north/api/v1/my/lecturer/leave", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/north/lecturers/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/north/api/v1/lecturers/{id}")).StatusCode);
        Assert.DoesNotContain("简俊辉", (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers"))!.Names());
        Assert.DoesNotContain($"/lecturers/{slug}", (await anonymous.FetchAsync("/north/sitemap.xml")).Body);
        var search = await anonymous.PollAsync("/north/api/v1/search?q=" + Uri.EscapeDataString("简俊辉"), a => a["total"]!.GetValue<int>() == 0);
        Assert.Equal(0, search["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Chinese_search_finds_a_lecturer_by_a_topic_word_with_facets()
    {
        await ApprovedAsync("司徒慧敏", "红树林湿地的鸟类观察", "湛江红树林国家级自然保护区");
        var anonymous = fixture.App.CreatePlainClient();
        var found = await anonymous.PollAsync("/north/api/v1/lecturers?q=" + Uri.EscapeDataString("红树林"), a => a["total"]!.GetValue<int>() > 0);
        Assert.Equal(new[] { "司徒慧敏" }, found.Names());
        Assert.True(found["facets"]!["city"]!["湛江"]!.GetValue<int>() >= 1);
        // A word of another lecturer's topic finds that one, not this one (recipe lecturer, indexed at start).
        var other = await anonymous.PollAsync("/north/api/v1/lecturers?q=" + Uri.EscapeDataString("高血压"), a => a["total"]!.GetValue<int>() > 0);
        Assert.Equal(new[] { "何文清" }, other.Names());
        var html = (await anonymous.FetchAsync("/north/lecturers?q=" + Uri.EscapeDataString("红树林"))).Body;
        Assert.Contains("司徒慧敏", html);
        Assert.DoesNotContain("何文清", html);
    }

    [Fact]
    public async Task Filters_by_field_audience_city_language_and_team_and_bad_values_are_400()
    {
        var anonymous = fixture.App.CreatePlainClient();
        async Task<List<string>> Names(string query) => (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers?" + query))!.Names().ToList();
        Assert.Contains("何文清", await Names("field=medicine"));
        Assert.DoesNotContain("蓝秀英", await Names("field=medicine"));
        Assert.Equal(new[] { "蓝秀英" }, await Names("audience=students&city=" + Uri.EscapeDataString("韶关")));
        Assert.Contains("何文清", await Names("language=hakka"));
        Assert.DoesNotContain("蓝秀英", await Names("language=hakka"));
        Assert.Equal(new[] { "何文清" }, await Names("team=health"));
        var bad = await anonymous.GetAsync("/north/api/v1/lecturers?city=Nanjing&page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("city") && errors.ContainsKey("page"));
        var page = await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers");
        Assert.Equal(1, page!["page"]!.GetValue<int>());
        Assert.Equal(20, page["pageSize"]!.GetValue<int>());
        Assert.All(page["items"]!.AsArray(), i => Assert.True(i!["id"]!.GetValue<int>() > 0 && i["url"]!.GetValue<string>().StartsWith("http://localhost/north/lecturers/")));
    }
}
