using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Media.Pages.Admin;

[SitePermission(MediaPermissions.Upload)]
public sealed class MediaModel(MediaLibrary library, MediaImaging imaging, SiteContext site) : PageModel
{
    public List<MediaItem> Items { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Alt { get; private set; }

    public string MaxMegabytes => (imaging.Options.MaxBytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
    public string MaxMegapixels => (imaging.Options.MaxPixels / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture);

    public string SiteUrl(string path) => site.Url(path);

    public string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB";

    public async Task OnGetAsync(CancellationToken ct) => Items = await List(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? alt, CancellationToken ct)
    {
        // Images go into content, so the admin insists on a description for readers who cannot see them.
        if (string.IsNullOrWhiteSpace(alt)) return await Fail("请填写替代文字，描述图片内容。", alt, ct);
        try
        {
            var item = await library.UploadAsync(file, alt, User, ct);
            TempData["Message"] = $"已上传“{item.OriginalName}”，编号 {item.Id}。";
            return RedirectToPage();
        }
        catch (MediaRejectedException e)
        {
            Response.StatusCode = e.Status;
            return await Fail($"{e.Title}：{e.Message}", alt, ct);
        }
    }

    public async Task<IActionResult> OnPostAltAsync(int id, string? alt, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(alt) || alt.Trim().Length > MediaLibrary.MaxAltLength)
            return await Fail($"替代文字不能为空，最多 {MediaLibrary.MaxAltLength} 字。", null, ct);
        if (!await library.SetAltAsync(id, alt, User, ct)) return NotFound();
        TempData["Message"] = "已保存替代文字。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var item = await library.DeleteAsync(id, User, ct);
        if (item is null) return NotFound();
        TempData["Message"] = $"已删除“{item.OriginalName}”。";
        return RedirectToPage();
    }

    async Task<IActionResult> Fail(string error, string? alt, CancellationToken ct)
    {
        Error = error;
        Alt = alt;
        Items = await List(ct);
        return Page();
    }

    Task<List<MediaItem>> List(CancellationToken ct) => library.Items.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).ToListAsync(ct);
}
