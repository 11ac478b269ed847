using Microsoft.EntityFrameworkCore;
using Outreach.Tests.Infrastructure;

namespace Outreach.Bases.Tests;

/// <summary>The 90-day accreditation reminder against a fake clock: not before the window, once inside it, never twice.</summary>
public class ReminderTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    OutreachFactory App => fixture.App;

    [Fact]
    public async Task A_term_ending_in_120_days_is_mailed_once_when_it_comes_within_90_days()
    {
        var job = ActivatorUtilitiesHelper.Job(App);
        var today = OpeningStatus.Today(App.Clock.GetUtcNow());
        await App.WithSiteAsync("gd", async db =>
        {
            var garden = await db.Set<Base>().SingleAsync(b => b.RecipeKey == "botanic-garden");
            garden.StaffEmail = "garden@example.cn";
            db.Add(new Accreditation { BaseId = garden.Id, Level = AccreditationLevel.Provincial, Issuer = "广东省科协", YearAccredited = 2022, TermEnds = today.AddDays(120) });
            return await db.SaveChangesAsync();
        });
        // The recipe's science centre ends in 90 days: that one goes now (positive control); the garden's does not yet.
        Assert.Equal(1, await job.RunAsync());
        Assert.Equal(1, await App.WithSiteAsync("gd", db => db.OutboxMails.CountAsync(m => m.ToAddress == "centre@example.cn")));
        Assert.Equal(0, await App.WithSiteAsync("gd", db => db.OutboxMails.CountAsync(m => m.ToAddress == "garden@example.cn")));
        App.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await job.RunAsync()); // 91 days left
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await job.RunAsync()); // 90 days left
        Assert.Equal(0, await job.RunAsync());
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await job.RunAsync());
        var mail = await App.WithSiteAsync("gd", db => db.OutboxMails.SingleAsync(m => m.ToAddress == "garden@example.cn"));
        Assert.Contains("南岭植物园", mail.Subject + mail.TextBody);
    }
}
