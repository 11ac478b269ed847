using System.Text;

namespace Outreach.Journals.Tests;

/// <summary>Small PDFs written byte by byte, clean or carrying an action, for upload tests.</summary>
public static class TestPdfs
{
    /// <summary>A one-page PDF with correct cross-reference offsets; <paramref name="catalogExtra"/> and <paramref name="extraObject"/> add an action.</summary>
    public static byte[] Minimal(string catalogExtra = "", string? extraObject = null)
    {
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        };
        if (extraObject is not null) objects.Add(extraObject);
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>Opens with a JavaScript action: the kind of file every upload path must refuse.</summary>
    public static byte[] WithJavaScript() => Minimal("/OpenAction 5 0 R ", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
}
