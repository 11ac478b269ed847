using PdfSharp.Fonts;

namespace Outreach.Core.Pdf;

/// <summary>
/// The one PDFsharp font resolver of the process, for Chinese text. PDFsharp 6 finds no fonts on Linux by itself and
/// keeps a single, process-wide <see cref="GlobalFontSettings.FontResolver"/> that must not change once used, so every
/// module that draws PDFs asks here instead of installing its own. It serves one face of a Debian font package
/// (fonts-wqy-microhei: TrueType outlines, which PDFsharp embeds as a subset with a Unicode map, so the text stays
/// extractable); bold and italic are simulated. Nothing is shipped in the repository.
/// </summary>
public sealed class CjkPdfFonts : IFontResolver
{
    /// <summary>The family name to pass to <c>XFont</c>; any other name resolves to the same face.</summary>
    public const string Family = "OutreachCJK";

    /// <summary>Where Debian puts the WenQuanYi collections (fonts-wqy-microhei, then fonts-wqy-zenhei).</summary>
    public static readonly IReadOnlyList<string> DebianFonts =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    static readonly Lock Gate = new();
    static CjkPdfFonts? _installed;
    readonly byte[] _face;

    CjkPdfFonts(byte[] face, string path) => (_face, Path) = (face, path);

    /// <summary>The font file the installed resolver reads.</summary>
    public string Path { get; }

    /// <summary>
    /// Installs the resolver once per process from the first existing file of <paramref name="preferred"/> (if given)
    /// and <see cref="DebianFonts"/>; false when none exists (callers then skip or refuse their PDF). The first
    /// successful call wins: later calls with another path get the installed face, since PDFsharp cannot swap it.
    /// </summary>
    public static bool TryInstall(string? preferred = null)
    {
        lock (Gate)
        {
            if (_installed is not null) return true;
            var path = (preferred is { Length: > 0 } ? DebianFonts.Prepend(preferred) : DebianFonts).FirstOrDefault(File.Exists);
            if (path is null) return false;
            _installed = new CjkPdfFonts(FirstFace(File.ReadAllBytes(path)), path);
            // Never replaced: PDFsharp refuses a new resolver once fonts were resolved (a test host may have set one).
            GlobalFontSettings.FontResolver ??= _installed;
            return true;
        }
    }

    /// <summary>As <see cref="TryInstall"/>, but a missing font is a configuration error naming the package.</summary>
    public static void Install(string? preferred = null)
    {
        if (!TryInstall(preferred))
            throw new InvalidOperationException(
                $"No CJK font for PDFs: install the Debian package fonts-wqy-microhei or configure a TrueType font (tried {string.Join(", ", (preferred is null ? DebianFonts : DebianFonts.Prepend(preferred)))}).");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family, bold, italic);

    public byte[]? GetFont(string faceName) => _face;

    /// <summary>
    /// The first face of a TrueType collection (.ttc) as a standalone font file, which is all PDFsharp reads: the
    /// face's table directory with its offsets rewritten into the new file and its tables copied after it (4-byte
    /// aligned). A plain .ttf comes back as it is.
    /// </summary>
    public static byte[] FirstFace(byte[] file)
    {
        static uint U32(byte[] b, int i) => (uint)(b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3]);
        static void Put32(byte[] b, int i, uint v) { b[i] = (byte)(v >> 24); b[i + 1] = (byte)(v >> 16); b[i + 2] = (byte)(v >> 8); b[i + 3] = (byte)v; }
        if (file.Length < 16 || file[0] != 't' || file[1] != 't' || file[2] != 'c' || file[3] != 'f') return file;
        var face = (int)U32(file, 12);
        var tables = file[face + 4] << 8 | file[face + 5];
        var header = 12 + 16 * tables;
        var size = header + Enumerable.Range(0, tables).Sum(t => ((int)U32(file, face + 12 + 16 * t + 12) + 3) & ~3);
        var result = new byte[size];
        Array.Copy(file, face, result, 0, header);
        var at = header;
        for (var t = 0; t < tables; t++)
        {
            var record = 12 + 16 * t;
            var offset = (int)U32(file, face + record + 8);
            var length = (int)U32(file, face + record + 12);
            Array.Copy(file, offset, result, at, length);
            Put32(result, record + 8, (uint)at);
            at += (length + 3) & ~3;
        }
        return result;
    }
}
