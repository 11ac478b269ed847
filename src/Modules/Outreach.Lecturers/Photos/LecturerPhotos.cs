using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Media;

namespace Outreach.Lecturers.Photos;

/// <summary>An upload refused, with the field and message for the person (zh-CN) and the HTTP status (400 or 413).</summary>
public sealed record PhotoRejection(int Status, string Title, string Message);

/// <summary>
/// Reads an uploaded photo through the media module's checks (JPEG, PNG, WebP or GIF; byte and pixel limits; EXIF and
/// other metadata removed) and keeps a still JPEG <see cref="LecturerLimits.PhotoWidth"/> pixels wide. Nothing is written here.
/// </summary>
public static class LecturerPhotos
{
    public const string Field = "photo";

    /// <summary>A new, unsaved photo of <paramref name="userId"/>, or why it was refused.</summary>
    public static async Task<(LecturerPhoto? Photo, PhotoRejection? Rejection)> ReadAsync(IFormFile? file, int userId, IServiceProvider services,
        TimeProvider clock, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, new PhotoRejection(400, "缺少照片", "请选择要上传的照片文件。"));
        if (services.GetService<MediaImaging>() is not { } imaging)
            return (null, new PhotoRejection(400, "暂不能上传照片", "本站未启用媒体功能，暂不能上传照片。"));
        if (file.Length > LecturerLimits.PhotoBytes) return (null, TooLarge());
        byte[] data;
        await using (var input = file.OpenReadStream())
        {
            // The declared length may lie: read at most the limit.
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > LecturerLimits.PhotoBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, read);
            }
            data = buffer.ToArray();
        }
        try
        {
            var cleaned = await imaging.ProcessUploadAsync(data, ct);
            using var stream = new MemoryStream(cleaned.Bytes, writable: false);
            var jpeg = await imaging.DerivativeAsync(stream, LecturerLimits.PhotoWidth, MediaFormat.Jpeg, ct);
            var (width, height) = cleaned.Width <= LecturerLimits.PhotoWidth ? (cleaned.Width, cleaned.Height)
                : (LecturerLimits.PhotoWidth, Math.Max(1, (int)Math.Round(cleaned.Height * (double)LecturerLimits.PhotoWidth / cleaned.Width)));
            return (new LecturerPhoto { UserId = userId, Jpeg = jpeg, Width = width, Height = height, UploadedAt = clock.GetUtcNow() }, null);
        }
        catch (MediaRejectedException e)
        {
            return (null, new PhotoRejection(e.Status == 413 ? 413 : 400, e.Title, e.Message));
        }
    }

    static PhotoRejection TooLarge() => new(413, "照片过大", $"照片不能超过 {LecturerLimits.PhotoBytes / (1024 * 1024)} MB。");

    /// <summary>Whether the photo is the person's own, on the current site (another person's photo is as good as none).</summary>
    public static Task<bool> OwnsAsync(OutreachDbContext db, int userId, int photoId, CancellationToken ct) =>
        db.Set<LecturerPhoto>().AnyAsync(p => p.Id == photoId && p.UserId == userId, ct);

    /// <summary>
    /// Photos no profile and no open change uses, uploaded more than a day ago (an upload never sent with an
    /// application, or the photo a newer one replaced), on the current site.
    /// </summary>
    public static async Task<int> DeleteUnusedAsync(OutreachDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var before = now.AddDays(-1);
        var proposed = (await db.Set<LecturerApplication>().AsNoTracking()
                .Where(a => a.OpenLecturerId != null && a.ChangeJson != null).Select(a => a.ChangeJson!).ToListAsync(ct))
            .Select(j => System.Text.Json.JsonSerializer.Deserialize<ProposedChange>(j)?.PhotoId).Where(id => id is not null).Select(id => id!.Value).ToList();
        return await db.Set<LecturerPhoto>()
            .Where(p => p.UploadedAt < before && !proposed.Contains(p.Id) && !db.Set<Lecturer>().Any(l => l.PhotoId == p.Id))
            .ExecuteDeleteAsync(ct);
    }
}
