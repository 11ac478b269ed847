using Outreach.Core.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Outreach.Journals;

/// <summary>The demo's full texts, drawn at seeding time from an article's own metadata (Chinese first).</summary>
public static class DemoPdfs
{
    public static byte[]? Render(Journal journal, JournalIssue issue, JournalArticle article, string? body)
    {
        // The kernel's one CJK resolver (WenQuanYi from fonts-wqy-microhei); without the font package demo PDFs are skipped.
        if (!CjkPdfFonts.TryInstall()) return null;
        using var document = new PdfDocument();
        document.Info.Title = article.Title;
        document.Info.Author = string.Join("，", article.Authors.Select(a => a.Name));
        document.Info.Subject = journal.TitleZh;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var small = new XFont(CjkPdfFonts.Family, 9);
            var text = new XFont(CjkPdfFonts.Family, 10.5);
            var title = new XFont(CjkPdfFonts.Family, 16, XFontStyleEx.Bold);
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
