using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>The site's speakers: the list and one form to add or edit.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class SpeakersModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public List<Speaker> Items { get; private set; } = [];
    public Speaker? Current { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Name { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Affiliation { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Title { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Bio { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Key { get; set; } = "";

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Current is { } p) (Name, Affiliation, Title, Bio, Key) = (p.Name, p.Affiliation, p.Title, p.Bio, p.Key);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var speaker = Current ?? new Speaker();
        speaker.Name = Name.Trim();
        speaker.Affiliation = Affiliation.Trim();
        speaker.Title = Title.Trim();
        speaker.Bio = Bio.Trim();
        if (speaker.Name.Length is 0 or > 100) Errors.Add("姓名必填，且不超过 100 个字符。");
        if (speaker.Affiliation.Length > 200 || speaker.Title.Length > 100 || speaker.Bio.Length > 2000) Errors.Add("单位不超过 200 个字符，职称不超过 100 个字符，简介不超过 2000 个字符。");
        var key = Key.Trim().Length > 0 ? Key.Trim() : Current?.Key ?? Slugs.FromTitle(speaker.Name, "speaker");
        if (!Slugs.IsValid(key)) Errors.Add("键只能包含小写字母、数字和连字符。");
        else if (await db.Set<Speaker>().AnyAsync(x => x.Key == key && x.Id != speaker.Id)) Errors.Add($"键“{key}”已被其他嘉宾使用，请换一个。");
        if (Errors.Count > 0) return Page();
        speaker.Key = key;
        if (Current is null) db.Add(speaker);
        audit.Record(User, Current is null ? "speaker.create" : "speaker.edit", "speaker:" + key);
        await db.SaveChangesAsync();
        TempData["Message"] = "已保存。";
        return Redirect(site.Url($"/admin/speakers/{speaker.Id}"));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id) || Current is null) return NotFound();
        // Sessions keep their free-text speakers; only the link to this profile goes.
        db.Remove(Current);
        audit.Record(User, "speaker.delete", "speaker:" + Current.Key);
        await db.SaveChangesAsync();
        TempData["Message"] = "已删除。";
        return Redirect(site.Url("/admin/speakers"));
    }

    async Task<bool> LoadAsync(int? id)
    {
        Items = await db.Set<Speaker>().AsNoTracking().OrderBy(p => p.Name).Take(1000).ToListAsync();
        if (id is null or 0) return true;
        Current = await db.Set<Speaker>().FirstOrDefaultAsync(p => p.Id == id);
        return Current is not null;
    }
}
