namespace Outreach.Media;

/// <summary>
/// Structural checks ImageSharp does not make: its JPEG and GIF decoders fill a truncated file with grey
/// instead of failing, so we walk the container ourselves before decoding.
/// </summary>
public static class ImageStructure
{
    /// <summary>True when the JPEG's segments and scans run through to an EOI marker (data after it, e.g. a motion-photo trailer, is ignored).</summary>
    public static bool JpegIsComplete(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) return false;
        var i = 2;
        while (i < data.Length)
        {
            if (data[i] != 0xFF) return false;
            while (i < data.Length && data[i] == 0xFF) i++; // fill bytes
            if (i >= data.Length) return false;
            var marker = data[i++];
            if (marker == 0xD9) return true; // EOI
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // markers without a length
            if (i + 2 > data.Length) return false;
            var length = (data[i] << 8) | data[i + 1];
            if (length < 2 || i + length > data.Length) return false;
            i += length;
            if (marker != 0xDA) continue;
            // Entropy-coded data: ends at the first marker that is neither stuffing (FF00) nor a restart (FFD0–D7).
            while (true)
            {
                if (i + 1 >= data.Length) return false;
                if (data[i] == 0xFF && data[i + 1] != 0x00 && data[i + 1] is not (>= 0xD0 and <= 0xD7) && data[i + 1] != 0xFF) break;
                i++;
            }
        }
        return false;
    }

    /// <summary>The number of frames of a GIF that runs through to its trailer, or null when it is truncated or malformed.</summary>
    public static int? GifFrames(ReadOnlySpan<byte> data)
    {
        if (data.Length < 13) return null;
        var i = 13;
        if ((data[10] & 0x80) != 0) i += 3 * (1 << ((data[10] & 0x07) + 1)); // global colour table
        var frames = 0;
        while (i < data.Length)
        {
            switch (data[i])
            {
                case 0x3B: return frames; // trailer
                case 0x21: // extension: label, then sub-blocks
                    i += 2;
                    if (!SkipSubBlocks(data, ref i)) return null;
                    break;
                case 0x2C: // image descriptor, optional local colour table, LZW code size, sub-blocks
                    if (i + 10 > data.Length) return null;
                    var packed = data[i + 9];
                    i += 10;
                    if ((packed & 0x80) != 0) i += 3 * (1 << ((packed & 0x07) + 1));
                    i += 1;
                    if (!SkipSubBlocks(data, ref i)) return null;
                    frames++;
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref int i)
    {
        while (i < data.Length)
        {
            var size = data[i++];
            if (size == 0) return true;
            i += size;
        }
        return false;
    }

    /// <summary>TIFF ("II*\0" or "MM\0*"), named in the refusal because cameras and scanners produce it.</summary>
    public static bool IsTiff(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && ((data[0] == 'I' && data[1] == 'I' && data[2] == 42 && data[3] == 0) || (data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] == 42));
}
