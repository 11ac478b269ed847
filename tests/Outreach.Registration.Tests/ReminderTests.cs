using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Registration.Tests;

/// <summary>Its own app: the clock moves to the day before the event.</summary>
public sealed class ReminderTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task The_day_before_each_confirmed_person_with_an_email_gets_one_reminder_with_the_ticket()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 1 } }, waitlist = true }, title: "提醒测试活动");
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var ticket = (await (await client.RegisterAsync(id, option, email: "remind-me@example.cn")).Content.ReadFromJsonAsync<JsonObject>())!["ticketCode"]!.GetValue<string>();
        await client.RegisterAsync(id, option, email: "waiting@example.cn"); // waitlisted: no reminder
        var sweeps = f.App.Services.GetRequiredService<RegistrationSweeps>();

        Assert.Equal(0, await sweeps.SendRemindersAsync()); // 2026-09-01: a month early
        // The event starts 2026-10-01 09:00 Beijing time = 01:00Z; a day before is inside the window.
        f.App.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await sweeps.SendRemindersAsync());
        Assert.Equal(0, await sweeps.SendRemindersAsync()); // never twice

        var reminder = (await f.Site.MailsToAsync("remind-me@example.cn")).Last();
        Assert.StartsWith("明天见：提醒测试活动", reminder.Subject);
        Assert.Contains(ticket, reminder.HtmlBody);
        Assert.Contains($"ticket-{ticket}.png", reminder.AttachmentsJson);
        Assert.DoesNotContain(await f.Site.MailsToAsync("waiting@example.cn"), m => m.Subject.StartsWith("明天见", StringComparison.Ordinal));
    }
}
