using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Bases;

/// <summary>What base staff write in a yearly report; every count is required (0 is an answer).</summary>
public sealed record ReportInput(int? Year, int? Visitors, int? Activities, int? Volunteers, int? OpenDays, string? Notes);

public enum ReportOutcome { Done, Invalid, Duplicate, NotFound, WrongState }

/// <summary>
/// Filing, re-filing and reviewing yearly reports. Every state change is one conditional UPDATE (or an insert
/// guarded by the unique index on base and year), so two reviewers or two staff racing each other change it once.
/// </summary>
public sealed class YearlyReports(OutreachDbContext db, TimeProvider clock)
{
    /// <summary>Field errors (camelCase names as in the API), zh-CN.</summary>
    public Dictionary<string, string[]> Problems(ReportInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var thisYear = OpeningStatus.Today(clock.GetUtcNow()).Year;
        if (input.Year is not { } year || year < 2000 || year > thisYear)
            errors["year"] = [$"年度应在 2000 到 {thisYear} 之间（不能为将来的年度）。"];
        void Count(string name, string label, int? value)
        {
            if (value is null or < 0 or > BaseLimits.ReportCount) errors[name] = [$"请填写{label}（0 到 {BaseLimits.ReportCount} 之间的整数）。"];
        }
        Count("visitors", "接待人次", input.Visitors);
        Count("activities", "举办活动场次", input.Activities);
        Count("volunteers", "志愿者人数", input.Volunteers);
        Count("openDays", "开放日天数", input.OpenDays);
        if (input.OpenDays is > 366) errors["openDays"] = ["开放日天数不能超过 366 天。"];
        if ((input.Notes ?? "").Length > BaseLimits.ReportNotes) errors["notes"] = [$"说明不能超过 {BaseLimits.ReportNotes} 个字。"];
        return errors;
    }

    public async Task<(ReportOutcome Outcome, YearlyReport? Report, Dictionary<string, string[]> Errors)> FileAsync(Base b, ReportInput input, int? userId,
        CancellationToken ct)
    {
        var errors = Problems(input);
        if (errors.Count > 0) return (ReportOutcome.Invalid, null, errors);
        if (await db.Set<YearlyReport>().AnyAsync(r => r.BaseId == b.Id && r.Year == input.Year, ct)) return (ReportOutcome.Duplicate, null, errors);
        var report = new YearlyReport
        {
            SiteId = b.SiteId, BaseId = b.Id, Year = input.Year!.Value, Visitors = input.Visitors!.Value, Activities = input.Activities!.Value,
            Volunteers = input.Volunteers!.Value, OpenDays = input.OpenDays!.Value, Notes = (input.Notes ?? "").Trim(), State = ReportState.Submitted,
            SubmittedBy = userId, SubmittedAt = clock.GetUtcNow(),
        };
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            db.Entry(report).State = EntityState.Detached;
            return (ReportOutcome.Duplicate, null, errors);
        }
        return (ReportOutcome.Done, report, errors);
    }

    /// <summary>Files a returned report again with corrected figures; only a returned report can change.</summary>
    public async Task<(ReportOutcome Outcome, Dictionary<string, string[]> Errors)> RefileAsync(int baseId, int year, ReportInput input, int? userId,
        CancellationToken ct)
    {
        var errors = Problems(input with { Year = year });
        if (errors.Count > 0) return (ReportOutcome.Invalid, errors);
        var now = clock.GetUtcNow();
        var notes = (input.Notes ?? "").Trim();
        var changed = await db.Set<YearlyReport>().Where(r => r.BaseId == baseId && r.Year == year && r.State == ReportState.Returned)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Visitors, input.Visitors!.Value).SetProperty(r => r.Activities, input.Activities!.Value)
                .SetProperty(r => r.Volunteers, input.Volunteers!.Value).SetProperty(r => r.OpenDays, input.OpenDays!.Value).SetProperty(r => r.Notes, notes)
                .SetProperty(r => r.State, ReportState.Submitted).SetProperty(r => r.SubmittedBy, userId).SetProperty(r => r.SubmittedAt, now), ct);
        if (changed == 1) return (ReportOutcome.Done, errors);
        return (await db.Set<YearlyReport>().AnyAsync(r => r.BaseId == baseId && r.Year == year, ct) ? ReportOutcome.WrongState : ReportOutcome.NotFound, errors);
    }

    /// <summary>Accepts, or returns with a comment (required), a report that waits for review.</summary>
    public async Task<ReportOutcome> ReviewAsync(int reportId, bool accept, string? comment, int? userId, CancellationToken ct)
    {
        var text = (comment ?? "").Trim();
        if ((!accept && text.Length == 0) || text.Length > BaseLimits.DecisionNote) return ReportOutcome.Invalid;
        var now = clock.GetUtcNow();
        var state = accept ? ReportState.Accepted : ReportState.Returned;
        var changed = await db.Set<YearlyReport>().Where(r => r.Id == reportId && r.State == ReportState.Submitted)
            // Accepting without a word keeps the last comment (why it was returned) on the record.
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state).SetProperty(r => r.ReviewComment, r => text.Length == 0 ? r.ReviewComment : text)
                .SetProperty(r => r.ReviewedBy, userId).SetProperty(r => r.ReviewedAt, now), ct);
        if (changed == 1) return ReportOutcome.Done;
        return await db.Set<YearlyReport>().AnyAsync(r => r.Id == reportId, ct) ? ReportOutcome.WrongState : ReportOutcome.NotFound;
    }

    public static string Word(ReportState s) => s switch { ReportState.Accepted => "accepted", ReportState.Returned => "returned", _ => "submitted" };

    public static string Chinese(ReportState s) => s switch { ReportState.Accepted => "已通过", ReportState.Returned => "已退回修改", _ => "待审核" };
}
