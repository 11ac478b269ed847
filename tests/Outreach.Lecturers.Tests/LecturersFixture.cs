using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Mail;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>Two sites with the module ("north" with two approved lecturers and a team, "south" empty), one app per test class.</summary>
public class LecturersFixture() : SitesFixture("guild-north", "guild-south");

/// <summary>People and calls as an applicant's app and a reviewer would make them.</summary>
public static class Lecturing
{
    public const string Phone = "13912345678";

    /// <summary>An account with a phone on file (which must never become public), confirmed or not, and a client with its bearer token.</summary>
    public static async Task<(HttpClient Client, string Email, int UserId)> PersonAsync(this OutreachFactory app, bool confirmed = true, string? email = null)
    {
        email ??= $"p{Guid.NewGuid():N}"[..14] + "@example.cn";
        var id = await app.CreateUserAsync(email);
        await app.WithSiteAsync(null, async db =>
        {
            var user = await db.Set<OutreachUser>().SingleAsync(u => u.Id == id);
            user.EmailConfirmed = confirmed;
            user.PhoneNumber = Phone;
            user.DisplayName = "申请人";
            return await db.SaveChangesAsync();
        });
        var login = await app.CreatePlainClient().PostAsJsonAsync("/north/api/v1/account/login", new { email, password = People.Password });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var client = app.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, email, id);
    }

    public static object Application(string name = "区志明", string topic = "台风来了怎么办", string organisation = "广东省气象局（退休）", int birthYear = 1956,
        params string[] privateFields) => new
    {
        name, gender = "male", birthYear, organisation, titleLevel = "senior", professionalTitle = "正高级工程师",
        fields = new[] { "climate" },
        topics = new[] { new { title = topic, summary = "看懂台风路径图和预警信号，做好家庭防台准备。", audiences = new[] { "students", "residents" }, durationMinutes = 60, formats = new[] { "onsite", "online" } } },
        regions = new[] { new { city = "湛江", county = "" }, new { city = "茂名", county = "电白区" } },
        availableDays = new[] { "weekdays" }, availableMonths = new[] { 4, 5, 6 }, languages = new[] { "mandarin", "cantonese" },
        bio = "从事天气预报工作三十五年。", privateFields, consent = true,
    };

    public static Task<HttpResponseMessage> ApplyAsync(this HttpClient client, object application, string site = "north") =>
        client.PostAsJsonAsync($"/{site}/api/v1/lecturers/applications", application);

    public static async Task<int> AppliedAsync(this HttpClient client, object application, string site = "north")
    {
        var response = await client.ApplyAsync(application, site);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        Assert.Equal("pending", json["status"]!.GetValue<string>());
        return json["id"]!.GetValue<int>();
    }

    /// <summary>A client with a site API token of the given role (a reviewer's script).</summary>
    public static async Task<HttpClient> TokenClientAsync(this OutreachFactory app, string site, SiteRole role)
    {
        var client = app.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(site, role));
        return client;
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient reviewer, int id, string action, string? reason = null, string site = "north") =>
        reviewer.PostAsJsonAsync($"/{site}/api/v1/admin/lecturers/applications/{id}/{action}", new { reason });

    /// <summary>Delivers the outbox to the pickup folder and reads the mails to <paramref name="to"/> from their .eml files, oldest first.</summary>
    public static async Task<List<MimeKit.MimeMessage>> PickupMailsAsync(this OutreachFactory app, string to)
    {
        await app.Services.GetRequiredService<DeliverOutboxJob>().RunAsync();
        var rows = await app.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ToAddress == to).OrderBy(m => m.Id).ToListAsync());
        var mails = new List<MimeKit.MimeMessage>();
        foreach (var row in rows)
        {
            Assert.Equal(OutboxStatus.Sent, row.Status);
            var eml = Path.Combine(app.DataDir, "mail-pickup", row.MessageId.Replace("@", "_") + ".eml");
            Assert.True(File.Exists(eml), eml);
            mails.Add(await MimeKit.MimeMessage.LoadAsync(eml));
        }
        return mails;
    }

    /// <summary>Polls the public API until <paramref name="done"/> holds (the search index is updated by a background worker).</summary>
    public static async Task<JsonObject> PollAsync(this HttpClient client, string url, Func<JsonObject, bool> done)
    {
        JsonObject answer = null!;
        for (var tries = 0; tries < 80; tries++)
        {
            answer = JsonNode.Parse(await client.GetStringAsync(url))!.AsObject();
            if (done(answer)) return answer;
            await Task.Delay(250);
        }
        return answer;
    }

    public static IEnumerable<string> Names(this JsonObject page) => page["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>());

    /// <summary>Pages answer a missing permission with the access-denied page (403) by way of a redirect.</summary>
    public static async Task AssertDeniedAsync(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.ToString();
            Assert.Contains("/admin/denied", location);
            response = await client.GetAsync(location);
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
