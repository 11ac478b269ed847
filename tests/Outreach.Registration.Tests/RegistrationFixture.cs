using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The "fair" site (Events + Registration) and an admin token; each test makes its own events.</summary>
public class RegistrationFixture() : SitesFixture, IAsyncLifetime
{
    public FairSite Site { get; private set; } = null!;

    protected override OutreachFactory CreateFactory() => FairSite.Factory();

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Site = await FairSite.CreateAsync(App);
    }
}

/// <summary>The "fair" site of an app, with a SiteAdmin API token.</summary>
public sealed record FairSite(OutreachFactory App, string Token)
{
    /// <summary>No per-IP limit in the way of the tests (they all come from one address); the rate-limit test sets its own.</summary>
    public static OutreachFactory Factory(string? postgres = null) => new()
    {
        PostgresConnection = postgres,
        Settings = { ["Outreach:Registration:PerIpPerMinute"] = "100000", ["Outreach:Registration:PerContactPerHour"] = "1000" },
    };

    public static async Task<FairSite> CreateAsync(OutreachFactory app)
    {
        _ = app.Server;
        await app.RunRecipeAsync("fair");
        return new FairSite(app, await app.CreateTokenAsync("fair", SiteRole.SiteAdmin));
    }
}

public static class Fair
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpClient Admin(this FairSite f)
    {
        var client = f.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", f.Token);
        return client;
    }

    /// <summary>Creates a published event on 2026-10-01 with the given registration settings; returns its id and slug.</summary>
    public static async Task<(int Id, string Slug)> CreateEventAsync(this FairSite f, object registration, string? title = null)
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

    public static async Task<JsonArray> OptionsAsync(this FairSite f, int eventId)
    {
        var ev = await f.App.CreatePlainClient().GetFromJsonAsync<JsonObject>($"/fair/api/v1/events/{eventId}");
        return ev!["registration"]!["options"]!.AsArray();
    }

    public static async Task<int> FirstOptionAsync(this FairSite f, int eventId) =>
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

    public static Task<List<OutboxMail>> MailsToAsync(this FairSite f, string address) =>
        f.App.WithSiteAsync("fair", db => db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());
}

public static class Desk
{
    /// <summary>Runs <paramref name="work"/> with the registration desk of the "fair" site, as an organiser's request would.</summary>
    public static async Task<T> WithDeskAsync<T>(this FairSite f, Func<RegistrationDesk, OutreachDbContextAccess, Task<T>> work)
    {
        using var scope = f.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Outreach.Core.Data.OutreachDbContext>();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Name == "fair");
        scope.ServiceProvider.GetRequiredService<Outreach.Core.Sites.SiteContext>().Enter(site, site.PathBase);
        return await work(scope.ServiceProvider.GetRequiredService<RegistrationDesk>(), new OutreachDbContextAccess(db));
    }

    public static Task<Registration> RegistrationAsync(this FairSite f, int id) =>
        f.App.WithSiteAsync("fair", db => db.Set<Registration>().AsNoTracking().SingleAsync(r => r.Id == id));
}

public sealed record OutreachDbContextAccess(Outreach.Core.Data.OutreachDbContext Db)
{
    public Task<Registration> RegistrationAsync(int id) => Db.Set<Registration>().AsNoTracking().SingleAsync(r => r.Id == id);
}
