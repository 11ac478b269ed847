using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.Media.Tests;

/// <summary>Images made in code: real encodings from ImageSharp, and hostile files written byte by byte.</summary>
public static class TestImages
{
    /// <summary>A photo as a phone writes it: EXIF with GPS position (Guangzhou) and, optionally, an orientation.</summary>
    public static byte[] JpegWithGps(int width, int height, ushort orientation = 1)
    {
        using var image = Gradient(width, height);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(23, 1), new Rational(7, 1), new Rational(3000, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(113, 1), new Rational(15, 1), new Rational(1200, 100)]);
        exif.SetValue(ExifTag.Make, "TestPhone");
        exif.SetValue(ExifTag.Orientation, orientation);
        image.Metadata.ExifProfile = exif;
        return Encode(image, new JpegEncoder { Quality = 80 });
    }

    public static byte[] Png(int width, int height) { using var i = Gradient(width, height); return Encode(i, new PngEncoder()); }

    public static byte[] Webp(int width, int height) { using var i = Gradient(width, height); return Encode(i, new WebpEncoder()); }

    public static byte[] Gif(int width, int height) { using var i = Gradient(width, height); return Encode(i, new GifEncoder()); }

    static Image<Rgba32> Gradient(int width, int height)
    {
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = new Rgba32((byte)(x * 255 / width), (byte)(y * 255 / height), 128);
            }
        });
        return image;
    }

    static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>
    /// A valid 1-bit greyscale PNG of <paramref name="side"/>² black pixels: tens of KB on disk, but decoding it
    /// to RGBA would take side²×4 bytes (1.6 GB for 20000). Rows of zeros are streamed into the deflater.
    /// </summary>
    public static byte[] DecompressionBombPng(int side = 20_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + (side + 7) / 8]; // filter byte 0, then the packed pixels
                for (var y = 0; y < side; y++) zlib.Write(row);
            }
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 1×1 uncompressed greyscale TIFF: "II*\0", an IFD of eight entries, one pixel.</summary>
    public static byte[] Tiff()
    {
        var entries = new (ushort Tag, ushort Type, uint Value)[]
        {
            (256, 3, 1), (257, 3, 1), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 0 /* patched */), (278, 3, 1), (279, 4, 1),
        };
        var ifdSize = 2 + entries.Length * 12 + 4;
        var pixelOffset = (uint)(8 + ifdSize);
        var tiff = new byte[pixelOffset + 1];
        tiff[0] = (byte)'I'; tiff[1] = (byte)'I'; tiff[2] = 42; tiff[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + i * 12;
            var (tag, type, value) = entries[i];
            if (tag == 273) value = pixelOffset;
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            if (type == 3) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 8), (ushort)value);
            else BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
        }
        tiff[pixelOffset] = 0x80;
        return tiff;
    }

    /// <summary>The start of a Windows executable: "MZ", a DOS stub message, padding.</summary>
    public static byte[] Executable()
    {
        var exe = new byte[4096];
        exe[0] = (byte)'M'; exe[1] = (byte)'Z';
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(exe, 0x4E);
        exe[0x80] = (byte)'P'; exe[0x81] = (byte)'E';
        return exe;
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc32(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(length, crc);
        png.Write(length);
    }

    static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var part in new[] { type, data })
            foreach (var b in part)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        return ~crc;
    }
}
