using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Security;
using Outreach.Search.Tests.Infrastructure;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests;

/// <summary>
/// The worker polls only every 30 s here, so anything found within 2 s was found because the node that wrote it
/// woke its own worker on commit.
/// </summary>
public sealed class FreshnessSites() : SearchFixture("portal", "kepu")
{
    protected override SearchFactory CreateFactory()
    {
        var app = new SearchFactory();
        app.Settings["Outreach:Search:PollMilliseconds"] = "30000";
        return app;
    }
}

public sealed class FreshnessTests(FreshnessSites sites) : IClassFixture<FreshnessSites>
{
    readonly SearchFactory _app = sites.App;

    [Fact]
    public async Task An_event_published_through_the_admin_api_is_found_within_two_seconds_and_gone_as_fast_when_deleted()
    {
        var admin = _app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await _app.CreateTokenAsync("kepu", SiteRole.Editor));
        var client = _app.CreateClient();
        async Task<bool> Found(string q, string title) => (await client.SearchAsync("/kepu", q)).Hits.Any(h => h.Title == title);

        var clock = Stopwatch.StartNew();
        var created = await admin.PostAsJsonAsync("/kepu/api/v1/admin/events", new
        {
            title = "阳江海陵岛潮间带观察", summary = "认识招潮蟹和弹涂鱼", startsAt = "2026-10-22T09:30:00+08:00", endsAt = "2026-10-22T11:30:00+08:00",
            city = "阳江", type = "lecture", publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await Poll.UntilAsync(() => Found("潮间带", "阳江海陵岛潮间带观察"), "the published event in search", seconds: 2);
        var published = clock.Elapsed;

        clock.Restart();
        var edited = await admin.PutAsJsonAsync($"/kepu/api/v1/admin/events/{id}", new { title = "阳江海陵岛红树林观察", publish = true });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await Poll.UntilAsync(async () => await Found("红树林", "阳江海陵岛红树林观察") && !await Found("潮间带", "阳江海陵岛潮间带观察"),
            "the edited title in search, the old one gone", seconds: 2);

        clock.Restart();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/kepu/api/v1/admin/events/{id}")).StatusCode);
        await Poll.UntilAsync(async () => !await Found("红树林", "阳江海陵岛红树林观察"), "the deleted event gone from search", seconds: 2);
        TestContext.Current.SendDiagnosticMessage($"published → searchable in {published.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Every_item_of_a_large_recipe_import_is_searchable_within_seconds()
    {
        // More items than one batch of the worker (500). The old worker was not woken by the recipe's commit (it waited
        // for its poll: 30 s here) and re-read the first batch until it had settled before reading on. Indexing 700
        // items takes about a second on an idle machine; the bound leaves room for a shared CI machine.
        var items = Enumerable.Range(1, 700).Select(i => new { slug = $"bulk-{i}", title = $"批量导入的科普短讯第{i}号", body = $"<p>编号 bulk{i} 的短讯。</p>" });
        var recipe = JsonSerializer.Serialize(new
        {
            site = new { name = "bulk", displayName = "批量", prefix = "bulk", modules = new[] { "Pages", "Search" } },
            steps = new object[] { new { step = "news", items } },
        });
        await _app.Services.GetRequiredService<Outreach.Core.Recipes.RecipeRunner>().RunAsync(recipe, "bulk.recipe.json");
        var clock = Stopwatch.StartNew();
        var client = _app.CreateClient();
        async Task<bool> Found(int i) => (await client.SearchAsync("/bulk", $"科普短讯第{i}号")).Hits.Any(h => h.Title == $"批量导入的科普短讯第{i}号");
        await Poll.UntilAsync(async () => await Found(1) && await Found(700), "the first and the last imported item in search", seconds: 10);
        TestContext.Current.SendDiagnosticMessage($"700 imported items searchable in {clock.ElapsedMilliseconds} ms");
    }
}
