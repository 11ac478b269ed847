using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Modules;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events;

/// <summary>
/// <c>/api/v1/events</c>, <c>/api/v1/campaigns/{slug}</c> and the token-authenticated
/// <c>/api/v1/admin/events</c>. Instants are ISO 8601 in Beijing time (+08:00); field names may grow, not change.
/// </summary>
public static class EventsApi
{
    public sealed record SessionDto(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Track, string Title, string Speakers)
    {
        /// <summary>The site's speakers of the session in agenda order, besides the free text in <see cref="Speakers"/>.</summary>
        public IReadOnlyList<SpeakerDto>? SpeakerProfiles { get; init; }
    }

    public sealed record SpeakerDto(int Id, string Name, string Affiliation, string Title, string Bio);

    public sealed record EventDto(
        int Id, string Slug, string Title, string Summary, string Organiser, string Type, IReadOnlyList<string> Audience,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, string City, string District, string Venue, string Address,
        double? Latitude, double? Longitude, string OnlineUrl, IReadOnlyList<string> Tags, string Url, string Site,
        IReadOnlyList<SessionDto>? Sessions)
    {
        /// <summary>Other modules' parts (<see cref="IEventPart"/>), e.g. <c>registration</c>.</summary>
        [JsonExtensionData] public Dictionary<string, object>? Parts { get; init; }

        public string Language { get; init; } = EventLanguages.Default;
        public int? PosterId { get; init; }

        /// <summary>Absolute URL of a large JPEG of the poster.</summary>
        public string? PosterUrl { get; init; }

        public int? VenueId { get; init; }

        /// <summary>RFC 5545 RRULE repeating startsAt–endsAt; empty for a one-off event.</summary>
        public string Recurrence { get; init; } = "";

        public DateTimeOffset? RecurrenceEndsAt { get; init; }
    }

    public sealed record EventPage(IReadOnlyList<EventDto> Items, int Total, int Page, int PageSize);

    public sealed record CampaignDto(string Slug, string Title, string Summary, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        IReadOnlyDictionary<string, int> ByCity, IReadOnlyDictionary<string, int> ByType, IReadOnlyList<EventDto> Events);

    public sealed record EventInput(
        string? Title, string? Slug, string? Summary, string? Body, string? Organiser, string? StartsAt, string? EndsAt,
        string? City, string? District, string? Type, string[]? Audience, string? Venue, string? Address,
        double? Latitude, double? Longitude, string? OnlineUrl, string? ContactPhone, string[]? Tags, bool Publish)
    {
        /// <summary>Input for other modules' parts, by their name (e.g. <c>"registration": {...}</c>).</summary>
        [JsonExtensionData] public Dictionary<string, JsonElement>? Parts { get; init; }

        /// <summary>zh-CN (default), yue, en or zh-en.</summary>
        public string? Language { get; init; }

        /// <summary>An image id of this site's media library; 0 removes the poster.</summary>
        public int? PosterId { get; init; }

        /// <summary>A venue id of this site, whose name, address and place are copied onto the event; 0 removes it.</summary>
        public int? VenueId { get; init; }

        /// <summary>An RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SA;UNTIL=20261031; empty removes it.</summary>
        public string? Recurrence { get; init; }
    }

    public sealed record EventSaved(int Id, string Slug, string Status, string Url);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Events");

        api.MapGet("/events", async Task<Results<Ok<EventPage>, ValidationProblem>> ([AsParameters] EventFilter filter, HttpContext http,
            OutreachDbContext db, SiteContext site, CancellationToken ct) =>
        {
            var problems = filter.Problems();
            if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "查询参数有误");
            var query = await EventQuery.ApplyAsync(EventQuery.Listed(db, site.Required), filter, db, ct);
            var total = await query.CountAsync(ct);
            var items = await query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
                .Skip((filter.PageNumber - 1) * EventsEndpoints.PageSize).Take(EventsEndpoints.PageSize).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            var posters = await PostersAsync(http, items, ct);
            // Each part (registration: seats left) for the whole page at once: a constant number of queries per page.
            var described = new List<(string Name, IReadOnlyDictionary<int, object> ById)>();
            foreach (var part in http.RequestServices.GetRequiredService<Enabled<IEventPart>>())
                described.Add((part.Name, await part.DescribeManyAsync(items, ct)));
            return TypedResults.Ok(new EventPage(items.Select(e => Dto(e, links, http, null, posters) with { Parts = DescribedParts(e, described) }).ToList(),
                total, filter.PageNumber, EventsEndpoints.PageSize));
        }).WithName("ListEvents");

        api.MapGet("/events/{id:int}", async Task<Results<Ok<EventDto>, NotFound>> (int id, HttpContext http, OutreachDbContext db,
            SiteContext site, CancellationToken ct) =>
        {
            var item = await EventQuery.Listed(db, site.Required).FirstOrDefaultAsync(e => e.Id == id, ct);
            if (item is null) return TypedResults.NotFound();
            // A campaign guest's sessions belong to its own site.
            var sessions = await db.Set<EventSession>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
                .Where(s => s.EventId == item.Id && s.SiteId == item.SiteId).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
            var parts = new Dictionary<string, object>();
            foreach (var part in http.RequestServices.GetRequiredService<Enabled<IEventPart>>())
                if (await part.DescribeAsync(item, ct) is { } described) parts[part.Name] = described;
            var speakers = await EventSpeakers.OfSessionsAsync(db, sessions, ct);
            return TypedResults.Ok(Dto(item, await EventLinks.CreateAsync(http, ct), http, sessions, await PostersAsync(http, [item], ct), speakers)
                with { Parts = parts.Count > 0 ? parts : null });
        }).WithName("GetEvent");

        api.MapGet("/campaigns/{slug}", async Task<Results<Ok<CampaignDto>, NotFound>> (string slug, HttpContext http, OutreachDbContext db,
            CancellationToken ct) =>
        {
            var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
            if (campaign is null) return TypedResults.NotFound();
            var events = await EventQuery.OfCampaign(db, campaign).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(2000).ToListAsync(ct);
            var links = await EventLinks.CreateAsync(http, ct);
            var posters = await PostersAsync(http, events, ct);
            return TypedResults.Ok(new CampaignDto(campaign.Slug, campaign.Title, campaign.Summary,
                OutreachTime.ToBeijing(campaign.StartsAt), OutreachTime.ToBeijing(campaign.EndsAt),
                events.GroupBy(e => e.City).ToDictionary(g => g.Key, g => g.Count()),
                events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count()),
                events.Select(e => Dto(e, links, http, null, posters)).ToList()));
        }).WithName("GetCampaign");

        var admin = app.MapGroup("/api/v1/admin/events").WithTags("Admin: events").DisableAntiforgery();

        admin.MapPost("", async Task<Results<Created<EventSaved>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (EventInput input, HttpContext http,
            OutreachDbContext db, SiteContext site, ContentEditor editor, SiteAuthorization auth, AuditLog audit, CancellationToken ct) =>
        {
            var item = new Event();
            var errors = await ApplyAsync(input, item, creating: true, db, http.RequestServices, ct);
            var parts = PartsOf(input, http, errors);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
            if (input.Publish && !await auth.HasAsync(http.User, Permissions.PublishContent, ct)) return TypedResults.Forbid();
            item.Slug = await EventSlugs.UniqueAsync(editor, input.Slug, item.Title, 0, ct);
            item.Status = input.Publish ? ContentStatus.Published : ContentStatus.Draft;
            editor.Add(item, AuditLog.ActorOf(http.User));
            audit.Record(http.User, "content.create", "event:" + item.Slug, input.Publish ? "published" : "draft");
            var saveErrors = await SaveWithPartsAsync(db, item, parts, ct);
            if (saveErrors is StateConflict) return Conflict(saveErrors);
            if (saveErrors.Count > 0) return TypedResults.ValidationProblem(saveErrors, title: "输入有误");
            var url = site.Url("/events/" + item.Slug);
            return TypedResults.Created(url, new EventSaved(item.Id, item.Slug, item.Status.ToString().ToLowerInvariant(), url));
        }).RequireSitePermission(Permissions.EditContent).WithName("CreateEvent");

        admin.MapPut("/{id:int}", async Task<Results<Ok<EventSaved>, ValidationProblem, ProblemHttpResult, NotFound, ForbidHttpResult>> (int id, EventInput input,
            HttpContext http, OutreachDbContext db, SiteContext site, ContentEditor editor, SiteAuthorization auth, AuditLog audit, CancellationToken ct) =>
        {
            var item = await db.Set<Event>().FirstOrDefaultAsync(e => e.Id == id, ct);
            if (item is null) return TypedResults.NotFound();
            var errors = await ApplyAsync(input, item, creating: false, db, http.RequestServices, ct);
            var parts = PartsOf(input, http, errors);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
            var actor = AuditLog.ActorOf(http.User);
            if (input.Publish && item.Status != ContentStatus.Published)
            {
                if (!await auth.HasAsync(http.User, Permissions.PublishContent, ct)) return TypedResults.Forbid();
                editor.Publish(item, actor);
            }
            else editor.Save(item, actor);
            audit.Record(http.User, "content.edit", "event:" + item.Slug);
            var saveErrors = await SaveWithPartsAsync(db, item, parts, ct);
            if (saveErrors is StateConflict) return Conflict(saveErrors);
            if (saveErrors.Count > 0) return TypedResults.ValidationProblem(saveErrors, title: "输入有误");
            var url = site.Url("/events/" + item.Slug);
            return TypedResults.Ok(new EventSaved(item.Id, item.Slug, item.Status.ToString().ToLowerInvariant(), url));
        }).RequireSitePermission(Permissions.EditContent).WithName("UpdateEvent");

        admin.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound>> (int id, HttpContext http, OutreachDbContext db,
            ContentEditor editor, AuditLog audit, CancellationToken ct) =>
        {
            var item = await db.Set<Event>().FirstOrDefaultAsync(e => e.Id == id, ct);
            if (item is null) return TypedResults.NotFound();
            editor.Delete(item, AuditLog.ActorOf(http.User));
            audit.Record(http.User, "content.delete", "event:" + item.Slug);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireSitePermission(Permissions.EditContent).WithName("DeleteEvent");
    }

    /// <summary>The parts named in the input, validated (their problems join <paramref name="errors"/>); unknown names are errors.</summary>
    static List<(IEventPart Part, JsonElement Input)> PartsOf(EventInput input, HttpContext http, Dictionary<string, string[]> errors)
    {
        var found = new List<(IEventPart, JsonElement)>();
        if (input.Parts is null) return found;
        var known = http.RequestServices.GetRequiredService<Enabled<IEventPart>>().ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in input.Parts)
        {
            if (!known.TryGetValue(name, out var part)) { errors[name] = [$"未知字段“{name}”（或本站未启用相应模块）。"]; continue; }
            foreach (var (k, v) in part.Validate(value)) errors[k] = v;
            found.Add((part, value));
        }
        return found;
    }

    /// <summary>409 with the fields that clash with the stored state, shaped like a validation problem.</summary>
    static ProblemHttpResult Conflict(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "与当前数据冲突",
            detail: string.Join(" ", errors.Values.SelectMany(v => v)), extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>The event and its parts in one transaction: the parts need the event's id. A part's <see cref="StateConflict"/> comes back as it is.</summary>
    static async Task<Dictionary<string, string[]>> SaveWithPartsAsync(OutreachDbContext db, Event item, List<(IEventPart Part, JsonElement Input)> parts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (parts.Count == 0) { await db.SaveChangesAsync(ct); return errors; }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        bool conflict = false, invalid = false;
        foreach (var (part, input) in parts)
        {
            var problems = await part.ApplyAsync(item, input, ct);
            conflict |= problems is StateConflict;
            invalid |= problems.Count > 0 && problems is not StateConflict;
            foreach (var (k, v) in problems) errors[k] = v;
        }
        if (errors.Count > 0) // nothing of it stays: the transaction rolls back
            return conflict && !invalid ? ToConflict(errors) : errors; // bad input is told first
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return errors;
    }

    static StateConflict ToConflict(Dictionary<string, string[]> errors)
    {
        var conflict = new StateConflict();
        foreach (var (k, v) in errors) conflict[k] = v;
        return conflict;
    }

    /// <summary>Copies the given fields onto the event; on update, a missing field keeps its value. zh-CN errors by field.</summary>
    internal static Dictionary<string, string[]> Apply(EventInput input, Event item, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating || input.Title is not null)
        {
            var title = input.Title?.Trim() ?? "";
            if (title.Length is 0 or > 300) errors["title"] = ["标题必填，且不超过 300 个字符。"];
            item.Title = title;
        }
        if (!string.IsNullOrWhiteSpace(input.Slug) && !Slugs.IsValid(input.Slug)) errors["slug"] = ["网址别名只能包含小写字母、数字和连字符，且不能全是数字。"];
        else if (EventSlugs.IsReserved(input.Slug)) errors["slug"] = [$"网址别名“{input.Slug}”已被系统页面占用，请换一个。"];
        if (input.Summary is not null)
        {
            if (input.Summary.Length > 1000) errors["summary"] = ["摘要不能超过 1000 个字符。"];
            item.Summary = input.Summary.Trim();
        }
        if (input.Body is not null) item.Body = input.Body;
        if (input.Organiser is not null) item.Organiser = input.Organiser.Trim();
        if (creating || input.StartsAt is not null)
        {
            if (ParseInstant(input.StartsAt) is { } s) item.StartsAt = s;
            else errors["startsAt"] = ["开始时间必填，应为带时区的 ISO 8601 时间，例如 2026-09-16T09:00:00+08:00。"];
        }
        if (creating || input.EndsAt is not null)
        {
            if (ParseInstant(input.EndsAt) is { } e) item.EndsAt = e;
            else errors["endsAt"] = ["结束时间必填，应为带时区的 ISO 8601 时间，例如 2026-09-16T12:00:00+08:00。"];
        }
        if (!errors.ContainsKey("startsAt") && !errors.ContainsKey("endsAt") && item.EndsAt < item.StartsAt)
            errors["endsAt"] = ["结束时间不能早于开始时间。"];
        if (creating || input.City is not null)
        {
            if (!GuangdongCities.IsValid(input.City)) errors["city"] = [GuangdongCities.Message(input.City) + "。"];
            else item.City = input.City!;
        }
        if (creating || input.Type is not null)
        {
            if (!EventTypes.IsValid(input.Type)) errors["type"] = [$"未知活动类型“{input.Type}”；可用：{string.Join("、", EventTypes.All)}。"];
            else item.Type = input.Type!;
        }
        if (input.Audience is not null)
        {
            var bad = input.Audience.Where(a => !Audiences.IsValid(a)).ToList();
            if (bad.Count > 0) errors["audience"] = [$"未知受众“{string.Join("、", bad)}”；可用：{string.Join("、", Audiences.All)}。"];
            else item.Audience = string.Join(",", input.Audience.Distinct());
        }
        if (input.District is not null) item.District = input.District.Trim();
        if (input.Venue is not null) item.VenueName = input.Venue.Trim();
        if (input.Address is not null) item.Address = input.Address.Trim();
        if (input.Latitude is not null) item.Latitude = input.Latitude;
        if (input.Longitude is not null) item.Longitude = input.Longitude;
        if (input.OnlineUrl is not null)
        {
            if (input.OnlineUrl.Length > 0 && !input.OnlineUrl.StartsWith("https://", StringComparison.Ordinal) && !input.OnlineUrl.StartsWith("http://", StringComparison.Ordinal))
                errors["onlineUrl"] = ["线上链接应为 http(s) 地址。"];
            item.OnlineUrl = input.OnlineUrl;
        }
        if (input.ContactPhone is not null) item.ContactPhone = input.ContactPhone.Trim();
        if (input.Tags is not null) item.Tags = string.Join(",", input.Tags.Select(t => t.Trim()).Where(t => t.Length > 0));
        if (input.Language is not null)
        {
            if (!EventLanguages.IsValid(input.Language)) errors["language"] = [EventLanguages.Message(input.Language) + "。"];
            else item.Language = input.Language;
        }
        if (input.Recurrence is not null)
        {
            var (rule, error) = EventRecurrence.Normalize(input.Recurrence);
            if (error is not null) errors["recurrence"] = [error + "。"];
            else item.Recurrence = rule!;
        }
        return errors;
    }

    /// <summary>
    /// <see cref="Apply"/>, then the references that need the database: the poster (an image of this site's
    /// media library) and the venue (copied onto the event); then the recurrence's last end.
    /// </summary>
    internal static async Task<Dictionary<string, string[]>> ApplyAsync(EventInput input, Event item, bool creating, OutreachDbContext db,
        IServiceProvider services, CancellationToken ct)
    {
        var errors = Apply(input, item, creating);
        if (input.PosterId is 0) item.PosterMediaId = null;
        else if (input.PosterId is { } posterId)
        {
            var images = (IImageLibrary?)services.GetService(typeof(IImageLibrary));
            if (images is null || await images.FindAsync(posterId, ct) is null) errors["posterId"] = [$"媒体库中没有编号为 {posterId} 的图片。"];
            else item.PosterMediaId = posterId;
        }
        if (input.VenueId is 0) item.VenueId = null;
        else if (input.VenueId is { } venueId)
        {
            if (await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId, ct) is not { } venue) errors["venueId"] = [$"没有编号为 {venueId} 的场馆。"];
            else EventVenues.CopyTo(venue, item);
        }
        if (errors.Count == 0) EventRecurrence.Refresh(item);
        return errors;
    }

    /// <summary>Posters of the given events by image id (an event's poster must be of its own site).</summary>
    static Dictionary<string, object>? DescribedParts(Event e, List<(string Name, IReadOnlyDictionary<int, object> ById)> described)
    {
        Dictionary<string, object>? parts = null;
        foreach (var (name, byId) in described)
            if (byId.TryGetValue(e.Id, out var value)) (parts ??= [])[name] = value;
        return parts;
    }

    internal static async Task<IReadOnlyDictionary<int, LibraryImage>> PostersAsync(HttpContext http, IReadOnlyCollection<Event> events, CancellationToken ct)
    {
        var ids = events.Where(e => e.PosterMediaId is not null).Select(e => e.PosterMediaId!.Value).Distinct().ToList();
        if (ids.Count == 0 || http.RequestServices.GetService(typeof(IImageLibrary)) is not IImageLibrary images) return new Dictionary<int, LibraryImage>();
        return await images.FindManyAsync(ids, ct);
    }

    internal static LibraryImage? PosterOf(Event e, IReadOnlyDictionary<int, LibraryImage> posters) =>
        e.PosterMediaId is { } id && posters.TryGetValue(id, out var image) && image.SiteId == e.SiteId ? image : null;

    /// <summary>An ISO 8601 instant that names its offset; a bare local time would be ambiguous.</summary>
    public static DateTimeOffset? ParseInstant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var hasOffset = value.EndsWith('Z') || value.Contains('+') || value.LastIndexOf('-') > 9;
        return hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToUniversalTime() : null;
    }

    static EventDto Dto(Event e, EventLinks links, HttpContext http, IReadOnlyList<EventSession>? sessions,
        IReadOnlyDictionary<int, LibraryImage> posters, ILookup<int, Speaker>? speakers = null) => new(
        e.Id, e.Slug, e.Title, e.Summary, e.Organiser, e.Type, e.AudienceList,
        OutreachTime.ToBeijing(e.StartsAt), OutreachTime.ToBeijing(e.EndsAt), e.City, e.District, e.VenueName, e.Address,
        e.Latitude, e.Longitude, e.OnlineUrl, e.TagList, EventLinks.Absolute(http, links.Path(e)), links.SiteName(e),
        sessions?.Select(s => new SessionDto(OutreachTime.ToBeijing(s.StartsAt), OutreachTime.ToBeijing(s.EndsAt), s.Track, s.Title, s.Speakers)
        {
            SpeakerProfiles = speakers?[s.Id].Select(p => new SpeakerDto(p.Id, p.Name, p.Affiliation, p.Title, p.Bio)).ToList(),
        }).ToList())
    {
        Language = e.Language, PosterId = PosterOf(e, posters)?.Id, VenueId = e.VenueId, Recurrence = e.Recurrence,
        PosterUrl = PosterOf(e, posters) is { } poster ? EventLinks.Absolute(http, poster.Url) : null,
        RecurrenceEndsAt = e.RecurrenceEndsAt is { } last ? OutreachTime.ToBeijing(last) : null,
    };
}
