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

/// <summary>Where media lives on disk: originals under <c>media/</c>, resized copies under <c>media-cache/</c>, both outside wwwroot.</summary>
public sealed class MediaStorage(IOptions<OutreachOptions> options, IHostEnvironment env)
{
    readonly string _dataDir = OutreachPaths.DataDir(options.Value, env);

    public string OriginalsDirectory(int siteId) => Path.Combine(_dataDir, "media", Invariant(siteId));

    public string CacheDirectory(int siteId) => Path.Combine(_dataDir, "media-cache", Invariant(siteId));

    public string OriginalPath(MediaItem item) => Path.Combine(OriginalsDirectory(item.SiteId), item.StoredName);

    public string DerivativePath(MediaItem item, int width, MediaFormat format) =>
        Path.Combine(CacheDirectory(item.SiteId), $"{Path.GetFileNameWithoutExtension(item.StoredName)}-{Invariant(width)}.{MediaFormats.Extension(format)}");

    static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Site-relative URLs of an image and its resized copies.</summary>
public static class MediaUrls
{
    public static string Original(MediaItem item) => $"/media/{item.Id}/original.{item.Extension}";

    public static string Sized(int id, int width, MediaFormat format) => $"/media/{id}/{width}.{MediaFormats.Extension(format)}";
}

/// <summary>The current site's media library: upload, alt text, delete. Every change is audited.</summary>
public sealed class MediaLibrary(OutreachDbContext db, SiteContext site, AuditLog audit, TimeProvider clock, MediaImaging imaging, MediaStorage storage)
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
        Directory.CreateDirectory(storage.OriginalsDirectory(siteId));
        var path = storage.OriginalPath(item);
        await File.WriteAllBytesAsync(path, image.Bytes, ct);
        try
        {
            db.Add(item);
            audit.Record(user, "media.upload", item.OriginalName, $"{item.StoredName} {item.Width}×{item.Height} {item.ContentType}");
            await db.SaveChangesAsync(ct); // row and audit entry together
        }
        catch
        {
            File.Delete(path); // no file without its row
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
        var cache = storage.CacheDirectory(item.SiteId);
        if (Directory.Exists(cache))
            foreach (var file in Directory.EnumerateFiles(cache, Path.GetFileNameWithoutExtension(item.StoredName) + "-*"))
                File.Delete(file);
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
