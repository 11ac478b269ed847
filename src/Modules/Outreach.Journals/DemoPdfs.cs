using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Outreach.Journals;

/// <summary>
/// PDFsharp's fonts for Chinese text: a CJK face from the system (WenQuanYi Micro Hei, TrueType outlines that
/// PDFsharp embeds as a subset). Nothing is shipped in the repository; without the font package demo PDFs are skipped.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    public const string Family = "CJK";

    static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    static readonly Lazy<byte[]?> Bytes = new(() => Candidates.Where(File.Exists).Select(f => FirstFace(File.ReadAllBytes(f))).FirstOrDefault());

    public static bool Available => Bytes.Value is not null;

    static readonly Lock Gate = new();

    /// <summary>Installs this resolver once per process unless another one is already installed.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new CjkFontResolver();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new("cjk-regular", bold, italic); // bold is simulated

    public byte[]? GetFont(string faceName) => Bytes.Value;

    /// <summary>
    /// A TrueType collection (.ttc) as the standalone font of its first face, which PDFsharp reads: the face's table
    /// directory is rewritten with offsets into the new file and its tables copied after it (4-byte aligned).
    /// </summary>
    static byte[] FirstFace(byte[] ttc)
    {
        static uint U32(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);
        static void Put32(byte[] b, int o, uint v) { b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v; }
        if (ttc.Length < 12 || ttc[0] != 't' || ttc[1] != 't' || ttc[2] != 'c' || ttc[3] != 'f') return ttc;
        var face = (int)U32(ttc, 12);
        var tables = ttc[face + 4] << 8 | ttc[face + 5];
        var header = 12 + 16 * tables;
        var size = header + Enumerable.Range(0, tables).Sum(i => ((int)U32(ttc, face + 12 + 16 * i + 12) + 3) & ~3);
        var font = new byte[size];
        Array.Copy(ttc, face, font, 0, header);
        var at = header;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var offset = (int)U32(ttc, face + record + 8);
            var length = (int)U32(ttc, face + record + 12);
            Array.Copy(ttc, offset, font, at, length);
            Put32(font, record + 8, (uint)at);
            at += (length + 3) & ~3;
        }
        return font;
    }
}

/// <summary>The demo's full texts, drawn at seeding time from an article's own metadata (Chinese first).</summary>
public static class DemoPdfs
{
    public static byte[]? Render(Journal journal, JournalIssue issue, JournalArticle article, string? body)
    {
        if (!CjkFontResolver.Available) return null;
        CjkFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = article.Title;
        document.Info.Author = string.Join("，", article.Authors.Select(a => a.Name));
        document.Info.Subject = journal.TitleZh;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var small = new XFont(CjkFontResolver.Family, 9);
            var text = new XFont(CjkFontResolver.Family, 10.5);
            var title = new XFont(CjkFontResolver.Family, 16, XFontStyleEx.Bold);
            var margin = XUnit.FromMillimeter(20).Point;
            var width = page.Width.Point - 2 * margin;
            var bottom = page.Height.Point - margin;
            double y = margin;
            void Write(string s, XFont font, double lineHeight, bool centre = false)
            {
                foreach (var line in Wrap(gfx, s, font, width))
                {
                    if (y > bottom) return;
                    var x = centre ? margin + (width - gfx.MeasureString(line, font).Width) / 2 : margin;
                    gfx.DrawString(line, font, XBrushes.Black, new XPoint(x, y));
                    y += lineHeight;
                }
            }
            Write($"{journal.TitleZh}  {issue.Label}  第{article.DisplayPages}页", small, 24);
            Write(article.Title, title, 24, centre: true);
            y += 6;
            Write(string.Join("，", article.Authors.Select(a => a.NameZh)), text, 16, centre: true);
            Write(string.Join("；", article.Affiliations.Select((a, i) => $"{i + 1}. {a}")), small, 13, centre: true);
            y += 10;
            Write("摘要：" + article.Abstract, text, 16);
            Write("关键词：" + string.Join("；", article.Keywords), text, 16);
            Write($"中图分类号：{article.Clc}    文献标识码：{article.DocumentCode}", text, 22);
            if (!string.IsNullOrEmpty(body)) Write(body, text, 16);
            y += 8;
            if (article.References.Count > 0)
            {
                Write("参考文献", text, 16);
                foreach (var (r, i) in article.References.Select((r, i) => (r, i))) Write($"[{i + 1}] {r.Text}", small, 13);
            }
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Lines that fit the width, broken between any two characters (Chinese has no spaces to break at).</summary>
    static IEnumerable<string> Wrap(XGraphics gfx, string s, XFont font, double width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var ch in s)
        {
            if (line.Length > 0 && gfx.MeasureString(line.ToString() + ch, font).Width > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            line.Append(ch);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
