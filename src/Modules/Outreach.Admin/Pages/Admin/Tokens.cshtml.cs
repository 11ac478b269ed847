using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Admin.Pages.Admin;

[SitePermission(Permissions.ManageTokens)]
public sealed class TokensModel(OutreachDbContext db, SiteContext site, AuditLog audit, TimeProvider clock) : PageModel
{
    public List<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await List(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, SiteRole role, CancellationToken ct)
    {
        if (SingleLine.Check(name, FieldLimits.TokenName, out var label, required: true) is not null || !Enum.IsDefined(role))
        {
            Error = $"请填写名称（一行，最多 {FieldLimits.TokenName} 字）并选择角色。";
            Tokens = await List(ct);
            return Page();
        }
        var (token, row) = ApiTokens.Create(site.Required.Id, role, label, clock.GetUtcNow());
        db.Add(row);
        audit.Record(User, "token.create", label, role.ToString());
        await db.SaveChangesAsync(ct);
        NewToken = token;
        Tokens = await List(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return NotFound();
        token.RevokedAt ??= clock.GetUtcNow();
        audit.Record(User, "token.revoke", token.Name);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"已吊销令牌“{token.Name}”。";
        return RedirectToPage();
    }

    Task<List<ApiToken>> List(CancellationToken ct) => db.Set<ApiToken>().OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
}
