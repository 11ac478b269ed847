using System.Globalization;
using System.Net;
using System.Text;

namespace Outreach.Bases;

/// <summary>
/// The directory's overview: a server-rendered SVG tile map of Guangdong's 21 cities in rough geographic position,
/// each tile the number of bases there and a link to the list filtered by that city. No script, no map tiles,
/// no third party; presentation attributes only (the CSP refuses inline styles).
/// </summary>
public static class GuangdongMap
{
    const int W = 58, H = 54, Gap = 3;

    public static string Svg(IReadOnlyDictionary<string, int> counts, Func<string, string> urlOf, string? selected)
    {
        var max = Math.Max(1, counts.Values.DefaultIfEmpty(0).Max());
        var cols = Guangdong.Cities.Max(c => c.Column) + 1;
        var rows = Guangdong.Cities.Max(c => c.Row) + 1;
        var width = cols * (W + Gap);
        var height = rows * (H + Gap);
        var total = counts.Values.Sum();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"gd-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-labelledby=\"gd-map-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"gd-map-title\">广东省各地级以上市科普教育基地数量（共 {total} 个），点击城市查看</title>");
        foreach (var city in Guangdong.Cities)
        {
            var n = counts.GetValueOrDefault(city.Name);
            var x = city.Column * (W + Gap);
            var y = city.Row * (H + Gap);
            // Darker for more bases; an empty city stays pale but still links (the list then says none).
            var shade = n == 0 ? "#e8edf2" : Blend(n / (double)max);
            var ink = n > 0 && n / (double)max > 0.45 ? "#ffffff" : "#1c2733";
            var isSelected = city.Name == selected;
            var label = WebUtility.HtmlEncode($"{city.Name}：{n} 个基地");
            svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{WebUtility.HtmlEncode(urlOf(city.Name))}\" aria-label=\"{label}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{W}\" height=\"{H}\" rx=\"6\" fill=\"{shade}\"{(isSelected ? " stroke=\"#d9480f\" stroke-width=\"3\"" : "")}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + W / 2}\" y=\"{y + 23}\" text-anchor=\"middle\" font-size=\"19\" fill=\"{ink}\">{city.Name}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + W / 2}\" y=\"{y + 46}\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"bold\" fill=\"{ink}\">{n}</text>");
            svg.Append("</a>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>From a light to the theme's dark blue (#0b3c6f).</summary>
    static string Blend(double t)
    {
        t = 0.25 + 0.75 * Math.Clamp(t, 0, 1);
        int Mix(int from, int to) => (int)Math.Round(from + (to - from) * t);
        return $"#{Mix(0xcf, 0x0b):x2}{Mix(0xe0, 0x3c):x2}{Mix(0xf3, 0x6f):x2}";
    }
}
