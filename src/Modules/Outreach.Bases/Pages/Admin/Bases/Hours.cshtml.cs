using Microsoft.AspNetCore.Mvc;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Bases.Pages.Admin.Bases;

/// <summary>
/// Opening hours of a base: the weekly rules as JSON (the same shape as the API and the recipe, checked by
/// <see cref="OpeningRules.Problems"/>), and dated exceptions — a closure or extra opening — added and removed one by one.
/// </summary>
public sealed class HoursModel(OutreachDbContext db, BaseStaffAccess access, SiteContext site, TimeProvider clock, AuditLog audit)
    : BaseAdminPage(db, access, site)
{
    public OpeningRules Rules { get; private set; } = new();
    public List<string> Errors { get; } = [];

    [BindProperty] public string? RulesJson { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public bool Closed { get; set; }
    [BindProperty] public string? Ranges { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct) is { } refused) return refused;
        Rules = OpeningRules.Parse(Base.HoursJson);
        RulesJson = (Rules with { Exceptions = [] }).ToJson();
        return Page();
    }

    /// <summary>Replaces the weekly rules, seasons, calendar mode and note; the dated exceptions stay.</summary>
    public async Task<IActionResult> OnPostRulesAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct, track: true) is { } refused) return refused;
        Rules = OpeningRules.Parse(Base.HoursJson);
        OpeningRules? parsed = null;
        try { parsed = System.Text.Json.JsonSerializer.Deserialize<OpeningRules>(RulesJson ?? "", OpeningRules.Json); }
        catch (System.Text.Json.JsonException) { }
        if (parsed is null)
        {
            Errors.Add("开放时间规则应为 JSON，例如 {\"calendar\":\"venue\",\"weekly\":[{\"days\":[2,3,4,5,6,7],\"ranges\":[\"09:30-17:00\"]}]}。");
            return Page();
        }
        return await SaveAsync(parsed with { Exceptions = Rules.Exceptions }, "已保存开放时间。", ct);
    }

    public async Task<IActionResult> OnPostExceptionAsync(int id, CancellationToken ct)
    {
        if (await EnterAsync(id, ct, track: true) is { } refused) return refused;
        Rules = OpeningRules.Parse(Base.HoursJson);
        RulesJson = (Rules with { Exceptions = [] }).ToJson();
        var ranges = Closed ? null : (Ranges ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!Closed && ranges is { Length: 0 }) Errors.Add("请勾选“全天闭馆”，或填写开放时间段，如 09:00-20:00。");
        if ((Note ?? "").Trim().Length > 50) Errors.Add("说明不能超过 50 个字。");
        if (Errors.Count > 0) return Page();
        var exception = new DatedException((Date ?? "").Trim(), string.IsNullOrWhiteSpace(To) ? null : To.Trim(), Closed, ranges, (Note ?? "").Trim());
        return await SaveAsync(Rules with { Exceptions = [.. Rules.Exceptions, exception] }, "已添加特殊日期。", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int index, CancellationToken ct)
    {
        if (await EnterAsync(id, ct, track: true) is { } refused) return refused;
        Rules = OpeningRules.Parse(Base.HoursJson);
        if (index < 0 || index >= Rules.Exceptions.Length) return Back("该特殊日期已不存在。", "/hours");
        return await SaveAsync(Rules with { Exceptions = Rules.Exceptions.Where((_, i) => i != index).ToArray() }, "已删除特殊日期。", ct);
    }

    async Task<IActionResult> SaveAsync(OpeningRules rules, string message, CancellationToken ct)
    {
        var json = rules.ToJson();
        Errors.AddRange(rules.Problems().Select(p => $"{p.Path}：{p.Message}"));
        if (json.Length > BaseLimits.HoursJson) Errors.Add($"开放时间规则过长（不超过 {BaseLimits.HoursJson} 个字符）。");
        if (Errors.Count > 0) return Page();
        Base.HoursJson = json;
        Base.UpdatedAt = clock.GetUtcNow();
        audit.Record(User, "bases.hours.saved", "base:" + Base.Id, Base.Title);
        await Db.SaveChangesAsync(ct);
        return Back(message, "/hours");
    }
}
