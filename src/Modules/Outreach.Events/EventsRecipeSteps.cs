using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;

namespace Outreach.Events;

/// <summary>
/// <c>{ "step": "campaign", "items": [ { "slug", "title", "summary", "startsAt", "endsAt" } ] }</c>, keyed by slug.
/// </summary>
public sealed class CampaignRecipeStep : IRecipeStep
{
    public string Name => "campaign";

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var slugs = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var slug = v.RequiredString(item, "slug", path, Slugs.MaxLength);
            if (slug is not null && (!Slugs.IsValid(slug) || !slugs.Add(slug))) v.Error($"{path}.slug", "应为唯一的 slug（小写字母、数字和连字符）");
            v.RequiredString(item, "title", path);
            v.OptionalString(item, "summary", path, 1000);
            var starts = v.OptionalInstant(item, "startsAt", path);
            var ends = v.OptionalInstant(item, "endsAt", path);
            if (starts is null) v.Error($"{path}.startsAt", "必填：开始时间");
            if (ends is null) v.Error($"{path}.endsAt", "必填：结束时间");
            if (starts > ends) v.Error($"{path}.endsAt", "结束时间不能早于开始时间");
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        foreach (var item in step.Array("items"))
        {
            var slug = item.String("slug")!;
            var campaign = await context.Db.Set<Campaign>().FirstOrDefaultAsync(c => c.Slug == slug, ct);
            if (campaign is null) context.Db.Add(campaign = new Campaign { SiteId = context.Site.Id, Slug = slug });
            campaign.Title = item.String("title")!;
            campaign.Summary = item.String("summary") ?? "";
            campaign.StartsAt = item.Instant("startsAt")!.Value;
            campaign.EndsAt = item.Instant("endsAt")!.Value;
        }
        // Events in later steps look campaigns up by slug.
        await context.Db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// <c>{ "step": "speakers", "items": [ { "key", "name", "affiliation", "title", "bio" } ] }</c>, keyed by key;
/// sessions of the <c>events</c> step name them in <c>"speakerKeys"</c>.
/// </summary>
public sealed class SpeakersRecipeStep : IRecipeStep
{
    public string Name => "speakers";

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var keys = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var key = v.RequiredString(item, "key", path, Slugs.MaxLength);
            if (key is not null && (!Slugs.IsValid(key) || !keys.Add(key))) v.Error($"{path}.key", "应为唯一的键（小写字母、数字和连字符）");
            v.RequiredString(item, "name", path, 100);
            v.OptionalString(item, "affiliation", path, 200);
            v.OptionalString(item, "title", path, 100);
            v.OptionalString(item, "bio", path, 2000);
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        foreach (var item in step.Array("items"))
        {
            var key = item.String("key")!;
            var speaker = await context.Db.Set<Speaker>().FirstOrDefaultAsync(x => x.Key == key, ct);
            if (speaker is null) context.Db.Add(speaker = new Speaker { SiteId = context.Site.Id, Key = key });
            speaker.Name = item.String("name")!;
            speaker.Affiliation = item.String("affiliation") ?? "";
            speaker.Title = item.String("title") ?? "";
            speaker.Bio = item.String("bio") ?? "";
        }
        await context.Db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// <c>{ "step": "venues", "items": [ { "key", "name", "address", "city", "district", "latitude", "longitude" } ] }</c>,
/// keyed by key; events name one in <c>"venueKey"</c>.
/// </summary>
public sealed class VenuesRecipeStep : IRecipeStep
{
    public string Name => "venues";

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var keys = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var key = v.RequiredString(item, "key", path, Slugs.MaxLength);
            if (key is not null && (!Slugs.IsValid(key) || !keys.Add(key))) v.Error($"{path}.key", "应为唯一的键（小写字母、数字和连字符）");
            v.RequiredString(item, "name", path, 200);
            var city = v.RequiredString(item, "city", path, 16);
            if (city is not null && !GuangdongCities.IsValid(city)) v.Error($"{path}.city", GuangdongCities.Message(city));
            v.OptionalString(item, "address", path, 500);
            v.OptionalString(item, "district", path, 100);
            foreach (var name in new[] { "latitude", "longitude" })
                if (item.TryGetProperty(name, out var n) && n.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)) v.Error($"{path}.{name}", "应为数字");
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        foreach (var item in step.Array("items"))
        {
            var key = item.String("key")!;
            var venue = await context.Db.Set<Venue>().FirstOrDefaultAsync(x => x.Key == key, ct);
            if (venue is null) context.Db.Add(venue = new Venue { SiteId = context.Site.Id, Key = key });
            venue.Name = item.String("name")!;
            venue.City = item.String("city")!;
            venue.Address = item.String("address") ?? "";
            venue.District = item.String("district") ?? "";
            venue.Latitude = item.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number ? lat.GetDouble() : null;
            venue.Longitude = item.TryGetProperty("longitude", out var lng) && lng.ValueKind == JsonValueKind.Number ? lng.GetDouble() : null;
        }
        await context.Db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// <c>{ "step": "events", "items": [ { "slug", "title", "type", "city", "startsAt", "endsAt", "audience": [], "sessions": [] … } ] }</c>,
/// keyed by slug; sessions are replaced on every run. <c>"venueKey"</c> and a session's <c>"speakerKeys"</c> name
/// venues and speakers of this site (earlier steps or runs); <c>"language"</c> and <c>"recurrence"</c> (an RRULE) are optional. <c>"campaign": "slug"</c> joins this site's campaign,
/// <c>"campaign": "site/slug"</c> asks to join another site's (pending until its owner approves).
/// </summary>
public sealed class EventsRecipeStep(IServiceScopeFactory scopes) : IRecipeStep
{
    public string Name => "events";

    /// <summary>Other modules' parts of an event (<see cref="IEventPart"/>) by name, e.g. <c>"registration": {...}</c>.</summary>
    static IEnumerable<(IEventPart Part, JsonElement Value)> Parts(JsonElement item, IServiceProvider services) =>
        services.GetServices<IEventPart>().Select(p => (p, item.TryGetProperty(p.Name, out var v) ? v : default))
            .Where(x => x.Item2.ValueKind == JsonValueKind.Object);

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var slugs = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var slug = v.RequiredString(item, "slug", path, Slugs.MaxLength);
            if (slug is not null && (!Slugs.IsValid(slug) || !slugs.Add(slug))) v.Error($"{path}.slug", "应为唯一的 slug（小写字母、数字和连字符）");
            else if (EventSlugs.IsReserved(slug)) v.Error($"{path}.slug", $"“{slug}”已被系统页面占用，请换一个 slug");
            v.RequiredString(item, "title", path);
            v.OptionalString(item, "summary", path, 1000);
            v.OptionalString(item, "body", path);
            var language = v.OptionalString(item, "language", path, 16);
            if (language is not null && !EventLanguages.IsValid(language)) v.Error($"{path}.language", EventLanguages.Message(language));
            var recurrence = v.OptionalString(item, "recurrence", path, 500);
            if (recurrence is not null && EventRecurrence.Normalize(recurrence).Error is { } rerror) v.Error($"{path}.recurrence", rerror);
            var venueKey = v.OptionalString(item, "venueKey", path, Slugs.MaxLength);
            if (venueKey is not null && !Slugs.IsValid(venueKey)) v.Error($"{path}.venueKey", "应为场馆的键（小写字母、数字和连字符）");
            v.OptionalString(item, "organiser", path, 200);
            var type = v.RequiredString(item, "type", path, 32);
            if (type is not null && !EventTypes.IsValid(type)) v.Error($"{path}.type", $"未知活动类型“{type}”；可用：{string.Join("、", EventTypes.All)}");
            var city = v.RequiredString(item, "city", path, 16);
            if (city is not null && !GuangdongCities.IsValid(city)) v.Error($"{path}.city", GuangdongCities.Message(city));
            foreach (var (a, apath) in OptionalArray(item, "audience", path, v))
                if (a.ValueKind != JsonValueKind.String || !Audiences.IsValid(a.GetString())) v.Error(apath, $"未知受众；可用：{string.Join("、", Audiences.All)}");
            foreach (var (t, tpath) in OptionalArray(item, "tags", path, v))
                if (t.ValueKind != JsonValueKind.String) v.Error(tpath, "应为字符串");
            var starts = v.OptionalInstant(item, "startsAt", path);
            var ends = v.OptionalInstant(item, "endsAt", path);
            if (starts is null) v.Error($"{path}.startsAt", "必填：开始时间（带时区的 ISO 8601）");
            if (ends is null) v.Error($"{path}.endsAt", "必填：结束时间（带时区的 ISO 8601）");
            if (starts > ends) v.Error($"{path}.endsAt", "结束时间不能早于开始时间");
            foreach (var name in new[] { "venue", "address", "district", "onlineUrl", "phone" }) v.OptionalString(item, name, path, 500);
            foreach (var name in new[] { "latitude", "longitude" })
                if (item.TryGetProperty(name, out var n) && n.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)) v.Error($"{path}.{name}", "应为数字");
            var campaign = v.OptionalString(item, "campaign", path, 200);
            if (campaign is not null && campaign.Split('/') is var parts && (parts.Length > 2 || parts.Any(p => p.Length == 0)))
                v.Error($"{path}.campaign", "应为本站活动系列的 slug，或“站点名/slug”");
            v.OptionalBool(item, "publish", path);
            using (var scope = scopes.CreateScope())
                foreach (var (part, value) in Parts(item, scope.ServiceProvider))
                    foreach (var (key, messages) in part.Validate(value))
                        foreach (var message in messages) v.Error($"{path}.{key}", message);
            foreach (var (s, spath) in OptionalArray(item, "sessions", path, v))
            {
                v.RequiredString(s, "title", spath);
                v.OptionalString(s, "track", spath, 200);
                v.OptionalString(s, "speakers", spath, 2000);
                foreach (var (k, kpath) in OptionalArray(s, "speakerKeys", spath, v))
                    if (k.ValueKind != JsonValueKind.String || !Slugs.IsValid(k.GetString()!)) v.Error(kpath, "应为演讲嘉宾的键（小写字母、数字和连字符）");
                if (v.OptionalInstant(s, "startsAt", spath) is null) v.Error($"{spath}.startsAt", "必填：开始时间");
                if (v.OptionalInstant(s, "endsAt", spath) is null) v.Error($"{spath}.endsAt", "必填：结束时间");
            }
        }
    }

    static IEnumerable<(JsonElement, string)> OptionalArray(JsonElement item, string name, string path, RecipeValidation v)
    {
        if (!item.TryGetProperty(name, out var a) || a.ValueKind == JsonValueKind.Null) return [];
        if (a.ValueKind != JsonValueKind.Array) { v.Error($"{path}.{name}", "应为数组"); return []; }
        return a.EnumerateArray().Select((x, i) => (x, $"{path}.{name}[{i}]")).ToList();
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var db = context.Db;
        var editor = context.Services.GetRequiredService<ContentEditor>();
        var clock = context.Services.GetRequiredService<TimeProvider>();
        var pendingEntries = new List<(Event Event, Campaign Campaign)>();
        foreach (var (item, index) in step.Array("items").Select((x, n) => (x, n)))
        {
            var slug = item.String("slug")!;
            var existing = await db.Set<Event>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstOrDefaultAsync(x => x.Slug == slug, ct);
            var target = existing ?? new Event { SiteId = context.Site.Id, Slug = slug };
            var before = existing is null ? null : ContentEditor.Snapshot(existing).ToJsonString();
            target.Title = item.String("title")!;
            target.Summary = item.String("summary") ?? "";
            target.Body = item.String("body") ?? "";
            target.Organiser = item.String("organiser") ?? "";
            target.Type = item.String("type")!;
            target.City = item.String("city")!;
            target.District = item.String("district") ?? "";
            target.Audience = string.Join(",", item.Array("audience").Select(a => a.GetString()).Distinct());
            target.Tags = string.Join(",", item.Array("tags").Select(a => a.GetString()));
            target.StartsAt = item.Instant("startsAt")!.Value;
            target.EndsAt = item.Instant("endsAt")!.Value;
            target.VenueName = item.String("venue") ?? "";
            target.Address = item.String("address") ?? "";
            target.OnlineUrl = item.String("onlineUrl") ?? "";
            target.ContactPhone = item.String("phone") ?? "";
            target.Latitude = item.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number ? lat.GetDouble() : null;
            target.Longitude = item.TryGetProperty("longitude", out var lng) && lng.ValueKind == JsonValueKind.Number ? lng.GetDouble() : null;
            target.Language = item.String("language") ?? EventLanguages.Default;
            target.Recurrence = EventRecurrence.Normalize(item.String("recurrence")).Rule ?? "";
            target.VenueId = null;
            if (item.String("venueKey") is { } venueKey)
                EventVenues.CopyTo(await db.Set<Venue>().AsNoTracking().FirstOrDefaultAsync(x => x.Key == venueKey, ct)
                    ?? throw new RecipeException([new RecipeError(context.Author, "events", $"items[{index}].venueKey", $"找不到场馆“{venueKey}”；请先在 venues 步骤中定义")]), target);
            EventRecurrence.Refresh(target);
            target.Status = item.Bool("publish", true) ? ContentStatus.Published : ContentStatus.Draft;
            target.DeletedAt = null;
            var campaign = item.String("campaign") is { } reference ? await FindCampaignAsync(db, context, reference, ct) : null;
            target.CampaignId = campaign?.Id;
            if (existing is null) editor.Add(target, context.Author);
            else if (before != ContentEditor.Snapshot(target).ToJsonString()) editor.Save(target, context.Author, "recipe");
            await db.SaveChangesAsync(ct); // the id is needed by sessions and entries

            await db.Set<EventSession>().Where(s => s.EventId == target.Id).ExecuteDeleteAsync(ct);
            var sessionSpeakers = new List<(EventSession Session, List<int> SpeakerIds)>();
            foreach (var (s, i) in item.Array("sessions").Select((s, i) => (s, i)))
            {
                var session = new EventSession
                {
                    SiteId = context.Site.Id, EventId = target.Id, Title = s.String("title")!, Track = s.String("track") ?? "",
                    Speakers = s.String("speakers") ?? "", StartsAt = s.Instant("startsAt")!.Value, EndsAt = s.Instant("endsAt")!.Value,
                };
                db.Add(session);
                var ids = new List<int>();
                foreach (var key in s.Array("speakerKeys").Select(k => k.GetString()!))
                    ids.Add(await db.Set<Speaker>().Where(x => x.Key == key).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct)
                        ?? throw new RecipeException([new RecipeError(context.Author, "events", $"items[{index}].sessions[{i}].speakerKeys", $"找不到演讲嘉宾“{key}”；请先在 speakers 步骤中定义")]));
                if (ids.Count > 0) sessionSpeakers.Add((session, ids));
            }
            if (sessionSpeakers.Count > 0)
            {
                await db.SaveChangesAsync(ct); // session ids
                foreach (var (session, ids) in sessionSpeakers) EventSpeakers.Set(db, session, ids);
            }
            foreach (var (part, value) in Parts(item, context.Services))
            {
                var problems = await part.ApplyAsync(target, value, ct);
                if (problems.Count > 0)
                    throw new RecipeException([.. problems.SelectMany(p => p.Value.Select(m => new RecipeError(context.Author, "events", $"items[{index}].{p.Key}", m)))]);
            }
            if (campaign is not null && campaign.SiteId != context.Site.Id) pendingEntries.Add((target, campaign));
        }
        foreach (var (e, c) in pendingEntries)
        {
            // Entries belong to the owner's site; a re-run keeps the owner's decision.
            var known = await db.Set<CampaignEntry>().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
                .AnyAsync(x => x.CampaignId == c.Id && x.EventId == e.Id, ct);
            if (!known)
                db.Add(new CampaignEntry { SiteId = c.SiteId, CampaignId = c.Id, EventSiteId = e.SiteId, EventId = e.Id, Status = EntryStatus.Pending, CreatedAt = clock.GetUtcNow() });
        }
    }

    static async Task<Campaign> FindCampaignAsync(OutreachDbContext db, RecipeApplyContext context, string reference, CancellationToken ct)
    {
        var parts = reference.Split('/');
        var siteId = context.Site.Id;
        var slug = reference;
        if (parts.Length == 2)
        {
            slug = parts[1];
            siteId = await db.Sites.Where(s => s.Name == parts[0]).Select(s => s.Id).FirstOrDefaultAsync(ct);
        }
        // Another site's campaign: reading it across sites is the point of joining.
        return await db.Set<Campaign>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).FirstOrDefaultAsync(c => c.SiteId == siteId && c.Slug == slug, ct)
            ?? throw new RecipeException([new RecipeError(context.Author, "events", "campaign", $"找不到活动系列“{reference}”；请先运行定义它的配方")]);
    }
}
