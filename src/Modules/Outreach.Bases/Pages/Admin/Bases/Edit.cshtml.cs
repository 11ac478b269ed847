using Microsoft.AspNetCore.Mvc;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>A base's page text and facts, edited by its staff: summary, introduction, address, transport, phone, admission, booking.</summary>
public sealed class EditModel(OutreachDbContext db, BaseStaffAccess access, SiteContext site, TimeProvider clock, AuditLog audit)
    : BaseAdminPage(db, access, site)
{
    public List<string> Errors { get; } = [];

    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Intro { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Transport { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool Free { get; set; }
    [BindProperty] public string? PriceText { get; set; }
    [BindProperty] public bool BookingRequired { get; set; }
    [BindProperty] public bool AutoConfirm { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        (NameEn, Summary, Intro, Address, Transport, Phone) = (Base.NameEn, Base.Summary, Base.Intro, Base.Address, Base.Transport, Base.PublicPhone);
        (Free, PriceText, BookingRequired, AutoConfirm) = (Base.Free, Base.PriceText, Base.BookingRequired, Base.AutoConfirm);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct, track: true) is { } refused) return refused;
        void Line(string label, string? input, int max, out string value, bool required = false)
        {
            if (SingleLine.Check(input, max, out value, required) is { } problem) Errors.Add(label + problem);
        }
        Line("英文名称", NameEn, BaseLimits.Name, out var nameEn);
        Line("地址", Address, BaseLimits.Address, out var address, required: true);
        Line("电话", Phone, BaseLimits.Phone, out var phone);
        Line("票价说明", PriceText, BaseLimits.PriceText, out var price);
        if ((Summary ?? "").Length > BaseLimits.Summary) Errors.Add($"简介不能超过 {BaseLimits.Summary} 个字。");
        if ((Intro ?? "").Length > BaseLimits.Intro) Errors.Add($"详细介绍不能超过 {BaseLimits.Intro} 个字符。");
        if ((Transport ?? "").Length > BaseLimits.Transport) Errors.Add($"交通说明不能超过 {BaseLimits.Transport} 个字。");
        if (!Free && price.Length == 0) Errors.Add("收费基地请填写票价说明。");
        if (Errors.Count > 0) return Page();
        Base.NameEn = nameEn;
        Base.Summary = (Summary ?? "").Trim();
        Base.Intro = Intro ?? ""; // sanitised on output (rich_text), like Pages
        Base.Address = address;
        Base.Transport = (Transport ?? "").Trim();
        Base.PublicPhone = phone;
        Base.Free = Free;
        Base.PriceText = price;
        Base.BookingRequired = BookingRequired;
        Base.AutoConfirm = AutoConfirm;
        Base.UpdatedAt = clock.GetUtcNow();
        audit.Record(User, "bases.base.saved", "base:" + Base.Id, Base.Title);
        await Db.SaveChangesAsync(ct);
        return Back("已保存。");
    }
}
