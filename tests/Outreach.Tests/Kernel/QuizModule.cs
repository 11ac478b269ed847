using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Accounts;
using Outreach.Core.Content;
using Outreach.Core.Modules;
using Outreach.Core.Security;

namespace Outreach.Tests.Kernel;

/// <summary>
/// A module that lives only in the tests, written as docs/adding-a-module.md says, to prove that a module is
/// added with one line and no kernel edit: it shows up in <c>modules list</c>, the admin's site page and menu, the
/// sitemap, and translates its own strings. (Kept first in this file: its <c>.en.resx</c> is named after it.)
/// </summary>
public sealed class QuizModule : OutreachModule
{
    public const string EditQuiz = "quiz.edit";

    public override ModuleManifest Manifest { get; } = new("Quiz", "科学问答", "Science quiz")
    {
        Requires = ["Pages"],
        Permissions = [new(EditQuiz, "编辑科学问答", "Edit the science quiz", SiteRole.Editor, SiteRole.SiteAdmin)],
        ReservedPrefixes = ["quiz"],
        TemplateModels = [typeof(QuizScoreView)],
    };

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ISitemapSource, QuizSitemapSource>();
        services.AddSingleton(new AdminMenuItem("科学问答", "/admin/quiz", EditQuiz, 400));
        services.AddScoped<IPersonalAreaSection, QuizPersonalSection>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/quiz", () => Results.Text("今日问题：为什么天空是蓝色的？", "text/plain; charset=utf-8"));
}

/// <summary>The quiz page in the sitemap of every site that enables the module (the kernel leaves it out elsewhere).</summary>
public sealed class QuizSitemapSource : ISitemapSource
{
    public Task<IReadOnlyList<SitemapEntry>> EntriesAsync(HttpContext http, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SitemapEntry>>([new SitemapEntry("/quiz", null)]);
}

/// <summary>The quiz's block in "我的" (<c>/my</c>): its template <c>Templates/my-quiz.liquid</c> is embedded in this assembly.</summary>
public sealed class QuizPersonalSection : IPersonalAreaSection
{
    public string Key => "quiz";

    public Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct) =>
        Task.FromResult<PersonalAreaBlock?>(new PersonalAreaBlock(Key, "我的问答", "my-quiz", new QuizScoreView(3, 2), 50));

    public Task<object?> ExportAsync(int userId, CancellationToken ct) => Task.FromResult<object?>(new QuizScoreView(3, 2));

    public Task ForgetAsync(int userId, CancellationToken ct) => Task.CompletedTask;
}

public sealed record QuizScoreView(int Answered, int Correct);

/// <summary>Requires a module this host does not have: the app must refuse to start.</summary>
public sealed class NeedsTelescopesModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("NeedsTelescopes", "缺依赖", "Missing dependency") { Requires = ["Telescopes"] };
}

/// <summary>Two modules that require each other: the app must refuse to start.</summary>
public sealed class ChickenModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Chicken", "鸡", "Chicken") { Requires = ["Egg"] };
}

public sealed class EggModule : OutreachModule
{
    public override ModuleManifest Manifest { get; } = new("Egg", "蛋", "Egg") { Requires = ["Chicken"] };
}
