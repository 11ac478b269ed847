using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Core.Sites;
using Outreach.Search;

namespace Outreach.Search.Tests.Infrastructure;

/// <summary>The real app on a temp data directory (SQLite and the Lucene index live there), no demo data.</summary>
public sealed class SearchFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; } = Directory.CreateTempSubdirectory("outreach-search-test-").FullName;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 20, 0, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Outreach:DataDir", DataDir);
        builder.UseSetting("Outreach:SeedDemo", "false");
        builder.UseSetting("Outreach:Search:PollMilliseconds", "200");
        builder.UseSetting("Outreach:Search:SettleMilliseconds", "1000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task<Site> RunRecipeAsync(string name) =>
        Services.GetRequiredService<RecipeRunner>().RunFileAsync(Path.Combine(AppContext.BaseDirectory, "Recipes", name + ".recipe.json"));

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
        await Poll.UntilAsync(() => Task.FromResult(index.Exists && index.Position >= last), $"index at change {last}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>Three sites with Chinese content, indexed before the first test runs.</summary>
public sealed class SearchSites : IAsyncLifetime
{
    public SearchFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = new SearchFactory();
        _ = App.Server;
        foreach (var recipe in new[] { "portal", "lingnan", "shaoguan", "hidden" }) await App.RunRecipeAsync(recipe);
        await App.CaughtUpAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public static class Poll
{
    /// <summary>Freshness is "within seconds": poll for up to 10 s instead of sleeping a fixed time.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }
}

public sealed record Hit(string Type, string Title, string Url, string Site, DateTimeOffset? Date, string Snippet);

public sealed record Answer(List<Hit> Hits, int Total, Dictionary<string, Dictionary<string, int>> Facets);

public static class SearchApi
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Answer> SearchAsync(this HttpClient client, string sitePrefix, string q, string? type = null, string? site = null)
    {
        var url = $"{sitePrefix}/api/v1/search?q={Uri.EscapeDataString(q)}" + (type is null ? "" : "&type=" + type) + (site is null ? "" : "&site=" + site);
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Answer>(Json))!;
    }
}
