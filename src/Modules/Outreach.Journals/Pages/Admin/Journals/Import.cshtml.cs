using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals.Pages.Admin.Journals;

/// <summary>
/// Imports an issue from a CSV of metadata plus its PDFs (<see cref="IssueImport"/>): "检查" runs the dry run and lists
/// every problem by row and column; "导入" checks again and writes all or nothing.
/// </summary>
[SitePermission(JournalPermissions.Edit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.Request)]
[RequestSizeLimit(UploadLimits.Request)]
public sealed class ImportModel(OutreachDbContext db, SiteContext site, IssueImport import) : PageModel
{
    public Journal Journal { get; private set; } = null!;
    public ImportReport? Report { get; private set; }
    public int? ImportedIssueId { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty(SupportsGet = true, Name = "journal")] public string? JournalSlug { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Volume { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public string? PublishedAt { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <param name="mode">"check" (the dry run) or "import".</param>
    public async Task<IActionResult> OnPostAsync(IFormFile? csv, List<IFormFile> pdfs, string? mode, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (csv is null || csv.Length == 0)
        {
            Errors.Add("请选择 CSV 文件。");
            Response.StatusCode = 400;
            return Page();
        }
        var dryRun = mode != "import";
        var files = pdfs.GroupBy(f => Path.GetFileName(f.FileName)).ToDictionary(g => g.Key, g => g.First());
        var input = new IssueInput { Year = Year, Volume = Volume, Number = Number, PublishedAt = OutreachTime.FromLocalInput(PublishedAt) };
        await using var stream = csv.OpenReadStream();
        Report = await import.RunAsync(Journal, input, stream, async name =>
        {
            if (!files.TryGetValue(name, out var f)) return null;
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }, dryRun, AuditLog.ActorOf(User), ct);
        if (!Report.Ok) Response.StatusCode = 422; // as the API answers the same report
        else if (!dryRun)
        {
            ImportedIssueId = await db.Set<JournalIssue>().AsNoTracking()
                .Where(i => i.JournalId == Journal.Id && i.Year == Year && i.Volume == Volume && i.Number == Number).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
            TempData["Message"] = $"已导入：新建 {Report.Created} 篇，更新 {Report.Updated} 篇，PDF {Report.Pdfs} 个。本期为草稿，检查后再发布。";
            return Redirect(site.Url("/admin/journals/articles?issue=" + ImportedIssueId));
        }
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == JournalSlug, ct) is not { } journal) return false;
        Journal = journal;
        return true;
    }

    /// <summary>"第 3 行 authors" / "表头" / "本期信息 year".</summary>
    public static string Place(ImportProblem p) => p.Row == 0
        ? (p.Column is "year" or "volume" or "number" or "publishedAt" ? "本期信息 " + p.Column : "表头" + (p.Column.Length > 0 ? " " + p.Column : ""))
        : $"第 {p.Row} 行" + (p.Column.Length > 0 ? " " + p.Column : "");
}
