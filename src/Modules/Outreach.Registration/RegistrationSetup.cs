using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>Reads and stores an event's registration settings: the form, its quotas and its options.</summary>
public static class RegistrationSetup
{
    public const int MaxCapacity = 1_000_000;

    /// <summary>Problems of <c>"registration": {...}</c> keyed by JSON path, in Chinese; <paramref name="parsed"/> when there are none.</summary>
    public static Dictionary<string, string[]> Problems(JsonElement json, out RegistrationInput? parsed)
    {
        var errors = new Dictionary<string, string[]>();
        parsed = null;
        RegistrationInput? input;
        try
        {
            input = json.Deserialize<RegistrationInput>(Question.Json);
        }
        catch (JsonException e)
        {
            errors["registration"] = [$"报名设置格式有误：{e.Path} 处的值类型不对。"];
            return errors;
        }
        if (input is null) { errors["registration"] = ["报名设置应为对象。"]; return errors; }
        if (input.Options is not { Count: > 0 }) errors["registration.options"] = ["至少需要一个场次或票种（options）。"];
        var quotaKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (q, i) in (input.Quotas ?? []).Select((q, i) => (q, i)))
        {
            if (string.IsNullOrWhiteSpace(q.Key) || !quotaKeys.Add(q.Key)) errors[$"registration.quotas[{i}].key"] = ["名额池需要唯一的 key。"];
            if ((q.Name ?? q.Key ?? "").Length > RegistrationLimits.QuotaName) errors[$"registration.quotas[{i}].name"] = [$"名额池名称不能超过 {RegistrationLimits.QuotaName} 个字符。"];
            if (q.Capacity is < 0 or > MaxCapacity) errors[$"registration.quotas[{i}].capacity"] = [$"名额应在 0 到 {MaxCapacity} 之间。"];
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (o, i) in (input.Options ?? []).Select((o, i) => (o, i)))
        {
            var at = $"registration.options[{i}]";
            if (string.IsNullOrWhiteSpace(o.Name) || o.Name.Length > RegistrationLimits.OptionName || !RegistrationLimits.IsSingleLine(o.Name))
                errors[at + ".name"] = [$"场次名称必填，为单行文字，且不超过 {RegistrationLimits.OptionName} 个字符。"];
            else if (!names.Add(o.Name.Trim())) errors[at + ".name"] = [$"场次名称“{o.Name}”重复。"];
            if (o.Quota is null && o.Capacity is null) errors[at + ".capacity"] = ["请给出名额（capacity）或共享的名额池（quota）。"];
            if (o.Quota is not null && !quotaKeys.Contains(o.Quota)) errors[at + ".quota"] = [$"名额池“{o.Quota}”未在 quotas 中定义。"];
            if (o.Capacity is < 0 or > MaxCapacity) errors[at + ".capacity"] = [$"名额应在 0 到 {MaxCapacity} 之间。"];
            if (o.StartsAt is not null && EventsApi.ParseInstant(o.StartsAt) is null) errors[at + ".startsAt"] = ["时间应为带时区的 ISO 8601 时间。"];
            if (o.EndsAt is not null && EventsApi.ParseInstant(o.EndsAt) is null) errors[at + ".endsAt"] = ["时间应为带时区的 ISO 8601 时间。"];
            if (o.Price < 0) errors[at + ".price"] = ["价格不能为负数。"];
        }
        if (input.MaxGroupSize is < 1 or > 500) errors["registration.maxGroupSize"] = ["每次报名人数上限应在 1 到 500 之间。"];
        if (input.OfferHours is < 1 or > 24 * 14) errors["registration.offerHours"] = ["候补确认时限应在 1 到 336 小时之间。"];
        if (input.OpensAt is not null && EventsApi.ParseInstant(input.OpensAt) is null) errors["registration.opensAt"] = ["时间应为带时区的 ISO 8601 时间。"];
        if (input.ClosesAt is not null && EventsApi.ParseInstant(input.ClosesAt) is null) errors["registration.closesAt"] = ["时间应为带时区的 ISO 8601 时间。"];
        foreach (var problem in Question.Problems(input.Questions ?? [])) errors.TryAdd("registration.questions", [problem]);
        if (JsonSerializer.Serialize(input.Questions ?? [], Question.Json).Length > RegistrationLimits.QuestionsJson)
            errors.TryAdd("registration.questions", ["自定义问题总长度超出上限，请精简。"]);
        if (input.IdCardReason is { } reason && (reason.Length > RegistrationLimits.IdCardReason || !RegistrationLimits.IsSingleLine(reason)))
            errors["registration.idCardReason"] = [$"开启身份证收集的理由为单行文字，且不超过 {RegistrationLimits.IdCardReason} 个字符。"];
        if (errors.Count == 0) parsed = input;
        return errors;
    }

    /// <summary>
    /// Creates or updates the event's form, quotas and options (the caller saves). Options are matched by
    /// name; an option with registrations is never removed, and a capacity never drops below the seats taken.
    /// </summary>
    public static async Task<List<string>> ApplyAsync(OutreachDbContext db, Event e, RegistrationInput input, CancellationToken ct)
    {
        var problems = new List<string>();
        var form = await db.Set<RegistrationForm>().FirstOrDefaultAsync(f => f.EventId == e.Id, ct);
        if (form is null) db.Add(form = new RegistrationForm { SiteId = e.SiteId, EventId = e.Id });
        form.Waitlist = input.Waitlist;
        form.RequiresApproval = input.RequiresApproval;
        form.MaxGroupSize = input.MaxGroupSize;
        form.OfferHours = input.OfferHours;
        form.RequiresIdCard = input.RequiresIdCard;
        form.OpensAt = EventsApi.ParseInstant(input.OpensAt);
        form.ClosesAt = EventsApi.ParseInstant(input.ClosesAt);
        form.QuestionsJson = JsonSerializer.Serialize(input.Questions ?? [], Question.Json);

        var options = await db.Set<TicketOption>().Where(o => o.EventId == e.Id).ToListAsync(ct);
        var quotas = await db.Set<Quota>().Where(q => q.EventId == e.Id).ToListAsync(ct);
        var shared = new Dictionary<string, Quota>(StringComparer.Ordinal);
        foreach (var q in input.Quotas ?? [])
        {
            var existing = quotas.FirstOrDefault(x => x.Name == (q.Name ?? q.Key));
            shared[q.Key!] = existing ?? Add(db, new Quota { SiteId = e.SiteId, EventId = e.Id, Name = q.Name ?? q.Key! });
            await ResizeAsync(db, shared[q.Key!], q.Capacity, problems, ct);
        }
        var position = 0;
        foreach (var o in input.Options!)
        {
            var name = o.Name!.Trim();
            var option = options.FirstOrDefault(x => x.Name == name)
                ?? Add(db, new TicketOption { SiteId = e.SiteId, EventId = e.Id, Name = name });
            option.Position = position++;
            option.StartsAt = EventsApi.ParseInstant(o.StartsAt);
            option.EndsAt = EventsApi.ParseInstant(o.EndsAt);
            option.Price = o.Price;
            if (o.Quota is not null) await SetQuotaAsync(option, shared[o.Quota]);
            else
            {
                // Its own quota, named after it; reused when the option keeps its name.
                var own = quotas.FirstOrDefault(q => q.Id == option.QuotaId && q.Name == name) ?? Add(db, new Quota { SiteId = e.SiteId, EventId = e.Id, Name = name });
                await ResizeAsync(db, own, o.Capacity!.Value, problems, ct);
                await SetQuotaAsync(option, own);
            }
        }
        var kept = input.Options!.Select(o => o.Name!.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in options.Where(o => !kept.Contains(o.Name)))
        {
            if (await db.Set<Registration>().AnyAsync(r => r.OptionId == gone.Id, ct)) problems.Add($"场次“{gone.Name}”已有报名，不能删除。");
            else db.Remove(gone);
        }
        return problems;

        async Task SetQuotaAsync(TicketOption option, Quota quota)
        {
            if (option.QuotaId == quota.Id && quota.Id != 0) return;
            var holdsSeats = option.Id != 0 && await db.Set<Registration>()
                .AnyAsync(r => r.OptionId == option.Id && Registration.SeatHolding.Contains(r.Status), ct);
            if (holdsSeats) problems.Add($"场次“{option.Name}”已有报名，不能更换名额池。");
            else option.Quota = quota; // a new quota gets its id at save; the navigation carries it over
        }
    }

    /// <summary>
    /// ID-card numbers are the most sensitive thing a form can ask (PIPL art. 28), so switching their collection
    /// on is a site admin's decision with a stated reason, recorded in the audit log. Recipes (no person at hand)
    /// are trusted setup. Null when allowed; else the problems by field.
    /// </summary>
    public static async Task<Dictionary<string, string[]>?> IdCardProblemsAsync(OutreachDbContext db, Event e, RegistrationInput input,
        System.Security.Claims.ClaimsPrincipal? user, Func<Task<bool>> isSiteAdmin, CancellationToken ct)
    {
        if (!input.RequiresIdCard || user?.Identity?.IsAuthenticated != true) return null;
        var wasOn = e.Id != 0 && await db.Set<RegistrationForm>().AsNoTracking().AnyAsync(f => f.EventId == e.Id && f.RequiresIdCard, ct);
        if (wasOn) return null;
        if (!await isSiteAdmin()) return new() { ["registration.requiresIdCard"] = ["只有站点管理员可以开启身份证号码收集。"] };
        if (string.IsNullOrWhiteSpace(input.IdCardReason))
            return new() { ["registration.idCardReason"] = ["开启身份证号码收集须填写理由（将记入审计日志），例如“场馆安保要求实名入场”。"] };
        return null;
    }

    static T Add<T>(OutreachDbContext db, T row) where T : class
    {
        db.Add(row);
        return row;
    }

    /// <summary>
    /// A new quota just takes the capacity. A stored one changes by one conditional UPDATE
    /// (<c>WHERE Taken &lt;= capacity</c>), so a seat taken a moment ago by a registration can never end up above
    /// the new capacity; the tracked row is told the new value without writing it a second time.
    /// </summary>
    static async Task ResizeAsync(OutreachDbContext db, Quota q, int capacity, List<string> problems, CancellationToken ct)
    {
        if (q.Id == 0) { q.Capacity = capacity; return; }
        if (q.Capacity == capacity) return;
        var changed = await db.Set<Quota>().Where(x => x.Id == q.Id && x.Taken <= capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, capacity), ct) == 1;
        if (!changed)
        {
            var taken = await db.Set<Quota>().AsNoTracking().Where(x => x.Id == q.Id).Select(x => x.Taken).FirstAsync(ct);
            problems.Add($"“{q.Name}”已有 {taken} 个名额被占用，名额不能少于此数（想改为 {capacity}）。");
            return;
        }
        var entry = db.Entry(q).Property(x => x.Capacity);
        entry.CurrentValue = capacity;
        entry.OriginalValue = capacity;
    }
}
