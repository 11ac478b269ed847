using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration.Pages.Admin.Registrations;

/// <summary>
/// An event's registration settings, and the way to switch registration on for an event without any. The
/// form becomes a <see cref="RegistrationInput"/> and goes through the same rules as the API and recipes
/// (<see cref="RegistrationSetup.Problems"/>, then <see cref="RegistrationSetup.ApplyAsync"/>); any problem
/// is shown and nothing is saved. Times are entered in Beijing time.
/// </summary>
[SitePermission(RegistrationPermissions.Manage)]
public sealed partial class SettingsModel(OutreachDbContext db, SiteContext site, AuditLog audit) : PageModel
{
    public sealed class OptionRow
    {
        public string? Name { get; set; }
        public int? Capacity { get; set; }

        /// <summary>The name of a shared quota (名额池) instead of a capacity of its own.</summary>
        public string? Quota { get; set; }

        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }

        /// <summary>Kept as it is (everything is free for now).</summary>
        public decimal Price { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Capacity is null && string.IsNullOrWhiteSpace(Quota)
            && string.IsNullOrWhiteSpace(StartsAt) && string.IsNullOrWhiteSpace(EndsAt);
    }

    public sealed class QuotaRow
    {
        public string? Name { get; set; }
        public int? Capacity { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Capacity is null;
    }

    public Event Item { get; private set; } = null!;
    public bool Enabled { get; private set; }
    public List<string> Errors { get; } = [];

    [BindProperty] public List<OptionRow> Options { get; set; } = [];
    [BindProperty] public List<QuotaRow> Quotas { get; set; } = [];
    [BindProperty] public string? OpensAt { get; set; }
    [BindProperty] public string? ClosesAt { get; set; }
    [BindProperty] public int MaxGroupSize { get; set; } = 1;
    [BindProperty] public bool RequiresApproval { get; set; }
    [BindProperty] public bool Waitlist { get; set; }
    [BindProperty] public int OfferHours { get; set; } = 24;
    [BindProperty] public bool RequiresIdCard { get; set; }
    [BindProperty] public string? IdCardReason { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string QuestionsJson { get; set; } = "[]";

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(int eventId, CancellationToken ct)
    {
        if (!await LoadAsync(eventId, ct)) return NotFound();
        var form = await db.Set<RegistrationForm>().AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        if (form is null)
        {
            Options = [new OptionRow { Name = "普通票" }];
            return Page();
        }
        (OpensAt, ClosesAt) = (Local(form.OpensAt), Local(form.ClosesAt));
        (MaxGroupSize, RequiresApproval, Waitlist, OfferHours, RequiresIdCard) = (form.MaxGroupSize, form.RequiresApproval, form.Waitlist, form.OfferHours, form.RequiresIdCard);
        QuestionsJson = JsonSerializer.Serialize(Question.Parse(form.QuestionsJson), new JsonSerializerOptions(Question.Json)
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        var options = await db.Set<TicketOption>().AsNoTracking().Where(o => o.EventId == eventId).OrderBy(o => o.Position).ThenBy(o => o.Id).ToListAsync(ct);
        var quotas = await db.Set<Quota>().AsNoTracking().Where(q => q.EventId == eventId).ToDictionaryAsync(q => q.Id, ct);
        // A quota is shown as a pool when options share it, or when it is not the option's own (named after it).
        var pools = options.GroupBy(o => o.QuotaId)
            .Where(g => g.Count() > 1 || g.Any(o => quotas.TryGetValue(o.QuotaId, out var q) && q.Name != o.Name))
            .Select(g => g.Key).ToHashSet();
        Quotas = pools.Where(quotas.ContainsKey).Select(id => new QuotaRow { Name = quotas[id].Name, Capacity = quotas[id].Capacity }).ToList();
        Options = options.Select(o => new OptionRow
        {
            Name = o.Name, Price = o.Price, StartsAt = Local(o.StartsAt), EndsAt = Local(o.EndsAt),
            Capacity = pools.Contains(o.QuotaId) ? null : quotas.GetValueOrDefault(o.QuotaId)?.Capacity,
            Quota = pools.Contains(o.QuotaId) ? quotas.GetValueOrDefault(o.QuotaId)?.Name : null,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int eventId, CancellationToken ct)
    {
        RegistrationApi.NoStore(HttpContext);
        if (!await LoadAsync(eventId, ct)) return NotFound();
        Options = Options.Where(o => !o.IsBlank).ToList();
        Quotas = Quotas.Where(q => !q.IsBlank).ToList();

        List<Question>? questions = null;
        try
        {
            questions = JsonSerializer.Deserialize<List<Question>>(string.IsNullOrWhiteSpace(QuestionsJson) ? "[]" : QuestionsJson, Question.Json);
            if (questions is null) Errors.Add("自定义问题应为 JSON 数组，例如 []。");
        }
        catch (JsonException e)
        {
            Errors.Add($"自定义问题的 JSON 格式有误（第 {(e.LineNumber ?? 0) + 1} 行）：应为问题对象的数组。");
        }
        if (Errors.Count > 0) return Page();

        var input = new RegistrationInput(
            Options.Select(o => new OptionInput(o.Name?.Trim(), string.IsNullOrWhiteSpace(o.Quota) ? o.Capacity : null,
                string.IsNullOrWhiteSpace(o.Quota) ? null : o.Quota.Trim(), OutreachTime.FromLocalInput(o.StartsAt), OutreachTime.FromLocalInput(o.EndsAt), o.Price)).ToList(),
            Quotas.Select(q => new QuotaInput(q.Name?.Trim(), q.Name?.Trim(), q.Capacity ?? -1)).ToList(),
            Waitlist, RequiresApproval, MaxGroupSize, OutreachTime.FromLocalInput(OpensAt), OutreachTime.FromLocalInput(ClosesAt), OfferHours, RequiresIdCard, questions,
            string.IsNullOrWhiteSpace(IdCardReason) ? null : IdCardReason.Trim());
        var problems = RegistrationSetup.Problems(JsonSerializer.SerializeToElement(input, Question.Json), out var parsed);
        Errors.AddRange(problems.Select(p => Where(p.Key) + string.Join(" ", p.Value)));
        if (Errors.Count > 0) return Page();

        // One transaction: a capacity changes by a conditional UPDATE at once, and must roll back if anything else is refused.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tracked = await db.Set<Event>().FirstAsync(e => e.Id == eventId, ct);
        // This page is for site admins already (registrations.manage); switching ID cards on still needs its reason.
        if (await RegistrationSetup.IdCardProblemsAsync(db, tracked, parsed!, User, () => Task.FromResult(true), ct) is { } refused)
        {
            Errors.AddRange(refused.Values.SelectMany(v => v));
            return Page();
        }
        var switchedOn = parsed!.RequiresIdCard && !await db.Set<RegistrationForm>().AnyAsync(f => f.EventId == eventId && f.RequiresIdCard, ct);
        Errors.AddRange(await RegistrationSetup.ApplyAsync(db, tracked, parsed!, ct));
        if (Errors.Count > 0)
        {
            db.ChangeTracker.Clear(); // nothing of a refused change is saved
            return Page();
        }
        audit.Record(User, Enabled ? "registration.settings" : "registration.enable", "event:" + Item.Slug,
            $"{input.Options!.Count} options, waitlist {Waitlist}, approval {RequiresApproval}");
        if (switchedOn) audit.Record(User, "registration.idcard.enable", "event:" + Item.Slug, parsed.IdCardReason ?? "");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Message"] = Enabled ? "报名设置已保存。" : "已开启报名。";
        return Redirect(site.Url($"/admin/registrations/{eventId}/settings"));
    }

    [GeneratedRegex(@"^registration\.(options|quotas)\[(\d+)\]")]
    private static partial Regex RowPath();

    /// <summary>"registration.options[1].name" → "场次 2：" (rows counted as the organiser sees them, blanks left out).</summary>
    static string Where(string path)
    {
        var m = RowPath().Match(path);
        if (!m.Success) return "";
        var n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
        return m.Groups[1].Value == "options" ? $"场次 {n}：" : $"名额池 {n}：";
    }

    static string? Local(DateTimeOffset? at) => at is { } v ? OutreachTime.LocalInput(v) : null;

    async Task<bool> LoadAsync(int eventId, CancellationToken ct)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (item is null) return false;
        Item = item;
        Enabled = await db.Set<RegistrationForm>().AnyAsync(f => f.EventId == eventId, ct);
        return true;
    }
}
