using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Scheduling;
using Outreach.Core.Sites;

namespace Outreach.Mail.Tests;

/// <summary>The real app on a temp data directory, without demo data, with the clock and SMTP the test chooses.</summary>
public sealed class OutreachApp(string dataDir, int? smtpPort, FakeTimeProvider? clock, bool scheduler = false, int batchSize = 50)
    : WebApplicationFactory<Program>
{
    public string DataDir { get; } = dataDir;
    public FakeTimeProvider? Clock { get; } = clock;

    /// <summary>A themes folder of the test's own (per-site template overrides).</summary>
    public string? ThemesPath { get; init; }

    /// <summary>Runs on this PostgreSQL database instead of the SQLite file (see <see cref="TestServices.Postgres"/>).</summary>
    public string? PostgresConnection { get; init; }

    public static string NewDataDir() => Directory.CreateTempSubdirectory("outreach-mail-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Outreach:DataDir", DataDir);
        builder.UseSetting("Outreach:SeedDemo", "false");
        builder.UseSetting("Outreach:Scheduler:Enabled", scheduler ? "true" : "false");
        builder.UseSetting("Outreach:Smtp:Host", smtpPort is null ? "" : "127.0.0.1");
        builder.UseSetting("Outreach:Smtp:Port", (smtpPort ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Outreach:Smtp:Security", "None");
        builder.UseSetting("Outreach:Smtp:TimeoutSeconds", "5");
        builder.UseSetting("Outreach:Smtp:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Outreach:Smtp:FromAddress", "noreply@kepu.example");
        if (ThemesPath is not null) builder.UseSetting("Outreach:ThemesPath", ThemesPath);
        if (PostgresConnection is not null)
        {
            builder.UseSetting("Outreach:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Outreach", PostgresConnection);
        }
        if (Clock is not null) builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<Site> CreateSiteAsync(string name = "lingnan", string theme = "Academic")
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var existing = await db.Sites.FirstOrDefaultAsync(s => s.Name == name);
        if (existing is not null) return existing;
        var site = new Site
        {
            Name = name, Prefix = name, DisplayNameZh = "岭南科普", DisplayNameEn = "Lingnan Science",
            Modules = "Pages", Theme = theme, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync();
        Services.GetRequiredService<SiteCatalog>().Invalidate();
        return site;
    }

    /// <summary>Runs <paramref name="work"/> in a scope inside the site, then saves: what a request handler does.</summary>
    public async Task<T> InSiteAsync<T>(Site site, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        var result = await work(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().SaveChangesAsync();
        return result;
    }

    public Task<OutboxMail> QueueTestMailAsync(Site site, string to, string? culture = null, IReadOnlyList<MailAttachment>? attachments = null) =>
        InSiteAsync(site, sp => sp.GetRequiredService<IMailOutbox>().EnqueueAsync("test", to, new Outreach.Core.Themes.TestMail("备注 & <注意>"), culture, attachments));

    public Task<DeliveryReport> DeliverAsync() => Services.GetRequiredService<DeliverOutboxJob>().RunAsync();

    public Task<int> PublishDueAsync() => Services.GetRequiredService<PublishScheduledContentJob>().RunAsync();

    public async Task<List<OutboxMail>> OutboxAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().OutboxMails
            .IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public async Task UpdateOutboxAsync(Func<IQueryable<OutboxMail>, Task> change)
    {
        using var scope = Services.CreateScope();
        await change(scope.ServiceProvider.GetRequiredService<OutreachDbContext>().OutboxMails.IgnoreQueryFilters());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public static void DeleteDataDir(string dir)
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Content helpers for the publishing tests.</summary>
public static class ContentSeeds
{
    public static T Scheduled<T>(ContentEditor editor, string title, DateTimeOffset at) where T : PublishableContent, new()
    {
        var item = new T { Title = title, Slug = Slugs.FromTitle(title, new T().ContentType), Status = ContentStatus.Draft };
        editor.Add(item, "测试");
        editor.Schedule(item, at, "测试");
        return item;
    }
}
