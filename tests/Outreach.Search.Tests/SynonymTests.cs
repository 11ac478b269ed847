using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Search.Synonyms;
using Outreach.Search.Tests.Infrastructure;
using Outreach.Tests.Infrastructure;

namespace Outreach.Search.Tests;

public sealed class SynonymTests(SearchSites sites) : IClassFixture<SearchSites>
{
    readonly SearchFactory _app = sites.App;
    SearchIndex Index => _app.Services.GetRequiredService<SearchIndex>();

    [Fact]
    public void The_platform_dictionary_is_valid_and_keeps_different_things_apart()
    {
        Assert.Empty(SynonymRules.Validate(SynonymBook.PlatformRules, Index.Analyzer));
        var map = SynonymRules.Build(Index.Analyzer, SynonymBook.PlatformRules);
        string[] Alternatives(string word) => (SynonymRules.Lookup(map, SynonymRules.Analyze(word, Index.Analyzer)) ?? []).Select(a => string.Concat(a)).ToArray();
        Assert.Contains("新型冠状病毒", Alternatives("新冠"));
        Assert.Contains("人工智能", Alternatives("AI"));
        Assert.Contains("移动电话", Alternatives("手机"));
        Assert.Contains("深圳", Alternatives("鹏城"));
        Assert.DoesNotContain("天文台", Alternatives("天文馆"));
        Assert.DoesNotContain("广州", Alternatives("稻穗"));
        Assert.DoesNotContain("穗", Alternatives("广州")); // one-way: 穗 → 广州 only
    }

    [Theory]
    [InlineData("a, b => c", null)]
    [InlineData("甲, 乙\n乙 => 丙\n丙 => 乙", "循环")]
    [InlineData("天文馆", "至少要有两个词")]
    [InlineData("一, 二, 三, 四, 五, 六, 七, 八, 九, 十, 百", "最多 10 个词")]
    [InlineData("手机, 手機", "重复")]
    [InlineData("a => b => c", "只能有一个")]
    [InlineData("=> 深圳", "两边都要有词")]
    public void Rules_are_validated(string rules, string? error)
    {
        var errors = SynonymRules.Validate(rules, Index.Analyzer);
        if (error is null) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Message.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_500_rules_are_refused()
    {
        var rules = string.Join('\n', Enumerable.Range(0, 501).Select(i => $"词{i}甲, 词{i}乙"));
        Assert.Contains(SynonymRules.Validate(rules, Index.Analyzer), e => e.Message.Contains("500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_platform_synonym_finds_the_other_word()
    {
        var answer = await _app.CreateClient().SearchAsync("/kepu", "新冠");
        Assert.Equal("老年人接种疫苗加强针", answer.Hits[0].Title);
        Assert.Contains(answer.Hits[0].Highlights, r => answer.Hits[0].Snippet.Substring(r[0], r[1]) == "新型冠状病毒");
    }

    [Fact]
    public async Task Planetarium_and_observatory_stay_apart()
    {
        var client = _app.CreateClient();
        Assert.Equal(["广州天文馆推出球幕星空节目"], (await client.SearchAsync("/kepu", "天文馆")).Hits.Select(h => h.Title));
        Assert.Equal(["南雄天文台观测流星雨"], (await client.SearchAsync("/kepu", "天文台")).Hits.Select(h => h.Title));
    }

    [Fact]
    public async Task A_site_admin_adds_synonyms_in_the_admin_and_they_apply_at_once_without_a_rebuild()
    {
        await _app.CreateUserAsync("synonyms-admin@kepu.test", false, ("kepu", SiteRole.SiteAdmin));
        var admin = await _app.SignedInClientAsync("synonyms-admin@kepu.test", "/kepu");
        var client = _app.CreateClient();
        Assert.Empty((await client.SearchAsync("/kepu", "泥滩")).Hits); // before: not a word of any item

        var invalid = await admin.PostFormAsync("/kepu/admin/search/synonyms", new() { ["Rules"] = "泥滩 => 滩涂\n滩涂 => 泥滩" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("循环", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await client.SearchAsync("/kepu", "泥滩")).Hits); // nothing was saved

        var saved = await admin.PostFormAsync("/kepu/admin/search/synonyms", new() { ["Rules"] = "# 本站\n泥滩, 滩涂" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("滩涂湿地的鸟类", Assert.Single((await client.SearchAsync("/kepu", "泥滩")).Hits).Title);
        Assert.Contains("泥滩, 滩涂", await admin.GetStringAsync("/kepu/admin/search/synonyms"), StringComparison.Ordinal);

        // Another site does not see kepu's additions.
        Assert.Empty((await client.SearchAsync("/lingnan", "泥滩")).Hits);
    }

    [Fact]
    public async Task Editors_cannot_change_synonyms()
    {
        await _app.CreateUserAsync("synonyms-editor@kepu.test", false, ("kepu", SiteRole.Editor));
        var editor = await _app.SignedInClientAsync("synonyms-editor@kepu.test", "/kepu");
        // Pages answer a missing permission by redirecting to the access-denied page, which answers 403.
        var response = await editor.GetAsync("/kepu/admin/search/synonyms");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task A_recipe_step_sets_a_sites_synonyms_and_refuses_bad_ones()
    {
        var runner = _app.Services.GetRequiredService<RecipeRunner>();
        const string site = """{ "name": "syn", "displayName": "同义词站", "prefix": "syn", "modules": ["Pages", "Search"] }""";
        var bad = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync(
            $$"""{ "site": {{site}}, "steps": [ { "step": "synonyms", "rules": ["甲 => 乙", "乙 => 甲"] } ] }""", "syn.recipe.json"));
        Assert.Contains(bad.Errors, e => e.Path.EndsWith("rules[1]", StringComparison.Ordinal) && e.Message.Contains("循环", StringComparison.Ordinal));

        await runner.RunAsync($$"""
            { "site": {{site}}, "steps": [
              { "step": "news", "items": [ { "slug": "robot", "title": "仿生机器鱼下水", "body": "<p>机器鱼在珠江口测水质。</p>" } ] },
              { "step": "synonyms", "rules": ["水下机器人, 机器鱼"] } ] }
            """, "syn.recipe.json");
        await _app.CaughtUpAsync();
        var client = _app.CreateClient();
        Assert.Equal("仿生机器鱼下水", Assert.Single((await client.SearchAsync("/syn", "水下机器人")).Hits).Title);

        // A second run replaces the list: the old group no longer applies.
        await runner.RunAsync($$"""{ "site": {{site}}, "steps": [ { "step": "synonyms", "rules": [] } ] }""", "syn.recipe.json");
        Assert.Empty((await client.SearchAsync("/syn", "水下机器人")).Hits);
    }
}
