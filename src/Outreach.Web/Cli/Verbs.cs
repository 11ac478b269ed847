using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Recipes;
using Outreach.Core.Sites;

namespace Outreach.Web.Cli;

/// <summary>
/// The verbs of the one executable: <c>serve</c> (default), <c>migrate</c>, <c>recipe run &lt;file&gt;</c>,
/// <c>sites list</c>. Arguments after the verb that start with <c>--</c> are host configuration
/// (e.g. <c>--Outreach:DataDir=/srv/outreach</c>).
/// </summary>
public sealed record Verbs(string Name, string[] Operands, string[] HostArgs, string? Error)
{
    const string UsageText = """
        用法 / Usage: Outreach.Web [verb] [--Key=Value ...]
          serve                  启动网站（默认） / run the web server (default)
          migrate                迁移数据库 / apply database migrations
          recipe run <file>      运行配方，创建或更新站点 / apply a recipe to create or update a site
          sites list             列出站点 / list sites
          mail send-test --to <address> [--site <name>]
                                 经发件队列发送测试邮件 / queue a test mail through the outbox
        """;

    public static Verbs Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var host = args.Skip(words.Length).ToArray();
        return words switch
        {
            [] or ["serve"] => new("serve", [], host, null),
            ["migrate"] => new("migrate", [], host, null),
            ["recipe", "run", var file] => new("recipe run", [file], host, null),
            ["recipe", ..] => new("recipe", [], host, "recipe run 需要且只需要一个文件参数 / recipe run takes one file"),
            ["sites", "list"] => new("sites list", [], host, null),
            ["mail", "send-test"] => MailVerb.Parse(host),
            ["mail", ..] => new("mail", [], host, "用法 / usage: mail send-test --to <address> [--site <name>]"),
            _ => new("", [], host, $"未知命令 / unknown command: {string.Join(' ', words)}"),
        };
    }

    public static int Usage(string error)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(UsageText);
        return 2;
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        switch (Name)
        {
            case "serve":
                await seeder.MigrateAsync();
                await seeder.SeedIfEmptyAsync();
                await app.RunAsync();
                return 0;
            case "migrate":
                await seeder.MigrateAsync();
                Console.WriteLine("数据库已是最新 / database is up to date");
                return 0;
            case "recipe run":
                await seeder.MigrateAsync();
                try
                {
                    var site = await app.Services.GetRequiredService<RecipeRunner>().RunFileAsync(Operands[0]);
                    Console.WriteLine($"已应用配方 / recipe applied: {site.Name} ({site.DisplayNameZh})");
                    return 0;
                }
                catch (RecipeException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return 1;
                }
            case "sites list":
                await seeder.MigrateAsync();
                using (var scope = app.Services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
                    foreach (var s in await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
                        Console.WriteLine($"{s.Name,-16} /{s.Prefix,-14} {s.Theme,-10} {s.Modules,-24} {s.DisplayNameZh}");
                }
                return 0;
            case "mail send-test":
                await seeder.MigrateAsync();
                return await MailVerb.SendTestAsync(app.Services, Operands[0], Operands.ElementAtOrDefault(1));
            default:
                return Usage("未知命令 / unknown command");
        }
    }
}
