using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The "fair" site (Events + Registration) and an admin token; each test makes its own events.</summary>
public class RegistrationFixture() : SitesFixture("fair"), IAsyncLifetime
{
    public string Token { get; private set; } = "";

    /// <summary>No per-IP limit in the way of the other tests; the rate-limit test has its own app.</summary>
    protected override OutreachFactory CreateFactory() => new()
    {
        Settings = { ["Outreach:Registration:PerIpPerMinute"] = "100000", ["Outreach:Registration:PerContactPerHour"] = "1000" },
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Token = await App.CreateTokenAsync("fair", SiteRole.SiteAdmin);
    }
}

public static class Fair
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpClient Admin(this RegistrationFixture f)
    {
        var client = f.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", f.Token);
        return client;
    }

    /// <summary>Creates a published event on 2026-10-01 with the given registration settings; returns its id and slug.</summary>
    public static async Task<(int Id, string Slug)> CreateEventAsync(this RegistrationFixture f, object registration, string? title = null)
    {
        var response = await f.Admin().PostAsJsonAsync("/fair/api/v1/admin/events", new
        {
            title = title ?? "机器人工作坊 " + Guid.NewGuid().ToString("N")[..6],
            startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00",
            city = "广州", type = "workshop", audience = new[] { "families" }, publish = true, registration,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<int>(), body["slug"]!.GetValue<string>());
    }

    public static async Task<JsonArray> OptionsAsync(this RegistrationFixture f, int eventId)
    {
        var ev = await f.App.CreatePlainClient().GetFromJsonAsync<JsonObject>($"/fair/api/v1/events/{eventId}");
        return ev!["registration"]!["options"]!.AsArray();
    }

    public static async Task<int> FirstOptionAsync(this RegistrationFixture f, int eventId) =>
        (await f.OptionsAsync(eventId))[0]!["id"]!.GetValue<int>();

    static int _phone;

    /// <summary>A fresh valid mainland mobile number per call.</summary>
    public static string NewPhone() => "139" + Interlocked.Increment(ref _phone).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, int eventId, int optionId, string? phone = null,
        string? email = null, int groupSize = 1, object? answers = null, string? idempotencyKey = null, string name = "陈小明")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/fair/api/v1/events/{eventId}/registrations")
        {
            Content = JsonContent.Create(new { optionId, name, phone = phone ?? NewPhone(), email, groupSize, answers, consent = true }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<List<OutboxMail>> MailsToAsync(this RegistrationFixture f, string address) =>
        f.App.WithSiteAsync("fair", db => db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());
}
