using Outreach.Core.Data;

namespace Outreach.Media;

/// <summary>The four formats we accept; each is re-encoded in its own format when stored.</summary>
public enum MediaFormat { Jpeg, Png, Webp, Gif }

/// <summary>An image of a site's media library. The file lives at <c>&lt;DataDir&gt;/media/&lt;siteId&gt;/&lt;StoredName&gt;</c>.</summary>
public sealed class MediaItem : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Chosen by the server (a GUID and the format's extension), never from the upload.</summary>
    public string StoredName { get; set; } = "";

    /// <summary>The uploader's file name, shown in the admin only.</summary>
    public string OriginalName { get; set; } = "";

    public string ContentType { get; set; } = "";
    public MediaFormat Format { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long ByteSize { get; set; }
    public string AltText { get; set; } = "";

    public int? UploadedById { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public string Extension => MediaFormats.Extension(Format);
}

public static class MediaFormats
{
    public static string Extension(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "jpg",
        MediaFormat.Png => "png",
        MediaFormat.Webp => "webp",
        _ => "gif",
    };

    public static string ContentType(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => "image/jpeg",
        MediaFormat.Png => "image/png",
        MediaFormat.Webp => "image/webp",
        _ => "image/gif",
    };
}

/// <summary>Bound from <c>Outreach:Media</c>.</summary>
public sealed class MediaOptions
{
    [System.ComponentModel.DataAnnotations.Range(1, long.MaxValue)] public long MaxBytes { get; set; } = 20 * 1024 * 1024;
    [System.ComponentModel.DataAnnotations.Range(1, long.MaxValue)] public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Decodes running at once; a decoded 40 MP image takes ~160 MB, so this bounds memory.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 256)] public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;

    /// <summary>Widths of the resized copies, in pixels. Smaller images are never enlarged.</summary>
    public static readonly int[] Profiles = [320, 800, 1600];
}
