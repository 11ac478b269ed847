using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Events.Pages.Admin.Events;

/// <summary>The site's venues: the list and one form to add or edit.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class VenuesModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public List<Venue> Items { get; private set; } = [];
    public Venue? Current { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Name { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string City { get; set; } = "广州";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string District { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Address { get; set; } = "";
    [BindProperty] public string? Latitude { get; set; }
    [BindProperty] public string? Longitude { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Key { get; set; } = "";

    public string SiteUrl(string path) => site.Url(path);

    static string? Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Current is { } v) (Name, City, District, Address, Latitude, Longitude, Key) = (v.Name, v.City, v.District, v.Address, Number(v.Latitude), Number(v.Longitude), v.Key);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var venue = Current ?? new Venue();
        venue.Name = Name.Trim();
        venue.District = District.Trim();
        venue.Address = Address.Trim();
        if (venue.Name.Length is 0 or > 200) Errors.Add("名称必填，且不超过 200 个字符。");
        if (!GuangdongCities.IsValid(City)) Errors.Add(GuangdongCities.Message(City) + "。");
        else venue.City = City;
        venue.Latitude = Coordinate(Latitude, 90, "纬度");
        venue.Longitude = Coordinate(Longitude, 180, "经度");
        var key = Key.Trim().Length > 0 ? Key.Trim() : Current?.Key ?? Slugs.FromTitle(venue.Name, "venue");
        if (!Slugs.IsValid(key)) Errors.Add("键只能包含小写字母、数字和连字符。");
        else if (await db.Set<Venue>().AnyAsync(x => x.Key == key && x.Id != venue.Id)) Errors.Add($"键“{key}”已被其他场馆使用，请换一个。");
        if (Errors.Count > 0) return Page();
        venue.Key = key;
        if (Current is null) db.Add(venue);
        audit.Record(User, Current is null ? "venue.create" : "venue.edit", "venue:" + key);
        await db.SaveChangesAsync();
        TempData["Message"] = "已保存。已选用此场馆的活动保留原有地址，重新保存活动即可更新。";
        return Redirect(site.Url($"/admin/venues/{venue.Id}"));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id) || Current is null) return NotFound();
        // Events keep the copied name and address; their VenueId is cleared by the foreign key.
        db.Remove(Current);
        audit.Record(User, "venue.delete", "venue:" + Current.Key);
        await db.SaveChangesAsync();
        TempData["Message"] = "已删除。";
        return Redirect(site.Url("/admin/venues"));
    }

    double? Coordinate(string? value, double limit, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= limit) return d;
        Errors.Add($"{name}应为 -{limit} 到 {limit} 之间的数字。");
        return null;
    }

    async Task<bool> LoadAsync(int? id)
    {
        Items = await db.Set<Venue>().AsNoTracking().OrderBy(v => v.City).ThenBy(v => v.Name).Take(1000).ToListAsync();
        if (id is null or 0) return true;
        Current = await db.Set<Venue>().FirstOrDefaultAsync(v => v.Id == id);
        return Current is not null;
    }
}
