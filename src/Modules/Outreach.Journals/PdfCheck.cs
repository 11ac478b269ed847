using System.Text;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Outreach.Journals;

/// <summary>Why an upload was refused, in words an editor can act on (zh-CN).</summary>
public sealed class PdfRejectedException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
    public string Detail { get; } = detail;
}

/// <summary>
/// What a full-text PDF must pass before it is stored: a size limit, the PDF header in the bytes (not the name or the
/// declared type), a structure PdfPig can open, and no JavaScript or launch actions anywhere in its objects.
/// </summary>
public sealed class PdfCheck(IOptions<JournalsOptions> options)
{
    public long MaxBytes => options.Value.MaxPdfBytes;

    static readonly string[] ActionNames = ["JavaScript", "JS", "Launch"];

    public async Task<byte[]> ReadAsync(Stream stream, long? declaredLength, CancellationToken ct)
    {
        if (declaredLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        Check(bytes);
        return bytes;
    }

    PdfRejectedException TooLarge() =>
        new("PDF 文件过大", $"PDF 文件不能超过 {MaxBytes / 1024 / 1024} MB，请压缩图片后重新上传。");

    public void Check(byte[] bytes)
    {
        if (bytes.Length == 0) throw new PdfRejectedException("缺少 PDF 文件", "请选择要上传的 PDF 全文（表单字段 file）。");
        if (bytes.Length > MaxBytes) throw TooLarge();
        if (!bytes.AsSpan().StartsWith("%PDF-"u8))
            throw new PdfRejectedException("不是 PDF 文件", "文件内容不是 PDF（文件头不是 %PDF-），请上传 PDF 格式的全文。");
        // Plain names first: cheap, and catches objects PdfPig would never need to read.
        var raw = Encoding.Latin1.GetString(bytes);
        if (raw.Contains("/JavaScript", StringComparison.Ordinal) || raw.Contains("/JS ", StringComparison.Ordinal) ||
            raw.Contains("/JS(", StringComparison.Ordinal) || raw.Contains("/JS<", StringComparison.Ordinal) || raw.Contains("/Launch", StringComparison.Ordinal))
            throw Active();
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.NumberOfPages < 1) throw new PdfRejectedException("PDF 没有页面", "PDF 中没有任何页面，请检查导出设置。");
            // Every object, parsed (names written as /J#61vaScript or kept in object streams are decoded here).
            foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                IToken token;
                try { token = document.Structure.GetObject(reference).Data; }
                catch (Exception) { continue; } // unreachable/free objects are not content
                if (HasAction(token, 0)) throw Active();
            }
            _ = document.GetPage(1).Text;
        }
        catch (PdfRejectedException) { throw; }
        catch (Exception e)
        {
            throw new PdfRejectedException("PDF 结构损坏", "PDF 文件无法解析（" + e.GetType().Name + "），请重新导出后上传。");
        }
    }

    static PdfRejectedException Active() =>
        new("PDF 含有脚本或启动动作", "PDF 中含有 JavaScript 或“启动程序”（Launch）动作，出于读者安全不予接收。请去掉这些动作后重新导出。");

    static bool HasAction(IToken token, int depth)
    {
        if (depth > 32) return false;
        switch (token)
        {
            case NameToken name: return ActionNames.Contains(name.Data, StringComparer.Ordinal) && name.Data != "JS" || name.Data == "JavaScript";
            case DictionaryToken dictionary:
                foreach (var (key, value) in dictionary.Data)
                    if (ActionNames.Contains(key, StringComparer.Ordinal) || HasAction(value, depth + 1)) return true;
                return false;
            case ArrayToken array: return array.Data.Any(t => HasAction(t, depth + 1));
            case StreamToken stream: return HasAction(stream.StreamDictionary, depth + 1);
            default: return false;
        }
    }
}

/// <summary>The request body limit of the endpoints and pages that take PDFs (one upload, or an issue's CSV and PDFs).</summary>
public static class UploadLimits
{
    public const long Request = 1L << 30;
}
