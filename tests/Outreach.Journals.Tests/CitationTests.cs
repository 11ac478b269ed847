using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Outreach.Journals.Tests;

/// <summary>What citation managers and Google Scholar read, for an article by two Chinese authors and one English one.</summary>
public sealed class CitationTests(JournalFixture fixture) : IClassFixture<JournalFixture>
{
    async Task<int> TyphoonIdAsync()
    {
        var issues = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement;
        var first = issues.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 1).GetProperty("id").GetInt32();
        var issue = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/society/api/v1/issues/" + first)).RootElement;
        return issue.GetProperty("articles").EnumerateArray().Single(a => a.GetProperty("doi").GetString() == "10.98765/kxcb.2026.01.001").GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Article_page_carries_Highwire_citation_tags_field_by_field()
    {
        var id = await TyphoonIdAsync();
        var html = await fixture.Reader().GetStringAsync($"/society/journals/kxcb/articles/{id}");
        var doc = new HtmlParser().ParseDocument(html);
        var tags = doc.QuerySelectorAll("meta[name]").Select(m => (Name: m.GetAttribute("name")!, Content: m.GetAttribute("content")!)).ToList();
        string One(string name) => Assert.Single(tags, t => t.Name == name).Content;

        Assert.Equal("短视频平台台风科普的传播效果：以2025年为例", One("citation_title"));
        // Each author is followed by its institutions, in order (Google Scholar pairs them by position).
        var authorship = tags.Where(t => t.Name is "citation_author" or "citation_author_institution").Select(t => $"{t.Name}={t.Content}").ToList();
        Assert.Equal([
            "citation_author=张明", "citation_author_institution=中山大学 传播与设计学院，广州 510006",
            "citation_author=李华", "citation_author_institution=中山大学 传播与设计学院，广州 510006", "citation_author_institution=University of Leeds, Leeds LS2 9JT, UK",
            "citation_author=Smith, John", "citation_author_institution=University of Leeds, Leeds LS2 9JT, UK",
        ], authorship);
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", One("citation_author_orcid"));
        Assert.Equal("2026/03/19", One("citation_publication_date"));
        Assert.Equal("科学传播研究", One("citation_journal_title"));
        Assert.Equal("科传研究", One("citation_journal_abbrev"));
        Assert.Equal(["2097-3187", "2097-3268"], tags.Where(t => t.Name == "citation_issn").Select(t => t.Content));
        Assert.Equal("2", One("citation_volume"));
        Assert.Equal("1", One("citation_issue"));
        Assert.Equal("12", One("citation_firstpage"));
        Assert.Equal("20", One("citation_lastpage"));
        Assert.Equal("10.98765/kxcb.2026.01.001", One("citation_doi"));
        Assert.Equal($"http://localhost/society/journals/kxcb/articles/{id}/pdf", One("citation_pdf_url"));
        Assert.Equal($"http://localhost/society/journals/kxcb/articles/{id}", One("citation_abstract_html_url"));
        Assert.Equal("zh", One("citation_language"));
        Assert.Equal("短视频; 台风防御", One("citation_keywords"));
        Assert.Equal("测试学会", One("citation_publisher"));

        Assert.Equal("短视频平台台风科普的传播效果", One("DC.Title"));
        Assert.Equal(["张明", "李华", "John Smith"], tags.Where(t => t.Name == "DC.Creator.PersonalName").Select(t => t.Content));
        Assert.Equal("10.98765/kxcb.2026.01.001", One("DC.Identifier.DOI"));
        Assert.Equal("2026-03-19", One("DC.Date.issued"));
        Assert.Equal("科学传播研究", One("DC.Source"));

        var ld = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("ScholarlyArticle", ld.GetProperty("@type").GetString());
        Assert.Equal("短视频平台台风科普的传播效果", ld.GetProperty("headline").GetString());
        Assert.Equal(["张明", "李华", "John Smith"], ld.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("https://doi.org/10.98765/kxcb.2026.01.001", ld.GetProperty("sameAs").GetString());
        Assert.Equal("科学传播研究", ld.GetProperty("isPartOf").GetProperty("isPartOf").GetProperty("isPartOf").GetProperty("name").GetString());

        // The corresponding author allowed the address, so it is shown; the page names affiliations and references.
        Assert.Contains("zhang.ming@society-test.cn", html);
        Assert.Contains("BROSSARD D, SCHEUFELE D A.", html);
    }

    async Task<string> CitationAsync(int id, string format)
    {
        var response = await fixture.App.CreateClient().GetAsync($"/society/api/v1/articles/{id}/citation?format={format}");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task GB_T_7714_writes_Chinese_names_as_printed_and_Latin_ones_as_SURNAME_initials()
    {
        var id = await TyphoonIdAsync();
        Assert.Equal("张明, 李华, SMITH J. 短视频平台台风科普的传播效果：以2025年为例[J]. 科学传播研究, 2026, 2(1): 12-20. DOI: 10.98765/kxcb.2026.01.001.",
            await CitationAsync(id, "gbt7714"));
    }

    [Fact]
    public async Task APA_uses_Latin_names_and_the_translated_title_in_brackets()
    {
        var id = await TyphoonIdAsync();
        Assert.Equal("Zhang, M., Li, H., & Smith, J. (2026). 短视频平台台风科普的传播效果：以2025年为例 [Reach of Typhoon Science Videos: The 2025 Season]. 科学传播研究, 2(1), 12–20. https://doi.org/10.98765/kxcb.2026.01.001",
            await CitationAsync(id, "apa"));
    }

    [Fact]
    public async Task RIS_has_one_AU_per_author_in_order_and_ends_with_ER()
    {
        var id = await TyphoonIdAsync();
        var expected = string.Join("\r\n",
            "TY  - JOUR", "AU  - 张明", "AU  - 李华", "AU  - Smith, John", "TI  - 短视频平台台风科普的传播效果：以2025年为例",
            "TT  - Reach of Typhoon Science Videos: The 2025 Season", "T2  - 科学传播研究", "J2  - 科传研究", "PY  - 2026", "DA  - 2026/03/19",
            "VL  - 2", "IS  - 1", "SP  - 12", "EP  - 20", "DO  - 10.98765/kxcb.2026.01.001", "SN  - 2097-3187", "PB  - 测试学会", "LA  - zh",
            "AB  - 本文评估短视频平台台风防御科普的传播效果。", "KW  - 短视频", "KW  - 台风防御",
            $"UR  - http://localhost/society/journals/kxcb/articles/{id}", "ER  - ", "");
        Assert.Equal(expected, await CitationAsync(id, "ris"));
        var file = await fixture.Reader().GetAsync($"/society/journals/kxcb/articles/{id}/cite.ris");
        Assert.Equal("application/x-research-info-systems", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, await file.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BibTeX_joins_authors_with_and_and_uses_double_dash_pages()
    {
        var id = await TyphoonIdAsync();
        var expected = $$"""
            @article{zhang2026-{{id}},
              author = {张明 and 李华 and Smith, John},
              title = {短视频平台台风科普的传播效果：以2025年为例},
              journal = {科学传播研究},
              year = {2026},
              volume = {2},
              number = {1},
              pages = {12--20},
              doi = {10.98765/kxcb.2026.01.001},
              issn = {2097-3187},
              publisher = {测试学会},
              keywords = {短视频, 台风防御},
              language = {zh},
              url = {http://localhost/society/journals/kxcb/articles/{{id}}},
            }

            """.Replace("\r\n", "\n");
        Assert.Equal(expected, await CitationAsync(id, "bibtex"));
    }

    [Fact]
    public async Task Unknown_citation_format_is_a_400_naming_the_field_and_another_sites_article_is_404()
    {
        var id = await TyphoonIdAsync();
        var bad = await fixture.App.CreateClient().GetAsync($"/society/api/v1/articles/{id}/citation?format=endnote");
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await fixture.App.CreateClient().GetAsync($"/society/api/v1/articles/{id}/citation?format=ris")).StatusCode);
        Assert.Equal(404, (int)(await fixture.App.CreateClient().GetAsync($"/other/api/v1/articles/{id}/citation?format=ris")).StatusCode);
    }

    [Fact]
    public async Task Journal_issue_and_article_APIs_give_ids_urls_and_slugs()
    {
        var client = fixture.App.CreateClient();
        var journals = JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/journals")).RootElement;
        Assert.Equal(1, journals.GetProperty("total").GetInt32());
        Assert.Equal(1, journals.GetProperty("page").GetInt32());
        Assert.Equal(20, journals.GetProperty("pageSize").GetInt32());
        var journal = journals.GetProperty("items")[0];
        Assert.Equal("kxcb", journal.GetProperty("slug").GetString());
        Assert.Equal("http://localhost/society/journals/kxcb", journal.GetProperty("url").GetString());
        Assert.True(journal.GetProperty("id").GetInt32() > 0);
        var issues = JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement;
        Assert.Equal(2, issues.GetProperty("total").GetInt32()); // the draft issue is not listed
        var issue = issues.GetProperty("items")[0];
        Assert.Equal("2026-07-16T09:00:00+08:00", issue.GetProperty("publishedAt").GetString());
        var detail = JsonDocument.Parse(await client.GetStringAsync(issue.GetProperty("url").GetString()!.Replace("/journals/kxcb/issues/", "/api/v1/issues/").Replace("http://localhost", ""))).RootElement;
        Assert.Equal(2, detail.GetProperty("articles").GetArrayLength());
        Assert.All(detail.GetProperty("articles").EnumerateArray(), a => Assert.StartsWith("http://localhost/society/journals/kxcb/articles/", a.GetProperty("url").GetString()));
        var id = await TyphoonIdAsync();
        var article = JsonDocument.Parse(await client.GetStringAsync($"/society/api/v1/articles/{id}")).RootElement;
        Assert.Equal(id, article.GetProperty("id").GetInt32());
        Assert.Equal("zhang.ming@society-test.cn", article.GetProperty("authors")[0].GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, article.GetProperty("authors")[1].GetProperty("email").ValueKind);
        Assert.Equal(2, article.GetProperty("references").GetArrayLength());
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var name in new[] { "/api/v1/journals", "/api/v1/journals/{slug}/issues", "/api/v1/issues/{id}", "/api/v1/articles/{id}", "/api/v1/articles/{id}/citation" })
            Assert.Contains($"\"{name}\"", openapi);
    }
}
