using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class RecipeFixture() : SitesFixture();

public sealed class RecipeTests(RecipeFixture fixture) : IClassFixture<RecipeFixture>
{
    RecipeRunner Runner => fixture.App.Services.GetRequiredService<RecipeRunner>();

    Task<(int Sites, int Pages, int News, int Menu, int Versions)> CountsAsync() =>
        fixture.App.WithSiteAsync(null, async db => (
            await db.Sites.CountAsync(),
            await db.Set<Page>().IgnoreQueryFilters().CountAsync(),
            await db.Set<NewsItem>().IgnoreQueryFilters().CountAsync(),
            await db.MenuItems.IgnoreQueryFilters().CountAsync(),
            await db.ContentVersions.IgnoreQueryFilters().CountAsync()));

    [Fact]
    public async Task Running_a_recipe_twice_updates_and_never_duplicates()
    {
        var json = await File.ReadAllTextAsync(OutreachFactory.RecipePath("alpha"));
        var first = await Runner.RunAsync(json.Replace("\"alpha\"", "\"twice\"").Replace("alpha.example.cn", "twice.example.cn"), "twice.recipe.json");
        var afterFirst = await CountsAsync();

        var second = await Runner.RunAsync(json.Replace("\"alpha\"", "\"twice\"").Replace("alpha.example.cn", "twice.example.cn"), "twice.recipe.json");
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(afterFirst, await CountsAsync()); // unchanged content records no new version either

        var edited = json.Replace("\"alpha\"", "\"twice\"").Replace("alpha.example.cn", "twice.example.cn").Replace("阿尔法学会召开年会", "阿尔法学会召开第二届年会");
        await Runner.RunAsync(edited, "twice.recipe.json");
        var afterEdit = await CountsAsync();
        Assert.Equal(afterFirst.News, afterEdit.News);
        Assert.Equal(afterFirst.Versions + 1, afterEdit.Versions);
        var title = await fixture.App.WithSiteAsync("twice", db => db.Set<NewsItem>().Where(n => n.Slug == "alpha-news").Select(n => n.Title).SingleAsync());
        Assert.Equal("阿尔法学会召开第二届年会", title);
    }

    [Fact]
    public async Task Malformed_json_names_the_file_and_line_and_writes_nothing()
    {
        var before = await CountsAsync();
        var ex = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync("{\n  \"site\": { \"name\": \"broken\",\n  }\n  oops\n}", "broken.recipe.json"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("broken.recipe.json", error.File);
        Assert.Contains("第 4 行", error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Invalid_steps_are_all_reported_with_step_and_json_path_before_any_write()
    {
        var before = await CountsAsync();
        const string recipe = """
            {
              "site": { "name": "bad-site", "displayName": "坏站点", "prefix": "bad", "theme": "NoSuchTheme", "modules": ["Pages", "Nope"] },
              "steps": [
                { "step": "pages", "items": [ { "slug": "ok", "title": "好的页面" }, { "slug": "Bad Slug!" } ] },
                { "step": "teleport" },
                { "step": "news", "items": [ { "title": "新闻", "publishedAt": "明天" } ] }
              ]
            }
            """;
        var ex = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync(recipe, "bad.recipe.json"));
        var errors = ex.Errors.Select(e => $"{e.Step} {e.Path}").ToList();
        Assert.Contains("site $.site.theme", errors);
        Assert.Contains("site $.site.modules[1]", errors);
        Assert.Contains("pages $.steps[0].items[1].title", errors);
        Assert.Contains("pages $.steps[0].items[1].slug", errors);
        Assert.Contains("teleport $.steps[1].step", errors);
        Assert.Contains("news $.steps[2].items[0].publishedAt", errors);
        Assert.All(ex.Errors, e => Assert.Equal("bad.recipe.json", e.File));
        Assert.Contains("未知主题", ex.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_failing_step_rolls_back_the_whole_recipe()
    {
        var before = await CountsAsync();
        // Two sites may not share a prefix: the site step passes validation but the unique index refuses it.
        await Runner.RunFileAsync(OutreachFactory.RecipePath("beta"));
        var clash = (await File.ReadAllTextAsync(OutreachFactory.RecipePath("alpha"))).Replace("\"prefix\": \"alpha\"", "\"prefix\": \"beta\"").Replace("\"alpha\"", "\"clash\"").Replace("alpha.example.cn", "clash.example.cn");
        await Assert.ThrowsAsync<DbUpdateException>(() => Runner.RunAsync(clash, "clash.recipe.json"));
        var after = await CountsAsync();
        Assert.Equal(before.Sites + 1, after.Sites); // beta only
        Assert.False(await fixture.App.WithSiteAsync(null, db => db.Sites.AnyAsync(s => s.Name == "clash")));
    }
}
