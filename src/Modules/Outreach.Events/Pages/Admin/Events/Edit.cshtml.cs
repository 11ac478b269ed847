using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>Create and edit an event; times are entered in Beijing time. Validation is the API's.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class EditModel(OutreachDbContext db, SiteContext site, ContentEditor editor, SiteAuthorization auth, AuditLog audit,
    IServiceProvider services) : PageModel
{
    /// <summary>One agenda row of the form; a row without a title is dropped, as is one marked for removal.</summary>
    public sealed class SessionRow
    {
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string StartsAt { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string EndsAt { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string Track { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string Title { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)] public string Speakers { get; set; } = "";
        public List<int> SpeakerIds { get; set; } = [];
        public bool Remove { get; set; }
    }

    const int BlankSessionRows = 3;

    public Event? Item { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Title { get; set; } = "";
    [BindProperty] public string? Slug { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Summary { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Body { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Organiser { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Type { get; set; } = EventTypes.Lecture;
    [BindProperty] public List<string> Audience { get; set; } = [];
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string StartsAt { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string EndsAt { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string City { get; set; } = "广州";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string District { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Venue { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Address { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string OnlineUrl { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string ContactPhone { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Tags { get; set; } = "";
    [BindProperty] public int Revision { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Language { get; set; } = EventLanguages.Default;
    [BindProperty] public int? PosterId { get; set; }
    [BindProperty] public int? PosterIdOther { get; set; }
    [BindProperty] public int? VenueId { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Recurrence { get; set; } = "";
    [BindProperty] public List<SessionRow> Sessions { get; set; } = [];

    public IReadOnlyList<LibraryImage> Images { get; private set; } = [];
    public List<Venue> Venues { get; private set; } = [];
    public List<Speaker> SpeakerChoices { get; private set; } = [];

    async Task LoadChoicesAsync()
    {
        if (services.GetService(typeof(IImageLibrary)) is IImageLibrary images)
        {
            var recent = await images.RecentAsync(12, HttpContext.RequestAborted);
            var current = PosterId is { } pid && recent.All(i => i.Id != pid) ? await images.FindAsync(pid, HttpContext.RequestAborted) : null;
            Images = current is null ? recent : [current, .. recent];
        }
        Venues = await db.Set<Venue>().AsNoTracking().OrderBy(v => v.City).ThenBy(v => v.Name).ToListAsync();
        SpeakerChoices = await db.Set<Speaker>().AsNoTracking().OrderBy(p => p.Name).ToListAsync();
    }

    public string SiteUrl(string path) => site.Url(path);


    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Item is { } e)
        {
            (Title, Slug, Summary, Body, Organiser, Type, Audience) = (e.Title, e.Slug, e.Summary, e.Body, e.Organiser, e.Type, e.AudienceList.ToList());
            (StartsAt, EndsAt, City, District, Venue, Address) = (OutreachTime.LocalInput(e.StartsAt), OutreachTime.LocalInput(e.EndsAt), e.City, e.District, e.VenueName, e.Address);
            (OnlineUrl, ContactPhone, Tags, Revision) = (e.OnlineUrl, e.ContactPhone, string.Join("，", e.TagList), e.Revision);
            (Language, PosterId, VenueId, Recurrence) = (e.Language, e.PosterMediaId, e.VenueId, e.Recurrence);
            var sessions = await db.Set<EventSession>().AsNoTracking().Where(x => x.EventId == e.Id).OrderBy(x => x.StartsAt).ThenBy(x => x.Id).ToListAsync();
            var speakers = await EventSpeakers.OfSessionsAsync(db, sessions, HttpContext.RequestAborted);
            Sessions = sessions.Select(x => new SessionRow
            {
                StartsAt = OutreachTime.LocalInput(x.StartsAt), EndsAt = OutreachTime.LocalInput(x.EndsAt), Track = x.Track, Title = x.Title, Speakers = x.Speakers,
                SpeakerIds = speakers[x.Id].Select(p => p.Id).ToList(),
            }).ToList();
        }
        Sessions.AddRange(Enumerable.Range(0, BlankSessionRows).Select(_ => new SessionRow()));
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        await LoadChoicesAsync();
        if (!await LoadAsync(id)) return NotFound();
        if (Item is not null && Item.Revision != Revision) { Errors.Add("这条活动已被他人修改，请刷新后重试。"); return Page(); }
        var item = Item ?? new Event();
        // The form gives Beijing wall-clock times; the API rules then apply unchanged.
        var input = new EventsApi.EventInput(Title, Slug, Summary, Body, Organiser, OutreachTime.FromLocalInput(StartsAt), OutreachTime.FromLocalInput(EndsAt), City, District, Type,
            [.. Audience], Venue, Address, null, null, OnlineUrl, ContactPhone,
            Tags.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), false)
        {
            Language = Language, Recurrence = Recurrence, PosterId = PosterIdOther ?? PosterId ?? 0, VenueId = VenueId ?? 0,
        };
        var errors = await EventsApi.ApplyAsync(input, item, creating: true, db, services, HttpContext.RequestAborted);
        var sessions = ParseSessions();
        if (errors.Count > 0 || Errors.Count > 0) { Errors.InsertRange(0, errors.Values.SelectMany(v => v)); return Page(); }
        item.Slug = await EventSlugs.UniqueAsync(editor, string.IsNullOrWhiteSpace(Slug) ? Item?.Slug : Slug.Trim(), item.Title, item.Id);
        if (Item is null) editor.Add(item, AuditLog.ActorOf(User));
        else editor.Save(item, AuditLog.ActorOf(User));
        audit.Record(User, Item is null ? "content.create" : "content.edit", "event:" + item.Slug);
        await using var transaction = await db.Database.BeginTransactionAsync();
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { Errors.Add("网址别名已被使用，请换一个。"); return Page(); }
        // The agenda is replaced as a whole, like a recipe run: the form shows every row.
        await db.Set<EventSession>().Where(x => x.EventId == item.Id).ExecuteDeleteAsync();
        foreach (var (session, _) in sessions)
        {
            session.EventId = item.Id;
            db.Add(session);
        }
        await db.SaveChangesAsync();
        foreach (var (session, speakerIds) in sessions) EventSpeakers.Set(db, session, speakerIds);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "已保存。";
        return Redirect(site.Url($"/admin/events/edit/{item.Id}"));
    }

    /// <summary>The agenda rows as sessions (Beijing times), or errors naming the row.</summary>
    List<(EventSession Session, List<int> SpeakerIds)> ParseSessions()
    {
        var result = new List<(EventSession, List<int>)>();
        var known = SpeakerChoices.Select(p => p.Id).ToHashSet();
        foreach (var (row, n) in Sessions.Select((r, i) => (r, i + 1)))
        {
            if (row.Remove || (row.Title.Trim().Length == 0 && row.StartsAt.Length == 0 && row.Track.Trim().Length == 0)) continue;
            var starts = EventsApi.ParseInstant(OutreachTime.FromLocalInput(row.StartsAt));
            var ends = EventsApi.ParseInstant(OutreachTime.FromLocalInput(row.EndsAt));
            if (row.Title.Trim().Length is 0 or > 300) Errors.Add($"议程第 {n} 行：标题必填，且不超过 300 个字符。");
            if (starts is null || ends is null) Errors.Add($"议程第 {n} 行：开始和结束时间必填。");
            else if (ends < starts) Errors.Add($"议程第 {n} 行：结束时间不能早于开始时间。");
            if (row.SpeakerIds.Any(id => !known.Contains(id))) Errors.Add($"议程第 {n} 行：演讲嘉宾不在本站嘉宾库中。");
            if (starts is null || ends is null) continue;
            result.Add((new EventSession
            {
                StartsAt = starts.Value, EndsAt = ends.Value, Track = row.Track.Trim(), Title = row.Title.Trim(), Speakers = row.Speakers.Trim(),
            }, row.SpeakerIds));
        }
        return result;
    }

    public Task<IActionResult> OnPostPublishAsync(int id) => ChangeAsync(id, Permissions.PublishContent, (e, a) => editor.Publish(e, a), "content.publish", "已发布。");

    public Task<IActionResult> OnPostUnpublishAsync(int id) => ChangeAsync(id, Permissions.PublishContent, (e, a) => editor.Unpublish(e, a), "content.unpublish", "已撤回为草稿。");

    public Task<IActionResult> OnPostDeleteAsync(int id) => ChangeAsync(id, Permissions.EditContent, (e, a) => editor.Delete(e, a), "content.delete", "已删除。");

    /// <summary>
    /// 复制为新活动: a draft with the same fields and agenda (next year's forum), the title suffixed and the
    /// dates kept for the editor to change. A campaign is kept only when it is this site's own.
    /// </summary>
    public async Task<IActionResult> OnPostDuplicateAsync(int id)
    {
        if (!await LoadAsync(id) || Item is not { } source) return NotFound();
        var copy = new Event
        {
            Title = source.Title + "（副本）", Summary = source.Summary, Body = source.Body, Organiser = source.Organiser, Type = source.Type,
            Audience = source.Audience, StartsAt = source.StartsAt, EndsAt = source.EndsAt, VenueName = source.VenueName, Address = source.Address,
            City = source.City, District = source.District, Latitude = source.Latitude, Longitude = source.Longitude, OnlineUrl = source.OnlineUrl,
            ContactPhone = source.ContactPhone, Tags = source.Tags, Status = ContentStatus.Draft, Language = source.Language,
            PosterMediaId = source.PosterMediaId, VenueId = source.VenueId, Recurrence = source.Recurrence, RecurrenceEndsAt = source.RecurrenceEndsAt,
            CampaignId = source.CampaignId is { } cid && await db.Set<Campaign>().AnyAsync(c => c.Id == cid) ? cid : null,
        };
        copy.Slug = await EventSlugs.UniqueAsync(editor, source.Slug + "-copy", copy.Title, 0);
        var sessions = await db.Set<EventSession>().AsNoTracking().Where(s => s.EventId == source.Id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        editor.Add(copy, AuditLog.ActorOf(User));
        audit.Record(User, "content.duplicate", $"event:{source.Slug}->{copy.Slug}");
        await db.SaveChangesAsync();
        var speakers = await EventSpeakers.OfSessionsAsync(db, sessions, HttpContext.RequestAborted);
        var copies = sessions.Select(s => (Source: s, Copy: new EventSession { EventId = copy.Id, StartsAt = s.StartsAt, EndsAt = s.EndsAt, Track = s.Track, Title = s.Title, Speakers = s.Speakers })).ToList();
        db.AddRange(copies.Select(c => c.Copy));
        await db.SaveChangesAsync();
        foreach (var (s, c) in copies) EventSpeakers.Set(db, c, speakers[s.Id].Select(p => p.Id));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "已复制为新的草稿活动，请修改标题和日期后发布。";
        return Redirect(site.Url($"/admin/events/edit/{copy.Id}"));
    }


    async Task<IActionResult> ChangeAsync(int id, string permission, Action<Event, string> change, string action, string message)
    {
        if (!await LoadAsync(id) || Item is null) return NotFound();
        if (!await auth.HasAsync(User, permission)) return Forbid();
        change(Item, AuditLog.ActorOf(User));
        audit.Record(User, action, "event:" + Item.Slug);
        return await SaveAsync(Item, message);
    }

    async Task<IActionResult> SaveAsync(Event item, string message)
    {
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException) { Errors.Add("网址别名已被使用，请换一个。"); return Page(); }
        TempData["Message"] = message;
        return Redirect(site.Url(item.DeletedAt is null ? $"/admin/events/edit/{item.Id}" : "/admin/events"));
    }

    async Task<bool> LoadAsync(int? id)
    {
        if (id is null or 0) return true;
        Item = await db.Set<Event>().FirstOrDefaultAsync(e => e.Id == id);
        return Item is not null;
    }
}
