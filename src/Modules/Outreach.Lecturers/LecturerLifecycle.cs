using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Mail;

namespace Outreach.Lecturers;

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
    /// Personal data of lecturers who left more than <paramref name="retentionDays"/> ago, on the current site: the row
    /// stays (other modules' service records point at it, for statistics) but is anonymised, its topics, regions and
    /// fields deleted, and its mails forgotten.
    /// </summary>
    public static async Task<int> AnonymiseLeftAsync(OutreachDbContext db, IMailOutbox outbox, DateTimeOffset now, int retentionDays, CancellationToken ct)
    {
        var due = now.AddDays(-retentionDays);
        var rows = await db.Set<Lecturer>()
            .Where(l => l.Status == LecturerStatus.Left && l.AnonymisedAt == null && l.LeftAt < due).Take(500).ToListAsync(ct);
        foreach (var l in rows) Anonymise(l, now);
        var ids = rows.Select(r => r.Id).ToList();
        await db.Set<LecturerTopic>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerRegion>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await db.Set<LecturerDiscipline>().Where(t => ids.Contains(t.LecturerId)).ExecuteDeleteAsync(ct);
        await outbox.ForgetAsync(ids.Select(LecturerMails.Reference).ToList(), ct);
        await db.SaveChangesAsync(ct);
        return rows.Count;
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
