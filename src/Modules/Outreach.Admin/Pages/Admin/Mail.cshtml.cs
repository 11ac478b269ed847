using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

/// <summary>
/// The outbox of this site: status, attempts, last error, the message itself, retry and a test mail.
/// On the portal a platform admin sees every site's mail (an explicit cross-site query); everywhere else,
/// and for everyone else, the site filter keeps the list to this site.
/// </summary>
[SitePermission(Permissions.ManageMail)]
public sealed class MailModel(OutreachDbContext db, SiteContext site, SiteCatalog sites, AuditLog audit, IMailOutbox outbox,
    UserManager<OutreachUser> users, TimeProvider clock) : PageModel
{
    const int PageSize = 200;

    public sealed record Row(long Id, int SiteId, string ToAddress, string Subject, string Template, OutboxStatus Status, int Attempts,
        string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    public List<Row> Rows { get; private set; } = [];
    public OutboxMail? Message { get; private set; }
    public Dictionary<int, string> SiteNames { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }

    /// <summary>Platform admins on the portal (the site with the empty prefix) see every site's outbox.</summary>
    public bool AllSites => SiteAuthorization.IsPlatformAdmin(User) && site.Required.Prefix == "";

    IQueryable<OutboxMail> Mails => AllSites ? db.OutboxMails.IgnoreQueryFilters([OutreachDbContext.SiteFilter]) : db.OutboxMails;

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        SiteNames = (await sites.AllAsync()).ToDictionary(s => s.Id, s => s.DisplayNameZh);
        if (id is long one)
        {
            Message = await Mails.AsNoTracking().FirstOrDefaultAsync(m => m.Id == one, ct);
            return Message is null ? NotFound() : Page();
        }
        var query = Mails.AsNoTracking();
        if (Status is { } status) query = query.Where(m => m.Status == status);
        Rows = await query.OrderByDescending(m => m.Id).Take(PageSize)
            .Select(m => new Row(m.Id, m.SiteId, m.ToAddress, m.Subject, m.Template, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.SentAt))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>
    /// Failed or Uncertain → Pending in one conditional UPDATE, so two clicks (or two admins) move it once.
    /// Attempts are kept: an exhausted row gets one more attempt, and the count stays honest.
    /// </summary>
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await Mails.Where(m => m.Id == id && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Uncertain))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.HandedOverAt, (DateTimeOffset?)null), ct);
        if (moved == 1)
        {
            audit.Record(User, "mail.retry", "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        TempData["Message"] = moved == 1 ? $"邮件 #{id} 已重新排队，稍后发送。" : $"邮件 #{id} 不是“发送失败”或“状态不明”，未做改动。";
        return Redirect(site.Url("/admin/mail?id=" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Queues the kernel's <c>test</c> mail to the signed-in admin's own address.</summary>
    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        var me = await users.GetUserAsync(User);
        if (me?.Email is not { Length: > 0 } address)
        {
            TempData["Message"] = "当前账号没有邮箱地址，无法发送测试邮件。";
            return Redirect(site.Url("/admin/mail"));
        }
        await outbox.EnqueueAsync("test", address, new Outreach.Core.Themes.TestMail("由管理后台“发送测试邮件”按钮发出。"));
        audit.Record(User, "mail.test", AuditLog.ActorOf(User));
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"测试邮件已加入发送队列，收件人：{address}。";
        return Redirect(site.Url("/admin/mail"));
    }

    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "待发送",
        OutboxStatus.Sending => "发送中",
        OutboxStatus.Sent => "已发送",
        OutboxStatus.Failed => "发送失败",
        OutboxStatus.Uncertain => "状态不明",
        OutboxStatus.Unrendered => "待生成",
        _ => status.ToString(),
    };

    public static bool CanRetry(OutboxStatus status) => status is OutboxStatus.Failed or OutboxStatus.Uncertain;

    /// <summary>Beijing time, to the second.</summary>
    public static string Beijing(DateTimeOffset? at) =>
        at is { } t ? OutreachTime.ToBeijing(t).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
