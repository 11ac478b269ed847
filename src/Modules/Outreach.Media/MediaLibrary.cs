using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Media;

/// <summary>
/// The keys of media in the shared <see cref="Storage.IMediaStore"/>: originals under <c>media/</c>, resized copies under
/// <c>media-cache/</c> (the same layout as the folders of a single node, so an existing data directory is a valid root).
/// </summary>
public static class MediaStorage
{
    public static string OriginalKey(MediaItem item) => $"media/{Invariant(item.SiteId)}/{item.StoredName}";

    public static string DerivativeKey(MediaItem item, int width, MediaFormat format) =>
        $"{DerivativesPrefix(item)}{Invariant(width)}.{MediaFormats.Extension(format)}";

    /// <summary>Every resized copy of the item starts with this.</summary>
    public static string DerivativesPrefix(MediaItem item) => $"media-cache/{Invariant(item.SiteId)}/{Path.GetFileNameWithoutExtension(item.StoredName)}-";

    static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Site-relative URLs of an image and its resized copies.</summary>
public static class MediaUrls
{
    public static string Original(MediaItem item) => $"/media/{item.Id}/original.{item.Extension}";

    public static string Sized(int id, int width, MediaFormat format) => $"/media/{id}/{width}.{MediaFormats.Extension(format)}";
}

/// <summary>The current site's media library: upload, alt text, delete. Every change is audited.</summary>
public sealed class MediaLibrary(OutreachDbContext db, SiteContext site, AuditLog audit, TimeProvider clock, MediaImaging imaging, Storage.IMediaStore store)
{
    public const int MaxAltLength = 500;

    public IQueryable<MediaItem> Items => db.Set<MediaItem>();

    /// <summary>Checks, cleans and stores an upload. Throws <see cref="MediaRejectedException"/> with nothing written.</summary>
    public async Task<MediaItem> UploadAsync(IFormFile? file, string? alt, ClaimsPrincipal user, CancellationToken ct)
    {
        if (file is null || file.Length == 0) throw new MediaRejectedException(400, "缺少图片", "请选择要上传的图片文件（表单字段 file）。");
        if (file.Length > imaging.Options.MaxBytes) throw TooLarge();
        alt = (alt ?? "").Trim();
        if (alt.Length > MaxAltLength) throw new MediaRejectedException(400, "替代文字过长", $"替代文字最多 {MaxAltLength} 字。");

        var data = await ReadAsync(file, ct);
        var image = await imaging.ProcessUploadAsync(data, ct);

        var siteId = site.Required.Id;
        var item = new MediaItem
        {
            SiteId = siteId,
            StoredName = Guid.NewGuid().ToString("N") + "." + MediaFormats.Extension(image.Format),
            OriginalName = DisplayName(file.FileName),
            ContentType = MediaFormats.ContentType(image.Format),
            Format = image.Format,
            Width = image.Width,
            Height = image.Height,
            ByteSize = image.Bytes.LongLength,
            AltText = alt,
            UploadedById = user.UserId(),
            UploadedBy = AuditLog.ActorOf(user),
            UploadedAt = clock.GetUtcNow(),
        };
        var key = MediaStorage.OriginalKey(item);
        await store.SaveAsync(key, image.Bytes, ct);
        try
        {
            db.Add(item);
            audit.Record(user, "media.upload", item.OriginalName, $"{item.StoredName} {item.Width}×{item.Height} {item.ContentType}");
            await db.SaveChangesAsync(ct); // row and audit entry together
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None); // no file without its row
            throw;
        }
        return item;
    }

    public async Task<bool> SetAltAsync(int id, string? alt, ClaimsPrincipal user, CancellationToken ct)
    {
        var item = await Items.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (item is null) return false;
        item.AltText = (alt ?? "").Trim();
        audit.Record(user, "media.alt", $"#{item.Id} {item.OriginalName}", item.AltText);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Soft delete: the row and original stay for the audit trail; the public URLs answer 404 and the resized copies go.</summary>
    public async Task<MediaItem?> DeleteAsync(int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var item = await Items.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (item is null) return null;
        item.DeletedAt = clock.GetUtcNow();
        audit.Record(user, "media.delete", $"#{item.Id} {item.OriginalName}");
        await db.SaveChangesAsync(ct);
        await store.DeletePrefixAsync(MediaStorage.DerivativesPrefix(item), ct);
        return item;
    }

    MediaRejectedException TooLarge() =>
        new(413, "文件过大", $"图片不能超过 {imaging.Options.MaxBytes / (1024.0 * 1024):0.#} MB。");

    /// <summary>Reads at most the byte limit, whatever the declared length says.</summary>
    async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        var limit = imaging.Options.MaxBytes;
        await using var input = file.OpenReadStream();
        using var buffer = new MemoryStream((int)Math.Min(file.Length, limit));
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static string DisplayName(string? name)
    {
        name = Path.GetFileName(name ?? "").Trim();
        if (name.Length == 0) name = "image";
        return name.Length > 200 ? name[..200] : name;
    }
}
