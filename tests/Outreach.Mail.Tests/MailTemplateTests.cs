using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Mail;
using Outreach.Web.Cli;

namespace Outreach.Mail.Tests;

/// <summary>Per-site template overrides and the <c>mail send-test</c> verb.</summary>
public sealed class MailTemplateTests : IAsyncLifetime
{
    readonly string _dataDir = OutreachApp.NewDataDir();
    readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        OutreachApp.DeleteDataDir(_dataDir);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_site_theme_overrides_the_default_mail_template_and_other_sites_keep_it()
    {
        var themes = Path.Combine(_dataDir, "themes");
        var custom = Directory.CreateDirectory(Path.Combine(themes, "Youth", "templates")).FullName;
        await File.WriteAllTextAsync(Path.Combine(themes, "Youth", "theme.json"), """{ "name": "Youth" }""", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(themes, "Academic"));
        await File.WriteAllTextAsync(Path.Combine(themes, "Academic", "theme.json"), """{ "name": "Academic" }""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(custom, "mail-test.liquid"),
            """{{ "青少年科学营来信" | mail_subject }}<p>你好，{{ site.display_name }}！</p>""", TestContext.Current.CancellationToken);

        await using var app = new OutreachApp(_dataDir, smtpPort: null, _clock) { ThemesPath = themes };
        var youth = await app.CreateSiteAsync("youth", theme: "Youth");
        var academic = await app.CreateSiteAsync("lingnan");

        var overridden = await app.QueueTestMailAsync(youth, "kid@example.org");
        var standard = await app.QueueTestMailAsync(academic, "adult@example.org");

        Assert.Equal("青少年科学营来信", overridden.Subject);
        Assert.Equal("<p>你好，岭南科普！</p>", overridden.HtmlBody);
        Assert.Equal("你好，岭南科普！\n", overridden.TextBody); // no text template in the theme: derived from the HTML
        Assert.Equal("测试邮件：岭南科普", standard.Subject);
    }

    [Fact]
    public async Task Mail_send_test_verb_queues_a_test_mail_for_the_named_site()
    {
        var verb = Verbs.Parse(["mail", "send-test", "--to", "admin@example.org", "--site", "lingnan", "--Outreach:SeedDemo=false"]);
        Assert.Null(verb.Error);
        Assert.Equal("mail send-test", verb.Name);
        Assert.Equal(["admin@example.org", "lingnan"], verb.Operands);
        Assert.Equal(["--Outreach:SeedDemo=false"], verb.HostArgs);
        Assert.NotNull(Verbs.Parse(["mail", "send-test", "--site", "lingnan"]).Error);

        await using var app = new OutreachApp(_dataDir, smtpPort: null, _clock);
        await app.CreateSiteAsync();
        Assert.Equal(0, await MailVerb.SendTestAsync(app.Services, "admin@example.org", "lingnan"));
        Assert.Equal(1, await MailVerb.SendTestAsync(app.Services, "admin@example.org", "nowhere"));

        var row = Assert.Single(await app.OutboxAsync());
        Assert.Equal(("admin@example.org", "test", OutboxStatus.Pending), (row.ToAddress, row.Template, row.Status));
    }
}
