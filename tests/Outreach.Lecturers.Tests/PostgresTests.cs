using System.Net;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>The same two sites on PostgreSQL, where concurrent writers really run in parallel.</summary>
public sealed class PostgresLecturersFixture : IAsyncLifetime
{
    public OutreachFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connection) && !RequiredServices.Required) return; // each test skips with the reason
        App = new OutreachFactory { PostgresConnection = RequiredServices.Postgres() };
        _ = App.Server;
        await App.RunRecipeAsync("guild-north");
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}

public sealed class PostgresConcurrencyTests(PostgresLecturersFixture fixture) : IClassFixture<PostgresLecturersFixture>
{
    OutreachFactory App
    {
        get
        {
            if (fixture.App is null) RequiredServices.Postgres(); // skips (or fails under OUTREACH_REQUIRE_SERVICES=1)
            return fixture.App!;
        }
    }

    [Fact]
    public async Task Parallel_applications_of_one_person_make_one_and_the_rest_get_409()
    {
        var (applicant, _, userId) = await App.PersonAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => applicant.ApplyAsync(Lecturing.Application(name: "并发申请"))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await App.WithSiteAsync(null, db => db.Set<Lecturer>().IgnoreQueryFilters().CountAsync(l => l.UserId == userId)));
    }

    [Fact]
    public async Task Two_reviewers_deciding_at_once_one_decides_and_the_other_gets_409()
    {
        var (applicant, email, _) = await App.PersonAsync();
        var id = await applicant.AppliedAsync(Lecturing.Application(name: "同时审核"));
        var first = await App.TokenClientAsync("north", SiteRole.Reviewer);
        var second = await App.TokenClientAsync("north", SiteRole.SiteAdmin);
        var answers = await Task.WhenAll(first.DecideAsync(id, "approve"), second.DecideAsync(id, "reject", "资料不全"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        // One decision, one mail about it (besides the "received" one).
        Assert.Equal(2, await App.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().CountAsync(m => m.ToAddress == email)));
    }
}
