using System.Text.Json;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Pages.Admin;

namespace Outreach.Pages.Pages.Admin.Content;

/// <summary>Every version of an item with what changed, a line diff of the body, and restore.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class HistoryModel(OutreachDbContext db, SiteContext site, ContentEditor editor, AuditLog audit) : PageModel
{
    public sealed record DiffLine(char Kind, string Text);
    public sealed record VersionView(ContentVersion Version, IReadOnlyList<string> Changed, IReadOnlyList<DiffLine> BodyDiff);

    public string Kind { get; private set; } = "page";
    public Article? Item { get; private set; }
    public List<VersionView> Versions { get; } = [];

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        var versions = await editor.HistoryAsync(Item!);
        for (var i = 0; i < versions.Count; i++)
        {
            var older = i + 1 < versions.Count ? versions[i + 1] : null;
            Versions.Add(new VersionView(versions[i],
                older is null ? [] : ContentEditor.ChangedFields(older, versions[i]),
                older is null ? [] : Diff(Field(older, "Body"), Field(versions[i], "Body"))));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string kind, int id, int version)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        var old = await db.ContentVersions.FirstOrDefaultAsync(v => v.ContentKey == Item!.Key && v.Number == version);
        if (old is null) return NotFound();
        Item!.Title = Field(old, "Title");
        Item.Summary = Field(old, "Summary");
        Item.Body = Field(old, "Body");
        if (Item is NewsItem news) news.Source = Field(old, "Source");
        editor.Save(Item, AuditLog.ActorOf(User), "restore-version");
        audit.Record(User, "content.restore-version", $"{kind}:{Item.Slug}", $"v{version}");
        await db.SaveChangesAsync();
        TempData["Message"] = $"已恢复到第 {version} 版的内容（状态不变）。";
        return Redirect(site.Url($"/admin/content/{kind}/edit/{id}"));
    }

    static string Field(ContentVersion v, string name) =>
        JsonDocument.Parse(v.Snapshot).RootElement.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";

    static List<DiffLine> Diff(string before, string after)
    {
        if (before == after) return [];
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(before, after);
        return model.Lines.Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new DiffLine(l.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' }, l.Text)).ToList();
    }

    public static string ActionName(string action) => action switch
    {
        "create" => "创建", "edit" => "编辑", "publish" => "发布", "unpublish" => "撤回", "schedule" => "定时发布",
        "archive" => "归档", "delete" => "删除", "restore" => "恢复", "restore-version" => "恢复旧版本", "recipe" => "配方更新",
        _ => action,
    };

    public static string FieldName(string field) => field switch
    {
        "Title" => "标题", "Slug" => "网址别名", "Summary" => "摘要", "Body" => "正文", "Status" => "状态",
        "PublishedAt" => "发布时间", "ScheduledAt" => "定时", "DeletedAt" => "删除", "Source" => "来源", _ => field,
    };

    async Task<bool> LoadAsync(string kind, int id)
    {
        if (!ArticleKinds.IsKnown(kind)) return false;
        Kind = kind;
        Item = await ArticleKinds.Query(db, kind, includeDeleted: true).FirstOrDefaultAsync(a => a.Id == id);
        return Item is not null;
    }
}
