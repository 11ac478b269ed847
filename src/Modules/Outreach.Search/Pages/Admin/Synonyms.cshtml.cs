using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Search.Synonyms;

namespace Outreach.Search.Pages.Admin;

/// <summary>The site's own synonyms, added to the platform dictionary; a save takes effect at once, no rebuild.</summary>
[SitePermission(Permissions.ManageSite)]
public sealed class SynonymsModel(OutreachDbContext db, SiteContext site, SearchIndex index, SynonymBook book, AuditLog audit) : PageModel
{
    [BindProperty] public string Rules { get; set; } = "";
    public IReadOnlyList<SynonymError> Errors { get; private set; } = [];
    public string PlatformRules => SynonymBook.PlatformRules;
    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct) =>
        Rules = await db.Set<SiteSynonymList>().Select(s => s.Rules).FirstOrDefaultAsync(ct) ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Rules = (Rules ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        Errors = SynonymRules.Validate(Rules, index.Analyzer);
        if (Errors.Count > 0) return Page();
        var list = await db.Set<SiteSynonymList>().FirstOrDefaultAsync(ct);
        if (list is null) db.Add(list = new SiteSynonymList());
        list.Rules = Rules;
        list.UpdatedAt = DateTimeOffset.UtcNow;
        audit.Record(User, "search.synonyms", "synonyms", $"{Rules.Split('\n').Count(l => l.Contains(',') || l.Contains("=>"))} 条");
        await db.SaveChangesAsync(ct);
        book.Forget(site.Required.Id);
        TempData["Message"] = "同义词已保存，新的搜索立即生效。";
        return RedirectToPage();
    }
}
