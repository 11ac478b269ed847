using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Lecturers.Apply;

namespace Outreach.Lecturers.Review;

public enum ReviewDecision { Approve, Reject, RequestChanges }

public enum ReviewOutcome { Done, NotFound, NotPending, ReasonRequired }

/// <summary>
/// A reviewer's decision on a pending application of the current site. The move out of "pending" is one conditional
/// UPDATE, so of two reviewers deciding at once only one decides (the other is told it is no longer pending); the
/// lecturer's change and the applicant's mail are written in the same transaction.
/// </summary>
public sealed class LecturerReview(OutreachDbContext db, TimeProvider clock, LecturerMails mails, AuditLog audit)
{
    public async Task<(ReviewOutcome Outcome, ApplicationAnswer? Answer)> DecideAsync(int applicationId, ReviewDecision decision, string? reason,
        ClaimsPrincipal reviewer, CancellationToken ct)
    {
        var text = (reason ?? "").Trim();
        if (decision != ReviewDecision.Approve && text.Length == 0) return (ReviewOutcome.ReasonRequired, null);
        if (text.Length > LecturerLimits.Reason) text = text[..LecturerLimits.Reason];
        // Site filter: an application of another site is simply not found.
        var application = await db.Set<LecturerApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return (ReviewOutcome.NotFound, null);
        var now = clock.GetUtcNow();
        var status = decision switch
        {
            ReviewDecision.Approve => ApplicationStatus.Approved,
            ReviewDecision.Reject => ApplicationStatus.Rejected,
            _ => ApplicationStatus.ChangesRequested,
        };
        int? open = status == ApplicationStatus.ChangesRequested ? application.LecturerId : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Set<LecturerApplication>().Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status).SetProperty(a => a.OpenLecturerId, open)
                .SetProperty(a => a.Reason, text).SetProperty(a => a.DecidedAt, now).SetProperty(a => a.DecidedByUserId, reviewer.UserId()), ct);
        if (moved == 0) return (ReviewOutcome.NotPending, null);

        var lecturer = await db.Set<Lecturer>().FirstAsync(l => l.Id == application.LecturerId, ct);
        string step;
        if (application.Kind == ApplicationKind.New)
        {
            lecturer.Status = decision switch
            {
                ReviewDecision.Approve => LecturerStatus.Approved,
                ReviewDecision.Reject => LecturerStatus.Rejected,
                _ => LecturerStatus.ChangesRequested,
            };
            if (decision == ReviewDecision.Approve) lecturer.ApprovedAt = now;
            step = decision switch { ReviewDecision.Approve => "approved", ReviewDecision.Reject => "rejected", _ => "changes-requested" };
        }
        else
        {
            if (decision == ReviewDecision.Approve && application.ChangeJson is { } json && JsonSerializer.Deserialize<ProposedChange>(json) is { } change)
            {
                lecturer.Name = change.Name.Length > 0 ? change.Name : lecturer.Name;
                lecturer.TitleLevel = change.TitleLevel;
                lecturer.ProfessionalTitle = change.ProfessionalTitle;
                lecturer.PhotoId = change.PhotoId;
                lecturer.PhotoPublic = change.PhotoPublic;
                await LecturerApplications.SetDisciplinesAsync(db, lecturer, change.DisciplineIds, ct);
            }
            step = decision switch { ReviewDecision.Approve => "change-approved", ReviewDecision.Reject => "change-rejected", _ => "changes-requested" };
        }
        lecturer.UpdatedAt = now;
        LecturerIndex.Touch(db, lecturer);
        await mails.QueueAsync(lecturer, step, text, ct);
        audit.Record(reviewer, "lecturer." + step, $"lecturer:{lecturer.Id} application:{application.Id}", text);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (ReviewOutcome.Done, new ApplicationAnswer(application.Id, LecturerWords.Status(status), lecturer.Id));
    }
}
