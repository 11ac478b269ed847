using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Mail;

namespace Outreach.Lecturers;

/// <summary>
/// Implemented by a module that keeps service records of lecturers (the dispatch module's hours): which of these
/// lecturers (ids of the current site) have any. A lecturer who left with none is deleted after the retention period;
/// one with records keeps an anonymised row, so the statistics the records feed stay whole.
/// </summary>
public interface ILecturerServiceRecords
{
    Task<IReadOnlySet<int>> WithRecordsAsync(IReadOnlyCollection<int> lecturerIds, CancellationToken ct);
}

/// <summary>
/// A lecturer's own pause (not available until a date) and leaving (unpublished at once; personal data removed after
/// the retention period by <see cref="LecturerRetentionJob"/>).
/// </summary>
public sealed class LecturerLifecycle(OutreachDbContext db, TimeProvider clock, LecturerMails mails)
{
    /// <summary>Pauses an approved lecturer of the current site until <paramref name="until"/> (Beijing day); false when not public.</summary>
    public async Task<bool> PauseAsync(int userId, DateOnly until, CancellationToken ct)
    {
        var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        if (lecturer is not { IsPublic: true }) return false;
        lecturer.Status = LecturerStatus.Paused;
        lecturer.PausedUntil = until;
        lecturer.UpdatedAt = clock.GetUtcNow();
        LecturerIndex.Touch(db, lecturer);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> ResumeAsync(int userId, CancellationToken ct)
    {
        var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        if (lecturer is not { Status: LecturerStatus.Paused }) return false;
        lecturer.Status = LecturerStatus.Approved;
        lecturer.PausedUntil = null;
        lecturer.UpdatedAt = clock.GetUtcNow();
        LecturerIndex.Touch(db, lecturer);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Takes the photo off the public profile at once, whatever waits for review (a pending change that would show it
    /// is changed not to); false when the person has no profile here.
    /// </summary>
    public async Task<bool> HidePhotoAsync(int userId, CancellationToken ct)
    {
        var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.UserId == userId && l.Status != LecturerStatus.Left, ct);
        if (lecturer is null) return false;
        lecturer.PhotoPublic = false;
        lecturer.UpdatedAt = clock.GetUtcNow();
        var open = await db.Set<LecturerApplication>().FirstOrDefaultAsync(a => a.OpenLecturerId == lecturer.Id && a.ChangeJson != null, ct);
        if (open?.ChangeJson is { } json && System.Text.Json.JsonSerializer.Deserialize<ProposedChange>(json) is { PhotoPublic: true } change)
            open.ChangeJson = System.Text.Json.JsonSerializer.Serialize(change with { PhotoPublic = false });
        LecturerIndex.Touch(db, lecturer);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Leaves: the profile is unpublished in this transaction, memberships and open applications end.</summary>
    public async Task<bool> LeaveAsync(int userId, CancellationToken ct)
    {
        var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.UserId == userId && l.Status != LecturerStatus.Left, ct);
        if (lecturer is null) return false;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        lecturer.Status = LecturerStatus.Left;
        lecturer.LeftAt = now;
        lecturer.PausedUntil = null;
        lecturer.UpdatedAt = now;
        await db.Set<LecturerApplication>().Where(a => a.OpenLecturerId == lecturer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Withdrawn).SetProperty(a => a.OpenLecturerId, (int?)null)
                .SetProperty(a => a.DecidedAt, now), ct);
        await db.Set<LecturerTeamMember>().Where(m => m.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
        await db.Set<LecturerTeam>().Where(t => t.LeadLecturerId == lecturer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadLecturerId, (int?)null), ct);
        LecturerIndex.Touch(db, lecturer);
        await mails.QueueAsync(lecturer, "left", "", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Lecturers who left more than <paramref name="retentionDays"/> ago, on the current site: those without service
    /// records (as <paramref name="records"/> tell) are deleted with everything of theirs; those with some keep an
    /// anonymised row for the statistics the records feed. Either way their photos, topics, regions, fields and mails go.
    /// </summary>
    public static async Task<(int Deleted, int Anonymised)> RemoveLeftAsync(OutreachDbContext db, IMailOutbox outbox,
        IEnumerable<ILecturerServiceRecords> records, DateTimeOffset now, int retentionDays, CancellationToken ct)
    {
        var due = now.AddDays(-retentionDays);
        var rows = await db.Set<Lecturer>()
            .Where(l => l.Status == LecturerStatus.Left && l.AnonymisedAt == null && l.LeftAt < due).Take(500).ToListAsync(ct);
        if (rows.Count == 0) return (0, 0);
        var ids = rows.Select(r => r.Id).ToList();
        var kept = new HashSet<int>();
        foreach (var source in records) kept.UnionWith(await source.WithRecordsAsync(ids, ct));
        var users = rows.Where(r => r.UserId is not null).Select(r => r.UserId!.Value).ToList();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Photos.LecturerPhoto>().Where(p => users.Contains(p.UserId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerTopic>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerRegion>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerDiscipline>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await outbox.ForgetAsync(ids.Select(LecturerMails.Reference).ToList(), ct);
        foreach (var l in rows.Where(r => kept.Contains(r.Id))) Anonymise(l, now);
        await db.SaveChangesAsync(ct);
        // The rest go for good: applications, memberships and the search document with them (cascade; a team's lead is unset).
        var gone = ids.Where(id => !kept.Contains(id)).ToList();
        await db.Set<LecturerTeam>().Where(t => t.LeadLecturerId != null && gone.Contains(t.LeadLecturerId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadLecturerId, (int?)null), ct);
        await db.Set<LecturerApplication>().Where(a => gone.Contains(a.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerTeamMember>().Where(m => gone.Contains(m.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<Lecturer>().Where(l => gone.Contains(l.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return (gone.Count, rows.Count - gone.Count);
    }

    /// <summary>Blanks what identifies the person; the row stays for the records that point at it.</summary>
    internal static void Anonymise(Lecturer l, DateTimeOffset now)
    {
        l.Name = "已退出的讲师";
        l.UserId = null;
        l.Gender = LecturerGender.Unspecified;
        l.BirthYear = null;
        l.Organisation = "";
        l.ProfessionalTitle = "";
        l.Bio = "";
        l.PhotoId = null;
        l.PhotoPublic = false;
        l.AvailabilityNote = "";
        l.AnonymisedAt = now;
    }
}
