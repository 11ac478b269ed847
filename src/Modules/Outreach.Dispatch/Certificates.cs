using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Pdf;
using Outreach.Core.Sites;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Outreach.Dispatch;

/// <summary>
/// Certificates of volunteer service hours (志愿服务时长证明): one service or one year's total. Each is a row with a
/// random serial; the PDF carries the serial and a QR code to <c>/{site}/certificates/{serial}</c>, which shows only
/// name, hours, period and issuer. Issuing the same thing twice gives the same serial (one row per record or year,
/// refreshed if hours were corrected since).
/// </summary>
public sealed class Certificates(OutreachDbContext db, SiteContext site, SiteLinks links, TimeProvider clock, IOptions<DispatchOptions> options)
{
    const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: read aloud on the phone

    public static string Hours(decimal h) => h.ToString("0.##", CultureInfo.InvariantCulture);

    public async Task<ServiceCertificate?> IssueAsync(IReadOnlyCollection<int> lecturerIds, int? serviceRecordId, int? year, CancellationToken ct)
    {
        var records = db.Set<ServiceRecord>().Where(s => lecturerIds.Contains(s.LecturerId));
        List<ServiceRecord> mine;
        if (serviceRecordId is { } rid) mine = await records.Where(s => s.Id == rid).ToListAsync(ct);
        else
        {
            var y = year ?? OutreachTime.ToBeijing(clock.GetUtcNow()).Year;
            var from = new DateTimeOffset(y, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
            var to = from.AddYears(1);
            mine = await records.Where(s => s.ServedAt >= from && s.ServedAt < to).ToListAsync(ct);
            year = y;
        }
        if (mine.Count == 0) return null;
        var lecturerId = mine[0].LecturerId;
        var existing = await db.Set<ServiceCertificate>().FirstOrDefaultAsync(c => c.LecturerId == lecturerId &&
            (serviceRecordId != null ? c.ServiceRecordId == serviceRecordId : c.ServiceRecordId == null && c.Year == year), ct);
        var cert = existing ?? new ServiceCertificate { SiteId = site.Required.Id, LecturerId = lecturerId, Serial = NewSerial(), ServiceRecordId = serviceRecordId, Year = serviceRecordId is null ? year : null };
        cert.LecturerName = mine[0].LecturerName;
        cert.Hours = mine.Sum(s => s.TotalHours);
        cert.Services = mine.Count;
        cert.PeriodFrom = mine.Min(s => s.ServedAt);
        cert.PeriodTo = mine.Max(s => s.ServedAt);
        cert.Issuer = site.Required.DisplayNameZh;
        cert.IssuedAt = clock.GetUtcNow();
        if (existing is null) db.Add(cert);
        await db.SaveChangesAsync(ct);
        return cert;
    }

    public Task<ServiceCertificate?> FindAsync(string serial, CancellationToken ct) =>
        serial.Length is 0 or > DispatchLimits.Serial ? Task.FromResult<ServiceCertificate?>(null)
            : db.Set<ServiceCertificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Serial == serial.ToUpperInvariant(), ct);

    public string VerifyUrl(ServiceCertificate c) => links.Absolute(site.Required, "/certificates/" + c.Serial);

    public static string Period(ServiceCertificate c) =>
        c.PeriodFrom.Date == c.PeriodTo.Date ? OutreachTime.Date(c.PeriodFrom, "zh-CN")
            : OutreachTime.Date(c.PeriodFrom, "zh-CN") + "至" + OutreachTime.Date(c.PeriodTo, "zh-CN");

    public byte[] Pdf(ServiceCertificate c, IReadOnlyList<ServiceRecord> records)
    {
        CjkPdfFonts.Install(options.Value.CertificateFont);
        var document = new PdfDocument();
        document.Info.Title = "志愿服务时长证明 " + c.Serial;
        document.Info.Author = c.Issuer;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(CjkPdfFonts.Family, 26);
            var body = new XFont(CjkPdfFonts.Family, 13);
            var small = new XFont(CjkPdfFonts.Family, 10);
            var dark = new XSolidBrush(XColor.FromArgb(28, 39, 51));
            var w = page.Width.Point;
            g.DrawRectangle(new XPen(XColor.FromArgb(11, 60, 111), 3), 28, 28, w - 56, page.Height.Point - 56);
            g.DrawString("志愿服务时长证明", title, dark, new XRect(0, 80, w, 40), XStringFormats.TopCenter);
            g.DrawString(c.Issuer + " · 科普讲师团", body, dark, new XRect(0, 125, w, 20), XStringFormats.TopCenter);
            var lines = new List<string>
            {
                $"兹证明 {c.LecturerName} 同志于 {Period(c)}",
                $"参加{c.Issuer}组织的科普讲座志愿服务共 {c.Services} 场，",
                $"累计志愿服务时长 {Hours(c.Hours)} 小时。",
                "",
                "特此证明。",
            };
            var y = 190.0;
            foreach (var line in lines) { g.DrawString(line, body, dark, 70, y); y += 26; }
            y += 10;
            foreach (var r in records.OrderBy(r => r.ServedAt).Take(12))
            {
                g.DrawString($"{OutreachTime.Date(r.ServedAt, "zh-CN")}  {Truncate(r.Activity, 26)}  {Truncate(r.Organisation, 14)}  {Hours(r.TotalHours)} 小时", small, dark, 70, y);
                y += 18;
            }
            if (records.Count > 12) g.DrawString($"……另有 {records.Count - 12} 场", small, dark, 70, y);
            var bottom = page.Height.Point - 200;
            g.DrawString("出具单位：" + c.Issuer, body, dark, 70, bottom);
            g.DrawString("出具日期：" + OutreachTime.Date(c.IssuedAt, "zh-CN"), body, dark, 70, bottom + 24);
            g.DrawString("证书编号：" + c.Serial, body, dark, 70, bottom + 48);
            g.DrawString("扫码或访问下方网址核验真伪", small, dark, 70, bottom + 76);
            g.DrawString(VerifyUrl(c), small, dark, 70, bottom + 92);
            DrawQr(g, VerifyUrl(c), w - 70 - 110, bottom - 10, 110);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>Vector squares from the QR matrix: sharp at any zoom and no image decoder needed.</summary>
    static void DrawQr(XGraphics g, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var cell = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var col = 0; col < matrix[row].Length; col++)
                if (matrix[row][col]) g.DrawRectangle(XBrushes.Black, x + col * cell, y + row * cell, cell + 0.1, cell + 0.1);
    }

    static string NewSerial()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return "ZS" + new string(chars);
    }
}
