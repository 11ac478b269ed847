using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Events;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>
/// Issue 12 item 10 and issue 18 part 3: a seat transaction writes the seat, the registration and a small
/// unrendered mail row; the mail is rendered from that row after the commit (or by the delivery run).
/// </summary>
public sealed class MailAfterCommitTests(MailAfterCommitTests.Fixture f) : IClassFixture<MailAfterCommitTests.Fixture>
{
    /// <summary>The "fair" site on SQLite, with a themes folder holding a theme whose registration mail cannot render.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        readonly string _themes = Directory.CreateTempSubdirectory("outreach-themes-").FullName;
        public OutreachFactory App { get; private set; } = null!;
        public FairSite Site { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            // "Youth" (the fair's theme) has no templates of its own: the module's mail is used.
            Directory.CreateDirectory(Path.Combine(_themes, "Youth"));
            await File.WriteAllTextAsync(Path.Combine(_themes, "Youth", "theme.json"), """{ "name": "Youth" }""");
            var broken = Directory.CreateDirectory(Path.Combine(_themes, "Broken", "templates")).FullName;
            await File.WriteAllTextAsync(Path.Combine(_themes, "Broken", "theme.json"), """{ "name": "Broken" }""");
            // A site's own mail template that forgot its subject: MailTemplates refuses to render it.
            await File.WriteAllTextAsync(Path.Combine(broken, "mail-registration.liquid"), "<p>{{ name }}</p>");
            App = new OutreachFactory
            {
                ThemesPath = _themes,
                Settings = { ["Outreach:Registration:PerIpPerMinute"] = "100000", ["Outreach:Registration:PerContactPerHour"] = "1000" },
            };
            Site = await FairSite.CreateAsync(App);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            try { Directory.Delete(_themes, recursive: true); } catch (IOException) { }
        }
    }

    Task SetThemeAsync(string theme) =>
        f.App.WithSiteAsync<int>(null, db => db.Sites.Where(s => s.Name == "fair").ExecuteUpdateAsync(s => s.SetProperty(x => x.Theme, theme)));

    async Task<Event> EventAsync(int id) =>
        await f.App.WithSiteAsync("fair", db => db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == id));

    static RegistrationRequest Request(int optionId, string email, int groupSize = 1) =>
        new(optionId, "林晓雯", Fair.NewPhone(), email, groupSize, new Dictionary<string, string[]>(), Consent: true);

    [Fact]
    public async Task A_mail_template_that_cannot_render_does_not_undo_the_seat_and_the_mail_goes_out_once_the_theme_is_fixed()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 3 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var ev = await EventAsync(id);
        await SetThemeAsync("Broken");
        try
        {
            // The desk, with the site (and so its theme) read afresh, as a request would.
            var result = await f.Site.WithDeskAsync((desk, _) => desk.RegisterAsync(ev, Request(option, "broken-theme@example.cn"), null, default));
            Assert.Equal(Outcome.Created, result.Outcome);
            var registration = await f.Site.RegistrationAsync(result.Registration!.Id);
            Assert.Equal(RegistrationStatus.Confirmed, registration.Status);
            Assert.Equal(1, await f.App.WithSiteAsync("fair", db => db.Set<Quota>().Where(q => q.EventId == id).Select(q => q.Taken).SingleAsync()));

            var waiting = Assert.Single(await f.Site.MailsToAsync("broken-theme@example.cn"));
            Assert.Equal(OutboxStatus.Unrendered, waiting.Status);
            Assert.Equal(RegistrationMails.Reference(registration), waiting.Reference); // deleting the data finds it
            Assert.Contains("mail_subject", waiting.LastError);
            Assert.Equal("", waiting.Subject);

            // Still broken at its retry: it waits again, nothing is sent.
            f.App.Clock.Advance(TimeSpan.FromMinutes(2));
            await f.App.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
            var again = Assert.Single(await f.Site.MailsToAsync("broken-theme@example.cn"));
            Assert.Equal(OutboxStatus.Unrendered, again.Status);
            Assert.Equal(2, again.Attempts);
        }
        finally
        {
            await SetThemeAsync("Youth");
        }

        f.App.Clock.Advance(TimeSpan.FromMinutes(3));
        await f.App.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();
        var sent = Assert.Single(await f.Site.MailsToAsync("broken-theme@example.cn"));
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.StartsWith("报名成功", sent.Subject);
        Assert.Contains("林晓雯", sent.HtmlBody);
        Assert.Contains("上午场", sent.TextBody);
        Assert.Null(sent.RenderData);
        Assert.True(File.Exists(Path.Combine(f.App.DataDir, "mail-pickup", PickupMailTransport.FileName(sent.MessageId))));
    }

    [Fact]
    public async Task A_freed_group_of_seven_offers_seven_waiting_people_each_with_their_own_rendered_offer()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "全天", capacity = 7 } }, waitlist = true, maxGroupSize = 7 });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var group = await client.RegisterAsync(id, option, email: "class@example.cn", groupSize: 7);
        Assert.Equal(System.Net.HttpStatusCode.Created, group.StatusCode);
        var groupId = (await group.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<int>();
        for (var i = 0; i < 7; i++)
            Assert.Equal(System.Net.HttpStatusCode.Created, (await client.RegisterAsync(id, option, email: $"wait{i}@example.cn")).StatusCode);

        var cancelled = await f.Site.WithDeskAsync(async (desk, db) => await desk.CancelAsync(await db.RegistrationAsync(groupId), null, default));
        Assert.Equal(Outcome.Created, cancelled.Outcome);
        for (var i = 0; i < 7; i++)
        {
            var offer = (await f.Site.MailsToAsync($"wait{i}@example.cn")).Last();
            Assert.Equal(OutboxStatus.Pending, offer.Status);
            Assert.StartsWith("候补名额已空出", offer.Subject);
        }
        Assert.StartsWith("报名已取消", (await f.Site.MailsToAsync("class@example.cn")).Last().Subject);
        Assert.Equal(7, await f.App.WithSiteAsync("fair", db => db.Set<Quota>().Where(q => q.EventId == id).Select(q => q.Taken).SingleAsync()));
    }

    [Fact]
    public async Task A_mail_a_stopped_node_left_unrendered_is_rendered_by_the_next_delivery_run_unless_its_registration_was_deleted()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "夜场", capacity = 5 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var client = f.App.CreatePlainClient();
        var keptId = (await (await client.RegisterAsync(id, option, email: "stranded@example.cn")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<int>();
        var goneId = (await (await client.RegisterAsync(id, option, email: "stranded-gone@example.cn")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<int>();
        await f.App.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(); // the confirmations

        // A node commits two reminders and stops before rendering them.
        using (var scope = f.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Name == "fair");
            scope.ServiceProvider.GetRequiredService<Outreach.Core.Sites.SiteContext>().Enter(site, site.PathBase);
            var mails = scope.ServiceProvider.GetRequiredService<RegistrationMails>();
            foreach (var rid in new[] { keptId, goneId })
                Assert.NotNull(mails.Defer("reminder", await db.Set<Registration>().AsNoTracking().SingleAsync(r => r.Id == rid)));
            await db.SaveChangesAsync();
        }
        var delivery = f.App.Services.GetRequiredService<OutboxDelivery>();
        await delivery.DeliverDueAsync();
        Assert.Equal(OutboxStatus.Unrendered, (await f.Site.MailsToAsync("stranded@example.cn")).Last().Status); // its node may still render it

        // One person deletes their data meanwhile: the unrendered mail goes with it.
        await f.Site.WithDeskAsync(async (desk, db) => { await desk.DeleteAsync(await db.RegistrationAsync(goneId), null, default); return 0; });
        Assert.DoesNotContain(await f.Site.MailsToAsync("stranded-gone@example.cn"), m => m.Status == OutboxStatus.Unrendered);

        f.App.Clock.Advance(MailOutbox.RenderTakeover + TimeSpan.FromSeconds(1));
        await delivery.DeliverDueAsync();
        var reminder = (await f.Site.MailsToAsync("stranded@example.cn")).Last();
        Assert.Equal(OutboxStatus.Sent, reminder.Status);
        Assert.StartsWith("明天见", reminder.Subject);
        Assert.True(File.Exists(Path.Combine(f.App.DataDir, "mail-pickup", PickupMailTransport.FileName(reminder.MessageId))));
        Assert.Empty(await f.Site.MailsToAsync("stranded-gone@example.cn"));
    }
}
