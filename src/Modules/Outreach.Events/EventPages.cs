using Outreach.Core.Content;
using Outreach.Core.Themes;

namespace Outreach.Events;

// What the Events templates (and themes overriding them) may read; registered in EventsModule's manifest
// together with EventView.

/// <summary>An option of a filter: the value in the URL and its name on the page.</summary>
public sealed record Choice(string Value, string Name);

/// <summary>The filter as the visitor set it.</summary>
public sealed record EventFilterView(string? From, string? To, string? City, string? Type, string? Audience, string? Campaign, string? Q, string When);

/// <summary><c>event-list.liquid</c>.</summary>
public sealed record EventListPage(IReadOnlyList<EventView> Events, EventFilterView Filter, IReadOnlyList<string> Errors,
    IReadOnlyList<string> Cities, IReadOnlyList<Choice> Types, IReadOnlyList<Choice> Audiences, IReadOnlyList<Choice> Campaigns,
    Paging Paging, string Ics, string HeadHtml);

/// <summary>A day of the month grid.</summary>
public sealed record CalendarDay(int Day, string Date, string Label, bool InMonth, bool Today, IReadOnlyList<EventView> Events);

/// <summary><c>event-calendar.liquid</c>: Monday-first weeks of Beijing-time days.</summary>
public sealed record EventCalendarPage(string Title, string Month, IReadOnlyList<string> Weekdays, IReadOnlyList<IReadOnlyList<CalendarDay>> Weeks,
    int Total, string? Error, string Previous, string Next, string List);

public sealed record CampaignView(string Title, string Summary, string Slug, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>How many events a city or type has, with a link to them when there is one.</summary>
public sealed record EventCount(string Name, int Count, string? Url = null);

/// <summary><c>campaign.liquid</c>.</summary>
public sealed record CampaignPage(CampaignView Campaign, string Title, string Description, IReadOnlyList<EventView> Events, int Total,
    IReadOnlyList<EventCount> ByCity, IReadOnlyList<EventCount> ByType, string Ics);

/// <summary>A speaker from the site's library.</summary>
public sealed record SpeakerView(int Id, string Name, string Affiliation, string Title, string Bio)
{
    public static SpeakerView From(Speaker s) => new(s.Id, s.Name, s.Affiliation, s.Title, s.Bio);
}

/// <summary>A row of the agenda: free-text <see cref="Speakers"/> and speakers from the library (<see cref="People"/>).</summary>
public sealed record SessionView(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Track, string Title, string Speakers, IReadOnlyList<SpeakerView> People);

/// <summary>A sub-forum of the agenda ("" for the main forum).</summary>
public sealed record TrackView(string Name, IReadOnlyList<SessionView> Sessions);

public sealed record OccurrenceView(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record MapLinksView(string Amap, string Baidu, string Osm);

public sealed record CampaignLink(string Title, string Url);

/// <summary><c>event.liquid</c>: the public page and the admin preview of a draft.</summary>
public sealed record EventPage(IReadOnlyList<HomeSection> Sections, EventView Event, string Title, string Description,
    IReadOnlyList<TrackView> Tracks, IReadOnlyList<SpeakerView> Speakers, IReadOnlyList<OccurrenceView>? Occurrences,
    MapLinksView Map, CampaignLink? Campaign, string Ics, string HeadHtml);

/// <summary><c>events-home.liquid</c>, the home page's block of upcoming events.</summary>
public sealed record UpcomingEventsBlock(IReadOnlyList<EventView> Events, string More);
