using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

/// <summary>Two throwaway themes: Child (base Parent) overrides the page template, Parent the layout.</summary>
public sealed class ThemeFixture() : SitesFixture("alpha")
{
    public static readonly string Themes = CreateThemes();

    static string CreateThemes()
    {
        var root = Directory.CreateTempSubdirectory("outreach-themes-").FullName;
        Write(root, "Parent/theme.json", """{ "name": "Parent", "displayName": { "zh-CN": "父主题" } }""");
        Write(root, "Parent/templates/layout.liquid", "<html><body class=\"parent-layout\"><h6>{{ \"新闻动态\" | t }}</h6>{{ content }}</body></html>");
        Write(root, "Parent/wwwroot/css/site.css", "body { color: navy }");
        Write(root, "Child/theme.json", """{ "name": "Child", "displayName": { "zh-CN": "子主题" }, "base": "Parent" }""");
        Write(root, "Child/templates/page.liquid", "<article class=\"child-page\">{{ page.title }} <link href=\"{{ \"css/site.css\" | asset }}\"></article>");
        Write(root, "Academic/theme.json", """{ "name": "Academic" }""");
        Write(root, "Broken/theme.json", """{ "name": "Broken" }""");
        Write(root, "Broken/templates/page.liquid", "<p>\n{% if %}\n</p>");
        return root;
    }

    static void Write(string root, string path, string text)
    {
        var file = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    protected override OutreachFactory CreateFactory() => new() { ThemesPath = Themes };
}

public sealed class ThemeTests(ThemeFixture fixture) : IClassFixture<ThemeFixture>
{
    readonly HttpClient _client = fixture.App.CreatePlainClient();

    async Task UseTheme(string site, string theme)
    {
        var json = (await File.ReadAllTextAsync(OutreachFactory.RecipePath("alpha")))
            .Replace("\"alpha\"", $"\"{site}\"").Replace("alpha.example.cn", $"{site}.example.cn").Replace("\"Academic\"", $"\"{theme}\"");
        await fixture.App.Services.GetRequiredService<Outreach.Core.Recipes.RecipeRunner>().RunAsync(json, site + ".recipe.json");
    }

    [Fact]
    public async Task Child_theme_overrides_a_template_and_inherits_the_parents_layout()
    {
        await UseTheme("childsite", "Child");
        var (status, body) = await _client.FetchAsync("/childsite/pages/about");
        Assert.Equal(200, status);
        Assert.Contains("<article class=\"child-page\">关于阿尔法学会", body); // Child's template
        Assert.Contains("class=\"parent-layout\"", body);                      // Parent's layout
        Assert.Contains("/_themes/Parent/css/site.css?v=", body);              // asset found up the chain
    }

    [Fact]
    public async Task Templates_a_theme_does_not_override_come_from_the_module()
    {
        await UseTheme("childsite2", "Child");
        var (status, body) = await _client.FetchAsync("/childsite2/news");
        Assert.Equal(200, status);
        Assert.Contains("class=\"list-item\"", body); // Pages module's default news-list
        Assert.Contains("阿尔法学会召开年会", body);
    }

    [Fact]
    public async Task Chinese_text_is_never_entity_encoded()
    {
        var (_, body) = await _client.FetchAsync("/alpha/news/alpha-news");
        Assert.Contains("阿尔法学会召开年会", body);
        Assert.Contains("2026年9月16日", body);
        Assert.DoesNotContain("&#x", body);
    }

    [Fact]
    public async Task Theme_assets_are_served_with_a_long_cache_lifetime_only_for_their_current_hash()
    {
        await UseTheme("assetsite", "Child");
        var (_, page) = await _client.FetchAsync("/assetsite/pages/about");
        var url = System.Text.RegularExpressions.Regex.Match(page, @"/_themes/Parent/css/site\.css\?v=[0-9a-f]+").Value;
        Assert.NotEmpty(url);
        using var response = await _client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());

        using var stale = await _client.GetAsync("/_themes/Parent/css/site.css?v=old");
        Assert.DoesNotContain("immutable", stale.Headers.CacheControl?.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync("/_themes/Parent/../../etc/passwd")).StatusCode);
    }

    [Fact]
    public async Task A_broken_template_shows_a_friendly_error_page()
    {
        await UseTheme("brokensite", "Broken");
        var (status, body) = await _client.FetchAsync("/brokensite/pages/about");
        Assert.Equal(500, status);
        Assert.Contains("页面暂时无法显示", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task English_is_available_and_remembered_by_the_language_switch()
    {
        await UseTheme("englishsite", "Academic");
        var (_, zh) = await _client.FetchAsync("/englishsite/news");
        Assert.Contains("<h1>新闻动态</h1>", zh);
        var (_, en) = await _client.FetchAsync("/englishsite/news?culture=en");
        Assert.Contains("<h1>News</h1>", en);
        Assert.Contains("16 September 2026", en);

        using var switchResponse = await _client.GetAsync("/culture/en?returnUrl=/englishsite/news");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/englishsite/news", switchResponse.Headers.Location?.ToString());
        Assert.Contains(switchResponse.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den"));
        using var offsite = await _client.GetAsync("/culture/en?returnUrl=//evil.example.com/");
        Assert.Equal("/", offsite.Headers.Location?.ToString());
    }
}
