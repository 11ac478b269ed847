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
    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().BindConfiguration("Outreach:Media");
        services.AddSingleton<MediaImaging>();
        services.AddSingleton<MediaStorage>();
        services.AddScoped<MediaLibrary>();
        services.AddSingleton<ILiquidExtension, MediaLiquidExtension>();
        services.AddScoped<Outreach.Core.Content.IImageLibrary, MediaImageLibrary>();
        services.AddScoped<IDashboardTile, MediaDashboardTile>();
        services.AddSingleton(new AdminMenuItem("媒体库", "/admin/media", Permissions.UploadMedia, 300, "Media"));
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

/// <summary>The image count on the admin dashboard.</summary>
public sealed class MediaDashboardTile(MediaLibrary library) : IDashboardTile
{
    public string? ModuleId => "Media";

    public async Task<IReadOnlyList<DashboardTile>> BuildAsync(CancellationToken ct) =>
        [new DashboardTile("媒体库图片", (await library.Items.CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture), "/admin/media")];
}
