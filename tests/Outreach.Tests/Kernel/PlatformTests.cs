using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class HealthFixture() : SitesFixture("alpha");

public sealed class HealthTests(HealthFixture fixture) : IClassFixture<HealthFixture>
{
    [Fact]
    public async Task Health_is_liveness_without_the_database_and_ready_is_503_while_the_database_is_away()
    {
        var client = fixture.App.CreatePlainClient();
        Assert.Equal(200, (await client.FetchAsync("/health")).Status);
        // Positive control: ready while the database answers (once the start-up checks, e.g. search catch-up, are done).
        await Cluster.Poll.Until(async () => (await client.FetchAsync("/health/ready")).Status == 200, "/health/ready", 30);

        var file = Path.Combine(fixture.App.DataDir, "outreach.db");
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        Directory.CreateDirectory(file); // the database path is now a folder: SQLite cannot open it
        try
        {
            // Liveness: the process answers without touching the database, so the balancer does not restart it.
            Assert.Equal(200, (await client.FetchAsync("/health")).Status);
            var (status, body) = await client.FetchAsync("/health/ready");
            Assert.Equal(503, status);
            Assert.Contains("database", body);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(file);
            File.Move(file + ".away", file);
        }
    }
}

public sealed class MigrationTests
{
    [Fact]
    public async Task All_migrations_are_applied_on_sqlite_at_start()
    {
        await using var app = new OutreachFactory();
        _ = app.Server;
        var (applied, all) = await app.WithSiteAsync(null, async db => ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task All_migrations_are_applied_on_postgres_at_start_and_sites_work_there()
    {
        await using var app = new OutreachFactory { PostgresConnection = RequiredServices.Postgres() };
        _ = app.Server;
        var (applied, all, provider) = await app.WithSiteAsync(null, async db => ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), db.Database.ProviderName));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        Assert.Equal(all, applied);

        await app.RunRecipeAsync("alpha");
        await app.RunRecipeAsync("alpha"); // idempotent on PostgreSQL too
        var (status, body) = await app.CreatePlainClient().FetchAsync("/alpha/news/alpha-news");
        Assert.Equal(200, status);
        Assert.Contains("2026年9月16日", body);
        Assert.Equal(2, await app.WithSiteAsync("alpha", db => db.Set<Outreach.Pages.NewsItem>().CountAsync()));
    }
}

/// <summary>The CLI verbs of the real executable.</summary>
public sealed class CliTests
{
    static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Outreach.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Unknown_verb_prints_usage_and_exits_with_2()
    {
        var (code, _, err) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("recipe run <file>", err);
    }

    [Fact]
    public async Task Recipe_run_without_a_file_prints_usage_and_exits_with_2()
    {
        var (code, _, err) = await Run("recipe", "run");
        Assert.Equal(2, code);
        Assert.Contains("用法", err);
    }

    [Fact]
    public async Task Recipe_run_creates_a_site_that_sites_list_shows_and_a_bad_recipe_exits_1()
    {
        var dataDir = Directory.CreateTempSubdirectory("outreach-cli-").FullName;
        try
        {
            var config = $"--Outreach:DataDir={dataDir}";
            var (code, output, _) = await Run("recipe", "run", OutreachFactory.RecipePath("alpha"), config);
            Assert.Equal(0, code);
            Assert.Contains("alpha", output);

            (code, output, _) = await Run("sites", "list", config);
            Assert.Equal(0, code);
            Assert.Contains("阿尔法学会", output);

            var bad = Path.Combine(dataDir, "bad.recipe.json");
            await File.WriteAllTextAsync(bad, """{ "site": { "name": "Bad Name" } }""");
            (code, _, var err) = await Run("recipe", "run", bad, config);
            Assert.Equal(1, code);
            Assert.Contains("bad.recipe.json: 步骤 site $.site.name", err);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
