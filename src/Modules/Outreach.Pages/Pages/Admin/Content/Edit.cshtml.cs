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
using Outreach.Pages.Admin;

namespace Outreach.Pages.Pages.Admin.Content;

/// <summary>Create and edit a page or a news item, and move it through its states.</summary>
[SitePermission(Permissions.EditContent)]
public sealed class EditModel(OutreachDbContext db, SiteContext site, ContentEditor editor, SiteAuthorization auth, AuditLog audit, TimeProvider clock) : PageModel
{
    public string Kind { get; private set; } = "page";
    public Article? Item { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Title { get; set; } = "";
    [BindProperty] public string? Slug { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Summary { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Body { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Source { get; set; } = "";
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? ScheduleAt { get; set; }

    public string SiteUrl(string path) => site.Url(path);

    string Actor => AuditLog.ActorOf(User);

    const string StaleMessage = "这条内容已被他人修改，请刷新后重试。";

    public async Task<IActionResult> OnGetAsync(string kind, int? id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        if (Item is not null)
        {
            (Title, Slug, Summary, Body, Revision) = (Item.Title, Item.Slug, Item.Summary, Item.Body, Item.Revision);
            Source = (Item as NewsItem)?.Source ?? "";
            ScheduleAt = Item.ScheduledAt is { } at ? OutreachTime.LocalInput(at) : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string kind, int? id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        if (!await ValidateAsync()) return Page();
        var item = Item ?? ArticleKinds.Create(kind);
        item.Title = Title;
        item.Summary = Summary.Trim();
        item.Body = Body;
        item.Slug = await SlugAsync(item);
        if (item is NewsItem news) news.Source = Source;
        if (Item is null) editor.Add(item, Actor);
        else
        {
            editor.ExpectRevision(item, Revision);
            editor.Save(item, Actor);
        }
        audit.Record(User, Item is null ? "content.create" : "content.edit", $"{kind}:{item.Slug}");
        return await SaveAndReturnAsync(item, "已保存。");
    }

    public Task<IActionResult> OnPostPublishAsync(string kind, int id) =>
        ChangeAsync(kind, id, Permissions.PublishContent, (item, actor) => editor.Publish(item, actor), "content.publish", "已发布。");

    public Task<IActionResult> OnPostUnpublishAsync(string kind, int id) =>
        ChangeAsync(kind, id, Permissions.PublishContent, (item, actor) => editor.Unpublish(item, actor), "content.unpublish", "已撤回为草稿。");

    public Task<IActionResult> OnPostArchiveAsync(string kind, int id) =>
        ChangeAsync(kind, id, Permissions.PublishContent, (item, actor) => editor.Archive(item, actor), "content.archive", "已归档。");

    public Task<IActionResult> OnPostDeleteAsync(string kind, int id) =>
        ChangeAsync(kind, id, Permissions.EditContent, (item, actor) => editor.Delete(item, actor), "content.delete", "已移入回收站，可随时恢复。");

    public Task<IActionResult> OnPostRestoreAsync(string kind, int id) =>
        ChangeAsync(kind, id, Permissions.EditContent, (item, actor) => editor.Restore(item, actor), "content.restore", "已恢复。");

    public async Task<IActionResult> OnPostScheduleAsync(string kind, int id)
    {
        if (!DateTime.TryParseExact(ScheduleAt, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            await LoadAsync(kind, id);
            Errors.Add("请填写定时发布的时间。");
            return Page();
        }
        var at = new DateTimeOffset(local, OutreachTime.Zone.GetUtcOffset(local));
        if (at <= clock.GetUtcNow())
        {
            await LoadAsync(kind, id);
            Errors.Add("定时发布的时间应晚于现在。");
            return Page();
        }
        return await ChangeAsync(kind, id, Permissions.PublishContent, (item, actor) => editor.Schedule(item, at, actor), "content.schedule",
            $"将于 {OutreachTime.Date(at, "zh-CN")} {OutreachTime.Time(at)} 发布。");
    }

    async Task<IActionResult> ChangeAsync(string kind, int id, string permission, Action<Article, string> change, string action, string message)
    {
        if (!await LoadAsync(kind, id) || Item is null) return NotFound();
        if (!await auth.HasAsync(User, permission)) return Forbid();
        if (Item.Revision != Revision)
        {
            Errors.Add(StaleMessage);
            return Page();
        }
        editor.ExpectRevision(Item, Revision);
        change(Item, Actor);
        audit.Record(User, action, $"{kind}:{Item.Slug}");
        return await SaveAndReturnAsync(Item, message);
    }

    async Task<IActionResult> SaveAndReturnAsync(Article item, string message)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (ContentEditor.IsLostEdit(e))
        {
            // Another editor saved the same revision first; their change stays, this one is not written.
            Errors.Add(StaleMessage);
            return Page();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolationOn(e, nameof(Article.Slug)))
        {
            Errors.Add("网址别名已被使用，请换一个。");
            return Page();
        }
        TempData["Message"] = message;
        return Redirect(site.Url($"/admin/content/{Kind}/edit/{item.Id}"));
    }

    async Task<bool> ValidateAsync()
    {
        if (SingleLine.Check(Title, FieldLimits.Title, out var title, required: true) is { } titleProblem) Errors.Add("标题" + titleProblem);
        Title = title;
        if (!string.IsNullOrWhiteSpace(Slug) && !Slugs.IsValid(Slug.Trim()))
            Errors.Add($"网址别名只能包含小写字母、数字和连字符，不能全是数字，且不超过 {FieldLimits.Slug} 个字符。");
        if (Summary.Trim().Length > FieldLimits.Summary) Errors.Add($"摘要不能超过 {FieldLimits.Summary} 个字符。");
        if (SingleLine.Check(Source, FieldLimits.NewsSource, out var source) is { } sourceProblem) Errors.Add("来源" + sourceProblem);
        Source = source;
        if (Body.Length > FieldLimits.Body) Errors.Add("正文过长。");
        if (RichText.Problem(Body) is { } problem) Errors.Add(problem);
        if (Item is not null && Item.Revision != Revision) Errors.Add(StaleMessage);
        if (Item is null && !await auth.HasAsync(User, Permissions.EditContent)) Errors.Add("没有权限。");
        return Errors.Count == 0;
    }

    async Task<string> SlugAsync(Article item)
    {
        var requested = string.IsNullOrWhiteSpace(Slug) ? (Item?.Slug is { Length: > 0 } s ? s : null) : Slug.Trim();
        return item is NewsItem
            ? await editor.UniqueSlugAsync<NewsItem>(requested, item.Title, item.Id)
            : await editor.UniqueSlugAsync<Page>(requested, item.Title, item.Id);
    }

    async Task<bool> LoadAsync(string kind, int? id)
    {
        if (!ArticleKinds.IsKnown(kind)) return false;
        Kind = kind;
        if (id is null or 0) return true;
        Item = await ArticleKinds.Query(db, kind, includeDeleted: true).FirstOrDefaultAsync(a => a.Id == id);
        return Item is not null;
    }
}
