using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Dispatch;

/// <summary>Per site and year: the loop's counts, response time, audience and hours, by city/county and by audience type.</summary>
public sealed class LectureStatistics(OutreachDbContext db)
{
    public sealed record Row(string Key, int Requests, int Dispatched, int Accepted, int Delivered, int Declined, int Audience, decimal Hours);
    public sealed record Report(int Year, Row Total, double? AverageResponseHours, IReadOnlyList<Row> ByCounty, IReadOnlyList<Row> ByAudience, IReadOnlyList<int> RequestsByMonth);

    public async Task<Report> ForYearAsync(int year, CancellationToken ct)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var to = from.AddYears(1);
        // Confirmed requests only; retention keeps the rows (contact data blanked), so past years still count.
        var requests = await db.Set<LectureRequest>().AsNoTracking().Where(r => r.ContactConfirmedAt != null && r.CreatedAt >= from && r.CreatedAt < to).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var dispatches = await db.Set<LectureDispatch>().AsNoTracking().Where(d => ids.Contains(d.RequestId)).ToListAsync(ct);
        var dispatchIds = dispatches.Select(d => d.Id).ToList();
        var hours = (await db.Set<ServiceRecord>().AsNoTracking().Where(s => dispatchIds.Contains(s.DispatchId)).ToListAsync(ct))
            .ToDictionary(s => s.DispatchId, s => s.TotalHours);
        var byRequest = dispatches.ToLookup(d => d.RequestId);

        Row Build(string key, IEnumerable<LectureRequest> rs)
        {
            var list = rs.ToList();
            var ds = list.SelectMany(r => byRequest[r.Id]).ToList();
            var delivered = ds.Where(d => d.Status is DispatchStatus.Reported or DispatchStatus.Confirmed).ToList();
            return new Row(key, list.Count, list.Count(r => byRequest[r.Id].Any()), ds.Count(d => d.Status is DispatchStatus.Accepted or DispatchStatus.Reported or DispatchStatus.Confirmed),
                delivered.Count, ds.Count(d => d.Status == DispatchStatus.Declined), delivered.Sum(d => d.ActualAudience ?? 0), delivered.Sum(d => hours.GetValueOrDefault(d.Id)));
        }

        var answered = dispatches.Where(d => d.AnsweredAt is not null).Select(d => (d.AnsweredAt!.Value - d.OfferedAt).TotalHours).ToList();
        return new Report(year, Build("合计", requests), answered.Count == 0 ? null : Math.Round(answered.Average(), 1),
            requests.GroupBy(r => r.City + r.County).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => Build(g.Key, g)).ToList(),
            requests.GroupBy(r => r.Audience).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => Build(g.Key, g)).ToList(),
            Enumerable.Range(1, 12).Select(m => requests.Count(r => Outreach.Core.Localization.OutreachTime.ToBeijing(r.CreatedAt).Month == m)).ToList());
    }

    /// <summary>A bar chart of the loop (requests → dispatched → accepted → delivered, declined) by county, drawn on the server: no script, readable as text.</summary>
    public static string Svg(Report report)
    {
        var rows = report.ByCounty.Take(12).ToList();
        const int barH = 14, gap = 10, left = 120, width = 560;
        var height = 40 + rows.Count * (barH * 2 + gap) + 30;
        var max = Math.Max(1, rows.Select(r => r.Requests).DefaultIfEmpty(1).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {left + width + 40} {height}\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{report.Year} 年各区县讲座需求与完成情况</title>");
        svg.Append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"20\" fill=\"#1c2733\">■ 需求 <tspan fill=\"#2a7d4f\">■ 已完成</tspan></text>");
        var y = 36;
        foreach (var r in rows)
        {
            var a = width * r.Requests / max;
            var b = width * r.Delivered / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + barH + 4}\" text-anchor=\"end\" fill=\"#1c2733\">{WebUtility.HtmlEncode(r.Key)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y}\" width=\"{a}\" height=\"{barH}\" fill=\"#0b3c6f\"><title>需求 {r.Requests}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + a + 4}\" y=\"{y + 11}\" fill=\"#1c2733\">{r.Requests}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + barH}\" width=\"{b}\" height=\"{barH}\" fill=\"#2a7d4f\"><title>已完成 {r.Delivered}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + b + 4}\" y=\"{y + barH + 11}\" fill=\"#1c2733\">{r.Delivered}</text>");
            y += barH * 2 + gap;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
