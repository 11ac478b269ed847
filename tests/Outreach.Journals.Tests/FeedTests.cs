using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Outreach.Journals.Tests;

/// <summary>What else readers and crawlers get: the Atom feed of new issues, sitemap entries, and an embargoed PDF.</summary>
public sealed class FeedTests(JournalFixture fixture) : IClassFixture<JournalFixture>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_Atom_feed_lists_published_issues_newest_first_with_links_from_the_public_origin()
    {
        var response = await fixture.Reader().GetAsync("/society/journals/kxcb/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        Assert.Equal("科学传播研究", feed.Root.Element(Atom + "title")!.Value);
        var entries = feed.Root.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count); // the two published issues; the draft third one is not announced
        Assert.Equal(["科学传播研究 2026年 第2卷 第2期", "科学传播研究 2026年 第2卷 第1期"], entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.All(entries, e => Assert.StartsWith("http://localhost/society/journals/kxcb/issues/", e.Element(Atom + "link")!.Attribute("href")!.Value));
        Assert.All(entries, e => Assert.EndsWith("+08:00", e.Element(Atom + "published")!.Value));
        Assert.Contains("短视频平台台风科普的传播效果", entries[1].Element(Atom + "summary")!.Value);
        Assert.DoesNotContain(entries, e => e.Element(Atom + "summary")!.Value.Contains("尚未出版的文章", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Reader().GetAsync("/society/journals/no-such/feed.atom")).StatusCode);
    }

    [Fact]
    public async Task The_sitemap_has_the_journal_its_published_issues_and_articles_but_no_draft()
    {
        var xml = await fixture.Reader().GetStringAsync("/society/sitemap.xml");
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = XDocument.Parse(xml).Descendants(sm + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/society/journals/kxcb", urls);
        var issues = JsonDocument.Parse(await fixture.Reader().GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement.GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("url").GetString()!).ToList();
        Assert.Equal(2, issues.Count);
        Assert.All(issues, u => Assert.Contains(u, urls));
        // Exactly the journal's public articles (other tests of this fixture may publish more, so ask the database).
        var published = await fixture.App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            JournalQuery.PublicArticles(db), a => JournalQuery.PublicIssues(db).Any(i => i.Id == a.IssueId && db.Set<Journal>().Any(j => j.Id == i.JournalId && j.Slug == "kxcb"))));
        Assert.True(published >= 5, $"{published} public articles");
        Assert.Equal(published, urls.Count(u => u.Contains("/journals/kxcb/articles/", StringComparison.Ordinal)));
        var draft = await fixture.App.WithSiteAsync("society", db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<JournalArticle>(), a => a.Title == "尚未出版的文章"));
        Assert.DoesNotContain($"http://localhost/society/journals/kxcb/articles/{draft.Id}", urls);
        Assert.DoesNotContain(urls, u => u.Contains("/other/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_embargoed_PDF_is_refused_until_its_date_while_the_article_page_is_open()
    {
        var editor = await fixture.EditorAsync();
        var issues = JsonDocument.Parse(await editor.GetStringAsync("/society/api/v1/journals/kxcb/issues")).RootElement.GetProperty("items");
        var issueId = issues.EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 1).GetProperty("id").GetInt32();
        var until = fixture.App.Clock.GetUtcNow().AddDays(30);
        var created = await editor.PostAsJsonAsync($"/society/api/v1/admin/issues/{issueId}/articles", new
        {
            title = "禁运期内的全文", pdfEmbargoUntil = until.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
            authors = new[] { new { nameZh = "罗晓燕", familyEn = "Luo", givenEn = "Xiaoyan", affiliations = Array.Empty<int>() } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(TestPdfs.Minimal());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "全文.pdf");
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/society/api/v1/admin/articles/{id}/pdf", form)).StatusCode);
        }

        var reader = fixture.Reader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/society/journals/kxcb/articles/{id}")).StatusCode); // metadata stays public
        var closed = await reader.GetAsync($"/society/journals/kxcb/articles/{id}/pdf");
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        var problem = JsonDocument.Parse(await closed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("全文尚未开放", problem.GetProperty("title").GetString());
        Assert.Contains(Outreach.Core.Localization.OutreachTime.Date(until, "zh-CN"), problem.GetProperty("detail").GetString());

        fixture.App.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        var open = await reader.GetAsync($"/society/journals/kxcb/articles/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(TestPdfs.Minimal(), await open.Content.ReadAsByteArrayAsync());
    }
}
