using System.Xml.Linq;

namespace Outreach.Journals.Tests;

/// <summary>OAI-PMH 2.0 at /society/oai: the six verbs, resumption, every error code, all valid against the shipped schemas.</summary>
public sealed class OaiTests(JournalFixture fixture) : IClassFixture<JournalFixture>
{
    static readonly XNamespace O = OaiSchemas.Oai;

    async Task<XDocument> OaiAsync(string query, bool laxMetadata = false)
    {
        var response = await fixture.App.CreateClient().GetAsync("/society/oai?" + query);
        Assert.Equal(200, (int)response.StatusCode); // errors too: the protocol answers them in XML
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString());
        var xml = await response.Content.ReadAsStringAsync();
        var problems = OaiSchemas.Validate(xml, laxMetadata);
        Assert.True(problems.Count == 0, query + "\n" + string.Join("\n", problems) + "\n" + xml);
        return XDocument.Parse(xml);
    }

    async Task AssertErrorAsync(string query, string code)
    {
        var doc = await OaiAsync(query);
        var error = doc.Root!.Element(O + "error");
        Assert.NotNull(error);
        Assert.Equal(code, error!.Attribute("code")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Value));
        var request = doc.Root.Element(O + "request")!;
        if (code is "badVerb" or "badArgument") Assert.Empty(request.Attributes()); // illegal arguments are not echoed
        Assert.Equal("http://localhost/society/oai", request.Value);
    }

    [Fact]
    public async Task Identify_names_the_repository_base_url_and_granularity()
    {
        var doc = await OaiAsync("verb=Identify");
        var id = doc.Root!.Element(O + "Identify")!;
        Assert.Equal("测试学会", id.Element(O + "repositoryName")!.Value);
        Assert.Equal("http://localhost/society/oai", id.Element(O + "baseURL")!.Value);
        Assert.Equal("2.0", id.Element(O + "protocolVersion")!.Value);
        Assert.Equal("editor@society-test.cn", id.Element(O + "adminEmail")!.Value);
        Assert.Equal("YYYY-MM-DDThh:mm:ssZ", id.Element(O + "granularity")!.Value);
        Assert.Equal("transient", id.Element(O + "deletedRecord")!.Value);
    }

    [Fact]
    public async Task ListMetadataFormats_offers_oai_dc_and_jats()
    {
        var doc = await OaiAsync("verb=ListMetadataFormats");
        var prefixes = doc.Descendants(O + "metadataPrefix").Select(e => e.Value).ToList();
        Assert.Equal(["oai_dc", "jats"], prefixes);
    }

    [Fact]
    public async Task ListSets_has_one_set_per_journal_of_this_site_only()
    {
        var doc = await OaiAsync("verb=ListSets");
        var sets = doc.Descendants(O + "set").Select(s => (s.Element(O + "setSpec")!.Value, s.Element(O + "setName")!.Value)).ToList();
        Assert.Equal([("kxcb", "科学传播研究")], sets);
    }

    [Fact]
    public async Task ListRecords_with_resumption_tokens_reaches_every_public_record_once()
    {
        var ids = new List<string>();
        var doc = await OaiAsync("verb=ListRecords&metadataPrefix=oai_dc");
        var pages = 1;
        while (true)
        {
            var list = doc.Root!.Element(O + "ListRecords")!;
            ids.AddRange(list.Elements(O + "record").Select(r => r.Element(O + "header")!.Element(O + "identifier")!.Value));
            Assert.True(list.Elements(O + "record").Count() <= 2);
            var token = list.Element(O + "resumptionToken");
            Assert.NotNull(token); // the list is longer than a page, so every page carries one; the last is empty
            Assert.Equal("5", token!.Attribute("completeListSize")!.Value);
            if (token.Value.Length == 0) break;
            doc = await OaiAsync("verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token.Value));
            Assert.Equal(token.Value, doc.Root!.Element(O + "request")!.Attribute("resumptionToken")!.Value);
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("oai:localhost:society/", id));
        var titles = new List<string>();
        foreach (var id in ids)
        {
            var record = await OaiAsync("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Uri.EscapeDataString(id));
            titles.Add(record.Descendants(OaiSchemas.Dc + "title").First().Value);
        }
        Assert.DoesNotContain("尚未出版的文章", titles); // drafts are not harvested
        Assert.DoesNotContain("另一站点的文章", titles); // nor another site's articles
        Assert.Contains("短视频平台台风科普的传播效果：以2025年为例", titles);
    }

    [Fact]
    public async Task ListIdentifiers_filters_by_set_and_datestamp()
    {
        var all = await OaiAsync("verb=ListIdentifiers&metadataPrefix=oai_dc&set=kxcb");
        Assert.Equal(2, all.Descendants(O + "header").Count());
        Assert.All(all.Descendants(O + "setSpec"), s => Assert.Equal("kxcb", s.Value));
        var stamps = all.Descendants(O + "datestamp").Select(d => d.Value).ToList();
        Assert.All(stamps, s => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", s));
        // until the first datestamp (inclusive at its second) includes that record
        var first = stamps.Min()!;
        var until = await OaiAsync("verb=ListIdentifiers&metadataPrefix=oai_dc&until=" + first);
        Assert.NotEmpty(until.Descendants(O + "header"));
        await AssertErrorAsync("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2099-01-01", "noRecordsMatch");
        await AssertErrorAsync("verb=ListIdentifiers&metadataPrefix=oai_dc&set=no-such-journal", "noRecordsMatch");
    }

    [Fact]
    public async Task GetRecord_in_oai_dc_carries_bilingual_metadata_and_in_jats_the_front_matter()
    {
        var list = await OaiAsync("verb=ListIdentifiers&metadataPrefix=oai_dc");
        string? id = null;
        foreach (var candidate in list.Descendants(O + "identifier").Select(i => i.Value))
        {
            var r = await OaiAsync("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Uri.EscapeDataString(candidate));
            if (r.Descendants(OaiSchemas.Dc + "identifier").Any(i => i.Value == "https://doi.org/10.98765/kxcb.2026.01.001")) { id = candidate; break; }
        }
        var token = list.Descendants(O + "resumptionToken").FirstOrDefault()?.Value;
        while (id is null && !string.IsNullOrEmpty(token))
        {
            var next = await OaiAsync("verb=ListIdentifiers&resumptionToken=" + Uri.EscapeDataString(token));
            foreach (var candidate in next.Descendants(O + "identifier").Select(i => i.Value))
            {
                var r = await OaiAsync("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Uri.EscapeDataString(candidate));
                if (r.Descendants(OaiSchemas.Dc + "identifier").Any(i => i.Value == "https://doi.org/10.98765/kxcb.2026.01.001")) { id = candidate; break; }
            }
            token = next.Descendants(O + "resumptionToken").FirstOrDefault()?.Value;
        }
        Assert.NotNull(id);
        var dc = await OaiAsync("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Uri.EscapeDataString(id!));
        var d = OaiSchemas.Dc;
        Assert.Equal(["张明", "李华", "Smith, John"], dc.Descendants(d + "creator").Select(c => c.Value));
        Assert.Contains(dc.Descendants(d + "title"), t => t.Value == "Reach of Typhoon Science Videos: The 2025 Season" && (string?)t.Attribute(XNamespace.Xml + "lang") == "en");
        Assert.Contains(dc.Descendants(d + "language"), l => l.Value == "zho");
        Assert.Contains(dc.Descendants(d + "source"), s => s.Value == "2097-3187");

        var jats = await OaiAsync("verb=GetRecord&metadataPrefix=jats&identifier=" + Uri.EscapeDataString(id!), laxMetadata: true);
        XNamespace j = "http://jats.nlm.nih.gov";
        Assert.Equal("10.98765/kxcb.2026.01.001", jats.Descendants(j + "article-id").Single(e => (string?)e.Attribute("pub-id-type") == "doi").Value);
        Assert.Equal(["Zhang", "Li", "Smith"], jats.Descendants(j + "surname").Select(s => s.Value));
        Assert.Equal("12", jats.Descendants(j + "fpage").Single().Value);
        Assert.Equal(2, jats.Descendants(j + "ref").Count());
    }

    [Theory]
    [InlineData("", "badVerb")]
    [InlineData("verb=Explain", "badVerb")]
    [InlineData("verb=Identify&verb=Identify", "badVerb")]
    [InlineData("verb=Identify&set=kxcb", "badArgument")]
    [InlineData("verb=ListRecords", "badArgument")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-45", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-12-31T00:00:00Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-12-01&until=2026-01-01", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat")]
    [InlineData("verb=GetRecord&metadataPrefix=mods&identifier=oai:localhost:society/1", "cannotDisseminateFormat")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:society/999999", "idDoesNotExist")]
    [InlineData("verb=GetRecord&metadataPrefix=oai_dc&identifier=not-an-identifier", "idDoesNotExist")]
    [InlineData("verb=ListMetadataFormats&identifier=oai:localhost:other/1", "idDoesNotExist")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01T00:00:00Z", "noRecordsMatch")]
    [InlineData("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken")]
    [InlineData("verb=ListIdentifiers&resumptionToken=djF8b2FpX2RjfHx8fDk5OTk5OTk5OTk5OTk5OTk5OTk5OXwxfDA", "badResumptionToken")]
    [InlineData("verb=ListSets&resumptionToken=anything", "badResumptionToken")]
    public async Task Every_protocol_error_is_an_OAI_error_in_a_200_response(string query, string code) => await AssertErrorAsync(query, code);

    [Fact]
    public async Task The_other_sites_articles_are_not_reachable_by_identifier()
    {
        var other = await fixture.App.CreateClient().GetStringAsync("/other/oai?verb=ListIdentifiers&metadataPrefix=oai_dc");
        var id = XDocument.Parse(other).Descendants(O + "identifier").Single().Value;
        Assert.StartsWith("oai:localhost:other/", id);
        var number = id["oai:localhost:other/".Length..];
        await AssertErrorAsync("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:society/" + number, "idDoesNotExist");
    }

    [Fact]
    public async Task A_POST_request_is_answered_like_a_GET()
    {
        var response = await fixture.App.CreateClient().PostAsync("/society/oai", new FormUrlEncodedContent(new Dictionary<string, string> { ["verb"] = "Identify" }));
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Empty(OaiSchemas.Validate(xml));
        Assert.NotNull(XDocument.Parse(xml).Root!.Element(O + "Identify"));
    }
}

/// <summary>A published article that is withdrawn stays known to harvesters, as a deleted record without metadata.</summary>
public sealed class OaiDeletedRecordTests(WithdrawFixture fixture) : IClassFixture<WithdrawFixture>
{
    static readonly XNamespace O = OaiSchemas.Oai;

    [Fact]
    public async Task A_withdrawn_article_becomes_a_deleted_record()
    {
        var client = fixture.App.CreateClient();
        var issue = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 2);
        var detail = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/issues/" + issue.GetProperty("id").GetInt32())).RootElement;
        var articleId = detail.GetProperty("articles").EnumerateArray().First().GetProperty("id").GetInt32();
        var identifier = "oai:localhost:society/" + articleId;

        var before = await client.GetStringAsync("/society/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier);
        Assert.Empty(OaiSchemas.Validate(before));
        Assert.Null(XDocument.Parse(before).Descendants(O + "header").Single().Attribute("status")); // positive control: live before

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(5));
        var editor = await fixture.EditorAsync();
        var withdrawn = await editor.PostAsync($"/society/api/v1/admin/articles/{articleId}/withdraw", null);
        Assert.Equal(200, (int)withdrawn.StatusCode);

        var after = await client.GetStringAsync("/society/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + identifier);
        Assert.Empty(OaiSchemas.Validate(after));
        var header = XDocument.Parse(after).Descendants(O + "header").Single();
        Assert.Equal("deleted", header.Attribute("status")!.Value);
        Assert.Empty(XDocument.Parse(after).Descendants(O + "metadata"));

        // Harvesting incrementally from just before the withdrawal returns it as deleted.
        var from = Outreach.Journals.OaiEndpoint.ParseDate(header.Element(O + "datestamp")!.Value)!.Value.AddSeconds(-1);
        var changes = await client.GetStringAsync("/society/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        Assert.Empty(OaiSchemas.Validate(changes));
        Assert.Contains(XDocument.Parse(changes).Descendants(O + "header"), h => h.Element(O + "identifier")!.Value == identifier && (string?)h.Attribute("status") == "deleted");

        Assert.Equal(404, (int)(await client.GetAsync($"/society/api/v1/articles/{articleId}")).StatusCode); // and readers no longer see it
    }
}
