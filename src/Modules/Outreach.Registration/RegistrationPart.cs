using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Events;

namespace Outreach.Registration;

/// <summary>The registration settings an organiser writes (admin API, recipes, admin form).</summary>
public sealed record RegistrationInput(
    IReadOnlyList<OptionInput>? Options, IReadOnlyList<QuotaInput>? Quotas, bool Waitlist = false, bool RequiresApproval = false,
    int MaxGroupSize = 1, string? OpensAt = null, string? ClosesAt = null, int OfferHours = 24, bool RequiresIdCard = false,
    IReadOnlyList<Question>? Questions = null, string? IdCardReason = null);

/// <summary>An option with its own <see cref="Capacity"/>, or drawing from a shared <see cref="Quota"/> by key.</summary>
public sealed record OptionInput(string? Name, int? Capacity = null, string? Quota = null, string? StartsAt = null, string? EndsAt = null, decimal Price = 0);

public sealed record QuotaInput(string? Key, string? Name, int Capacity);

/// <summary>What the public sees of an option.</summary>
public sealed record OptionView(int Id, string Name, int Capacity, int Remaining, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, decimal Price, bool Shared);

/// <summary>Registration as a part of events: options in the event JSON, the box on the event page, the admin API's input.</summary>
public sealed class RegistrationPart(OutreachDbContext db, SiteContext site, TimeProvider clock, IHttpContextAccessor http,
    SiteAuthorization authorization, AuditLog audit) : IEventPart
{
    public string Name => "registration";

    // The event page asks for the section and the description: one read of the state serves both (scoped per request).
    (int EventId, RegistrationState? State)? _loaded;

    async Task<RegistrationState?> StateAsync(Event e, CancellationToken ct)
    {
        if (_loaded is { } known && known.EventId == e.Id) return known.State;
        var state = await RegistrationState.LoadAsync(db, e, clock.GetUtcNow(), ct);
        _loaded = (e.Id, state);
        return state;
    }

    public async Task<object?> DescribeAsync(Event e, CancellationToken ct) => Describe(await StateAsync(e, ct));

    public async Task<IReadOnlyDictionary<int, object>> DescribeManyAsync(IReadOnlyCollection<Event> events, CancellationToken ct)
    {
        // One query for a whole page of events, whatever its size (#18): never one per event.
        var states = await RegistrationState.LoadManyAsync(db, events, clock.GetUtcNow(), ct);
        return states.ToDictionary(kv => kv.Key, kv => Describe(kv.Value)!);
    }

    static object? Describe(RegistrationState? state) => state is null ? null : new
    {
        state.Open,
        status = state.Status,
        state.Form.Waitlist,
        state.Form.RequiresApproval,
        state.Form.MaxGroupSize,
        opensAt = state.Form.OpensAt is { } o ? Core.Localization.OutreachTime.ToBeijing(o) : (DateTimeOffset?)null,
        closesAt = Core.Localization.OutreachTime.ToBeijing(state.ClosesAt),
        options = state.Options,
    };

    public async Task<HomeSection?> SectionAsync(Event e, HttpContext http, CancellationToken ct)
    {
        if (site.Site is null || e.SiteId != site.SiteId) return null;
        var state = await StateAsync(e, ct);
        if (state is null) return null;
        return new HomeSection("registration-section", new RegistrationSection(state.Open, state.Status, state.Message, state.Options,
            state.Form.Waitlist, state.Form.RequiresApproval, site.Url("/events/" + e.Slug + "/register")));
    }

    public Dictionary<string, string[]> Validate(JsonElement input) => RegistrationSetup.Problems(input, out _);

    public async Task<Dictionary<string, string[]>> ApplyAsync(Event e, JsonElement input, CancellationToken ct)
    {
        _loaded = null;
        var errors = RegistrationSetup.Problems(input, out var parsed);
        if (errors.Count > 0) return errors;
        var user = http.HttpContext?.User;
        if (await RegistrationSetup.IdCardProblemsAsync(db, e, parsed!, user, () => authorization.HasAsync(user!, Permissions.ManageSite, ct), ct) is { } refused)
            return refused;
        var switchedOn = parsed!.RequiresIdCard && !await db.Set<RegistrationForm>().AnyAsync(f => f.EventId == e.Id && f.RequiresIdCard, ct);
        var problems = await RegistrationSetup.ApplyAsync(db, e, parsed!, ct);
        if (problems.Count > 0) return new StateConflict { ["registration"] = [.. problems] }; // only the stored seats refuse it
        if (switchedOn) audit.Record(user, "registration.idcard.enable", "event:" + e.Slug, parsed.IdCardReason?.Trim() ?? "recipe");
        return errors;
    }
}

/// <summary>An event's registration as it stands: open or not, and what is left of each option.</summary>
public sealed record RegistrationState(RegistrationForm Form, IReadOnlyList<OptionView> Options, bool Open, string Status, string Message, DateTimeOffset ClosesAt)
{
    public static async Task<RegistrationState?> LoadAsync(OutreachDbContext db, Event e, DateTimeOffset now, CancellationToken ct) =>
        (await LoadManyAsync(db, [e], now, ct)).GetValueOrDefault(e.Id);

    /// <summary>
    /// The state of each event that takes registrations (absent when it takes none), in one query: form, options and
    /// their quotas (the event page and the events API are read often, #18). The event's own site's rows: a campaign
    /// guest is described from its own site.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, RegistrationState>> LoadManyAsync(OutreachDbContext db, IReadOnlyCollection<Event> events,
        DateTimeOffset now, CancellationToken ct)
    {
        if (events.Count == 0) return new Dictionary<int, RegistrationState>();
        var ids = events.Select(e => e.Id).Distinct().ToList();
        var options = db.Set<TicketOption>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        var quotas = db.Set<Quota>().IgnoreQueryFilters([OutreachDbContext.SiteFilter]);
        var rows = await db.Set<RegistrationForm>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.SiteFilter])
            .Where(f => ids.Contains(f.EventId))
            .Select(f => new
            {
                Form = f,
                Options = options
                    .Where(o => o.EventId == f.EventId && o.SiteId == f.SiteId).OrderBy(o => o.Position).ThenBy(o => o.Id)
                    .Join(quotas, o => o.QuotaId, q => q.Id, (o, q) => new OptionRow(o, q))
                    .ToList(),
            })
            .ToListAsync(ct);
        var states = new Dictionary<int, RegistrationState>();
        foreach (var e in events)
            if (rows.FirstOrDefault(r => r.Form.EventId == e.Id && r.Form.SiteId == e.SiteId) is { } row)
                states[e.Id] = From(row.Form, row.Options, e, now);
        return states;
    }

    sealed record OptionRow(TicketOption Option, Quota Quota);

    static RegistrationState From(RegistrationForm form, IReadOnlyList<OptionRow> rows, Event e, DateTimeOffset now)
    {
        var shared = rows.GroupBy(r => r.Option.QuotaId).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var views = rows.Select(r => new OptionView(r.Option.Id, r.Option.Name, r.Quota.Capacity, Math.Max(0, r.Quota.Capacity - r.Quota.Taken),
            r.Option.StartsAt, r.Option.EndsAt, r.Option.Price, shared.Contains(r.Option.QuotaId))).ToList();
        var closes = form.ClosesAt ?? e.StartsAt;
        var full = views.All(v => v.Remaining == 0);
        var (open, status, message) =
            form.OpensAt is { } opens && now < opens ? (false, "not-open", $"报名将于 {Core.Localization.OutreachTime.Date(opens, "zh-CN")} {Core.Localization.OutreachTime.Time(opens)} 开放")
            : now >= closes ? (false, "closed", "报名已截止")
            : full && !form.Waitlist ? (false, "full", "名额已满")
            : full ? (true, "waitlist", "名额已满，可登记候补")
            : (true, "open", "报名进行中");
        return new RegistrationState(form, views, open, status, message, closes);
    }
}
