using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Journals;

/// <summary>
/// <c>journals import &lt;csv&gt; --site S --journal J --issue 2026/2/3 [--pdfs DIR] [--dry-run]</c>: the CLI side of
/// <see cref="IssueImport"/>. Prints each problem as "第 N 行 列: 说明" and exits 1 when there is one (nothing written).
/// </summary>
public static class IssueImportVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string csvPath, string siteName, string journalSlug, string issue,
        string? pdfDir, bool dryRun, TextWriter output)
    {
        var parts = issue.Split('/', '-');
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, out _)))
        {
            await output.WriteLineAsync("--issue 应为 年/卷/期，例如 2026/2/3 / --issue must be year/volume/number");
            return 2;
        }
        if (!File.Exists(csvPath)) { await output.WriteLineAsync($"找不到 CSV 文件 / no such file: {csvPath}"); return 2; }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Name == siteName);
        if (site is null) { await output.WriteLineAsync($"没有站点 / no site: {siteName}"); return 2; }
        scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        var journal = await db.Set<Journal>().FirstOrDefaultAsync(j => j.Slug == journalSlug);
        if (journal is null) { await output.WriteLineAsync($"本站没有刊物 / no journal: {journalSlug}"); return 2; }
        var folder = pdfDir is null ? null : Path.GetFullPath(pdfDir);
        await using var csv = File.OpenRead(csvPath);
        var report = await scope.ServiceProvider.GetRequiredService<IssueImport>().RunAsync(journal,
            new IssueInput { Year = int.Parse(parts[0]), Volume = int.Parse(parts[1]), Number = int.Parse(parts[2]) }, csv,
            async name =>
            {
                if (folder is null) return null;
                var path = Path.GetFullPath(Path.Combine(folder, name));
                return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
            }, dryRun, "命令行导入", CancellationToken.None);
        foreach (var p in report.Problems) await output.WriteLineAsync($"第 {p.Row} 行 {p.Column}: {p.Message}");
        await output.WriteLineAsync(report.Ok
            ? dryRun ? $"检查通过（未写入）/ dry run ok: {report.Rows} 行, {report.Pdfs} 个 PDF" : $"已导入 / imported: 新增 {report.Created}, 更新 {report.Updated}, PDF {report.Pdfs}（期为草稿，发布请在后台或 API 操作）"
            : $"有 {report.Problems.Count} 个问题，未写入任何内容 / {report.Problems.Count} problems, nothing written");
        return report.Ok ? 0 : 1;
    }
}
