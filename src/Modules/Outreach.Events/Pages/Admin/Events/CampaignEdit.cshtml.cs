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

/// <summary>The site's own campaigns: create and edit title, slug, summary and dates (Beijing time).</summary>
[SitePermission(Permissions.EditContent)]
public sealed class CampaignEditModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public List<Campaign> Items { get; private set; } = [];
    public Campaign? Current { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Title { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Slug { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Summary { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string StartsAt { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string EndsAt { get; set; } = "";

    public string SiteUrl(string path) => site.Url(path);


    static DateTimeOffset? Beijing(string local) => EventsApi.ParseInstant(OutreachTime.FromLocalInput(local));

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Current is { } c) (Title, Slug, Summary, StartsAt, EndsAt) = (c.Title, c.Slug, c.Summary, OutreachTime.LocalInput(c.StartsAt), OutreachTime.LocalInput(c.EndsAt));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var campaign = Current ?? new Campaign();
        campaign.Title = Title.Trim();
        campaign.Summary = Summary.Trim();
        if (campaign.Title.Length is 0 or > 300) Errors.Add("标题必填，且不超过 300 个字符。");
        if (campaign.Summary.Length > 1000) Errors.Add("摘要不能超过 1000 个字符。");
        if (Beijing(StartsAt) is { } starts) campaign.StartsAt = starts; else Errors.Add("开始时间必填。");
        if (Beijing(EndsAt) is { } ends) campaign.EndsAt = ends; else Errors.Add("结束时间必填。");
        if (Errors.Count == 0 && campaign.EndsAt < campaign.StartsAt) Errors.Add("结束时间不能早于开始时间。");
        var slug = Slug.Trim().Length > 0 ? Slug.Trim() : Current?.Slug ?? Slugs.FromTitle(campaign.Title, "campaign");
        if (!Slugs.IsValid(slug)) Errors.Add("网址别名只能包含小写字母、数字和连字符，且不能全是数字。");
        else if (await db.Set<Campaign>().AnyAsync(c => c.Slug == slug && c.Id != campaign.Id)) Errors.Add($"网址别名“{slug}”已被其他活动系列使用，请换一个。");
        if (Errors.Count > 0) return Page();
        campaign.Slug = slug;
        if (Current is null) db.Add(campaign);
        audit.Record(User, Current is null ? "campaign.create" : "campaign.edit", "campaign:" + slug);
        await db.SaveChangesAsync();
        TempData["Message"] = "已保存。";
        return Redirect(site.Url($"/admin/campaigns/edit/{campaign.Id}"));
    }

    async Task<bool> LoadAsync(int? id)
    {
        Items = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.StartsAt).Take(500).ToListAsync();
        if (id is null or 0) return true;
        Current = await db.Set<Campaign>().FirstOrDefaultAsync(c => c.Id == id);
        return Current is not null;
    }
}
