using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

/// <summary>
/// Tours (上山下乡): stops in rural counties, each with lectures that are requests dispatched the usual way (ordered
/// by a town or planned by the office). The public page shows stops, lectures (topic, public lecturer name, place,
/// time) and totals; nothing of the requesters' contact data.
/// </summary>
public sealed class Tours(OutreachDbContext db, SiteContext site)
{
    public sealed record TourLecture(string Topic, string Organisation, string Audience, string? Lecturer, DateTimeOffset StartsAt, string Status, int? Audiences);
    public sealed record TourStopView(int Position, string City, string County, string Town, string Venue, DateTimeOffset Date, string DateText, IReadOnlyList<TourLecture> Lectures);
    public sealed record TourTotals(int Stops, int Lectures, int Audience, int Lecturers, decimal Hours);
    public sealed record TourView(int Id, string Slug, string Title, string Summary, string Url, IReadOnlyList<TourStopView> Stops, IReadOnlyList<string> Counties,
        TourTotals Totals, string Period);
    public sealed record TourListPage(IReadOnlyList<TourView> Items, int Total, int Page, int PageSize);

    public async Task<IReadOnlyList<TourView>> AllAsync(CancellationToken ct)
    {
        var slugs = await db.Set<Tour>().AsNoTracking().OrderByDescending(t => t.Id).Select(t => t.Slug).Take(100).ToListAsync(ct);
        var list = new List<TourView>();
        foreach (var s in slugs) list.Add((await FindAsync(s, ct))!);
        return list;
    }

    public async Task<TourView?> FindAsync(string slug, CancellationToken ct)
    {
        var tour = await db.Set<Tour>().AsNoTracking().Include(t => t.Stops).FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tour is null) return null;
        var stopIds = tour.Stops.Select(s => s.Id).ToList();
        var requests = await db.Set<LectureRequest>().AsNoTracking().Where(r => r.TourStopId != null && stopIds.Contains(r.TourStopId.Value) && r.Status != RequestStatus.Closed)
            .ToListAsync(ct);
        var requestIds = requests.Select(r => r.Id).ToList();
        var dispatches = (await db.Set<LectureDispatch>().AsNoTracking().Where(d => requestIds.Contains(d.RequestId)
                && (d.Status == DispatchStatus.Accepted || d.Status == DispatchStatus.Reported || d.Status == DispatchStatus.Confirmed)).ToListAsync(ct))
            .ToDictionary(d => d.RequestId);
        var dispatchIds = dispatches.Values.Select(d => d.Id).ToList();
        var hours = await db.Set<ServiceRecord>().AsNoTracking().Where(s => dispatchIds.Contains(s.DispatchId)).SumAsync(s => s.Hours + s.TravelHours, ct);
        var stops = tour.Stops.OrderBy(s => s.Date).ThenBy(s => s.Position).Select(s => new TourStopView(s.Position, s.City, s.County, s.Town, s.Venue,
            OutreachTime.ToBeijing(s.Date), OutreachTime.Date(s.Date, "zh-CN"),
            requests.Where(r => r.TourStopId == s.Id).Select(r =>
            {
                var d = dispatches.GetValueOrDefault(r.Id);
                return new TourLecture(r.Topic, r.Organisation, r.Audience, d?.LecturerName, OutreachTime.ToBeijing(d?.StartsAt ?? r.PreferredAt1),
                    d is null ? "筹备中" : d.Status == DispatchStatus.Accepted ? "已安排" : "已完成", d?.ActualAudience);
            }).OrderBy(l => l.StartsAt).ToList())).ToList();
        var totals = new TourTotals(stops.Count, stops.Sum(s => s.Lectures.Count), dispatches.Values.Sum(d => d.ActualAudience ?? 0),
            dispatches.Values.Select(d => d.LecturerId).Distinct().Count(), hours);
        var period = stops.Count == 0 ? "" : stops[0].DateText + (stops.Count > 1 ? "—" + stops[^1].DateText : "");
        return new TourView(tour.Id, tour.Slug, tour.Title, tour.Summary, site.Url("/tours/" + tour.Slug), stops,
            stops.Select(s => s.City + s.County).Distinct().ToList(), totals, period);
    }
}
