using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;

namespace Outreach.Bases;

/// <summary>
/// <c>{ "step": "bases", "hoursTemplates": { "museum": {…} }, "items": [ … ] }</c>: bases by <c>key</c> (a second run
/// updates), their accreditations (replaced), and visit slots generated for the next <c>slots.forDays</c> days on the
/// days the base is open (existing slots kept, so a re-run adds only what is missing).
/// </summary>
public sealed class BasesRecipeStep : IRecipeStep
{
    public string Name => "bases";

    public sealed record AccreditationItem(string? Level, string? Issuer, int Year, string? TermEnds, string? State);

    public sealed record SlotPlan(int[]? Days, string[]? Times, int Capacity, int? MinGroup, int? MaxGroup, int? ForDays, string? Audience);

    public sealed record Item(string? Key, string? Slug, string? Name, string? NameEn, string? Category, string? City, string? District, string? Address,
        double? Lat, double? Lng, string? Summary, string? Intro, string[]? Themes, string[]? Audiences, int? MinAge, int? MaxAge, bool? Free, string? Price,
        bool? Booking, string[]? Accessibility, string? Transport, string? Phone, JsonElement? Hours, bool? AutoConfirm, int? DailyCapacity,
        string? StaffEmail, AccreditationItem[]? Accreditations, SlotPlan? Slots, bool? Publish);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static Dictionary<string, OpeningRules> Templates(JsonElement step) =>
        step.TryGetProperty("hoursTemplates", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Deserialize<OpeningRules>(OpeningRules.Json) ?? new())
            : [];

    static OpeningRules? Hours(JsonElement? hours, Dictionary<string, OpeningRules> templates) => hours switch
    {
        { ValueKind: JsonValueKind.String } s => templates.GetValueOrDefault(s.GetString()!),
        { ValueKind: JsonValueKind.Object } o => o.Deserialize<OpeningRules>(OpeningRules.Json),
        _ => new OpeningRules(),
    };

    public void Validate(JsonElement step, RecipeValidation v)
    {
        Dictionary<string, OpeningRules> templates;
        try { templates = Templates(step); }
        catch (JsonException e) { v.Error($"{v.Path}.hoursTemplates", "开放时间模板格式有误：" + e.Message); return; }
        foreach (var (name, rules) in templates)
            foreach (var (p, m) in rules.Problems()) v.Error($"{v.Path}.hoursTemplates.{name}.{p}", m);
        var keys = new HashSet<string>();
        var slugs = new HashSet<string>();
        foreach (var (element, path) in v.Items(step, "items", v.Path))
        {
            Item? item;
            try { item = element.Deserialize<Item>(Json); }
            catch (JsonException e) { v.Error(path, "格式有误：" + e.Message); continue; }
            if (item is null) { v.Error(path, "应为对象"); continue; }
            if (item.Key is not { Length: > 0 and <= BaseLimits.Key } || !Slugs.IsValid(item.Key) || !keys.Add(item.Key)) v.Error($"{path}.key", "必填：唯一的键（小写字母、数字和连字符）");
            if (item.Slug is not null && (!Slugs.IsValid(item.Slug) || item.Slug.Length > Slugs.MaxLength || !slugs.Add(item.Slug) || item.Slug == "visits"))
                v.Error($"{path}.slug", "应为唯一的 slug（小写字母、数字和连字符，不能为 visits）");
            v.RequiredString(element, "name", path, BaseLimits.Name);
            v.OptionalString(element, "nameEn", path, BaseLimits.Name);
            if (item.Category is null || !BaseVocabulary.SeedCategories.Any(c => c.Key == item.Category))
                v.Error($"{path}.category", "应为 " + string.Join("、", BaseVocabulary.SeedCategories.Select(c => $"{c.Key}（{c.Name}）")) + " 之一");
            if (Guangdong.Find(item.City) is null) v.Error($"{path}.city", Guangdong.CityMessage);
            else if (item.District is not null && !Guangdong.IsDistrictOf(item.City!, item.District)) v.Error($"{path}.district", $"“{item.District}”不是{item.City}的区县");
            v.OptionalString(element, "address", path, BaseLimits.Address);
            v.OptionalString(element, "summary", path, BaseLimits.Summary);
            v.OptionalString(element, "intro", path, BaseLimits.Intro);
            v.OptionalString(element, "price", path, BaseLimits.PriceText);
            v.OptionalString(element, "transport", path, BaseLimits.Transport);
            v.OptionalString(element, "phone", path, BaseLimits.Phone);
            if (item.StaffEmail is { Length: > 0 } mail && Core.Mail.EmailAddress.Normalise(mail) is null) v.Error($"{path}.staffEmail", "邮箱格式不正确");
            if ((item.Lat is null) != (item.Lng is null) || (item.Lat is not null && !GeoPoint.IsValid(item.Lat, item.Lng))) v.Error($"{path}.lat", "纬度 lat 和经度 lng 应同时给出（WGS-84）");
            foreach (var t in item.Themes ?? []) if (!BaseVocabulary.Themes.ContainsKey(t)) v.Error($"{path}.themes", $"未知主题“{t}”；可用：{string.Join("、", BaseVocabulary.Themes.Keys)}");
            foreach (var a in item.Audiences ?? []) if (!BaseVocabulary.Audiences.ContainsKey(a)) v.Error($"{path}.audiences", $"未知对象“{a}”；可用：{string.Join("、", BaseVocabulary.Audiences.Keys)}");
            foreach (var a in item.Accessibility ?? []) if (!BaseVocabulary.Accessibility.ContainsKey(a)) v.Error($"{path}.accessibility", $"未知设施“{a}”；可用：{string.Join("、", BaseVocabulary.Accessibility.Keys)}");
            if (item.MinAge is < 0 or > 120 || item.MaxAge is < 0 or > 120 || (item.MinAge ?? 0) > (item.MaxAge ?? 99)) v.Error($"{path}.minAge", "年龄范围应在 0 到 120 之间，且最小不大于最大");
            if (item.DailyCapacity is < 1 or > 100_000) v.Error($"{path}.dailyCapacity", "每日接待上限应在 1 到 100000 之间");
            if (item.Hours is { ValueKind: JsonValueKind.String } h && !templates.ContainsKey(h.GetString()!)) v.Error($"{path}.hours", $"未定义的开放时间模板“{h.GetString()}”");
            else
            {
                try { foreach (var (p, m) in Hours(item.Hours, templates)?.Problems() ?? []) v.Error($"{path}.hours.{p}", m); }
                catch (JsonException e) { v.Error($"{path}.hours", "格式有误：" + e.Message); }
            }
            for (var i = 0; i < (item.Accreditations?.Length ?? 0); i++)
            {
                var a = item.Accreditations![i];
                var apath = $"{path}.accreditations[{i}]";
                if (!Enum.TryParse<AccreditationLevel>(a.Level, true, out _)) v.Error($"{apath}.level", "应为 national、provincial 或 city");
                if (!Enum.TryParse<AccreditationState>(a.State ?? "active", true, out _)) v.Error($"{apath}.state", "应为 active、underReview 或 revoked");
                if (a.Issuer is not { Length: > 0 and <= BaseLimits.Issuer }) v.Error($"{apath}.issuer", $"必填，不超过 {BaseLimits.Issuer} 个字");
                if (a.Year is < 1990 or > 2199) v.Error($"{apath}.year", "应为认定年份，如 2021");
                if (OpeningRules.Day(a.TermEnds) is null) v.Error($"{apath}.termEnds", "日期格式应为 2026-12-31");
            }
            if (item.Slots is { } plan)
            {
                if (plan.Days is null || plan.Days.Length == 0 || plan.Days.Any(d => d is < 1 or > 7)) v.Error($"{path}.slots.days", "应为 1（周一）到 7（周日）的数字列表");
                foreach (var t in plan.Times ?? [])
                {
                    var parts = t.Split('-');
                    var (_, errors) = SlotPlanner.Check("2026-01-01", parts[0], parts.Length > 1 ? parts[1] : null, plan.Capacity, plan.MinGroup, plan.MaxGroup, plan.Audience);
                    foreach (var (k, m) in errors) v.Error($"{path}.slots.{k}", string.Join(" ", m));
                }
                if (plan.ForDays is < 1 or > 366) v.Error($"{path}.slots.forDays", "应在 1 到 366 天之间");
            }
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var db = context.Db;
        var clock = context.Services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var templates = Templates(step);
        var holidays = new HolidayCalendar(await db.Set<PublicHoliday>().AsNoTracking().ToListAsync(ct));
        foreach (var element in step.Array("items"))
        {
            var item = element.Deserialize<Item>(Json)!;
            var b = await db.Set<Base>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstOrDefaultAsync(x => x.RecipeKey == item.Key, ct);
            if (b is null)
            {
                b = new Base { RecipeKey = item.Key!, CreatedAt = now, SiteId = context.Site.Id };
                db.Add(b);
            }
            var rules = Hours(item.Hours, templates) ?? new OpeningRules();
            b.Title = item.Name!.Trim();
            b.Slug = item.Slug ?? item.Key!;
            b.NameEn = item.NameEn ?? "";
            b.Category = item.Category!;
            b.City = item.City!;
            b.District = item.District ?? "";
            b.Address = item.Address ?? "";
            b.Latitude = item.Lat;
            b.Longitude = item.Lng;
            b.Summary = item.Summary ?? "";
            b.Intro = item.Intro ?? "";
            b.Themes = [.. item.Themes ?? []];
            b.Audiences = [.. item.Audiences ?? []];
            b.MinAge = item.MinAge ?? 0;
            b.MaxAge = item.MaxAge ?? 99;
            b.Free = item.Free ?? true;
            b.PriceText = item.Price ?? "";
            b.BookingRequired = item.Booking ?? false;
            b.Accessibility = [.. item.Accessibility ?? []];
            b.Transport = item.Transport ?? "";
            b.PublicPhone = item.Phone ?? "";
            b.HoursJson = rules.ToJson();
            b.AutoConfirm = item.AutoConfirm ?? false;
            b.DailyCapacity = item.DailyCapacity;
            b.StaffEmail = Core.Mail.EmailAddress.Normalise(item.StaffEmail) ?? "";
            b.Status = item.Publish == false ? ContentStatus.Draft : ContentStatus.Published;
            b.PublishedAt ??= b.Status == ContentStatus.Published ? now : null;
            b.DeletedAt = null;
            b.UpdatedAt = now;
            await db.SaveChangesAsync(ct);

            await db.Set<Accreditation>().Where(a => a.BaseId == b.Id).ExecuteDeleteAsync(ct);
            foreach (var a in item.Accreditations ?? [])
                db.Add(new Accreditation
                {
                    BaseId = b.Id, SiteId = b.SiteId, Level = Enum.Parse<AccreditationLevel>(a.Level!, true), Issuer = a.Issuer!, YearAccredited = a.Year,
                    TermEnds = OpeningRules.Day(a.TermEnds)!.Value, State = Enum.Parse<AccreditationState>(a.State ?? "active", true),
                });
            if (b.DailyCapacity is { } cap)
                await db.Set<VisitDay>().Where(d => d.BaseId == b.Id && d.Taken <= cap).ExecuteUpdateAsync(s => s.SetProperty(d => d.Capacity, cap), ct);
            await db.SaveChangesAsync(ct);
            if (item.Slots is { } plan) await AddSlotsAsync(db, b, rules, holidays, plan, now, ct);
        }
    }

    static async Task AddSlotsAsync(OutreachDbContext db, Base b, OpeningRules rules, HolidayCalendar holidays, SlotPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var today = OpeningStatus.Today(now);
        var last = today.AddDays(plan.ForDays ?? 60);
        var existing = (await db.Set<VisitSlot>().AsNoTracking().Where(s => s.BaseId == b.Id && s.Date >= today).Select(s => s.StartsAt).ToListAsync(ct)).ToHashSet();
        var days = (await db.Set<VisitDay>().AsNoTracking().Where(d => d.BaseId == b.Id && d.Date >= today).Select(d => d.Date).ToListAsync(ct)).ToHashSet();
        for (var day = today.AddDays(1); day <= last; day = day.AddDays(1))
        {
            var iso = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
            if (!plan.Days!.Contains(iso) || !rules.For(day, holidays).Open) continue;
            foreach (var t in plan.Times ?? [])
            {
                var parts = t.Split('-');
                var (slot, _) = SlotPlanner.Check(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), parts[0], parts[1],
                    plan.Capacity, plan.MinGroup, plan.MaxGroup, plan.Audience);
                if (slot is null || existing.Contains(slot.StartsAt)) continue;
                slot.BaseId = b.Id;
                slot.SiteId = b.SiteId;
                db.Add(slot);
                if (b.DailyCapacity is { } cap && days.Add(day)) db.Add(new VisitDay { BaseId = b.Id, SiteId = b.SiteId, Date = day, Capacity = cap });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
