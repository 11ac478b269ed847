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
            if (q.Capacity is < 0 or > MaxCapacity) errors[$"registration.quotas[{i}].capacity"] = [$"名额应在 0 到 {MaxCapacity} 之间。"];
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (o, i) in (input.Options ?? []).Select((o, i) => (o, i)))
        {
            var at = $"registration.options[{i}]";
            if (string.IsNullOrWhiteSpace(o.Name) || o.Name.Length > 100) errors[at + ".name"] = ["场次名称必填，且不超过 100 个字符。"];
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
            Resize(shared[q.Key!], q.Capacity, problems);
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
                Resize(own, o.Capacity!.Value, problems);
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

    static T Add<T>(OutreachDbContext db, T row) where T : class
    {
        db.Add(row);
        return row;
    }

    static void Resize(Quota q, int capacity, List<string> problems)
    {
        if (capacity < q.Taken) problems.Add($"“{q.Name}”已有 {q.Taken} 个名额被占用，名额不能少于此数。");
        else q.Capacity = capacity;
    }
}
