using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Dispatch.Pages.Admin.Dispatch;

/// <summary>Per-year statistics: a table and a server-rendered SVG chart (no script), with the CSV beside it.</summary>
[SitePermission(DispatchPermissions.Manage)]
public sealed class StatisticsModel(LectureStatistics statistics, SiteContext site, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public LectureStatistics.Report Report { get; private set; } = null!;
    public string Svg { get; private set; } = "";
    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Report = await statistics.ForYearAsync(Year is >= 2000 and <= 2100 ? Year.Value : OutreachTime.ToBeijing(clock.GetUtcNow()).Year, ct);
        Svg = LectureStatistics.Svg(Report);
    }
}
