using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals.Pages.Admin.Journals;

/// <summary>A journal's issues: create and edit an issue, publish or schedule it with all its articles at once.</summary>
[SitePermission(JournalPermissions.Edit)]
public sealed class IssuesModel(OutreachDbContext db, SiteContext site, ContentEditor editor, AuditLog audit, IssuePublishing publishing) : PageModel
{
    public Journal Journal { get; private set; } = null!;
    public IReadOnlyList<JournalIssue> Issues { get; private set; } = [];
    public IReadOnlyDictionary<int, int> ArticleCounts { get; private set; } = new Dictionary<int, int>();
    public JournalIssue? Editing { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "journal")] public string? JournalSlug { get; set; }
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public int? Volume { get; set; }
    [BindProperty] public int? Number { get; set; }
    [BindProperty] public string? SpecialTitle { get; set; }
    [BindProperty] public string? Editorial { get; set; }

    /// <summary>datetime-local, Beijing time: the publication date printed on the issue.</summary>
    [BindProperty] public string? PublishedAt { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Editing is { } i)
        {
            (Year, Volume, Number, SpecialTitle, Editorial) = (i.Year, i.Volume, i.Number, i.SpecialTitle, i.Editorial);
            PublishedAt = i.PublishedAt is { } p ? OutreachTime.LocalInput(p) : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Id is not null && Editing is null) return NotFound();
        var issue = Id is { } id ? await db.Set<JournalIssue>().FirstAsync(i => i.Id == id, ct) : new JournalIssue { JournalId = Journal.Id, Status = ContentStatus.Draft };
        Errors = JournalFields.Apply(new IssueInput
        {
            Year = Year, Volume = Volume, Number = Number, SpecialTitle = SpecialTitle, Editorial = Editorial, PublishedAt = OutreachTime.FromLocalInput(PublishedAt),
        }, issue);
        if (Errors.Count == 0 && await db.Set<JournalIssue>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter])
                .AnyAsync(i => i.JournalId == Journal.Id && i.Id != issue.Id && i.Year == issue.Year && i.Volume == issue.Volume && i.Number == issue.Number, ct))
            Errors["number"] = [$"{issue.Label} 已经存在，请直接编辑它。"];
        if (Errors.Count > 0) return Page();
        var actor = AuditLog.ActorOf(User);
        if (issue.Id == 0)
        {
            issue.Slug = $"{Journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}";
            editor.Add(issue, actor);
            audit.Record(User, "content.create", "journal-issue:" + issue.Slug, "draft");
        }
        else
        {
            editor.Save(issue, actor);
            audit.Record(User, "content.edit", "journal-issue:" + issue.Slug);
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            Errors["number"] = [$"{issue.Label} 已经存在，请直接编辑它。"];
            return Page();
        }
        TempData["Message"] = $"已保存 {issue.Title}。";
        return Redirect(site.Url($"/admin/journals/articles?issue={issue.Id}"));
    }

    /// <summary>Publishes now, or schedules for <paramref name="scheduledAt"/> (datetime-local, Beijing) when that is in the future.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int issueId, string? scheduledAt, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var issue = await db.Set<JournalIssue>().FirstOrDefaultAsync(i => i.Id == issueId && i.JournalId == Journal.Id, ct);
        if (issue is null) return NotFound();
        DateTimeOffset? at = null;
        if (OutreachTime.FromLocalInput(scheduledAt) is { } iso)
        {
            if (!DateTimeOffset.TryParse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                Errors["scheduledAt"] = ["定时发布时间无效，请用日期时间选择器填写。"];
                return Page();
            }
            at = parsed;
        }
        var (status, count) = await publishing.RunAsync(issue, at, User, ct);
        TempData["Message"] = status == "published"
            ? $"{issue.Title} 已发布，连同 {count} 篇文章。"
            : $"{issue.Title} 将于 {OutreachTime.Date(issue.ScheduledAt!.Value, "zh-CN")} {OutreachTime.Time(issue.ScheduledAt.Value)} 连同 {count} 篇文章发布。";
        return Redirect(site.Url("/admin/journals/issues?journal=" + Journal.Slug));
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == JournalSlug, ct) is not { } journal) return false;
        Journal = journal;
        Issues = await db.Set<JournalIssue>().AsNoTracking().Where(i => i.JournalId == journal.Id)
            .OrderByDescending(i => i.Year).ThenByDescending(i => i.Volume).ThenByDescending(i => i.Number).ToListAsync(ct);
        var ids = Issues.Select(i => i.Id).ToList();
        ArticleCounts = await db.Set<JournalArticle>().AsNoTracking().Where(a => ids.Contains(a.IssueId)).GroupBy(a => a.IssueId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Editing = Id is { } id ? Issues.FirstOrDefault(i => i.Id == id) : null;
        return true;
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;

    public static string StatusText(PublishableContent c) => c.Status switch
    {
        ContentStatus.Published => "已发布",
        ContentStatus.Archived => "已撤下",
        _ when c.ScheduledAt is { } s => $"定时发布 {OutreachTime.Date(s, "zh-CN")} {OutreachTime.Time(s)}",
        _ => "草稿",
    };
}
