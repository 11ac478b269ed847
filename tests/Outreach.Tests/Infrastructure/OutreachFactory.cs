using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Core.Sites;

namespace Outreach.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database of its own (a temp SQLite file, or a new PostgreSQL database),
/// with no demo data; tests create their sites from the recipes in <c>Recipes/</c>.
/// </summary>
public class OutreachFactory : WebApplicationFactory<Program>
{
    /// <summary>A fresh temp folder, or one a test prepared (e.g. a copy of another app's database); deleted on dispose.</summary>
    public string DataDir { get; init; } = Directory.CreateTempSubdirectory("outreach-test-").FullName;
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
    public string? PostgresConnection { get; init; }
    public string? ThemesPath { get; init; }
    public bool SeedDemo { get; init; }

    /// <summary>Keeps <see cref="DataDir"/> on dispose, so a second app can start on it (a node restart).</summary>
    public bool KeepDataDir { get; init; }

    /// <summary>Extra configuration, e.g. <c>["Outreach:Registration:PerIpPerMinute"] = "5"</c>.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment.GetEnvironmentVariable("OUTREACH_TEST_ENVIRONMENT") ?? "Testing");
        builder.UseSetting("Outreach:DataDir", DataDir);
        builder.UseSetting("Outreach:SeedDemo", SeedDemo ? "true" : "false");
        // Links in mail and feeds come from the configured origin; the test server's own is http://localhost.
        builder.UseSetting("Outreach:PublicOrigin", "http://localhost");
        if (ThemesPath is not null) builder.UseSetting("Outreach:ThemesPath", ThemesPath);
        if (PostgresConnection is not null)
        {
            builder.UseSetting("Outreach:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Outreach", PostgresConnection);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public static string RecipePath(string name) => Path.Combine(AppContext.BaseDirectory, "Recipes", name + ".recipe.json");

    public Task<Site> RunRecipeAsync(string name) =>
        Services.GetRequiredService<RecipeRunner>().RunFileAsync(RecipePath(name));

    /// <summary>Runs <paramref name="work"/> with a DbContext scoped to the named site (or to no site).</summary>
    public async Task<T> WithSiteAsync<T>(string? siteName, Func<OutreachDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        if (siteName is not null)
        {
            var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Name == siteName);
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        }
        return await work(db);
    }

    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        if (PostgresConnection is not null)
        {
            try { await WithSiteAsync<bool>(null, db => db.Database.EnsureDeletedAsync()); } catch (Exception) { /* best effort */ }
        }
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepDataDir) try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>One app per test class with the sites the class needs.</summary>
public abstract class SitesFixture(params string[] recipes) : IAsyncLifetime
{
    public OutreachFactory App { get; private set; } = null!;

    protected virtual OutreachFactory CreateFactory() => new();

    public virtual async ValueTask InitializeAsync()
    {
        App = CreateFactory();
        _ = App.Server; // starts the app: migrations run
        foreach (var recipe in recipes) await App.RunRecipeAsync(recipe);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Services the CI provides; locally their tests skip unless OUTREACH_REQUIRE_SERVICES=1, where they fail.</summary>
public static class RequiredServices
{
    public static bool Required => Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_SERVICES") == "1";

    public static string Postgres()
    {
        var connection = Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connection)) Unavailable("PostgreSQL: set OUTREACH_TEST_POSTGRES to a connection string (without Database)");
        return connection!.TrimEnd(';') + $";Database=outreach_test_{Guid.NewGuid():N}";
    }

    public static (string Chromium, string Driver) Chromium()
    {
        var chromium = Environment.GetEnvironmentVariable("OUTREACH_CHROMIUM") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("OUTREACH_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(driver)) Unavailable($"Chromium: {chromium} and {driver} are needed (apt-get install chromium chromium-driver)");
        return (chromium, driver);
    }

    static void Unavailable(string what)
    {
        if (Required) Assert.Fail("Required in this run but missing: " + what);
        Assert.Skip("Not available here: " + what);
    }
}
