using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Search;
using Outreach.Core.Sites;

namespace Outreach.Core.Data;

/// <summary>
/// The one DbContext, assembled from the kernel's entities and every module's. Site-owned rows carry a
/// named query filter ("Site") that limits them to the current site; crossing sites is an explicit
/// <c>IgnoreQueryFilters([OutreachDbContext.SiteFilter])</c>. Soft-deleted content is hidden by a second
/// filter ("Deleted").
/// </summary>
public sealed class OutreachDbContext(
    DbContextOptions<OutreachDbContext> options,
    SiteContext siteContext,
    ModuleCatalog modules) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Keys for cookies, antiforgery and reset links, shared by every node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public const string SiteFilter = "Site";
    public const string DeletedFilter = "Deleted";

    public DbSet<Site> Sites => Set<Site>();
    public DbSet<MenuItem> MenuItems => Set<MenuItem>();
    public DbSet<ContentVersion> ContentVersions => Set<ContentVersion>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();
    public DbSet<Mail.OutboxMail> OutboxMails => Set<Mail.OutboxMail>();

    /// <summary>Read by the query filter on every query; null matches no site-owned row.</summary>
    public int? CurrentSiteId => siteContext.SiteId;

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot order or compare DateTimeOffset; all instants are UTC, so a binary form keeps order.
        if (Database.IsSqlite())
            conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Site>(e =>
        {
            e.HasIndex(s => s.Name).IsUnique();
            e.HasIndex(s => s.Prefix).IsUnique();
            e.Property(s => s.Name).HasMaxLength(FieldLimits.SiteName);
            e.Property(s => s.Prefix).HasMaxLength(FieldLimits.SiteName);
            e.Property(s => s.DisplayNameZh).HasMaxLength(FieldLimits.SiteDisplayName);
            e.Property(s => s.DisplayNameEn).HasMaxLength(FieldLimits.SiteDisplayName);
            e.Property(s => s.Hosts).HasMaxLength(1000);
            e.Property(s => s.PublicUrl).HasMaxLength(FieldLimits.Url);
            e.Property(s => s.Theme).HasMaxLength(64);
            e.Property(s => s.DefaultCulture).HasMaxLength(16);
            e.Property(s => s.Modules).HasMaxLength(1000);
            e.Ignore(s => s.ModuleList);
            e.Ignore(s => s.HostList);
            e.Ignore(s => s.KnownHosts);
        });
        model.Entity<MenuItem>(e =>
        {
            e.HasIndex(m => new { m.SiteId, m.Position });
            e.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.TitleZh).HasMaxLength(FieldLimits.MenuTitle);
            e.Property(m => m.TitleEn).HasMaxLength(FieldLimits.MenuTitle);
            e.Property(m => m.Url).HasMaxLength(FieldLimits.Url);
        });
        model.Entity<ContentVersion>(e =>
        {
            e.HasIndex(v => new { v.ContentKey, v.Number }).IsUnique();
            e.Property(v => v.ContentType).HasMaxLength(64);
            e.Property(v => v.Author).HasMaxLength(200);
            e.Property(v => v.Action).HasMaxLength(32);
        });

        Security.SecurityModel.Build(model);
        model.Entity<Accounts.ThrottleWindow>(e =>
        {
            e.ToTable("ThrottleWindows");
            e.HasKey(w => new { w.Kind, w.KeyHash });
            e.Property(w => w.Kind).HasMaxLength(32);
            e.Property(w => w.KeyHash).HasMaxLength(64);
            e.HasIndex(w => w.StartMs);
        });
        model.Entity<SearchChange>(e =>
        {
            e.Property(c => c.EntityType).HasMaxLength(64);
            e.Property(c => c.Key).HasMaxLength(120);
        });
        Mail.MailServices.BuildMailModel(model);

        foreach (var module in modules.Modules) module.BuildModel(model);

        foreach (var type in model.Model.GetEntityTypes().Select(t => t.ClrType).ToList())
        {
            if (typeof(PublishableContent).IsAssignableFrom(type))
                ApplyContentFilters.MakeGenericMethod(type).Invoke(this, [model]);
            else if (typeof(ISiteOwned).IsAssignableFrom(type))
                ApplySiteFilter.MakeGenericMethod(type).Invoke(this, [model]);
        }
    }

    static readonly MethodInfo ApplySiteFilter = typeof(OutreachDbContext)
        .GetMethod(nameof(ApplySiteFilterTo), BindingFlags.NonPublic | BindingFlags.Instance)!;
    static readonly MethodInfo ApplyContentFilters = typeof(OutreachDbContext)
        .GetMethod(nameof(ApplyContentFiltersTo), BindingFlags.NonPublic | BindingFlags.Instance)!;

    void ApplySiteFilterTo<T>(ModelBuilder model) where T : class, ISiteOwned =>
        model.Entity<T>().HasQueryFilter(SiteFilter, e => e.SiteId == CurrentSiteId);

    void ApplyContentFiltersTo<T>(ModelBuilder model) where T : PublishableContent
    {
        var entity = model.Entity<T>();
        entity.HasQueryFilter(SiteFilter, e => e.SiteId == CurrentSiteId);
        entity.HasQueryFilter(DeletedFilter, e => e.DeletedAt == null);
        entity.HasIndex(e => new { e.SiteId, e.Slug }).IsUnique();
        entity.HasIndex(e => e.Key).IsUnique();
        entity.HasIndex(e => new { e.Status, e.ScheduledAt });
        entity.Property(e => e.Title).HasMaxLength(FieldLimits.Title);
        entity.Property(e => e.Slug).HasMaxLength(FieldLimits.SlugColumn);
        // Optimistic concurrency: an UPDATE carries "WHERE Revision = <the revision the editor started from>", so
        // of two editors saving the same revision the second changes nothing and is told (DbUpdateConcurrencyException).
        entity.Property(e => e.Revision).IsConcurrencyToken();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampSite();
        EnqueueSearchChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampSite();
        EnqueueSearchChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows join the current site; a write to another site's row is a bug, not a leak.</summary>
    void StampSite()
    {
        foreach (var entry in ChangeTracker.Entries<ISiteOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.SiteId == 0 && CurrentSiteId is int id)
                entry.Entity.SiteId = id;
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.SiteId == 0)
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} has no site.");
        }
    }

    /// <summary>
    /// Every content change leaves a row for the search workers in the same transaction, so an index can
    /// never miss a change that was committed (nor see one that was rolled back).
    /// </summary>
    void EnqueueSearchChanges()
    {
        // Wall clock on purpose: the queue is ordered by id; the time only helps to read it.
        var now = DateTimeOffset.UtcNow;
        var changes = ChangeTracker.Entries<PublishableContent>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new SearchChange
            {
                EntityType = e.Entity.ContentType,
                Key = SearchChange.KeyOf(e.Entity.ContentType, e.Entity.Key),
                SiteId = e.Entity.SiteId,
                EnqueuedAt = now,
            })
            .ToList();
        SearchChanges.AddRange(changes);
    }
}
