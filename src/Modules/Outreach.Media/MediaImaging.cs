using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Outreach.Media;

/// <summary>Why an upload was refused: an HTTP status and a message for the person who sent it.</summary>
public sealed class MediaRejectedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>An accepted image, re-encoded without metadata.</summary>
public sealed record ProcessedImage(byte[] Bytes, MediaFormat Format, int Width, int Height);

/// <summary>
/// All ImageSharp work: checks before decoding, auto-orientation, metadata stripping, resizing. Decodes are
/// bounded by a semaphore so a burst of uploads or cache misses cannot exhaust memory.
/// </summary>
public sealed class MediaImaging : IDisposable
{
    readonly MediaOptions _options;
    readonly SemaphoreSlim _decodes;

    /// <summary>Only the four formats we offer: TIFF, BMP, TGA and PBM are not even registered (2.1.x has advisories in TIFF).</summary>
    public static Configuration Configuration { get; } = new(
        new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule(), new GifConfigurationModule());

    public MediaImaging(IOptions<MediaOptions> options)
    {
        _options = options.Value;
        _decodes = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentDecodes));
    }

    public MediaOptions Options => _options;

    public async Task<ProcessedImage> ProcessUploadAsync(byte[] data, CancellationToken ct)
    {
        if (data.Length > _options.MaxBytes) throw TooLarge();
        if (ImageStructure.IsTiff(data))
            throw Invalid("不支持 TIFF 格式", "请将图片转换为 JPEG 或 PNG 后再上传。");
        var detected = Image.DetectFormat(Configuration, data);
        var format = detected switch
        {
            JpegFormat => MediaFormat.Jpeg,
            PngFormat => MediaFormat.Png,
            WebpFormat => MediaFormat.Webp,
            GifFormat => MediaFormat.Gif,
            _ => throw Invalid("不是支持的图片", "只接受 JPEG、PNG、WebP 和 GIF 图片；文件内容不是其中任何一种。"),
        };

        // Identify reads headers only: the pixel limit is enforced before a single pixel is allocated.
        IImageInfo? info;
        try { using var stream = new MemoryStream(data, writable: false); info = Image.Identify(Configuration, stream); }
        catch (Exception e) when (e is not OperationCanceledException) { info = null; }
        if (info is null || info.Width <= 0 || info.Height <= 0)
            throw Invalid("无法读取图片", "图片文件已损坏，请重新导出后上传。");
        var frames = 1L;
        if (format == MediaFormat.Jpeg && !ImageStructure.JpegIsComplete(data)) throw Truncated();
        if (format == MediaFormat.Gif) frames = ImageStructure.GifFrames(data) ?? throw Truncated();
        var pixels = (long)info.Width * info.Height * Math.Max(1, frames);
        if (pixels > _options.MaxPixels)
            throw Invalid("图片尺寸过大",
                $"图片为 {info.Width}×{info.Height} 像素{(frames > 1 ? $"、{frames} 帧" : "")}，超过 {_options.MaxPixels / 1_000_000.0:0.#} 百万像素的上限，请缩小后再上传。");

        await _decodes.WaitAsync(ct);
        try
        {
            using var image = Decode(data);
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);
            using var output = new MemoryStream();
            image.Save(output, Encoder(format));
            return new ProcessedImage(output.ToArray(), format, image.Width, image.Height);
        }
        finally { _decodes.Release(); }
    }

    /// <summary>A copy at most <paramref name="width"/> pixels wide (never enlarged) of the stored original.</summary>
    public async Task<byte[]> DerivativeAsync(Stream original, int width, MediaFormat format, CancellationToken ct)
    {
        await _decodes.WaitAsync(ct);
        try
        {
            using var image = await Image.LoadAsync(Configuration, original, ct);
            while (image.Frames.Count > 1) image.Frames.RemoveFrame(1); // resized copies are stills
            if (image.Width > width) image.Mutate(x => x.Resize(width, 0));
            // JPEG has no alpha: transparent areas become white rather than black.
            if (format == MediaFormat.Jpeg) image.Mutate(x => x.BackgroundColor(Color.White));
            StripMetadata(image);
            using var output = new MemoryStream();
            await image.SaveAsync(output, Encoder(format), ct);
            return output.ToArray();
        }
        finally { _decodes.Release(); }
    }

    static Image Decode(byte[] data)
    {
        try { return Image.Load(Configuration, data); }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw Invalid("无法读取图片", "图片文件已损坏或不完整，请重新导出后上传。");
        }
    }

    /// <summary>EXIF (GPS, camera serials), ICC, XMP and IPTC go, from every frame, and text chunks and comments too.</summary>
    public static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
        }
        image.Metadata.GetPngMetadata().TextData.Clear();
        image.Metadata.GetGifMetadata().Comments.Clear();
    }

    static IImageEncoder Encoder(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => new JpegEncoder { Quality = 85 },
        MediaFormat.Png => new PngEncoder(),
        MediaFormat.Webp => new WebpEncoder { Quality = 80 },
        _ => new GifEncoder(),
    };

    public static MediaRejectedException TooLarge() =>
        new(413, "文件过大", "图片文件超过大小上限。");

    static MediaRejectedException Truncated() => Invalid("图片文件不完整", "文件似乎被截断了，请重新导出后上传。");

    static MediaRejectedException Invalid(string title, string detail) => new(400, title, detail);

    public void Dispose() => _decodes.Dispose();
}
