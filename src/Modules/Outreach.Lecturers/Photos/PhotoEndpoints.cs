using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Lecturers.Photos;

/// <summary>
/// Lecturer photos: the public copy (only while the lecturer is public and chose to show it), the owner's and the
/// reviewers' views of any photo, and the upload API for apps (upload, then send the id with the application).
/// </summary>
public static class PhotoEndpoints
{
    /// <summary>An uploaded photo: its id (for <c>photoId</c> of an application) and the address its owner can see it at.</summary>
    public sealed record PhotoUploaded(int Id, string Url, int Width, int Height);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/lecturers/{slug}/photo-{id:int}.jpg", PublicAsync).ExcludeFromDescription();
        app.MapGet("/lecturers/me/photos/{id:int}.jpg", OwnAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/admin/lecturers/photos/{id:int}.jpg", ReviewerAsync).RequireSitePermission(LecturerPermissions.Review).ExcludeFromDescription();
        app.MapPost("/api/v1/my/lecturer/photos", UploadAsync).WithName("UploadLecturerPhoto").WithTags("Lecturers")
            .RequireAuthorization().DisableAntiforgery()
            .WithSummary("上传讲师本人照片（multipart/form-data，字段 file：JPEG、PNG、WebP 或 GIF，不超过 10 MB）")
            .WithDescription("照片默认不公开：只有本人和本站审核员能看到；申请时把返回的 id 作为 photoId，并在 photoPublic 为 true 时经审核后才在公开主页显示。")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    static async Task<IResult> PublicAsync(string slug, int id, HttpContext http, OutreachDbContext db, CancellationToken ct)
    {
        var shown = await LecturerQuery.Public(db).AnyAsync(l => l.Slug == slug && l.PhotoPublic && l.PhotoId == id, ct);
        // Short caching: a lecturer who hides the photo must not stay visible for long in shared caches.
        return shown ? await JpegAsync(db, id, "public, max-age=300", http, ct) : Results.NotFound();
    }

    static async Task<IResult> OwnAsync(int id, HttpContext http, OutreachDbContext db, CancellationToken ct) =>
        AccountClaims.PersonId(http.User) is { } userId && await LecturerPhotos.OwnsAsync(db, userId, id, ct)
            ? await JpegAsync(db, id, "private, no-store", http, ct) : Results.NotFound();

    /// <summary>Reviewers see photos of their own site's applicants (the site filter keeps other sites' out).</summary>
    static Task<IResult> ReviewerAsync(int id, HttpContext http, OutreachDbContext db, CancellationToken ct) =>
        JpegAsync(db, id, "private, no-store", http, ct);

    static async Task<IResult> JpegAsync(OutreachDbContext db, int id, string cache, HttpContext http, CancellationToken ct)
    {
        var jpeg = await db.Set<LecturerPhoto>().AsNoTracking().Where(p => p.Id == id).Select(p => p.Jpeg).FirstOrDefaultAsync(ct);
        if (jpeg is null) return Results.NotFound();
        http.Response.Headers.CacheControl = cache;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(jpeg, "image/jpeg");
    }

    static async Task<Results<Created<PhotoUploaded>, ProblemHttpResult, UnauthorizedHttpResult>> UploadAsync(IFormFile? file, HttpContext http,
        OutreachDbContext db, SiteContext site, SiteLinks links, TimeProvider clock, CancellationToken ct)
    {
        if (AccountClaims.PersonId(http.User) is not { } userId) return TypedResults.Unauthorized();
        if (!AccountClaims.IsConfirmed(http.User))
            return TypedResults.Problem("请先确认邮箱，确认后才能上传讲师照片。", title: "邮箱尚未确认", statusCode: StatusCodes.Status403Forbidden);
        var (photo, rejection) = await LecturerPhotos.ReadAsync(file, userId, http.RequestServices, clock, ct);
        if (rejection is not null)
            return TypedResults.Problem(rejection.Message, title: rejection.Title, statusCode: rejection.Status,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [rejection.Message] } });
        db.Add(photo!);
        await db.SaveChangesAsync(ct);
        var url = links.Absolute(site.Required, $"/lecturers/me/photos/{photo!.Id}.jpg");
        return TypedResults.Created(url, new PhotoUploaded(photo.Id, url, photo.Width, photo.Height));
    }
}
