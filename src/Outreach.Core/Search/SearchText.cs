using System.Net;
using System.Text.RegularExpressions;

namespace Outreach.Core.Search;

/// <summary>Helpers for sources: the index holds plain text, not the editor's HTML.</summary>
public static partial class SearchText
{
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = Tags().Replace(html, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
