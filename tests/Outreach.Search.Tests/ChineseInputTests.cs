using System.Net.Http.Json;
using Outreach.Search.Tests.Infrastructure;

namespace Outreach.Search.Tests;

/// <summary>Queries as people type them: split compounds, traditional characters, full-width letters, pinyin.</summary>
public sealed class ChineseInputTests(SearchSites sites) : IClassFixture<SearchSites>
{
    readonly SearchFactory _app = sites.App;

    [Fact]
    public async Task A_single_character_split_off_a_compound_is_optional()
    {
        // SmartCn reads 防溺水 as 防 + 溺水; the article says 溺水 but never 防 on its own.
        var answer = await _app.CreateClient().SearchAsync("/kepu", "防溺水");
        Assert.Equal("暑期安全教育进校园", answer.Hits[0].Title);
        Assert.False(answer.Relaxed); // found by the strict query: 防 was never required
    }

    [Fact]
    public async Task A_single_character_typed_alone_is_still_required()
    {
        var answer = await _app.CreateClient().SearchAsync("/kepu", "鲸");
        Assert.Empty(answer.Hits);
        Assert.NotEmpty((await _app.CreateClient().SearchAsync("/kepu", "鸟")).Hits); // control: a character that is there
    }

    [Theory]
    [InlineData("廣州天文館", "广州天文馆推出球幕星空节目")] // traditional query, simplified text
    [InlineData("科学营", "港澳青少年科學營在珠海開營")]     // simplified query, traditional text
    [InlineData("珠海开营", "港澳青少年科學營在珠海開營")]
    [InlineData("Ｒ＆Ｄ", "研发与创新")]                     // full-width letters
    [InlineData("r&d", "研发与创新")]                       // case
    public async Task Folded_input_finds_the_item(string q, string title)
    {
        var answer = await _app.CreateClient().SearchAsync("/kepu", q);
        Assert.NotEmpty(answer.Hits);
        Assert.Equal(title, answer.Hits[0].Title);
    }

    [Fact]
    public async Task Highlights_of_a_traditional_text_fall_on_the_stored_characters()
    {
        var hit = (await _app.CreateClient().SearchAsync("/kepu", "香港")).Hits.Single(h => h.Title == "港澳青少年科學營在珠海開營");
        Assert.Contains(hit.Highlights, r => hit.Snippet.Substring(r[0], r[1]) == "香港");
        Assert.Contains("來自", hit.Snippet, StringComparison.Ordinal); // shown as written, not converted
    }

    [Theory]
    [InlineData("kepu")]
    [InlineData("kp")]
    [InlineData("kepujia")]
    [InlineData("guangdongkepu")]
    [InlineData("gdkp")]
    [InlineData("科普")]
    public async Task Suggestions_match_pinyin_and_initials(string typed)
    {
        var titles = (await _app.CreateClient().GetFromJsonAsync<List<Suggestion>>("/kepu/api/v1/search/suggest?q=" + Uri.EscapeDataString(typed)))!.Select(s => s.Title).ToList();
        Assert.Contains("广东科普嘉年华开幕", titles);
    }

    [Fact]
    public async Task Pinyin_that_matches_no_title_suggests_nothing()
    {
        var titles = await _app.CreateClient().GetFromJsonAsync<List<Suggestion>>("/kepu/api/v1/search/suggest?q=zzqx");
        Assert.Empty(titles!);
    }

    [Fact]
    public async Task Suggestions_are_json_with_chinese_as_text()
    {
        var json = await _app.CreateClient().GetStringAsync("/kepu/api/v1/search/suggest?q=kp");
        Assert.Contains("广东科普嘉年华开幕", json, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", json, StringComparison.Ordinal);
    }
}
