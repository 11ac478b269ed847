using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Media;

namespace Outreach.Media.Tests;

/// <summary>
/// The real app on a temp data folder with no demo data: sites "north" and "south" with the Media module,
/// "plain" without. The byte limit is lowered to <see cref="MaxBytes"/> so the 413 test stays small.
/// </summary>
public sealed class MediaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("outreach-media-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Outreach:DataDir", DataDir);
        builder.UseSetting("Outreach:SeedDemo", "false");
        builder.UseSetting("Outreach:Media:MaxBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask InitializeAsync()
    {
        _ = Server; // starts the app: migrations run
        foreach (var recipe in new[] { "north", "south", "plain" })
            await Services.GetRequiredService<RecipeRunner>().RunFileAsync(Path.Combine(AppContext.BaseDirectory, "Recipes", recipe + ".recipe.json"));
    }

    /// <summary>A bearer token for <paramref name="siteName"/> with <paramref name="role"/>, stored hashed as the CLI does.</summary>
    public async Task<string> TokenAsync(string siteName, SiteRole role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = await db.Sites.SingleAsync(s => s.Name == siteName);
        var (token, row) = ApiTokens.Create(site.Id, role, "测试脚本", DateTimeOffset.UtcNow);
        db.Add(row);
        await db.SaveChangesAsync();
        return token;
    }

    public HttpClient Client(string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every media row of every site, deleted or not.</summary>
    public async Task<List<MediaItem>> AllMediaAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().Set<MediaItem>().IgnoreQueryFilters().AsNoTracking().ToListAsync();
    }

    public IReadOnlyList<string> StoredFiles() => Directory.Exists(Path.Combine(DataDir, "media"))
        ? Directory.GetFiles(Path.Combine(DataDir, "media"), "*", SearchOption.AllDirectories) : [];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
