using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals.Pages.Admin.Journals;

/// <summary>The site's journals with their issue counts, and the journal editor (metadata, about pages, sections).</summary>
[SitePermission(JournalPermissions.Edit)]
public sealed class IndexModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public IReadOnlyList<Journal> Journals { get; private set; } = [];
    public IReadOnlyDictionary<int, int> IssueCounts { get; private set; } = new Dictionary<int, int>();
    public Journal? Editing { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public JournalForm Form { get; set; } = new();

    public string SiteUrl(string path) => site.Url(path);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Editing is not null) Form = JournalForm.Of(Editing, await SectionsAsync(Editing.Id, ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is not null && Editing is null) return NotFound();
        var journal = Id is { } id ? await db.Set<Journal>().FirstAsync(j => j.Id == id, ct) : new Journal { Order = Journals.Count };
        var input = Form.ToInput();
        Errors = JournalFields.Apply(input, journal);
        if (Errors.Count == 0 && await db.Set<Journal>().AnyAsync(j => j.Slug == journal.Slug && j.Id != journal.Id, ct))
            Errors["slug"] = ["网址名已被本站另一份刊物使用。"];
        var keys = (input.Sections ?? []).Select(s => s.Key).ToList();
        if (keys.Count != keys.Distinct().Count()) Errors["sections"] = ["栏目键不能重复。"];
        if (Errors.Count > 0) return Page(); // the tracked journal goes with the request: nothing saved

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (journal.Id == 0) db.Add(journal);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            Errors["slug"] = ["网址名已被本站另一份刊物使用。"];
            return Page();
        }
        var sections = await db.Set<JournalSection>().Where(s => s.JournalId == journal.Id).ToListAsync(ct);
        var order = 0;
        foreach (var s in input.Sections ?? [])
        {
            var row = sections.FirstOrDefault(x => x.Key == s.Key);
            if (row is null) db.Add(row = new JournalSection { JournalId = journal.Id, Key = s.Key! });
            row.TitleZh = s.Title!.Trim();
            row.TitleEn = (s.TitleEn ?? "").Trim();
            row.Order = order++;
        }
        db.RemoveRange(sections.Where(x => !keys.Contains(x.Key))); // their articles keep no section (SET NULL)
        audit.Record(User, Id is null ? "journal.create" : "journal.edit", "journal:" + journal.Slug);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = $"已保存《{journal.TitleZh}》。";
        return Redirect(site.Url("/admin/journals?id=" + journal.Id));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Journals = await db.Set<Journal>().AsNoTracking().OrderBy(j => j.Order).ThenBy(j => j.Id).ToListAsync(ct);
        IssueCounts = await db.Set<JournalIssue>().AsNoTracking().GroupBy(i => i.JournalId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Editing = Id is { } id ? Journals.FirstOrDefault(j => j.Id == id) : null;
    }

    Task<List<JournalSection>> SectionsAsync(int journalId, CancellationToken ct) =>
        db.Set<JournalSection>().AsNoTracking().Where(s => s.JournalId == journalId).OrderBy(s => s.Order).ToListAsync(ct);

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
}

/// <summary>The journal form's fields; sections as lines "key | 中文名 | English".</summary>
public sealed class JournalForm
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? TitleEn { get; set; }
    public string? Abbreviation { get; set; }
    public string? Issn { get; set; }
    public string? EIssn { get; set; }
    public string? CnNumber { get; set; }
    public string? Publisher { get; set; }
    public string? EditorInChief { get; set; }
    public string? Frequency { get; set; }
    public string? Licence { get; set; }
    public string? DoiPrefix { get; set; }
    public string? ContactEmail { get; set; }
    public string? About { get; set; }
    public string? Aims { get; set; }
    public string? Instructions { get; set; }
    public string? Sections { get; set; }

    public JournalInput ToInput() => new()
    {
        Slug = Slug, Title = Title, TitleEn = TitleEn, Abbreviation = Abbreviation, Issn = Issn, EIssn = EIssn, CnNumber = CnNumber,
        Publisher = Publisher, EditorInChief = EditorInChief, Frequency = Frequency, Licence = Licence, DoiPrefix = DoiPrefix,
        ContactEmail = ContactEmail, About = About, Aims = Aims, Instructions = Instructions,
        Sections = (Sections ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(['|', '｜'], StringSplitOptions.TrimEntries))
            .Select(p => new SectionInput(p[0], p.Length > 1 ? p[1] : null, p.Length > 2 ? p[2] : null)).ToArray(),
    };

    public static JournalForm Of(Journal j, IEnumerable<JournalSection> sections) => new()
    {
        Slug = j.Slug, Title = j.TitleZh, TitleEn = j.TitleEn, Abbreviation = j.Abbreviation, Issn = j.Issn, EIssn = j.EIssn, CnNumber = j.CnNumber,
        Publisher = j.Publisher, EditorInChief = j.EditorInChief, Frequency = j.Frequency, Licence = j.Licence, DoiPrefix = j.DoiPrefix,
        ContactEmail = j.ContactEmail, About = j.About, Aims = j.Aims, Instructions = j.Instructions,
        Sections = string.Join("\n", sections.Select(s => $"{s.Key} | {s.TitleZh} | {s.TitleEn}")),
    };
}
