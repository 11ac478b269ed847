using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Search;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests.Infrastructure;

/// <summary>
/// The shared test app (<see cref="OutreachFactory"/>: a temp data directory holds SQLite and the Lucene index) with
/// the search worker polling quickly; recipes from <c>Recipes/Search</c>.
/// </summary>
public sealed class SearchFactory : OutreachFactory
{
    public SearchFactory()
    {
        Settings["Outreach:Search:PollMilliseconds"] = "200";
        Settings["Outreach:Search:SettleMilliseconds"] = "1000";
    }

    public Task<Site> RunSearchRecipeAsync(string name) => RunRecipeAsync("Search/" + name);

    /// <summary>Runs <paramref name="work"/> in a scope entered into the named site.</summary>
    public async Task<T> InSiteAsync<T>(string siteName, Func<IServiceProvider, OutreachDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Name == siteName);
        scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        return await work(scope.ServiceProvider, db);
    }

    /// <summary>Waits until this node's index has applied every queued change.</summary>
    public async Task CaughtUpAsync()
    {
        long last;
        using (var scope = Services.CreateScope())
            last = await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().SearchChanges.MaxAsync(c => (long?)c.Id) ?? 0;
        var index = Services.GetRequiredService<SearchIndex>();
        // Setup, not a freshness claim: the first build also loads ICU's tables, slow on a busy shared machine.
        await Poll.UntilAsync(() => Task.FromResult(index.Exists && index.Applied >= last), $"index at change {last}", seconds: 90);
    }
}

/// <summary>An app with the sites of the named recipes, indexed before the first test runs.</summary>
public abstract class SearchFixture(params string[] recipes) : IAsyncLifetime
{
    public SearchFactory App { get; private set; } = null!;

    protected virtual SearchFactory CreateFactory() => new();

    public async ValueTask InitializeAsync()
    {
        App = CreateFactory();
        _ = App.Server;
        foreach (var recipe in recipes) await App.RunSearchRecipeAsync(recipe);
        await App.CaughtUpAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Sites with Chinese content (three public, one hidden, one for the input and synonym tests).</summary>
public sealed class SearchSites() : SearchFixture("portal", "lingnan", "shaoguan", "hidden", "kepu");

public static class Poll
{
    /// <summary>Freshness is "within seconds": poll for up to <paramref name="seconds"/> instead of sleeping a fixed time.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {seconds} s waiting for {what}");
            await Task.Delay(50);
        }
    }
}

public sealed record Hit(string Type, string Title, string Url, string Site, DateTimeOffset? Date, string Snippet, List<int[]> Highlights);

public sealed record Answer(List<Hit> Hits, int Total, bool Relaxed, int AllTermsTotal, string? Notice, Dictionary<string, Dictionary<string, int>> Facets);

public static class SearchApi
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Url(string sitePrefix, string q, string? type = null, string? site = null) =>
        $"{sitePrefix}/api/v1/search?q={Uri.EscapeDataString(q)}" + (type is null ? "" : "&type=" + type) + (site is null ? "" : "&site=" + site);

    public static async Task<Answer> SearchAsync(this HttpClient client, string sitePrefix, string q, string? type = null, string? site = null)
    {
        var response = await client.GetAsync(Url(sitePrefix, q, type, site));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Answer>(Json))!;
    }
}
