using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Localization;
using Outreach.Core.Modules;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;
using Outreach.Web.Cli;

namespace Outreach.Tests.Kernel;

/// <summary>The real app plus modules that only the tests have, each added with one line.</summary>
public sealed class ModuleHostFactory(Action<IServiceCollection, IConfiguration> addModules) : OutreachFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((host, services) => addModules(services, host.Configuration));
    }
}

public sealed class QuizSites() : SitesFixture("alpha"), IAsyncLifetime
{
    public const string QuizRecipe = """
        { "site": { "name": "quizzes", "displayName": "问答学会", "prefix": "quizzes", "modules": ["Pages", "Quiz"] },
          "steps": [ { "step": "pages", "items": [ { "slug": "home", "title": "问答学会首页" } ] } ] }
        """;

    protected override OutreachFactory CreateFactory() =>
        new ModuleHostFactory((services, configuration) => services.AddOutreachModule<QuizModule>(configuration)); // the one line

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await base.InitializeAsync();
        await App.Services.GetRequiredService<RecipeRunner>().RunAsync(QuizRecipe, "quizzes.recipe.json");
    }
}

public sealed class ModuleTests(QuizSites fixture) : IClassFixture<QuizSites>
{
    RecipeRunner Runner => fixture.App.Services.GetRequiredService<RecipeRunner>();

    async Task<string> ModulesListAsync()
    {
        var output = new StringWriter();
        Assert.Equal(0, await ModulesVerb.ListAsync(fixture.App.Services, output));
        return output.ToString();
    }

    static string LineOf(string list, string id) =>
        Assert.Single(list.Split('\n'), l => l.StartsWith(id + " ", StringComparison.Ordinal));

    [Fact]
    public async Task Modules_list_shows_each_module_with_its_dependencies_permissions_and_sites()
    {
        await Runner.RunAsync("""{ "site": { "name": "fairground", "displayName": "报名站点", "prefix": "fairground", "modules": ["Pages", "Events", "Registration"] } }""", "fairground.recipe.json");
        var list = await ModulesListAsync();

        var registration = LineOf(list, "Registration");
        Assert.Contains("requires: Events", registration);
        Assert.Contains("permissions: registrations.manage, registrations.checkin", registration);
        // Other tests of this class add sites too: fairground is among the sites, alpha (Pages only) is not.
        var sites = registration[(registration.IndexOf("sites: ", StringComparison.Ordinal) + 7)..].Split(", ");
        Assert.Contains("fairground", sites);
        Assert.DoesNotContain("alpha", registration);
        Assert.Contains("requires: —", LineOf(list, "Events"));
        Assert.Contains("permissions: media.upload", LineOf(list, "Media"));
        Assert.Contains("sites: (all)", LineOf(list, "Admin"));
        // Dependencies come first.
        Assert.True(list.IndexOf("\nEvents ", StringComparison.Ordinal) < list.IndexOf("\nRegistration ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_module_added_by_one_line_appears_in_modules_list_the_admin_and_the_sitemap()
    {
        var quiz = LineOf(await ModulesListAsync(), "Quiz");
        Assert.Contains("科学问答", quiz);
        Assert.Contains("requires: Pages", quiz);
        Assert.Contains("permissions: quiz.edit", quiz);
        Assert.Contains("sites: quizzes", quiz);

        // Its page answers where it is enabled and nowhere else.
        var anonymous = fixture.App.CreatePlainClient();
        var (status, body) = await anonymous.FetchAsync("/quizzes/quiz");
        Assert.Equal(200, status);
        Assert.Contains("为什么天空是蓝色的", body);
        Assert.Equal(404, (await anonymous.FetchAsync("/alpha/quiz")).Status);

        // Its sitemap source counts only on the site that enables it; Pages' entries are there on both.
        var (_, quizMap) = await anonymous.FetchAsync("/quizzes/sitemap.xml");
        Assert.Contains("/quizzes/quiz</loc>", quizMap);
        var (_, alphaMap) = await anonymous.FetchAsync("/alpha/sitemap.xml");
        Assert.Contains("alpha.example.cn/</loc>", alphaMap); // alpha has a host of its own: links come from it, not the request
        Assert.DoesNotContain("/quiz</loc>", alphaMap);

        // The platform's site page offers it with its dependency; the menu shows it only where it is enabled.
        await fixture.App.CreateUserAsync("quiz-admin@example.cn", platformAdmin: true);
        var admin = await fixture.App.SignedInClientAsync("quiz-admin@example.cn", "/quizzes");
        var sitesPage = await admin.GetStringAsync("/quizzes/admin/platform/sites");
        Assert.Contains("value=\"Quiz\"", sitesPage);
        Assert.Contains("科学问答", sitesPage);
        Assert.Contains("需要页面与新闻", sitesPage);
        Assert.Contains("href=\"/quizzes/admin/quiz\"", await admin.GetStringAsync("/quizzes/admin"));
        Assert.DoesNotContain("/admin/quiz\"", await admin.GetStringAsync("/alpha/admin"));
    }

    [Fact]
    public async Task A_module_added_by_one_line_contributes_its_section_to_my_page_and_to_the_data_download()
    {
        await fixture.App.CreateUserAsync("quiz-player@example.cn");
        var person = await fixture.App.SignedInClientAsync("quiz-player@example.cn", "/quizzes");

        // Its block, from its own embedded template and registered view model, under its own anchor; accounts are
        // platform-wide, so it shows on a site that does not run the module too (it lists the person's things everywhere).
        foreach (var site in new[] { "/quizzes", "/alpha" })
        {
            var my = await person.GetStringAsync(site + "/my");
            Assert.Contains("id=\"account\"", my); // positive control: the kernel's own block
            Assert.Contains("id=\"quiz\"", my);
            Assert.Contains("我的问答", my);
            Assert.Contains("<p class=\"my-quiz\">已答题 3 · 答对 2</p>", my);
        }
        using var data = System.Text.Json.JsonDocument.Parse(await person.GetStringAsync("/quizzes/my/data.json"));
        Assert.Equal(3, data.RootElement.GetProperty("sections").GetProperty("quiz").GetProperty("answered").GetInt32());
    }

    [Fact]
    public void A_module_brings_its_permissions_and_translations_without_kernel_edits()
    {
        var permissions = fixture.App.Services.GetRequiredService<PermissionCatalog>();
        Assert.True(permissions.Grants(SiteRole.Editor, QuizModule.EditQuiz));
        Assert.False(permissions.Grants(SiteRole.Reviewer, QuizModule.EditQuiz));
        Assert.True(permissions.Grants(SiteRole.Editor, "registrations.checkin"));
        Assert.False(permissions.Grants(SiteRole.Editor, "registrations.manage"));

        var text = fixture.App.Services.GetRequiredService<UiText>();
        var en = CultureInfo.GetCultureInfo("en");
        Assert.Equal("Science quiz", text.Translate("科学问答", en, "Quiz"));
        Assert.Equal("科学问答", text.Translate("科学问答", CultureInfo.GetCultureInfo("zh-CN"), "Quiz"));
        // Each module's page reads its own words first: the same Chinese, two translations.
        Assert.Equal("Dates", text.Translate("场次", en, "Events"));
        Assert.Equal("Time slot", text.Translate("场次", en, "Registration"));
        Assert.Equal("Skip to content", text.Translate("跳到正文", en, "Events")); // the kernel's, from a module's page
    }

    [Fact]
    public async Task A_recipe_enabling_registration_without_events_is_refused_with_the_path_and_writes_nothing()
    {
        var ex = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync("""
            { "site": { "name": "lonely", "displayName": "缺依赖的站点", "prefix": "lonely", "modules": ["Pages", "Registration"] },
              "steps": [ { "step": "pages", "items": [ { "slug": "home", "title": "首页" } ] } ] }
            """, "lonely.recipe.json"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.site.modules[1]", error.Path);
        Assert.Equal("lonely.recipe.json", error.File);
        Assert.Contains("Registration", error.Message);
        Assert.Contains("依赖模块“Events”", error.Message);
        Assert.False(await fixture.App.WithSiteAsync(null, db => db.Sites.AnyAsync(s => s.Name == "lonely")));

        // Positive control: the same recipe with Events listed is applied.
        var site = await Runner.RunAsync("""
            { "site": { "name": "lonely", "displayName": "缺依赖的站点", "prefix": "lonely", "modules": ["Pages", "Events", "Registration"] } }
            """, "lonely.recipe.json");
        Assert.Equal("Pages,Events,Registration", site.Modules);
    }

    [Fact]
    public async Task A_recipe_step_of_a_module_the_site_does_not_run_and_a_reserved_prefix_are_refused()
    {
        var ex = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync("""
            { "site": { "name": "events", "displayName": "占用前缀", "prefix": "events", "modules": ["Pages"] },
              "steps": [ { "step": "venues", "items": [ { "key": "hall", "name": "礼堂" } ] } ] }
            """, "reserved.recipe.json"));
        Assert.Contains(ex.Errors, e => e.Path == "$.site.prefix" && e.Message.Contains("模块“Events”"));
        Assert.Contains(ex.Errors, e => e.Path == "$.steps[0].step" && e.Step == "venues" && e.Message.Contains("未启用该模块"));
        Assert.False(await fixture.App.WithSiteAsync(null, db => db.Sites.AnyAsync(s => s.Name == "events")));
    }

    [Fact]
    public async Task The_site_page_enables_dependencies_together_and_refuses_to_disable_a_module_others_need()
    {
        await Runner.RunAsync("""{ "site": { "name": "toggles", "displayName": "开关站点", "prefix": "toggles", "modules": ["Pages"] } }""", "toggles.recipe.json");
        var id = await fixture.App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "toggles").Select(s => s.Id).SingleAsync());
        await fixture.App.CreateUserAsync("toggler@example.cn", platformAdmin: true);
        var admin = await fixture.App.SignedInClientAsync("toggler@example.cn");
        Task<string> ModulesAsync() => fixture.App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "toggles").Select(s => s.Modules).SingleAsync());

        // Ticking Registration alone enables Events with it.
        var response = await admin.PostAsync($"/alpha/admin/platform/sites?handler=Modules&id={id}", Form(admin, "Pages", "Registration"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Pages,Events,Registration", await ModulesAsync());
        Assert.Contains("已一并启用所依赖的模块：活动", await admin.GetStringAsync("/alpha/admin/platform/sites"));

        // Unticking Events while Registration stays is refused, naming Registration; nothing changes.
        response = await admin.PostAsync($"/alpha/admin/platform/sites?handler=Modules&id={id}", Form(admin, "Pages", "Registration"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("不能停用“活动”（Events）：“报名”（Registration）依赖它", page);
        Assert.Equal("Pages,Events,Registration", await ModulesAsync());

        // Unticking both is fine.
        response = await admin.PostAsync($"/alpha/admin/platform/sites?handler=Modules&id={id}", Form(admin, "Pages"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Pages", await ModulesAsync());
    }

    FormUrlEncodedContent Form(HttpClient admin, params string[] modules)
    {
        var page = admin.GetStringAsync("/alpha/admin/platform/sites").GetAwaiter().GetResult();
        return new FormUrlEncodedContent([new("__RequestVerificationToken", People.Antiforgery(page)), .. modules.Select(m => new KeyValuePair<string, string>("modules", m))]);
    }

    [Fact]
    public async Task A_missing_dependency_stops_the_app_at_start_naming_both_modules()
    {
        await using var app = new ModuleHostFactory((services, configuration) => services.AddOutreachModule<NeedsTelescopesModule>(configuration));
        var ex = Assert.ThrowsAny<Exception>(() => app.Server);
        var message = (ex as InvalidOperationException ?? ex.InnerException)?.Message ?? ex.ToString();
        Assert.Contains("module NeedsTelescopes requires Telescopes, which this host does not add", message);
    }

    [Fact]
    public async Task A_setting_out_of_range_stops_the_app_at_start_naming_it()
    {
        await using var app = new OutreachFactory { Settings = { ["Outreach:Registration:PerIpPerMinute"] = "0" } };
        var ex = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("PerIpPerMinute", ex.ToString());

        await using var fine = new OutreachFactory { Settings = { ["Outreach:Registration:PerIpPerMinute"] = "1" } };
        Assert.NotNull(fine.Server); // positive control: the same setting in range starts
    }

    [Fact]
    public async Task Circular_dependencies_stop_the_app_at_start_naming_the_circle()
    {
        await using var app = new ModuleHostFactory((services, configuration) =>
        {
            services.AddOutreachModule<ChickenModule>(configuration);
            services.AddOutreachModule<EggModule>(configuration);
        });
        var ex = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Chicken → Egg → Chicken", ex.ToString());
    }
}
