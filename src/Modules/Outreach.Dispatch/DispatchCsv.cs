using System.Globalization;
using CsvHelper;

namespace Outreach.Dispatch;

/// <summary>CSV exports: UTF-8 with a byte-order mark (Excel opens the Chinese correctly), formula-looking cells escaped.</summary>
public static class DispatchCsv
{
    /// <summary>
    /// The column layout volunteer platforms import (志愿服务记录导入模板): name, ID type and number (masked — the
    /// platform matches the volunteer by name and its own account; we hold no ID number), organisation, service date,
    /// hours, activity, issuer.
    /// </summary>
    public static byte[] ServiceRecords(IEnumerable<ServiceRecord> rows, string issuer) => Write(
        ["姓名", "证件类型", "证件号码", "服务单位", "服务日期", "服务时长（小时）", "服务项目", "记录单位"],
        rows.Select(s => new[]
        {
            s.LecturerName, "居民身份证", "******************", s.Organisation,
            Outreach.Core.Localization.OutreachTime.ToBeijing(s.ServedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Certificates.Hours(s.TotalHours), s.Activity, issuer,
        }));

    public static byte[] Statistics(LectureStatistics.Report report)
    {
        static string[] Cells(string group, LectureStatistics.Row r) =>
        [
            group, r.Key, N(r.Requests), N(r.Dispatched), N(r.Accepted), N(r.Delivered), N(r.Declined), N(r.Audience), Certificates.Hours(r.Hours),
        ];
        var rows = new List<string[]> { Cells("合计", report.Total) };
        rows.AddRange(report.ByCounty.Select(r => Cells("区县", r)));
        rows.AddRange(report.ByAudience.Select(r => Cells("听众类型", r)));
        rows.Add(["平均响应（小时）", report.AverageResponseHours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", "", "", "", "", "", "", ""]);
        return Write(["分组", "名称", "需求", "已派单", "已接单", "已完成", "婉拒", "听众人数", "服务时长（小时）"], rows);
    }

    public static byte[] Tour(Tours.TourView tour) => Write(
        ["站点", "日期", "区县", "乡镇", "场地", "讲座", "单位", "讲师", "状态", "听众人数"],
        tour.Stops.SelectMany(s => s.Lectures.DefaultIfEmpty().Select(l => new[]
        {
            N(s.Position), s.DateText, s.City + s.County, s.Town, s.Venue, l?.Topic ?? "", l?.Organisation ?? "", l?.Lecturer ?? "", l?.Status ?? "",
            l?.Audiences is { } a ? N(a) : "",
        })).Append(["合计", "", N(tour.Totals.Stops) + " 站", "", "", N(tour.Totals.Lectures) + " 场", "", N(tour.Totals.Lecturers) + " 位讲师", Certificates.Hours(tour.Totals.Hours) + " 小时", N(tour.Totals.Audience)]));

    static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    static byte[] Write(string[] header, IEnumerable<string[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord(header);
            foreach (var r in rows) csv.WriteRecord(r);
        }
        return buffer.ToArray();
    }
}
