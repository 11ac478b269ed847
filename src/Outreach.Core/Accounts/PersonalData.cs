using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Core.Accounts;

/// <summary>The download of everything the platform holds of a person (PIPL Art. 45).</summary>
public sealed record PersonalDataExport(AccountInfo Account, IReadOnlyList<SiteRoleExport> SiteRoles,
    IReadOnlyDictionary<string, object?> Sections, DateTimeOffset ExportedAt);

public sealed record SiteRoleExport(string Site, string Role);

/// <summary>
/// The personal area's sections (gated: a module enabled on at least one site), the data download and the deletion
/// of an account (PIPL Art. 47): each module forgets the person in the same transaction as the account row, the audit
/// trail keeps the actions but not the address, and pending account mails are dropped.
/// </summary>
public sealed class PersonalData(IEnumerable<IPersonalAreaSection> sections, SiteCatalog catalog, Modules.ModuleCatalog modules, UserManager<OutreachUser> users,
    AccountCodes codes, OutreachDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<IPersonalAreaSection>> SectionsAsync(CancellationToken ct)
    {
        var sites = await catalog.AllAsync(ct);
        // The same gate as every other contribution (the catalog knows which module registered it), across all sites.
        return sections.Where(s => sites.Any(site => modules.IsEnabled(s, site))).ToList();
    }

    public async Task<PersonalDataExport> ExportAsync(OutreachUser user, CancellationToken ct)
    {
        var sites = await catalog.AllAsync(ct);
        var roles = await db.Set<SiteMembership>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).AsNoTracking()
            .Where(m => m.UserId == user.Id).ToListAsync(ct);
        var data = new Dictionary<string, object?>();
        foreach (var section in await SectionsAsync(ct)) data[section.Key] = await section.ExportAsync(user.Id, ct);
        return new PersonalDataExport(AccountProfile.Info(user),
            roles.Select(m => new SiteRoleExport(sites.FirstOrDefault(s => s.Id == m.SiteId)?.DisplayNameZh ?? "", Permissions.RoleName(m.Role))).ToList(),
            data, clock.GetUtcNow());
    }

    /// <summary>Deletes the account after checking its password; a wrong password changes nothing.</summary>
    public async Task<AccountResult> DeleteAsync(HttpContext http, OutreachUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
            return AccountResult.Invalid("password", "密码不正确。");
        var ct = http.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var section in sections) await section.ForgetAsync(user.Id, ct);
        await codes.ForgetAsync(user.Id, ct);
        var gone = "已删除的账号 #" + user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var address = user.Email ?? "";
        await db.Set<AuditEntry>().Where(a => a.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, gone), ct);
        await db.Set<AuditEntry>().Where(a => a.Target == address).ExecuteUpdateAsync(s => s.SetProperty(a => a.Target, gone), ct);
        await db.OutboxMails.IgnoreQueryFilters().Where(m => m.ToAddress == address && m.Template.StartsWith("account-")).ExecuteDeleteAsync(ct);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return AccountResult.Invalid("password", string.Join(" ", deleted.Errors.Select(e => e.Description)));
        }
        db.Set<AuditEntry>().Add(new AuditEntry { Actor = gone, Action = "account.deleted", Target = gone, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AccountResult.Done;
    }
}
