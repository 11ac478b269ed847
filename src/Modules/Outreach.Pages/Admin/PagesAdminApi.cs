using System.ComponentModel.DataAnnotations;
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

/// <summary><c>GET/POST /api/v1/admin/pages</c> for scripts with a site token (or a signed-in editor).</summary>
public static class PagesAdminApi
{
    public sealed record PageSummary(int Id, string Title, string Slug, string Status, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string Url);

    public sealed record CreatePage(string? Title, string? Slug, string? Summary, string? Body, bool Publish);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/pages").WithTags("Admin: pages").DisableAntiforgery();

        api.MapGet("", async (OutreachDbContext db, SiteContext site, CancellationToken ct) =>
        {
            var pages = await db.Set<Page>().AsNoTracking().OrderByDescending(p => p.UpdatedAt).Take(500).ToListAsync(ct);
            return TypedResults.Ok(pages.Select(p => Summary(p, site)).ToList());
        }).RequireSitePermission(Permissions.EditContent).WithName("ListPages");

        api.MapPost("", async Task<Results<Created<PageSummary>, ValidationProblem, ForbidHttpResult>> (
            CreatePage input, HttpContext http, OutreachDbContext db, SiteContext site, ContentEditor editor,
            SiteAuthorization auth, AuditLog audit, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var title = input.Title?.Trim() ?? "";
            if (title.Length is 0 or > 300) errors["title"] = ["标题必填，且不超过 300 个字符。"];
            if (!string.IsNullOrWhiteSpace(input.Slug) && !Slugs.IsValid(input.Slug)) errors["slug"] = ["网址别名只能包含小写字母、数字和连字符，且不能全是数字。"];
            if ((input.Summary?.Length ?? 0) > 1000) errors["summary"] = ["摘要不能超过 1000 个字符。"];
            if (input.Body is { } body && (body.Length > 500_000 || RichText.Problem(body) is not null))
                errors["body"] = [RichText.Problem(body) ?? "正文过长。"];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "输入有误");
            if (input.Publish && !await auth.HasAsync(http.User, Permissions.PublishContent, ct)) return TypedResults.Forbid();

            var page = new Page
            {
                Title = title,
                Summary = input.Summary?.Trim() ?? "",
                Body = input.Body ?? "",
                Slug = await editor.UniqueSlugAsync<Page>(input.Slug, title, ct: ct),
                Status = input.Publish ? ContentStatus.Published : ContentStatus.Draft,
            };
            var actor = AuditLog.ActorOf(http.User);
            editor.Add(page, actor);
            audit.Record(http.User, "content.create", "page:" + page.Slug, input.Publish ? "published" : "draft");
            await db.SaveChangesAsync(ct);
            var summary = Summary(page, site);
            return TypedResults.Created(summary.Url, summary);
        }).RequireSitePermission(Permissions.EditContent).WithName("CreatePage");
    }

    static PageSummary Summary(Page p, SiteContext site) =>
        new(p.Id, p.Title, p.Slug, p.Status.ToString().ToLowerInvariant(), p.UpdatedAt, p.PublishedAt, site.Url("/pages/" + p.Slug));
}
