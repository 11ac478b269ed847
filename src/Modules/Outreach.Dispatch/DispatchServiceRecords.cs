using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Lecturers;

namespace Outreach.Dispatch;

/// <summary>
/// Tells the lecturers' retention job which lecturers who left have confirmed service hours here: their row is kept
/// anonymised instead of deleted, so the records (and the certificates issued from them) keep pointing at something.
/// </summary>
public sealed class DispatchServiceRecords(OutreachDbContext db) : ILecturerServiceRecords
{
    public async Task<IReadOnlySet<int>> WithRecordsAsync(IReadOnlyCollection<int> lecturerIds, CancellationToken ct) =>
        (await db.Set<ServiceRecord>().Where(r => lecturerIds.Contains(r.LecturerId)).Select(r => r.LecturerId).Distinct().ToListAsync(ct)).ToHashSet();
}
