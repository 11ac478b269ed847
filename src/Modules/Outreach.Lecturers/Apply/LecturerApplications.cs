using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;

namespace Outreach.Lecturers.Apply;

/// <summary>The answer to an application: the application's id and state (a direct edit: the lecturer's state).</summary>
public sealed record ApplicationAnswer(int Id, string Status, int LecturerId);

public enum ApplyOutcome { Submitted, Updated, Invalid, AlreadyPending }

public sealed record ApplyResult(ApplyOutcome Outcome, ApplicationAnswer? Answer = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// Apply, re-apply after asked-for changes, and edit an approved profile. A new or re-submitted application waits for
/// review; an approved lecturer's substantive changes (name, fields, title, photo) wait in a change application while
/// the approved version stays public, and the rest applies at once. One open application per lecturer, kept by the
/// database: a second one while one is pending is "already pending" (409).
/// </summary>
public sealed class LecturerApplications(OutreachDbContext db, TimeProvider clock, LecturerMails mails)
{
    /// <param name="upload">A photo sent with the form, checked but not saved: it is saved with the application, or not at all.</param>
    public async Task<ApplyResult> ApplyAsync(int userId, LecturerInput input, CancellationToken ct, Photos.LecturerPhoto? upload = null)
    {
        await DisciplineList.EnsureAsync(db, ct);
        var now = clock.GetUtcNow();
        var codes = await db.Set<Discipline>().AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        var c = LecturerInputCheck.Check(input, codes, OutreachTime.ToBeijing(now).Year);
        if (upload is null && c.PhotoId is { } photo && !await Photos.LecturerPhotos.OwnsAsync(db, userId, photo, ct))
            c.Add("photoId", "照片应为您本人在本站上传的照片（先上传，再填写返回的编号）");
        if (c.Errors.Count > 0) return new ApplyResult(ApplyOutcome.Invalid, Errors: c.Errors);

        var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.UserId == userId, ct);
        var open = lecturer is null ? null : await db.Set<LecturerApplication>().FirstOrDefaultAsync(a => a.OpenLecturerId == lecturer.Id, ct);
        if (open is { Status: ApplicationStatus.Pending }) return new ApplyResult(ApplyOutcome.AlreadyPending);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (upload is not null)
            {
                upload.UserId = userId;
                db.Add(upload);
                await db.SaveChangesAsync(ct);
                c.PhotoId = upload.Id;
                c.PhotoPublic = input.PhotoPublic;
            }
            ApplyResult result;
            if (lecturer is null)
            {
                lecturer = new Lecturer { UserId = userId, Slug = NewSlug(), CreatedAt = now, ConsentedAt = now, Status = LecturerStatus.Pending };
                Fill(lecturer, c, substantive: true);
                lecturer.UpdatedAt = now;
                db.Add(lecturer);
                await db.SaveChangesAsync(ct);
                result = await SubmitNewAsync(lecturer, c, open: null, now, ct);
            }
            else if (lecturer.IsPublic)
                result = await EditApprovedAsync(lecturer, c, open, now, ct);
            else
            {
                // Pending with changes asked, rejected, or left before: the whole profile goes (back) to review.
                Fill(lecturer, c, substantive: true);
                lecturer.Status = LecturerStatus.Pending;
                lecturer.ConsentedAt = now;
                lecturer.UpdatedAt = now;
                lecturer.LeftAt = null;
                lecturer.PausedUntil = null;
                result = await SubmitNewAsync(lecturer, c, open, now, ct);
            }
            if (result.Outcome == ApplyOutcome.AlreadyPending)
            {
                await tx.RollbackAsync(ct);
                return result;
            }
            await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same person applying twice at once: one application wins, the other is told one is pending.
            await tx.RollbackAsync(ct);
            return new ApplyResult(ApplyOutcome.AlreadyPending);
        }
    }

    async Task<ApplyResult> SubmitNewAsync(Lecturer lecturer, CheckedInput c, LecturerApplication? open, DateTimeOffset now, CancellationToken ct)
    {
        await ReplaceChildrenAsync(lecturer, c, substantive: true, ct);
        LecturerApplication application;
        if (open is not null)
        {
            // Re-submitted after asked-for changes: the same application goes back to the queue, once.
            var moved = await db.Set<LecturerApplication>().Where(a => a.Id == open.Id && a.Status == ApplicationStatus.ChangesRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Pending).SetProperty(a => a.SubmittedAt, now), ct);
            if (moved == 0) return new ApplyResult(ApplyOutcome.AlreadyPending);
            application = open;
            if (open.Kind == ApplicationKind.Change) open.ChangeJson = null;
            db.Entry(open).State = EntityState.Detached;
        }
        else
        {
            application = new LecturerApplication
            {
                LecturerId = lecturer.Id, Kind = ApplicationKind.New, Status = ApplicationStatus.Pending, OpenLecturerId = lecturer.Id, SubmittedAt = now,
            };
            db.Add(application);
        }
        LecturerIndex.Touch(db, lecturer); // a re-application of a left lecturer drops the old document
        await mails.QueueAsync(lecturer, "received", "", ct);
        await db.SaveChangesAsync(ct);
        return new ApplyResult(ApplyOutcome.Submitted, new ApplicationAnswer(application.Id, "pending", lecturer.Id));
    }

    async Task<ApplyResult> EditApprovedAsync(Lecturer lecturer, CheckedInput c, LecturerApplication? open, DateTimeOffset now, CancellationToken ct)
    {
        var currentFields = await db.Set<LecturerDiscipline>().Where(d => d.LecturerId == lecturer.Id).Select(d => d.DisciplineId).ToListAsync(ct);
        var proposed = new ProposedChange(c.TitleLevel, c.ProfessionalTitle, c.PhotoId, c.PhotoPublic, c.DisciplineIds.Order().ToList()) { Name = c.Name };
        // Showing a face (a new photo, or the photo made public) waits for review; hiding one applies at once.
        var substantive = proposed.Name != lecturer.Name || proposed.TitleLevel != lecturer.TitleLevel || proposed.ProfessionalTitle != lecturer.ProfessionalTitle
            || (proposed.PhotoId is not null && proposed.PhotoId != lecturer.PhotoId) || (proposed.PhotoPublic && !lecturer.PhotoPublic) || !proposed.DisciplineIds.SequenceEqual(currentFields.Order());
        if (!c.PhotoPublic) lecturer.PhotoPublic = false;
        if (c.PhotoId is null) lecturer.PhotoId = null;
        Fill(lecturer, c, substantive: false);
        lecturer.UpdatedAt = now;
        await ReplaceChildrenAsync(lecturer, c, substantive: false, ct);
        LecturerIndex.Touch(db, lecturer);
        if (!substantive)
        {
            await db.SaveChangesAsync(ct);
            return new ApplyResult(ApplyOutcome.Updated, new ApplicationAnswer(open?.Id ?? 0, LecturerWords.Status(lecturer.Status), lecturer.Id));
        }
        var json = JsonSerializer.Serialize(proposed);
        LecturerApplication application;
        if (open is not null)
        {
            var moved = await db.Set<LecturerApplication>().Where(a => a.Id == open.Id && a.Status == ApplicationStatus.ChangesRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ApplicationStatus.Pending).SetProperty(a => a.SubmittedAt, now)
                    .SetProperty(a => a.ChangeJson, json), ct);
            if (moved == 0) return new ApplyResult(ApplyOutcome.AlreadyPending);
            application = open;
            db.Entry(open).State = EntityState.Detached;
        }
        else
        {
            application = new LecturerApplication
            {
                LecturerId = lecturer.Id, Kind = ApplicationKind.Change, Status = ApplicationStatus.Pending, OpenLecturerId = lecturer.Id,
                SubmittedAt = now, ChangeJson = json,
            };
            db.Add(application);
        }
        await mails.QueueAsync(lecturer, "change-received", "", ct);
        await db.SaveChangesAsync(ct);
        return new ApplyResult(ApplyOutcome.Submitted, new ApplicationAnswer(application.Id, "pending", lecturer.Id));
    }

    /// <summary>Copies the checked values; <paramref name="substantive"/> false leaves name, title and photo as approved.</summary>
    static void Fill(Lecturer l, CheckedInput c, bool substantive)
    {
        if (substantive)
        {
            l.Name = c.Name;
            l.TitleLevel = c.TitleLevel;
            l.ProfessionalTitle = c.ProfessionalTitle;
            l.PhotoId = c.PhotoId;
            l.PhotoPublic = c.PhotoPublic;
        }
        l.Gender = c.Gender;
        l.BirthYear = c.BirthYear;
        l.Organisation = c.Organisation;
        l.Bio = c.Bio;
        l.Languages = c.Languages;
        l.AvailableDays = c.Days;
        l.AvailableMonths = c.Months;
        l.AvailabilityNote = c.AvailabilityNote;
        l.PrivateFields = c.Private;
    }

    async Task ReplaceChildrenAsync(Lecturer lecturer, CheckedInput c, bool substantive, CancellationToken ct)
    {
        await db.Set<LecturerTopic>().Where(t => t.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
        await db.Set<LecturerRegion>().Where(r => r.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
        foreach (var t in c.Topics) { t.LecturerId = lecturer.Id; t.SiteId = lecturer.SiteId; db.Add(t); }
        foreach (var r in c.Regions) { r.LecturerId = lecturer.Id; r.SiteId = lecturer.SiteId; db.Add(r); }
        if (substantive) await SetDisciplinesAsync(db, lecturer, c.DisciplineIds, ct);
    }

    internal static async Task SetDisciplinesAsync(OutreachDbContext db, Lecturer lecturer, IReadOnlyList<int> ids, CancellationToken ct)
    {
        await db.Set<LecturerDiscipline>().Where(d => d.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
        foreach (var id in ids.Distinct()) db.Add(new LecturerDiscipline { LecturerId = lecturer.Id, SiteId = lecturer.SiteId, DisciplineId = id });
    }

    /// <summary>Chinese names make no Latin slug, and two people may share a name: a short random one.</summary>
    static string NewSlug() => "lecturer-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
