using Fluid;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Accounts;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Dispatch;

public sealed record MyDispatchesView(IReadOnlyList<LecturerApi.MyDispatch> Dispatches, IReadOnlyList<LecturerApi.YearTotal> Years, string Base, FormToken Antiforgery);

/// <summary>
/// "我的讲座" in /my: offers to answer (接单 / 婉拒 buttons), accepted and past lectures, and service hours per year
/// with the certificate. Lists the current site's dispatches (the buttons post to this site).
/// </summary>
public sealed class MyDispatchesSection(OutreachDbContext db, SiteContext site, IAntiforgery antiforgery) : IPersonalAreaSection
{
    public string Key => "dispatches";

    public async Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct)
    {
        if (site.Site is null) return null;
        var rows = await (from d in db.Set<LectureDispatch>().AsNoTracking()
                          join r in db.Set<LectureRequest>() on d.RequestId equals r.Id
                          where d.LecturerUserId == userId
                          orderby d.StartsAt descending
                          select new { d, r }).Take(100).ToListAsync(ct);
        var records = await db.Set<ServiceRecord>().AsNoTracking().Where(s => s.LecturerUserId == userId).ToListAsync(ct);
        if (rows.Count == 0 && records.Count == 0) return null;
        var years = records.GroupBy(s => OutreachTime.ToBeijing(s.ServedAt).Year).OrderByDescending(g => g.Key)
            .Select(g => new LecturerApi.YearTotal(g.Key, g.Count(), g.Sum(s => s.TotalHours), site.Url("/api/v1/my/certificates?year=" + g.Key))).ToList();
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new PersonalAreaBlock(Key, "我的讲座", "my-dispatches", new MyDispatchesView(
            rows.Select(x => LecturerApi.View(x.d, x.r, site.Url("/my#dispatches"))).ToList(), years, site.Url("/my/dispatches"),
            new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "")), 20);
    }

    public async Task<object?> ExportAsync(int userId, CancellationToken ct) => new
    {
        dispatches = await db.Set<LectureDispatch>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(d => d.LecturerUserId == userId)
            .Select(d => new { d.Id, d.StartsAt, status = d.Status.ToString(), d.DeclineReason, d.ActualAudience, d.ActualMinutes, d.ReportNotes }).ToListAsync(ct),
        serviceRecords = await db.Set<ServiceRecord>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(s => s.LecturerUserId == userId)
            .Select(s => new { s.LecturerName, s.Organisation, s.Activity, s.ServedAt, s.Hours, s.TravelHours }).ToListAsync(ct),
    };

    /// <summary>
    /// Service records are kept (volunteer-service records must stay complete) but lose the link to the account;
    /// open offers are cancelled and go back to their queues.
    /// </summary>
    public async Task ForgetAsync(int userId, CancellationToken ct)
    {
        var open = db.Set<LectureDispatch>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(d => d.LecturerUserId == userId && d.Status == DispatchStatus.Offered);
        var requestIds = await open.Select(d => d.RequestId).ToListAsync(ct);
        await open.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DispatchStatus.Cancelled), ct);
        await db.Set<LectureRequest>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(r => requestIds.Contains(r.Id) && r.Status == RequestStatus.Dispatched)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Submitted), ct);
        await db.Set<LectureDispatch>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(d => d.LecturerUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LecturerUserId, (int?)null), ct);
        await db.Set<ServiceRecord>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(s => s.LecturerUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LecturerUserId, (int?)null), ct);
    }
}

public sealed class DispatchLiquid : ILiquidExtension
{
    public void Register(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<MyDispatchesView>();
        options.MemberAccessStrategy.Register<LecturerApi.MyDispatch>();
        options.MemberAccessStrategy.Register<LecturerApi.YearTotal>();
        options.MemberAccessStrategy.Register<FormToken>();
    }
}
