using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Search;
using Outreach.Core.Security;

namespace Outreach.Events;

/// <summary>Events, their agendas and campaigns (学术活动月, 全国科普日, 科普嘉年华, 上山下乡).</summary>
public sealed class EventsModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Events", "活动", "Events")
    {
        ReservedPrefixes = ["events", "campaigns"],
        VisitorPages = ["/events", "/events/calendar", "/events.ics", "/events.atom", "/events/{slug}", "/campaigns/{slug}",
            "/api/v1/events", "/api/v1/events/{id:int}", "/api/v1/campaigns/{slug}"],
        RecipeSteps = [typeof(CampaignRecipeStep), typeof(SpeakersRecipeStep), typeof(VenuesRecipeStep), typeof(EventsRecipeStep)],
        TemplateModels =
        [
            typeof(EventView), typeof(Choice), typeof(EventFilterView), typeof(EventListPage), typeof(CalendarDay), typeof(EventCalendarPage),
            typeof(CampaignView), typeof(EventCount), typeof(CampaignPage), typeof(SpeakerView), typeof(SessionView), typeof(TrackView),
            typeof(OccurrenceView), typeof(MapLinksView), typeof(CampaignLink), typeof(EventPage), typeof(UpcomingEventsBlock),
        ],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISearchDocumentSource, EventSearchSource>();
        services.AddScoped<ISitemapSource, EventSitemapSource>();
        services.AddScoped<IHomeSection, UpcomingEventsSection>();
        services.AddScoped<CampaignApprovals>();
        services.AddSingleton<EventShareImage>();
        services.AddSingleton(new AdminMenuItem("活动", "/admin/events", Permissions.EditContent, 20));
        services.AddSingleton(new AdminMenuItem("活动系列审核", "/admin/campaigns", Permissions.ReviewContent, 21));
        services.AddSingleton(new AdminMenuItem("活动系列", "/admin/campaigns/edit", Permissions.EditContent, 22));
        services.AddSingleton(new AdminMenuItem("演讲嘉宾", "/admin/speakers", Permissions.EditContent, 23));
        services.AddSingleton(new AdminMenuItem("场馆", "/admin/venues", Permissions.EditContent, 24));
    }

    public override void BuildModel(ModelBuilder model)
    {
        model.Entity<Event>(e =>
        {
            e.ToTable("Events");
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.Property(x => x.Organiser).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Audience).HasMaxLength(200);
            e.Property(x => x.City).HasMaxLength(16);
            e.Property(x => x.District).HasMaxLength(100);
            e.Property(x => x.VenueName).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(500);
            e.Property(x => x.OnlineUrl).HasMaxLength(1000);
            e.Property(x => x.ContactPhone).HasMaxLength(50);
            e.Property(x => x.Tags).HasMaxLength(500);
            e.HasIndex(x => new { x.SiteId, x.Status, x.StartsAt });
            e.HasIndex(x => x.CampaignId);
            e.Property(x => x.Language).HasMaxLength(16).HasDefaultValue(EventLanguages.Default); // existing rows are Chinese
            e.Property(x => x.Recurrence).HasMaxLength(500);
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<Speaker>(e =>
        {
            e.ToTable("Speakers");
            e.HasIndex(x => new { x.SiteId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(80);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Affiliation).HasMaxLength(200);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Bio).HasMaxLength(2000);
        });
        model.Entity<Venue>(e =>
        {
            e.ToTable("Venues");
            e.HasIndex(x => new { x.SiteId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(80);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(500);
            e.Property(x => x.City).HasMaxLength(16);
            e.Property(x => x.District).HasMaxLength(100);
        });
        model.Entity<SessionSpeaker>(e =>
        {
            e.ToTable("SessionSpeakers");
            e.HasOne<EventSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Speaker>().WithMany().HasForeignKey(x => x.SpeakerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.SessionId, x.SpeakerId }).IsUnique();
        });
        model.Entity<EventSession>(e =>
        {
            e.ToTable("EventSessions");
            e.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.EventId, s.StartsAt });
            e.Property(s => s.Track).HasMaxLength(200);
            e.Property(s => s.Title).HasMaxLength(300);
            e.Property(s => s.Speakers).HasMaxLength(2000);
        });
        model.Entity<Campaign>(e =>
        {
            e.ToTable("Campaigns");
            e.HasIndex(c => new { c.SiteId, c.Slug }).IsUnique();
            e.Property(c => c.Slug).HasMaxLength(200);
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Summary).HasMaxLength(1000);
        });
        model.Entity<CampaignEntry>(e =>
        {
            e.ToTable("CampaignEntries");
            e.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CampaignId, x.EventId }).IsUnique();
            e.HasIndex(x => new { x.SiteId, x.Status });
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        EventsEndpoints.Map(endpoints);
        EventsApi.Map(endpoints);
        CampaignApprovals.Map(endpoints);
        EventShareImage.Map(endpoints);
    }
}
