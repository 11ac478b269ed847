using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Search.Tests.Infrastructure;

namespace Outreach.Search.Tests;

/// <summary>The real demo: the portal (recipe 01) and the learned society with its journal (recipe 07), indexed.</summary>
public sealed class DemoSocietySites : IAsyncLifetime
{
    public SearchFactory App { get; private set; } = null!;

    public static string DemoRecipe(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "recipes", "demo", file);
    }

    /// <summary>Published, not withdrawn articles of the demo journal by section title, read from the recipe itself.</summary>
    public static Dictionary<string, int> ArticlesBySection()
    {
        using var recipe = JsonDocument.Parse(File.ReadAllText(DemoRecipe("07-kechuan.recipe.json")));
        var journal = recipe.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "journals")
            .GetProperty("items")[0];
        var titles = journal.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("title").GetString()!);
        return journal.GetProperty("issues").EnumerateArray().SelectMany(i => i.GetProperty("articles").EnumerateArray())
            .Where(a => !(a.TryGetProperty("withdrawn", out var w) && w.ValueKind != JsonValueKind.False && w.ValueKind != JsonValueKind.Null))
            .GroupBy(a => titles[a.GetProperty("section").GetString()!]).ToDictionary(g => g.Key, g => g.Count());
    }

    public async ValueTask InitializeAsync()
    {
        App = new SearchFactory();
        _ = App.Server;
        var recipes = App.Services.GetRequiredService<RecipeRunner>();
        await recipes.RunFileAsync(DemoRecipe("01-portal.recipe.json"));
        await recipes.RunFileAsync(DemoRecipe("07-kechuan.recipe.json"));
        await App.CaughtUpAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class FacetTests(DemoSocietySites sites) : IClassFixture<DemoSocietySites>
{
    const string Journal = "岭南科学传播";
    const string Article = "journal-article";
    // Every article's search text names its journal, so this finds all of them (and some pages and news of the site).
    const string AllArticles = "/kechuan/api/v1/search?q=" + "%E5%B2%AD%E5%8D%97%E7%A7%91%E5%AD%A6%E4%BC%A0%E6%92%AD"; // 岭南科学传播

    async Task<JsonElement> GetAsync(string url)
    {
        var response = await sites.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static Dictionary<string, int> Facet(JsonElement answer, string name) =>
        answer.GetProperty("facets").TryGetProperty(name, out var facet) ? facet.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()) : [];

    [Fact]
    public async Task Articles_on_the_journals_demo_site_are_counted_by_journal_and_section()
    {
        var expected = DemoSocietySites.ArticlesBySection();
        Assert.Equal(4, expected.Count); // the recipe's four sections, each with articles

        var answer = await GetAsync(AllArticles + "&type=" + Article);
        Assert.Equal(expected.Values.Sum(), answer.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { [Journal] = expected.Values.Sum() }, Facet(answer, "journal"));
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), Facet(answer, "section").OrderBy(p => p.Key).ToList());
        // The fixed facets are still there, and the labels name the new dimensions.
        Assert.Equal(expected.Values.Sum(), Facet(answer, "year").Values.Sum());
        Assert.Equal("栏目", answer.GetProperty("facetLabels").GetProperty("section").GetString());
        Assert.Equal("期刊", answer.GetProperty("facetLabels").GetProperty("journal").GetString());

        // Without the type filter, the type facet also counts the site's pages and news, which have no section.
        var unfiltered = await GetAsync(AllArticles);
        Assert.Equal(expected.Values.Sum(), Facet(unfiltered, "type")[Article]);
        Assert.True(unfiltered.GetProperty("total").GetInt32() > expected.Values.Sum(), "pages and news mention the journal too");
    }

    [Fact]
    public async Task A_facet_filter_narrows_the_results_and_its_own_dimension_keeps_the_other_values()
    {
        var expected = DemoSocietySites.ArticlesBySection();
        var all = await GetAsync(AllArticles);
        var reviews = await GetAsync(AllArticles + "&facet.section=" + Uri.EscapeDataString("综述"));
        Assert.Equal(expected["综述"], reviews.GetProperty("total").GetInt32());
        Assert.True(reviews.GetProperty("total").GetInt32() < all.GetProperty("total").GetInt32());
        Assert.All(reviews.GetProperty("hits").EnumerateArray(), h => Assert.Equal(Article, h.GetProperty("type").GetString()));
        // The section facet is counted without its own filter, so the other sections can still be chosen.
        Assert.Equal(Facet(all, "section"), Facet(reviews, "section"));
        // Other dimensions are counted within the filter: only reviews' years and type remain.
        Assert.Equal(expected["综述"], Facet(reviews, "year").Values.Sum());
        Assert.Equal(new Dictionary<string, int> { [Article] = expected["综述"] }, Facet(reviews, "type"));

        // The other documented shape answers the same; two filters narrow further.
        var same = await GetAsync(AllArticles + "&facet=" + Uri.EscapeDataString("section:综述"));
        Assert.Equal(Describe(reviews), Describe(same));
        var year = Facet(reviews, "year").OrderBy(p => p.Key).First();
        var both = await GetAsync(AllArticles + "&facet.section=" + Uri.EscapeDataString("综述") + "&year=" + year.Key);
        Assert.Equal(year.Value, both.GetProperty("total").GetInt32());

        // A value nobody has finds nothing (and is not an error); the control above found some.
        var none = await GetAsync(AllArticles + "&facet.section=" + Uri.EscapeDataString("不存在的栏目"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    static string Describe(JsonElement a) =>
        a.GetProperty("total").GetInt32() + ": " + string.Join(" | ", a.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()));

    [Theory]
    [InlineData("&facet.Bad%20Name=x", "facet.Bad Name")]
    [InlineData("&facet=section", "facet")]
    [InlineData("&year=20x5", "year")]
    [InlineData("&facet.section=a&facet=section:b", "facet")]
    public async Task Unreadable_filters_answer_400_naming_the_field(string query, string field)
    {
        var response = await sites.App.CreateClient().GetAsync(AllArticles + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_portal_search_finds_articles_of_the_society_site()
    {
        var portal = await GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("科学素质 大湾区"));
        var hit = Assert.Single(portal.GetProperty("hits").EnumerateArray(), h => h.GetProperty("title").GetString() == "粤港澳大湾区公众科学素质的区域差异与影响因素");
        Assert.Equal(Article, hit.GetProperty("type").GetString());
        Assert.Equal("kechuan", hit.GetProperty("site").GetString());
        Assert.StartsWith("/kechuan/journals/lnkc/articles/", hit.GetProperty("url").GetString());
        Assert.True(Facet(portal, "site")["kechuan"] > 0);
        Assert.True(Facet(portal, "journal")[Journal] > 0);

        // Narrowing the portal to the journal keeps only articles.
        var narrowed = await GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("科学素质 大湾区") + "&facet.journal=" + Uri.EscapeDataString(Journal));
        Assert.NotEmpty(narrowed.GetProperty("hits").EnumerateArray());
        Assert.All(narrowed.GetProperty("hits").EnumerateArray(), h => Assert.Equal(Article, h.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_search_page_offers_the_sections_as_links_that_narrow_and_show_the_choice()
    {
        var client = sites.App.CreateClient();
        var html = await client.GetStringAsync("/kechuan/search?q=" + Uri.EscapeDataString(Journal));
        Assert.Contains(">栏目</p>", html, StringComparison.Ordinal);
        var link = "?q=" + Uri.EscapeDataString(Journal) + "&amp;facet.section=" + Uri.EscapeDataString("综述");
        Assert.Contains("href=\"" + link + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-current=\"true\"", html[html.IndexOf("search-facets", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var narrowed = await client.GetStringAsync("/kechuan/search" + link.Replace("&amp;", "&", StringComparison.Ordinal));
        Assert.Contains("aria-current=\"true\">✓ 综述", narrowed, StringComparison.Ordinal);
        Assert.Contains($"{DemoSocietySites.ArticlesBySection()["综述"]} 条结果", narrowed, StringComparison.Ordinal);
    }
}
