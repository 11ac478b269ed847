using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>The lecturer's own endpoints: signed in only (and documented so), pausing until a date.</summary>
public sealed class PersonApiTests(LecturersFixture fixture) : IClassFixture<LecturersFixture>
{
    static readonly (string Method, string Path)[] PersonOperations =
    [
        ("post", "/api/v1/lecturers/applications"), ("get", "/api/v1/my/lecturer"), ("post", "/api/v1/my/lecturer/pause"),
        ("post", "/api/v1/my/lecturer/resume"), ("post", "/api/v1/my/lecturer/leave"), ("post", "/api/v1/my/lecturer/photo/hide"), ("post", "/api/v1/my/lecturer/photos"),
    ];

    [Fact]
    public async Task The_openapi_document_says_the_person_endpoints_need_a_bearer_token_and_the_directory_does_not()
    {
        var doc = JsonNode.Parse(await fixture.App.CreatePlainClient().GetStringAsync("/openapi/v1.json"))!;
        foreach (var (method, path) in PersonOperations)
        {
            var op = doc["paths"]![path]?[method];
            Assert.True(op is not null, $"{method} {path} is not in the document");
            var security = op!["security"]?.AsArray();
            Assert.True(security is { Count: > 0 }, $"{method} {path} has no security requirement");
            Assert.Contains(security!, r => r!.AsObject().ContainsKey("bearer"));
            Assert.True(op["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} does not document 401");
        }
        // Control: the public directory asks for nothing.
        foreach (var path in new[] { "/api/v1/lecturers", "/api/v1/lecturers/{id}" })
            Assert.True(doc["paths"]![path]!["get"]!["security"] is null or JsonArray { Count: 0 }, $"{path} asks for credentials");

        var anonymous = fixture.App.CreatePlainClient();
        foreach (var (method, path) in PersonOperations)
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), "/north" + path)
                {
                    // The upload takes a form (another content type is 415 before anything else); the rest JSON.
                    Content = path.EndsWith("/photos", StringComparison.Ordinal) ? new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "me.jpg" } }
                        : method == "post" ? JsonContent.Create(new { }) : null,
                });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/north/api/v1/lecturers")).StatusCode);
    }

    [Fact]
    public async Task A_paused_lecturer_stays_listed_but_unavailable_until_the_date_and_a_past_date_is_400()
    {
        var (client, _, _) = await fixture.App.PersonAsync();
        var id = await client.AppliedAsync(Lecturing.Application(name: "卢启明", topic: "北斗导航走进生活"));
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.App.TokenClientAsync("north", SiteRole.Reviewer)).DecideAsync(id, "approve")).StatusCode);
        var mine = (await client.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer"))!;
        var (lecturerId, slug) = (mine["id"]!.GetValue<int>(), mine["slug"]!.GetValue<string>());
        var anonymous = fixture.App.CreatePlainClient();

        // The app's clock reads 2026-09-01 (Beijing 08:00).
        foreach (var bad in new[] { "2026-09-01", "2026-08-20", "2030-01-01", "下个月" })
        {
            var refused = await client.PostAsJsonAsync("/north/api/v1/my/lecturer/pause", new { until = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["until"]);
        }
        Assert.Equal("approved", (await anonymous.GetFromJsonAsync<JsonObject>($"/north/api/v1/lecturers/{lecturerId}"))!["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/north/api/v1/my/lecturer/pause", new { until = "2026-10-08" })).StatusCode);
        var paused = (await anonymous.GetFromJsonAsync<JsonObject>($"/north/api/v1/lecturers/{lecturerId}"))!;
        Assert.Equal("paused", paused["status"]!.GetValue<string>());
        Assert.Equal("2026-10-08", paused["availability"]!["pausedUntil"]!.GetValue<string>());
        Assert.Contains("卢启明", (await anonymous.GetFromJsonAsync<JsonObject>("/north/api/v1/lecturers"))!.Names());
        Assert.Contains("暂停接单至 2026年10月8日", (await anonymous.FetchAsync($"/north/lecturers/{slug}")).Body);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/north/api/v1/my/lecturer/resume", null)).StatusCode);
        var back = (await anonymous.GetFromJsonAsync<JsonObject>($"/north/api/v1/lecturers/{lecturerId}"))!;
        Assert.Equal("approved", back["status"]!.GetValue<string>());
        Assert.Null(back["availability"]!["pausedUntil"]);
    }
}
