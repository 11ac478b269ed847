using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Search.Pages.Admin;

/// <summary>The state of this node's index, and a rebuild that swaps in a fresh one without interrupting queries.</summary>
[SitePermission(Permissions.ManagePlatform)]
public sealed class SearchIndexModel(SearchIndex index, AuditLog audit, OutreachDbContext db) : PageModel
{
    public int Documents { get; private set; }
    public long Position { get; private set; }

    public void OnGet()
    {
        Documents = index.Search(searcher => searcher.IndexReader.NumDocs, 0);
        Position = index.Position;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var count = await index.RebuildAsync(ct);
        audit.Record(User, "search.rebuild", "search-index", count.ToString(System.Globalization.CultureInfo.InvariantCulture), platformWide: true);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"索引已重建，共 {count} 条。";
        return RedirectToPage();
    }
}
