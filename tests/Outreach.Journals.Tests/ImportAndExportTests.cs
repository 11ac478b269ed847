using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Outreach.Tests.Infrastructure;

namespace Outreach.Journals.Tests;

/// <summary>
/// The CSV import and the exports harvesters and Crossref read (OAI-PMH ListRecords, the Crossref deposit), run on SQLite
/// and on PostgreSQL: JSON list columns, the datestamp filter and the import's transaction differ between the two.
/// </summary>
public abstract class ImportAndExportTests
{
    protected abstract OutreachFactory App { get; }

    static readonly XNamespace O = OaiSchemas.Oai;
    static readonly XNamespace Cr = JournalFeeds.CrossrefNs;

    static MultipartFormDataContent ImportForm(string csv, bool dryRun, int number, params (string Name, byte[] Bytes)[] pdfs)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("2028"), "year" }, { new StringContent("5"), "volume" }, { new StringContent(number.ToString()), "number" },
            { new StringContent(dryRun ? "true" : "false"), "dryRun" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "csv", "issue.csv");
        foreach (var (name, bytes) in pdfs) form.Add(new ByteArrayContent(bytes), "pdfs", name);
        return form;
    }

    const string Csv = "order,section,title,titleEn,authors,affiliations,keywords,doi,pages,references,pdf\n" +
        "1,research,岭南古村落的科普旅游路线,Science Tourism Routes in Lingnan Villages,\"何静<He, Jing>[1]*; <Brown, Alice>[2]\",华南理工大学 旅游管理系；University of Bristol,古村落；科普旅游,10.98765/kxcb.2028.05.001,1-10,\"黄明. 乡村科普的路径[J]. 科普研究, 2023, 18(1): 1-9. DOI: 10.19293/j.cnki.1673-8357.2023.01.001\",one.pdf\n" +
        "2,notes,观鸟活动中的公民科学,,\"钟雪<Zhong, Xue>[1]\",广州市观鸟协会,观鸟,,11-15,,\n";

    [Fact]
    public async Task The_CSV_import_checks_first_then_imports_an_issue_and_a_second_run_updates_by_order()
    {
        var editor = await App.JournalEditorAsync();
        var dry = await editor.PostAsync("/society/api/v1/admin/journals/kxcb/import", ImportForm(Csv, dryRun: true, 1, ("one.pdf", TestPdfs.Minimal())));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = JsonDocument.Parse(await dry.Content.ReadAsStringAsync()).RootElement;
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, report.GetProperty("rows").GetInt32());
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.False(await App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Set<JournalIssue>(), i => i.Year == 2028 && i.Number == 1)));

        var run = await editor.PostAsync("/society/api/v1/admin/journals/kxcb/import", ImportForm(Csv, dryRun: false, 1, ("one.pdf", TestPdfs.Minimal())));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        report = JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((2, 0, 1), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32(), report.GetProperty("pdfs").GetInt32()));

        var articles = await App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<JournalArticle>().Where(a => db.Set<JournalIssue>().Any(i => i.Id == a.IssueId && i.Year == 2028 && i.Number == 1)).OrderBy(a => a.Order)));
        Assert.Equal(2, articles.Count);
        var first = articles[0];
        Assert.Equal(["何静", ""], first.Authors.Select(a => a.NameZh));
        Assert.Equal("Brown", first.Authors[1].FamilyEn);
        Assert.True(first.Authors[0].Corresponding);
        Assert.Equal(["华南理工大学 旅游管理系", "University of Bristol"], first.Affiliations);
        Assert.Equal(["古村落", "科普旅游"], first.Keywords);
        Assert.Equal("10.19293/j.cnki.1673-8357.2023.01.001", first.References.Single().Doi);
        Assert.NotNull(first.PdfStoredName);
        Assert.Null(articles[1].PdfStoredName);

        var again = await editor.PostAsync("/society/api/v1/admin/journals/kxcb/import",
            ImportForm(Csv.Replace("观鸟活动中的公民科学", "观鸟活动中的公民科学实践"), dryRun: false, 1, ("one.pdf", TestPdfs.Minimal())));
        report = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 2), (report.GetProperty("created").GetInt32(), report.GetProperty("updated").GetInt32()));
        var titles = await App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<JournalArticle>().Where(a => db.Set<JournalIssue>().Any(i => i.Id == a.IssueId && i.Year == 2028 && i.Number == 1)).OrderBy(a => a.Order).Select(a => a.Title)));
        Assert.Equal(["岭南古村落的科普旅游路线", "观鸟活动中的公民科学实践"], titles);
    }

    [Fact]
    public async Task A_CSV_with_bad_rows_is_answered_row_by_row_and_nothing_is_written()
    {
        var editor = await App.JournalEditorAsync();
        var bad = Csv.Replace("10.98765/kxcb.2028.05.001", "doi-missing").Replace(",11-15,", ",15-11,");
        var response = await editor.PostAsync("/society/api/v1/admin/journals/kxcb/import", ImportForm(bad, dryRun: false, 2, ("one.pdf", TestPdfs.WithJavaScript())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("row").GetInt32()} {p.GetProperty("column").GetString()}").ToList();
        Assert.Contains("1 doi", problems);
        Assert.Contains("1 pdf", problems);
        Assert.Contains("2 pages", problems);
        Assert.False(await App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Set<JournalIssue>(), i => i.Year == 2028 && i.Number == 2)));
    }

    [Fact]
    public async Task The_Crossref_deposit_of_an_issue_lists_its_DOI_articles_with_contributors_pages_and_citations()
    {
        var client = App.CreateClient();
        var issues = JsonDocument.Parse(await client.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement.GetProperty("items");
        var first = issues.EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 1).GetProperty("id").GetInt32();
        var anonymous = (await client.GetAsync($"/society/api/v1/admin/issues/{first}/crossref.xml")).StatusCode;
        Assert.True(anonymous is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, anonymous.ToString());

        var editor = await App.JournalEditorAsync();
        var response = await editor.GetAsync($"/society/api/v1/admin/issues/{first}/crossref.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Cr + "doi_batch", doc.Root!.Name);
        Assert.Equal("5.3.1", doc.Root.Attribute("version")!.Value);
        Assert.Equal("科学传播研究", doc.Descendants(Cr + "full_title").Single().Value);
        Assert.Equal("2097-3187", doc.Descendants(Cr + "issn").First().Value);
        var article = doc.Descendants(Cr + "journal_article").Single(a => a.Element(Cr + "doi_data")!.Element(Cr + "doi")!.Value == "10.98765/kxcb.2026.01.001");
        Assert.Equal("短视频平台台风科普的传播效果", article.Element(Cr + "titles")!.Element(Cr + "title")!.Value);
        var people = article.Descendants(Cr + "person_name").ToList();
        Assert.Equal(["first", "additional", "additional"], people.Select(p => p.Attribute("sequence")!.Value));
        Assert.Equal(["Zhang", "Li", "Smith"], people.Select(p => p.Element(Cr + "surname")!.Value));
        Assert.Equal("https://orcid.org/0000-0002-1825-0097", people[0].Element(Cr + "ORCID")!.Value);
        Assert.Equal(("12", "20"), (article.Descendants(Cr + "first_page").Single().Value, article.Descendants(Cr + "last_page").Single().Value));
        Assert.EndsWith("/society/journals/kxcb/articles/" + article.Descendants(Cr + "resource").Single().Value.Split('/').Last(), article.Descendants(Cr + "resource").Single().Value);
        Assert.StartsWith("http://localhost/society/", article.Descendants(Cr + "resource").Single().Value);
        Assert.Equal(2, article.Descendants(Cr + "citation").Count());
        Assert.All(doc.Descendants(Cr + "journal_article"), a => Assert.NotEmpty(a.Element(Cr + "doi_data")!.Element(Cr + "doi")!.Value)); // only articles with a DOI
    }

    [Fact]
    public async Task OAI_ListRecords_pages_through_every_public_record_once_and_validates()
    {
        var client = App.CreateClient();
        var ids = new List<string>();
        var query = "verb=ListRecords&metadataPrefix=oai_dc";
        for (var page = 0; page < 10; page++)
        {
            var xml = await client.GetStringAsync("/society/oai?" + query);
            Assert.Empty(OaiSchemas.Validate(xml));
            var list = XDocument.Parse(xml).Root!.Element(O + "ListRecords")!;
            ids.AddRange(list.Elements(O + "record").Select(r => r.Element(O + "header")!.Element(O + "identifier")!.Value));
            var token = list.Element(O + "resumptionToken")?.Value ?? "";
            if (token.Length == 0) break;
            query = "verb=ListRecords&resumptionToken=" + Uri.EscapeDataString(token);
        }
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());

        var none = await client.GetStringAsync("/society/oai?verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01");
        Assert.Empty(OaiSchemas.Validate(none));
        Assert.Equal("noRecordsMatch", XDocument.Parse(none).Root!.Element(O + "error")!.Attribute("code")!.Value);
    }
}

public sealed class SqliteImportAndExportTests(JournalFixture fixture) : ImportAndExportTests, IClassFixture<JournalFixture>
{
    protected override OutreachFactory App => fixture.App;
}

public sealed class PostgresImportAndExportTests(PostgresJournalFixture fixture) : ImportAndExportTests, IClassFixture<PostgresJournalFixture>
{
    protected override OutreachFactory App
    {
        get
        {
            if (!fixture.Available) RequiredServices.Postgres(); // skips (or fails under OUTREACH_REQUIRE_SERVICES=1)
            return fixture.App;
        }
    }
}
