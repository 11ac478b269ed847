using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Outreach.Core.Content;

namespace Outreach.Events;

/// <summary>
/// Another module's part of an event (registration adds its options): shown in the event's JSON under
/// <see cref="Name"/>, as a section of the event page, and accepted under the same name by the admin API.
/// </summary>
public interface IEventPart
{
    string Name { get; }

    /// <summary>The part's JSON for <c>GET /api/v1/events/{id}</c>; null leaves it out.</summary>
    Task<object?> DescribeAsync(Event e, CancellationToken ct);

    /// <summary>
    /// The part's JSON for each of a page of events (<c>GET /api/v1/events</c>), keyed by event id; events the part has
    /// nothing for are absent. One read for the whole page, never one per event: the list's cost stays constant in its size.
    /// </summary>
    Task<IReadOnlyDictionary<int, object>> DescribeManyAsync(IReadOnlyCollection<Event> events, CancellationToken ct);

    /// <summary>A block of the event page (template + model), or null.</summary>
    Task<HomeSection?> SectionAsync(Event e, HttpContext http, CancellationToken ct);

    /// <summary>Problems of the admin API's input for this part, keyed by JSON path, in Chinese; nothing is saved yet.</summary>
    Dictionary<string, string[]> Validate(JsonElement input);

    /// <summary>
    /// Stores the input for a saved event (it has its id); the caller saves and commits, or rolls back when
    /// problems come back. Problems of the input itself answer 400; problems with the stored state (a capacity
    /// below the seats already taken) come back as <see cref="StateConflict"/> and answer 409.
    /// </summary>
    Task<Dictionary<string, string[]>> ApplyAsync(Event e, JsonElement input, CancellationToken ct);
}

/// <summary>
/// Problems an event part found with the stored state rather than with the input (the same input may succeed
/// later, e.g. once seats are released): the API answers 409 Conflict, not 400.
/// </summary>
public sealed class StateConflict : Dictionary<string, string[]>;
