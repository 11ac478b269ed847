using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Recipes;

namespace Outreach.Core.Hosting;

/// <summary>Migrates the database and, on an empty one, applies the demo recipes (<c>recipes/demo/*.recipe.json</c>).</summary>
public sealed class DemoSeeder(
    IServiceScopeFactory scopes,
    RecipeRunner recipes,
    IOptions<OutreachOptions> options,
    IHostEnvironment env,
    ILogger<DemoSeeder> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // persistent: readers never block the writer
        // Key rows written before the key ring was protected get wrapped now (a migration step, idempotent).
        var reprotected = await Security.KeyRingProtection.ReprotectAsync(db, scope.ServiceProvider.GetRequiredService<Security.KeyRingKey>(), ct);
        if (reprotected > 0) logger.LogWarning("Wrapped {Count} unprotected Data Protection keys with the key ring key.", reprotected);
    }

    /// <summary>True when the demo was applied now.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        if (!options.Value.SeedDemo) return false;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            if (await db.Sites.AnyAsync(ct)) return false;
        }
        var folder = Path.Combine(OutreachPaths.Recipes(options.Value, env), "demo");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.recipe.json").Order(StringComparer.Ordinal).ToList() : [];
        logger.LogInformation("Empty database: applying {Count} demo recipes from {Folder}", files.Count, folder);
        foreach (var file in files)
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await recipes.RunFileAsync(file, ct);
                logger.LogInformation("Demo recipe {Recipe} applied in {Ms} ms", Path.GetFileName(file), watch.ElapsedMilliseconds);
            }
            catch (DbUpdateException ex)
            {
                // Another node seeding at the same moment wins the unique site name; that is fine.
                logger.LogWarning(ex, "Demo recipe {Recipe} not applied (already seeded by another node?)", Path.GetFileName(file));
            }
        }
        return files.Count > 0;
    }
}
