using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Security;
using Outreach.Core.Themes;

namespace Outreach.Media;

/// <summary>A media library per site: checked, cleaned uploads; resized copies on demand; a responsive-image filter.</summary>
public sealed class MediaModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Media", "媒体库", "Media library")
    {
        Permissions = [new(MediaPermissions.Upload, "上传和管理图片", "Upload and manage images", SiteRole.Editor, SiteRole.SiteAdmin)],
        ReservedPrefixes = ["media"],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().BindConfiguration("Outreach:Media").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaImaging>();
        // One root every node mounts (Outreach:Media:Root), default the data directory of a single node.
        services.AddSingleton<Storage.IMediaStore>(sp => new Storage.FileSystemMediaStore(
            sp.GetRequiredService<IConfiguration>()["Outreach:Media:Root"] is { Length: > 0 } root ? root
                : Outreach.Core.Hosting.OutreachPaths.DataDir(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Outreach.Core.Data.OutreachOptions>>().Value,
                    sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>())));
        services.AddScoped<MediaLibrary>();
        services.AddSingleton<ILiquidExtension, MediaLiquidExtension>();
        services.AddScoped<Outreach.Core.Content.IImageLibrary, MediaImageLibrary>();
        services.AddScoped<IDashboardTile, MediaDashboardTile>();
        services.AddSingleton(new AdminMenuItem("媒体库", "/admin/media", MediaPermissions.Upload, 300));
    }

    public override void BuildModel(ModelBuilder model) =>
        model.Entity<MediaItem>(e =>
        {
            e.ToTable("Media");
            e.HasQueryFilter(OutreachDbContext.DeletedFilter, m => m.DeletedAt == null);
            e.HasIndex(m => new { m.SiteId, m.UploadedAt });
            e.HasIndex(m => m.StoredName).IsUnique();
            e.HasOne<Outreach.Core.Sites.Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.StoredName).HasMaxLength(64);
            e.Property(m => m.OriginalName).HasMaxLength(200);
            e.Property(m => m.ContentType).HasMaxLength(32);
            e.Property(m => m.Format).HasConversion<string>().HasMaxLength(8);
            e.Property(m => m.AltText).HasMaxLength(MediaLibrary.MaxAltLength);
            e.Property(m => m.UploadedBy).HasMaxLength(256);
        });

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => MediaEndpoints.Map(endpoints);
}

/// <summary>What the media library lets a role do (see the manifest for who has it).</summary>
public static class MediaPermissions
{
    public const string Upload = "media.upload";
}

/// <summary>The image count on the admin dashboard.</summary>
public sealed class MediaDashboardTile(MediaLibrary library) : IDashboardTile
{
    public async Task<IReadOnlyList<DashboardTile>> BuildAsync(CancellationToken ct) =>
        [new DashboardTile("媒体库图片", (await library.Items.CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture), "/admin/media")];
}
