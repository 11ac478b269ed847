using Outreach.Core.Mail;
using Outreach.Core.Sites;

namespace Outreach.Web.Cli;

/// <summary><c>mail send-test --to &lt;address&gt; [--site &lt;name&gt;]</c>: queues a test mail, so an administrator can check SMTP.</summary>
public static class MailVerb
{
    public static async Task<int> SendTestAsync(IServiceProvider services, string to, string? siteName)
    {
        var catalog = services.GetRequiredService<SiteCatalog>();
        var sites = await catalog.AllAsync();
        var site = siteName is null ? sites.FirstOrDefault(s => s.Prefix == "") ?? sites.FirstOrDefault() : await catalog.FindAsync(siteName);
        if (site is null)
        {
            Console.Error.WriteLine(siteName is null ? "还没有站点 / there is no site yet" : $"找不到站点 / no such site: {siteName}");
            return 1;
        }
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        var outbox = scope.ServiceProvider.GetRequiredService<IMailOutbox>();
        var mail = await outbox.EnqueueAsync("test", to, new Outreach.Core.Themes.TestMail(null));
        await scope.ServiceProvider.GetRequiredService<Core.Data.OutreachDbContext>().SaveChangesAsync();
        Console.WriteLine($"已加入发件队列 / queued: #{mail.Id} <{mail.MessageId}> → {to} ({site.Name})");
        Console.WriteLine("由运行中的网站在 15 秒内发送 / the running site delivers it within 15 seconds");
        return 0;
    }
}
