using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;

namespace Outreach.Media;

/// <summary>Public image URLs and the upload API.</summary>
public static class MediaEndpoints
{
    /// <summary>What the upload API answers.</summary>
    public sealed record MediaUploaded(int Id, string Url, string ContentType, int Width, int Height, long ByteSize, string Alt, IReadOnlyList<string> Sizes);

    const string ForeverCache = "public, max-age=31536000, immutable";

    public static void Map(IEndpointRouteBuilder app)
    {
        // /media/12/original.jpg or /media/12/800.webp. URLs never change meaning: a new upload gets a new id.
        app.MapGet("/media/{id:int}/{profile}.{ext}", async (int id, string profile, string ext, HttpContext http,
            MediaLibrary library, Storage.IMediaStore store, MediaImaging imaging, CancellationToken ct) =>
        {
            var item = await library.Items.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
            if (item is null) return Results.NotFound();
            string key;
            string contentType;
            if (profile == "original")
            {
                if (!string.Equals(ext, item.Extension, StringComparison.OrdinalIgnoreCase)) return Results.NotFound();
                key = MediaStorage.OriginalKey(item);
                contentType = item.ContentType;
            }
            else
            {
                // Only the listed widths, so a crawler cannot fill the disk with arbitrary sizes.
                if (!int.TryParse(profile, out var width) || !MediaOptions.Profiles.Contains(width)) return Results.NotFound();
                MediaFormat? format = ext.ToLowerInvariant() switch { "webp" => MediaFormat.Webp, "jpg" => MediaFormat.Jpeg, _ => null };
                if (format is not { } f) return Results.NotFound();
                key = MediaStorage.DerivativeKey(item, width, f);
                contentType = MediaFormats.ContentType(f);
                var hit = await store.StatAsync(key, ct) is not null;
                if (!hit)
                {
                    var originalKey = MediaStorage.OriginalKey(item);
                    if (await store.StatAsync(originalKey, ct) is null) return Results.NotFound();
                    // Once across the cluster: concurrent first requests on any node wait for the one resize.
                    hit = !await store.GetOrCreateAsync(key, async token =>
                    {
                        await using var original = await store.OpenReadAsync(originalKey, token) ?? throw new FileNotFoundException(originalKey);
                        return await imaging.DerivativeAsync(original, width, f, token);
                    }, ct);
                }
                http.Response.Headers["X-Media-Cache"] = hit ? "hit" : "miss";
            }
            var stat = await store.StatAsync(key, ct);
            var stream = stat is null ? null : await store.OpenReadAsync(key, ct);
            if (stream is null) return Results.NotFound();
            http.Response.Headers.CacheControl = ForeverCache;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Stream(stream, contentType, lastModified: stat!.LastModified);
        }).WithName("MediaFile").ExcludeFromDescription();

        // Scripts only: a bearer token of this site. Browsers with a session cookie use /admin/media, which has
        // antiforgery; since cookies are not accepted here, turning antiforgery off opens no CSRF hole.
        app.MapPost("/api/v1/admin/media", async Task<Results<Created<MediaUploaded>, ProblemHttpResult>> (
            IFormFile? file, [FromForm] string? alt, HttpContext http, MediaLibrary library, CancellationToken ct) =>
        {
            try
            {
                var item = await library.UploadAsync(file, alt, http.User, ct);
                var url = http.Request.PathBase + MediaUrls.Original(item);
                var sizes = MediaOptions.Profiles.SelectMany(w => new[] { MediaFormat.Webp, MediaFormat.Jpeg }
                    .Select(f => http.Request.PathBase + MediaUrls.Sized(item.Id, w, f))).ToList();
                return TypedResults.Created(url, new MediaUploaded(item.Id, url, item.ContentType, item.Width, item.Height, item.ByteSize, item.AltText, sizes));
            }
            catch (MediaRejectedException e)
            {
                return TypedResults.Problem(title: e.Title, detail: e.Message, statusCode: e.Status);
            }
        })
        .RequireSitePermission(MediaPermissions.Upload)
        .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName })
        .DisableAntiforgery()
        .WithName("UploadMedia").WithTags("Media")
        .WithSummary("上传图片")
        .WithDescription("multipart/form-data：字段 file 为 JPEG、PNG、WebP 或 GIF 图片，alt 为替代文字（可选）。需要本站具有上传权限的 API 令牌。")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status403Forbidden);
    }
}
