using System.Net;
using Outreach.Core.Content;
using Outreach.Pages;
using Outreach.Search.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Search.Tests;

public sealed class SearchTests(SearchSites sites) : IClassFixture<SearchSites>
{
    readonly SearchFactory _app = sites.App;

    [Theory]
    [InlineData("/lingnan", "学术活动月", "学术活动月启动")]
    [InlineData("/shaoguan", "韶关 科普讲座", "韶关科普讲座走进丹霞山")]
    [InlineData("/lingnan", "大模型 讲座", "AI 与大模型专题讲座")]
    [InlineData("/lingnan", "language models", "AI 与大模型专题讲座")]
    [InlineData("", "丹霞山", "韶关科普讲座走进丹霞山")]
    [InlineData("/lingnan", "老科协", "关于论坛")]
    public async Task Chinese_query_finds_the_right_item_first(string site, string q, string expected)
    {
        var answer = await _app.CreateClient().SearchAsync(site, q);
        Assert.NotEmpty(answer.Hits);
        Assert.Equal(expected, answer.Hits[0].Title);
    }

    [Fact]
    public async Task Lingnan_forum_finds_the_forum_before_other_forums()
    {
        // The forum site's home page is titled after the forum too; both are right answers, the
        // academic month (which mentions only a youth science forum) is not.
        var answer = await _app.CreateClient().SearchAsync("", "岭南论坛");
        Assert.Equal(["岭南科学论坛首页", "第十届岭南科学论坛在广州开幕"], answer.Hits.Take(2).Select(h => h.Title).Order().ToArray());
        // Only two items have both words, so items with one of them follow, flagged as partial matches.
        Assert.Equal(2, answer.AllTermsTotal);
        Assert.True(answer.Relaxed);
        Assert.Equal("包含所有词的结果较少，其后为部分匹配", answer.Notice);
    }

    [Fact]
    public async Task What_is_still_to_come_ranks_above_what_is_long_past()
    {
        var answer = await _app.CreateClient().SearchAsync("/shaoguan", "南雄天文观测夜");
        Assert.Equal(2, answer.Total);
        Assert.EndsWith("/observatory-coming", answer.Hits[0].Url);
    }

    [Fact]
    public async Task Items_with_every_word_come_first_and_partial_matches_are_flagged()
    {
        // 岭南 is in forum items, 青年 only in the academic month's; no item has both.
        var answer = await _app.CreateClient().SearchAsync("/lingnan", "岭南 青年");
        Assert.True(answer.Relaxed);
        Assert.Equal(0, answer.AllTermsTotal);
        Assert.Equal("没有同时包含所有词的结果，以下为部分匹配", answer.Notice);
        Assert.Contains(answer.Hits, h => h.Title == "学术活动月启动");

        // Control: when enough items have every word, nothing is relaxed.
        var strict = await _app.CreateClient().SearchAsync("", "科学 论坛");
        Assert.False(strict.Relaxed);
        Assert.Null(strict.Notice);
        Assert.Equal(strict.Total, strict.AllTermsTotal);
    }

    [Fact]
    public async Task Snippets_are_plain_text_with_highlight_ranges_and_no_character_references()
    {
        var response = await _app.CreateClient().GetAsync(SearchApi.Url("/lingnan", "粤港澳大湾区"));
        var json = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("&#", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal); // Chinese is sent as text, not \uXXXX
        Assert.DoesNotContain("<mark>", json, StringComparison.Ordinal);
        Assert.Contains("岭南科学论坛聚焦", json, StringComparison.Ordinal);

        var hit = Assert.Single((await _app.CreateClient().SearchAsync("/lingnan", "粤港澳大湾区")).Hits);
        Assert.Equal("/lingnan/news/forum-opens", hit.Url);
        Assert.Equal("lingnan", hit.Site);
        Assert.StartsWith("岭南科学论坛聚焦粤港澳大湾区科技创新", hit.Snippet, StringComparison.Ordinal);
        var range = Assert.Single(hit.Highlights);
        Assert.Equal("粤港澳大湾区", hit.Snippet.Substring(range[0], range[1]));
    }

    [Fact]
    public async Task The_search_page_marks_matches_and_escapes_the_text_once()
    {
        var html = await _app.CreateClient().GetStringAsync("/kepu/search?q=" + Uri.EscapeDataString("创新"));
        // Body text "R&D 投入 <创新> 的“引擎”": markup characters escaped, Chinese left as text, the match marked.
        Assert.Contains("R&amp;D 投入 &lt;<mark>创新</mark>&gt; 的“引擎”", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", html[html.IndexOf("search-results", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_never_appear()
    {
        var client = _app.CreateClient();
        foreach (var q in new[] { "草稿", "筹备", "议程安排", "岭南科学论坛" })
        {
            var answer = await client.SearchAsync("", q);
            Assert.DoesNotContain(answer.Hits, h => h.Title.Contains("草稿", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_site_sees_only_its_own_hits_and_the_portal_sees_all()
    {
        var client = _app.CreateClient();
        var shaoguan = await client.SearchAsync("/shaoguan", "论坛");
        Assert.NotEmpty(shaoguan.Hits);
        Assert.All(shaoguan.Hits, h => Assert.Equal("shaoguan", h.Site));

        var lingnan = await client.SearchAsync("/lingnan", "论坛");
        Assert.All(lingnan.Hits, h => Assert.Equal("lingnan", h.Site));

        var portal = await client.SearchAsync("", "论坛");
        Assert.Equal(shaoguan.Total + lingnan.Total, portal.Total);
        Assert.Equal(shaoguan.Total, portal.Facets["site"]["shaoguan"]);
        Assert.Equal(lingnan.Total, portal.Facets["site"]["lingnan"]);
        Assert.Contains(portal.Hits, h => h.Url.StartsWith("/shaoguan/", StringComparison.Ordinal));
        Assert.True(portal.Facets["year"]["2026"] > 0);
    }

    [Fact]
    public async Task The_portal_narrows_to_one_site_with_the_site_parameter()
    {
        var client = _app.CreateClient();
        var all = await client.SearchAsync("", "论坛");
        var narrowed = await client.SearchAsync("", "论坛", site: "shaoguan");
        Assert.NotEmpty(narrowed.Hits);
        Assert.All(narrowed.Hits, h => Assert.Equal("shaoguan", h.Site));
        Assert.True(narrowed.Total < all.Total);
    }

    [Fact]
    public async Task The_portal_leaves_out_sites_that_are_not_public()
    {
        var portal = await _app.CreateClient().SearchAsync("", "丹霞山");
        Assert.NotEmpty(portal.Hits);
        Assert.DoesNotContain(portal.Hits, h => h.Site == "hidden");
    }

    [Fact]
    public async Task Type_filter_keeps_the_type_facet_whole()
    {
        var client = _app.CreateClient();
        var answer = await client.SearchAsync("/lingnan", "论坛", type: "page");
        Assert.All(answer.Hits, h => Assert.Equal("page", h.Type));
        Assert.True(answer.Facets["type"]["news"] > 0);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData(":")]
    [InlineData("AND(")]
    [InlineData("title:岭南 OR body:[a TO z")]
    [InlineData("\\")]
    [InlineData("🔬🧪 科学")]
    [InlineData("   ")]
    [InlineData("的")]
    public async Task Hostile_queries_answer_200(string q)
    {
        var client = _app.CreateClient();
        foreach (var path in new[] { "/api/v1/search?q=", "/lingnan/api/v1/search?q=", "/api/v1/search/suggest?q=", "/search?q=", "/lingnan/search?q=" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path + Uri.EscapeDataString(q))).StatusCode);
    }

    [Fact]
    public async Task A_2000_character_query_answers_200()
    {
        var client = _app.CreateClient();
        var q = string.Concat(Enumerable.Repeat("岭南论坛 AND( \"*: ", 200))[..2000];
        foreach (var path in new[] { "/api/v1/search?q=", "/api/v1/search/suggest?q=", "/search?q=" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path + Uri.EscapeDataString(q))).StatusCode);
    }

    [Fact]
    public async Task Suggest_offers_titles_by_prefix()
    {
        var response = await _app.CreateClient().GetStringAsync("/lingnan/api/v1/search/suggest?q=" + Uri.EscapeDataString("学术"));
        Assert.Contains("学术活动月启动", response, StringComparison.Ordinal);
        Assert.DoesNotContain("韶关", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_page_lists_results_with_marked_snippets()
    {
        var html = await _app.CreateClient().GetStringAsync("/lingnan/search?q=" + Uri.EscapeDataString("粤港澳大湾区"));
        Assert.Contains("第十届岭南科学论坛在广州开幕", html, StringComparison.Ordinal);
        Assert.Contains("<mark>粤港澳大湾区</mark>", html, StringComparison.Ordinal);
        Assert.Contains("/lingnan/news/forum-opens", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_is_gated_by_the_module()
    {
        await _app.RunSearchRecipeAsync("nosearch");
        var response = await _app.CreateClient().GetAsync("/nosearch/api/v1/search?q=x");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Publishing_unpublishing_and_deleting_reach_the_index_within_seconds()
    {
        var client = _app.CreateClient();
        const string q = "红树林科考";
        async Task<bool> Found() => (await client.SearchAsync("/lingnan", q)).Hits.Any(h => h.Title == "珠江口红树林科考启航");

        var id = await _app.InSiteAsync("lingnan", async (services, db) =>
        {
            var editor = services.GetRequiredService<ContentEditor>();
            var item = new NewsItem { Title = "珠江口红树林科考启航", Slug = "mangroves", Body = "<p>科考队记录珠江口红树林的鸟类。</p>" };
            editor.Add(item, "test");
            await db.SaveChangesAsync();
            return item.Id;
        });
        await _app.CaughtUpAsync();
        Assert.False(await Found()); // a draft

        await Change(id, (editor, item) => editor.Publish(item, "test"));
        await Poll.UntilAsync(Found, "published item to appear");

        await Change(id, (editor, item) => editor.Unpublish(item, "test"));
        await Poll.UntilAsync(async () => !await Found(), "unpublished item to disappear");

        await Change(id, (editor, item) => editor.Publish(item, "test"));
        await Poll.UntilAsync(Found, "republished item to appear");

        await Change(id, (editor, item) => editor.Delete(item, "test"));
        await Poll.UntilAsync(async () => !await Found(), "deleted item to disappear");
    }

    Task Change(int id, Action<ContentEditor, NewsItem> change) => _app.InSiteAsync("lingnan", async (services, db) =>
    {
        var item = await db.Set<NewsItem>().IgnoreQueryFilters().SingleAsync(n => n.Id == id);
        change(services.GetRequiredService<ContentEditor>(), item);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_rebuilt_index_answers_like_the_incremental_one()
    {
        var client = _app.CreateClient();
        string[] queries = ["岭南论坛", "论坛", "学术活动月", "韶关 科普讲座", "language models"];
        await _app.CaughtUpAsync();
        var before = new List<string>();
        foreach (var q in queries) before.Add(Describe(await client.SearchAsync("", q)));

        await _app.Services.GetRequiredService<SearchIndex>().RebuildAsync(TestContext.Current.CancellationToken);

        var after = new List<string>();
        foreach (var q in queries) after.Add(Describe(await client.SearchAsync("", q)));
        Assert.Equal(before, after);
    }

    static string Describe(Answer a) => a.Total + ": " + string.Join(" | ", a.Hits.Select(h => h.Url));
}
