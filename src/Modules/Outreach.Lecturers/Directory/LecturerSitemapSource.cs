using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Lecturers.Directory;

/// <summary>The directory, every public lecturer and every team of the site.</summary>
public sealed class LecturerSitemapSource(OutreachDbContext db) : ISitemapSource
{
    public async Task<IReadOnlyList<SitemapEntry>> EntriesAsync(HttpContext http, CancellationToken ct)
    {
        var lecturers = await LecturerQuery.Public(db).OrderBy(l => l.Id).Select(l => new { l.Slug, l.UpdatedAt }).Take(20000).ToListAsync(ct);
        var teams = await db.Set<LecturerTeam>().AsNoTracking().OrderBy(t => t.Position).Select(t => new { t.Slug, t.UpdatedAt }).ToListAsync(ct);
        var entries = new List<SitemapEntry> { new("/lecturers", lecturers.Select(l => (DateTimeOffset?)l.UpdatedAt).DefaultIfEmpty(null).Max()) };
        entries.AddRange(lecturers.Select(l => new SitemapEntry("/lecturers/" + l.Slug, l.UpdatedAt)));
        entries.AddRange(teams.Select(t => new SitemapEntry("/lecturer-teams/" + t.Slug, t.UpdatedAt)));
        return entries;
    }
}
