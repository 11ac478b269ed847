using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || !Enum.IsDefined(role))
        {
            Error = "请填写名称（最多 100 字）并选择角色。";
            Tokens = await List(ct);
            return Page();
        }
        var (token, row) = ApiTokens.Create(site.Required.Id, role, name, clock.GetUtcNow());
        db.Add(row);
        audit.Record(User, "token.create", name, role.ToString());
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
