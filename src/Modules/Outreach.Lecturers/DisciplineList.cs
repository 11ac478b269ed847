using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Lecturers;

/// <summary>
/// The site's 学科 list. A site starts with the module's short two-level list (seeded the first time it is needed);
/// site admins and recipes change it afterwards.
/// </summary>
public static class DisciplineList
{
    /// <summary>(code, name, children) — short on purpose: people pick from it on a phone.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, (string Code, string Name)[] Children)> Seed =
    [
        ("medicine", "医药卫生", [("public-health", "公共卫生"), ("clinical", "临床医学"), ("cardiology", "心血管医学"), ("tcm", "中医药"), ("nursing", "护理与康复"), ("mental-health", "心理健康")]),
        ("agriculture", "农业科学", [("crops", "作物与园艺"), ("livestock", "畜牧兽医"), ("aquaculture", "水产养殖"), ("forestry", "林业"), ("food-safety", "食品安全")]),
        ("engineering", "工程技术", [("electronics", "电子信息"), ("computing", "计算机与人工智能"), ("mechanical", "机械制造"), ("energy", "能源电力"), ("civil", "土木与建筑")]),
        ("environment", "资源环境", [("ecology", "生态保护"), ("climate", "气象与气候"), ("geology", "地质与防灾"), ("water", "水利与海洋")]),
        ("basic", "基础科学", [("physics", "物理"), ("chemistry", "化学"), ("biology", "生物"), ("astronomy", "天文"), ("mathematics", "数学")]),
        ("society", "科学素养", [("science-spirit", "科学家精神"), ("safety", "应急与安全"), ("digital-life", "数字生活"), ("science-education", "科学教育")]),
    ];

    /// <summary>Adds the seed list when the current site has no disciplines yet; another request doing the same at once is harmless.</summary>
    public static async Task EnsureAsync(OutreachDbContext db, CancellationToken ct)
    {
        if (await db.Set<Discipline>().AnyAsync(ct)) return;
        try
        {
            await AddSeedAsync(db, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request seeded first (unique code per site): use its rows.
            foreach (var entry in db.ChangeTracker.Entries<Discipline>().ToList()) entry.State = EntityState.Detached;
            if (!await db.Set<Discipline>().AsNoTracking().AnyAsync(ct)) throw;
        }
    }

    static async Task AddSeedAsync(OutreachDbContext db, CancellationToken ct)
    {
        var position = 0;
        foreach (var (code, name, children) in Seed)
        {
            var parent = new Discipline { Code = code, Name = name, Position = position++ };
            db.Add(parent);
            await db.SaveChangesAsync(ct);
            foreach (var (childCode, childName) in children)
                db.Add(new Discipline { Code = childCode, Name = childName, ParentId = parent.Id, Position = position++ });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The "医药卫生 › 公共卫生" label of each discipline of the current site, by id.</summary>
    public static Task<Dictionary<int, DisciplineLabel>> LabelsAsync(OutreachDbContext db, CancellationToken ct) =>
        LabelsAsync(db.Set<Discipline>().AsNoTracking(), ct);

    /// <summary>The labels of the given sites' disciplines (the portal lists lecturers of many sites).</summary>
    public static Task<Dictionary<int, DisciplineLabel>> LabelsAsync(OutreachDbContext db, IReadOnlyCollection<int> siteIds, CancellationToken ct) =>
        LabelsAsync(db.Set<Discipline>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter]).Where(d => siteIds.Contains(d.SiteId)), ct);

    static async Task<Dictionary<int, DisciplineLabel>> LabelsAsync(IQueryable<Discipline> query, CancellationToken ct)
    {
        var all = await query.ToListAsync(ct);
        var byId = all.ToDictionary(d => d.Id);
        return all.ToDictionary(d => d.Id, d =>
        {
            var parent = d.ParentId is { } p && byId.TryGetValue(p, out var pd) ? pd : null;
            return new DisciplineLabel(d.Id, d.Code, d.Name, parent is null ? d.Name : parent.Name + " › " + d.Name, parent?.Code);
        });
    }
}

/// <param name="Label">"医药卫生 › 公共卫生".</param>
/// <param name="ParentCode">The first-level code, null for a first-level discipline.</param>
public sealed record DisciplineLabel(int Id, string Code, string Name, string Label, string? ParentCode);
