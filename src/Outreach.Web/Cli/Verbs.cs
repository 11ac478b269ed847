using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Search;

namespace Outreach.Web.Cli;

/// <summary>
/// The verbs of the one executable: <c>serve</c> (default), <c>migrate</c>, <c>recipe run &lt;file&gt;</c>,
/// <c>sites list</c>, <c>modules list</c>, …. Arguments after the verb that start with <c>--</c> are host configuration
/// (e.g. <c>--Outreach:DataDir=/srv/outreach</c>).
/// </summary>
public sealed record Verbs(string Name, string[] Operands, string[] HostArgs, string? Error)
{
    /// <summary>Options of the verbs themselves (<c>--email a@b</c>); everything else configures the host.</summary>
    public Dictionary<string, string> Options { get; init; } = [];

    static readonly HashSet<string> ValueOptions = ["--email", "--password", "--site", "--role", "--name", "--to", "--display-name", "--journal", "--issue", "--pdfs"];
    static readonly HashSet<string> FlagOptions = ["--platform-admin", "--dry-run"];

    const string UsageText = """
        用法 / Usage: Outreach.Web [verb] [--Key=Value ...]
          serve                  启动网站（默认） / run the web server (default)
          migrate                迁移数据库 / apply database migrations
          recipe run <file>      运行配方，创建或更新站点 / apply a recipe to create or update a site
          sites list             列出站点 / list sites
          modules list           列出模块：依赖、权限、启用的站点 / list modules: dependencies, permissions, sites
          users create --email E --password P [--platform-admin] [--site S --role R] [--display-name N]
                                 创建账号 / create an account
          tokens create --site S --role SiteAdmin|Editor|Reviewer [--name N]
                                 创建 API 令牌（只显示一次） / create an API token (shown once)
          search rebuild         重建本节点的搜索索引 / rebuild this node's search index
          mail send-test --to <address> [--site <name>]
                                 经发件队列发送测试邮件 / queue a test mail through the outbox
          journals import <csv> --site S --journal J --issue 2026/2/3 [--pdfs DIR] [--dry-run]
                                 从 CSV 和 PDF 文件夹导入一期 / import an issue from a CSV and a folder of PDFs
        """;

    public static Verbs Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var options = new Dictionary<string, string>();
        var host = new List<string>();
        for (var i = words.Length; i < args.Length; i++)
        {
            if (ValueOptions.Contains(args[i]))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return new("", [], [], $"{args[i]} 需要一个值 / {args[i]} needs a value");
                options[args[i]] = args[++i];
            }
            else if (FlagOptions.Contains(args[i])) options[args[i]] = "true";
            else host.Add(args[i]);
        }
        var verb = Verb(words, host.ToArray(), options);
        return verb with { Options = options };
    }

    static Verbs Verb(string[] words, string[] host, Dictionary<string, string> options) =>
        words switch
        {
            [] or ["serve"] => new("serve", [], host, null),
            ["migrate"] => new("migrate", [], host, null),
            ["recipe", "run", var file] => new("recipe run", [file], host, null),
            ["recipe", ..] => new("recipe", [], host, "recipe run 需要且只需要一个文件参数 / recipe run takes one file"),
            ["sites", "list"] => new("sites list", [], host, null),
            ["modules", "list"] => new("modules list", [], host, null),
            ["users", "create"] => new("users create", [], host, null),
            ["tokens", "create"] => new("tokens create", [], host, null),
            ["search", "rebuild"] => new("search rebuild", [], host, null),
            ["mail", "send-test"] when options.GetValueOrDefault("--to") is { } to && to.Contains('@', StringComparison.Ordinal) =>
                new("mail send-test", options.TryGetValue("--site", out var site) ? [to, site] : [to], host, null),
            ["mail", "send-test"] => new("mail", [], host, "mail send-test 需要收件地址 --to <address> / needs --to <address>"),
            ["mail", ..] => new("mail", [], host, "用法 / usage: mail send-test --to <address> [--site <name>]"),
            ["journals", "import", var csv] when options.ContainsKey("--site") && options.ContainsKey("--journal") && options.ContainsKey("--issue") =>
                new("journals import", [csv], host, null),
            ["journals", ..] => new("journals", [], host, "用法 / usage: journals import <csv> --site S --journal J --issue 2026/2/3 [--pdfs DIR] [--dry-run]"),
            _ => new("", [], host, $"未知命令 / unknown command: {string.Join(' ', words)}"),
        };

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
            {
                // Where start time goes (#18 part 5), from the process start: log category Outreach.Startup.
                var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Outreach.Startup");
                var began = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
                double Since() => (DateTime.UtcNow - began).TotalMilliseconds;
                startup.LogInformation("Start: app built at {Ms:F0} ms", Since());
                await seeder.MigrateAsync();
                startup.LogInformation("Start: database migrated at {Ms:F0} ms", Since());
                var seeded = await seeder.SeedIfEmptyAsync();
                startup.LogInformation("Start: demo recipes {Applied} at {Ms:F0} ms", seeded ? "applied" : "not needed", Since());
                await app.Services.GetRequiredService<AccountAdministration>().EnsureFirstAdminAsync(demo: seeded);
                app.Lifetime.ApplicationStarted.Register(() => startup.LogInformation("Start: listening at {Ms:F0} ms", Since()));
                await app.RunAsync();
                return 0;
            }
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
            case "modules list":
                await seeder.MigrateAsync();
                return await ModulesVerb.ListAsync(app.Services, Console.Out);
            case "users create":
                return await AccountVerbs.CreateUserAsync(app, this);
            case "tokens create":
                return await AccountVerbs.CreateTokenAsync(app, this);
            case "search rebuild":
                await seeder.MigrateAsync();
                var count = await app.Services.GetRequiredService<SearchIndex>().RebuildAsync(CancellationToken.None);
                Console.WriteLine($"搜索索引已重建 / search index rebuilt: {count}");
                return 0;
            case "mail send-test":
                await seeder.MigrateAsync();
                return await MailVerb.SendTestAsync(app.Services, Operands[0], Operands.ElementAtOrDefault(1));
            case "journals import":
                await seeder.MigrateAsync();
                return await Outreach.Journals.IssueImportVerb.RunAsync(app.Services, Operands[0], Options["--site"], Options["--journal"], Options["--issue"],
                    Options.GetValueOrDefault("--pdfs"), Options.ContainsKey("--dry-run"), Console.Out);
            default:
                return Usage("未知命令 / unknown command");
        }
    }
}
