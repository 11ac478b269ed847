using AngleSharp.Html.Parser;

namespace Outreach.Pages.Admin;

/// <summary>Checks editors' HTML before it is saved; it is sanitised again whenever it is shown.</summary>
public static class RichText
{
    static readonly string[] UrlAttributes = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background"];

    /// <summary>
    /// A zh-CN message when the HTML links to a <c>javascript:</c> or <c>data:</c> URL, or shows an image
    /// without alternative text (people using screen readers must know what it shows); else null.
    /// </summary>
    public static string? Problem(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        foreach (var attribute in element.Attributes)
        {
            if (!UrlAttributes.Contains(attribute.Name.ToLowerInvariant())) continue;
            var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
            if (value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal))
                return $"正文中不允许使用 {value.Split(':')[0]}: 链接（{element.LocalName} 元素的 {attribute.Name} 属性）。";
        }
        if (document.Body!.QuerySelectorAll("img").Any(img => string.IsNullOrWhiteSpace(img.GetAttribute("alt"))))
            return "正文中的每张图片都需要填写替代文字（alt），说明图片内容。";
        return null;
    }
}
