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
public sealed class EditModel(OutreachDbContext db, SiteContext site, ContentEditor editor, SiteAuthorization auth, AuditLog audit) : PageModel
{
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

    public string SiteUrl(string path) => site.Url(path);

    static string Local(DateTimeOffset at) => OutreachTime.ToBeijing(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Item is { } e)
        {
            (Title, Slug, Summary, Body, Organiser, Type, Audience) = (e.Title, e.Slug, e.Summary, e.Body, e.Organiser, e.Type, e.AudienceList.ToList());
            (StartsAt, EndsAt, City, District, Venue, Address) = (Local(e.StartsAt), Local(e.EndsAt), e.City, e.District, e.VenueName, e.Address);
            (OnlineUrl, ContactPhone, Tags, Revision) = (e.OnlineUrl, e.ContactPhone, string.Join("，", e.TagList), e.Revision);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Item is not null && Item.Revision != Revision) { Errors.Add("这条活动已被他人修改，请刷新后重试。"); return Page(); }
        var item = Item ?? new Event();
        // The form gives Beijing wall-clock times; the API rules then apply unchanged.
        var input = new EventsApi.EventInput(Title, Slug, Summary, Body, Organiser, Beijing(StartsAt), Beijing(EndsAt), City, District, Type,
            [.. Audience], Venue, Address, null, null, OnlineUrl, ContactPhone,
            Tags.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), false);
        var errors = EventsApi.Apply(input, item, creating: true);
        if (errors.Count > 0) { Errors.AddRange(errors.Values.SelectMany(v => v)); return Page(); }
        item.Slug = await editor.UniqueSlugAsync<Event>(string.IsNullOrWhiteSpace(Slug) ? Item?.Slug : Slug.Trim(), item.Title, item.Id);
        if (Item is null) editor.Add(item, AuditLog.ActorOf(User));
        else editor.Save(item, AuditLog.ActorOf(User));
        audit.Record(User, Item is null ? "content.create" : "content.edit", "event:" + item.Slug);
        return await SaveAsync(item, "已保存。");
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
            ContactPhone = source.ContactPhone, Tags = source.Tags, Status = ContentStatus.Draft,
            CampaignId = source.CampaignId is { } cid && await db.Set<Campaign>().AnyAsync(c => c.Id == cid) ? cid : null,
        };
        copy.Slug = await editor.UniqueSlugAsync<Event>(source.Slug + "-copy", copy.Title);
        var sessions = await db.Set<EventSession>().AsNoTracking().Where(s => s.EventId == source.Id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        editor.Add(copy, AuditLog.ActorOf(User));
        audit.Record(User, "content.duplicate", $"event:{source.Slug}->{copy.Slug}");
        await db.SaveChangesAsync();
        db.AddRange(sessions.Select(s => new EventSession { EventId = copy.Id, StartsAt = s.StartsAt, EndsAt = s.EndsAt, Track = s.Track, Title = s.Title, Speakers = s.Speakers }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "已复制为新的草稿活动，请修改标题和日期后发布。";
        return Redirect(site.Url($"/admin/events/edit/{copy.Id}"));
    }

    static string? Beijing(string local) => local.Length == 0 ? null : (local.Length == 16 ? local + ":00" : local) + "+08:00";

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
