using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Search;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>The "gd" site with five bases (tests/…/Recipes/bases.recipe.json), indexed before the first test.</summary>
public class BasesFixture : SitesFixture, IAsyncLifetime
{
    protected virtual string? Postgres => null;

    protected override OutreachFactory CreateFactory() => Factory(Postgres);

    public static OutreachFactory Factory(string? postgres) => new()
    {
        PostgresConnection = postgres,
        Settings =
        {
            ["Outreach:Registration:PerIpPerMinute"] = "100000",
            ["Outreach:Search:PollMilliseconds"] = "200",
            ["Outreach:Search:SettleMilliseconds"] = "500",
        },
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await App.RunRecipeAsync("bases");
        await App.CaughtUpAsync();
    }
}

public static class Bases
{
    public static HttpClient Client(this OutreachFactory app) => app.CreatePlainClient();

    public static Task<int> IdAsync(this OutreachFactory app, string key) =>
        app.WithSiteAsync("gd", db => db.Set<Base>().Where(b => b.RecipeKey == key).Select(b => b.Id).SingleAsync());

    /// <summary>A fresh slot of the base (tomorrow of the fake clock + days), so each test counts its own seats.</summary>
    public static Task<int> SlotAsync(this OutreachFactory app, string baseKey, int capacity, int minGroup = 1, int maxGroup = 50, int days = 5) =>
        app.WithSiteAsync("gd", async db =>
        {
            var b = await db.Set<Base>().SingleAsync(x => x.RecipeKey == baseKey);
            var date = OpeningStatus.Today(app.Clock.GetUtcNow()).AddDays(days);
            var minute = Interlocked.Increment(ref _minute);
            var (slot, errors) = SlotPlanner.Check(date.ToString("yyyy-MM-dd"), $"{8 + minute / 60 % 10:00}:{minute % 60:00}", "18:00", capacity, minGroup, maxGroup, null);
            Assert.Empty(errors);
            await SlotPlanner.AddAsync(db, b, slot!, CancellationToken.None);
            return slot!.Id;
        });

    /// <summary>A new account on the staff of one base (no site role), signed in through the login form.</summary>
    public static async Task<HttpClient> StaffOfAsync(this OutreachFactory app, string baseKey)
    {
        var email = $"staff-{Guid.NewGuid():N}"[..20] + "@example.cn";
        var userId = await app.CreateUserAsync(email);
        var baseId = await app.IdAsync(baseKey);
        await app.WithSiteAsync("gd", async db =>
        {
            db.Add(new BaseStaff { BaseId = baseId, UserId = userId });
            return await db.SaveChangesAsync();
        });
        var client = await app.SignedInClientAsync(email, "/gd");
        // A signed-in browser's API writes carry the antiforgery token (CookieAntiforgeryMiddleware), as the admin pages' scripts do.
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", People.Antiforgery(await client.GetStringAsync($"/gd/admin/bases/{baseId}/hours")));
        return client;
    }

    static int _minute;
    static int _phone;

    public static string NewPhone() => "137" + Interlocked.Increment(ref _phone).ToString("D8");

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, int baseId, int slotId, int groupSize, string? email = null, string? phone = null) =>
        client.PostAsJsonAsync($"/gd/api/v1/bases/{baseId}/visits", new
        {
            slotId, organisation = "番禺区实验小学", contact = "陈老师", mobile = phone ?? NewPhone(), email, groupSize, ages = "四年级", adults = 2, consent = true,
        });

    /// <summary>Waits until this node's search index has applied every queued change.</summary>
    public static async Task CaughtUpAsync(this OutreachFactory app)
    {
        long last;
        using (var scope = app.Services.CreateScope())
            last = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().SearchChanges.MaxAsync(c => (long?)c.Id) ?? 0;
        var index = app.Services.GetRequiredService<SearchIndex>();
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!(index.Exists && index.Applied >= last))
        {
            if (DateTime.UtcNow > until) Assert.Fail($"search index did not reach change {last}");
            await Task.Delay(200);
        }
    }

    public static async Task<JsonObject> JsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
