using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Dispatch.Tests;

/// <summary>A lecturer cannot hold two accepted lectures that overlap: 20 parallel accepts of overlapping offers, one wins.</summary>
public static class Overlap
{
    public static async Task TwentyParallelAcceptsAsync(DispatchFixture f)
    {
        var (lecturerId, lecturer, _) = await f.LecturerAsync("谭国栋", "防灾减灾与山区地质灾害");
        var admin = f.Dispatcher();
        var start = f.App.Clock.GetUtcNow().AddDays(20);
        var dispatches = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var (id, _) = await f.ConfirmedOrderAsync();
            // Each lecture 2 h; starting 5 minutes apart, every pair overlaps.
            var created = await admin.PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{id}/dispatch", new { lecturerId, startsAt = start.AddMinutes(5 * i) });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            dispatches.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>());
        }
        using var gate = new SemaphoreSlim(0);
        var attempts = dispatches.Select(async id =>
        {
            await gate.WaitAsync();
            return (await lecturer.PostAsync($"/county/api/v1/my/dispatches/{id}/accept", null)).StatusCode;
        }).ToList();
        gate.Release(attempts.Count);
        var codes = await Task.WhenAll(attempts);
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.NoContent));
        Assert.Equal(19, codes.Count(c => c == HttpStatusCode.Conflict));
        Assert.Equal(1, await f.WithDbAsync(db => db.Set<LectureDispatch>().CountAsync(d => d.LecturerId == lecturerId && d.Status == DispatchStatus.Accepted)));

        // Positive control: a lecture that does not overlap is accepted.
        var (later, _) = await f.ConfirmedOrderAsync(days: 30);
        var other = await admin.PostAsJsonAsync($"/county/api/v1/admin/lecture-requests/{later}/dispatch", new { lecturerId, startsAt = start.AddDays(3) });
        var otherId = (await other.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.NoContent, (await lecturer.PostAsync($"/county/api/v1/my/dispatches/{otherId}/accept", null)).StatusCode);
    }
}

public sealed class SqliteOverlapTests(DispatchFixture f) : IClassFixture<DispatchFixture>
{
    [Fact]
    public Task Twenty_parallel_accepts_of_overlapping_dispatches_for_one_lecturer_let_exactly_one_win_on_SQLite() => Overlap.TwentyParallelAcceptsAsync(f);
}

public sealed class PostgresDispatchFixture : DispatchFixture
{
    static bool Available => Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES") is { Length: > 0 };

    protected override DispatchFactory CreateFactory() => DispatchFactory.Create(RequiredServices.Postgres());

    public override ValueTask InitializeAsync() => Available ? base.InitializeAsync() : ValueTask.CompletedTask;
}

public sealed class PostgresOverlapTests(PostgresDispatchFixture f) : IClassFixture<PostgresDispatchFixture>
{
    [Fact]
    public async Task Twenty_parallel_accepts_of_overlapping_dispatches_for_one_lecturer_let_exactly_one_win_on_PostgreSQL()
    {
        RequiredServices.Postgres(); // skips (or fails when services are required) without PostgreSQL
        await Overlap.TwentyParallelAcceptsAsync(f);
    }
}
