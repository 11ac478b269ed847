using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Pages.Admin;

/// <summary><c>GET/POST/PUT /api/v1/admin/pages</c> for scripts with a site token (or a signed-in editor).</summary>
public static class PagesAdminApi
{
    public sealed record PageSummary(int Id, string Title, string Slug, string Status, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string Url, int Revision);

    public sealed record PageDetail(int Id, string Title, string Slug, string Summary, string Body, string Status, int Revision, string Url);

    public sealed record CreatePage(string? Title, string? Slug, string? Summary, string? Body, bool Publish);

    /// <summary><paramref name="Revision"/> is the one the change starts from (from GET); a stale one is 409.</summary>
    public sealed record UpdatePage(string? Title, string? Slug, string? Summary, string? Body, int? Revision);

    public static void Map(IEndpointRouteBuilder app)
    {
        // Scripts use bearer tokens; a signed-in browser must send X-CSRF-TOKEN (CookieAntiforgeryMiddleware).
        var api = app.MapGroup("/api/v1/admin/pages").WithTags("Admin: pages").DisableAntiforgery();
        api.MapGet("", ListAsync).RequireSitePermission(Permissions.EditContent).WithName("ListPages");
        api.MapGet("/{id:int}", GetAsync).RequireSitePermission(Permissions.EditContent).WithName("GetPage");
        api.MapPost("", CreateAsync).RequireSitePermission(Permissions.EditContent).WithName("CreatePage")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:int}", UpdateAsync).RequireSitePermission(Permissions.EditContent).WithName("UpdatePage")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    static async Task<Ok<List<PageSummary>>> ListAsync(OutreachDbContext db, SiteContext site, CancellationToken ct)
    {
        var pages = await db.Set<Page>().AsNoTracking().OrderByDescending(p => p.UpdatedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(pages.Select(p => Summary(p, site)).ToList());
    }

    static async Task<Results<Ok<PageDetail>, NotFound>> GetAsync(int id, OutreachDbContext db, SiteContext site, CancellationToken ct) =>
        await db.Set<Page>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p
            ? TypedResults.Ok(Detail(p, site)) : TypedResults.NotFound();

    static async Task<Results<Created<PageSummary>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> CreateAsync(
        CreatePage input, HttpContext http, OutreachDbContext db, SiteContext site, ContentEditor editor,
        SiteAuthorization auth, AuditLog audit, CancellationToken ct)
    {
        var errors = Validate(input.Title, input.Slug, input.Summary, input.Body, out var title, out var slug, out var summary);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
        if (input.Publish && !await auth.HasAsync(http.User, Permissions.PublishContent, ct)) return TypedResults.Forbid();

        var page = new Page
        {
            Title = title,
            Summary = summary,
            Body = input.Body ?? "",
            Slug = await editor.UniqueSlugAsync<Page>(slug, title, ct: ct),
            Status = input.Publish ? ContentStatus.Published : ContentStatus.Draft,
        };
        editor.Add(page, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "content.create", "page:" + page.Slug, input.Publish ? "published" : "draft");
        if (await SaveAsync(db, ct) is { } refused) return refused;
        var saved = Summary(page, site);
        return TypedResults.Created(saved.Url, saved);
    }

    static async Task<Results<Ok<PageSummary>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        int id, UpdatePage input, HttpContext http, OutreachDbContext db, SiteContext site, ContentEditor editor,
        AuditLog audit, CancellationToken ct)
    {
        var errors = Validate(input.Title, input.Slug, input.Summary, input.Body, out var title, out var slug, out var summary);
        if (input.Revision is null) errors["revision"] = ["必填：修改所基于的版本号（先 GET 取得 revision）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
        var page = await db.Set<Page>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (page is null) return TypedResults.NotFound();
        if (page.Revision != input.Revision) return Conflict();

        editor.ExpectRevision(page, input.Revision!.Value);
        page.Title = title;
        page.Summary = summary;
        if (input.Body is not null) page.Body = input.Body;
        page.Slug = await editor.UniqueSlugAsync<Page>(slug ?? page.Slug, title, page.Id, ct);
        editor.Save(page, AuditLog.ActorOf(http.User));
        audit.Record(http.User, "content.edit", "page:" + page.Slug);
        if (await SaveAsync(db, ct) is { } refused) return refused;
        return TypedResults.Ok(Summary(page, site));
    }

    /// <summary>Checks the fields the create and update share; the normalised single-line values come back out.</summary>
    static Dictionary<string, string[]> Validate(string? titleIn, string? slugIn, string? summaryIn, string? body,
        out string title, out string? slug, out string summary)
    {
        var errors = new Dictionary<string, string[]>();
        if (SingleLine.Check(titleIn, FieldLimits.Title, out title, required: true) is { } titleProblem) errors["title"] = ["标题" + titleProblem];
        slug = string.IsNullOrWhiteSpace(slugIn) ? null : slugIn.Trim();
        if (slug is not null && !Slugs.IsValid(slug))
            errors["slug"] = [$"网址别名只能包含小写字母、数字和连字符，不能全是数字，且不超过 {FieldLimits.Slug} 个字符。"];
        summary = summaryIn?.Trim() ?? "";
        if (summary.Length > FieldLimits.Summary) errors["summary"] = [$"摘要不能超过 {FieldLimits.Summary} 个字符。"];
        if (body is not null && (body.Length > FieldLimits.Body || RichText.Problem(body) is not null))
            errors["body"] = [body.Length > FieldLimits.Body ? "正文过长。" : RichText.Problem(body)!];
        return errors;
    }

    /// <summary>Saves; a slug taken meanwhile or an edit that lost the race is a 409, anything else is not ours to hide.</summary>
    static async Task<ProblemHttpResult?> SaveAsync(OutreachDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (ContentEditor.IsLostEdit(e))
        {
            return Conflict();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolationOn(e, "Slug"))
        {
            return TypedResults.Problem(title: "网址别名已被使用", detail: "请换一个网址别名（slug）。", statusCode: StatusCodes.Status409Conflict);
        }
    }

    static ProblemHttpResult Conflict() =>
        TypedResults.Problem(title: "内容已被他人修改", detail: "这条内容在您读取之后已被修改，请重新获取最新版本（revision）后再保存。",
            statusCode: StatusCodes.Status409Conflict);

    static PageSummary Summary(Page p, SiteContext site) =>
        new(p.Id, p.Title, p.Slug, p.Status.ToString().ToLowerInvariant(), p.UpdatedAt, p.PublishedAt, site.Url("/pages/" + p.Slug), p.Revision);

    static PageDetail Detail(Page p, SiteContext site) =>
        new(p.Id, p.Title, p.Slug, p.Summary, p.Body, p.Status.ToString().ToLowerInvariant(), p.Revision, site.Url("/pages/" + p.Slug));
}
