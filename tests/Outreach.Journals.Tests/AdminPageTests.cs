using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Journals.Tests;

/// <summary>
/// The editors' admin pages driven like a browser: sign in, GET the form for its antiforgery token, POST, follow the
/// redirect, then check the rows and the public pages.
/// </summary>
public sealed class AdminPageTests(JournalFixture fixture) : IClassFixture<JournalFixture>
{
    OutreachFactory App => fixture.App;

    async Task<HttpClient> SignedInAsync(SiteRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@society-test.cn";
        await App.CreateUserAsync(email, false, ("society", role));
        return await App.SignedInClientAsync(email, "/society");
    }

    static string Html(HttpResponseMessage r) => WebUtility.HtmlDecode(r.Content.ReadAsStringAsync().GetAwaiter().GetResult());

    static int IdFrom(HttpResponseMessage redirect, string key)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.ToString();
        var at = location.IndexOf(key + "=", StringComparison.Ordinal);
        Assert.True(at >= 0, location);
        return int.Parse(location[(at + key.Length + 1)..].Split('&')[0]);
    }

    async Task<int> CreateIssueAsync(HttpClient editor, int year, int volume, int number) =>
        IdFrom(await editor.PostFormAsync("/society/admin/journals/issues?journal=kxcb", new()
        {
            ["Year"] = year.ToString(), ["Volume"] = volume.ToString(), ["Number"] = number.ToString(), ["PublishedAt"] = "",
        }, formPage: "/society/admin/journals/issues?journal=kxcb"), "issue");

    static Dictionary<string, string> ArticleFields(string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.TitleEn"] = "Museum Night Tours for Families",
        ["Form.Section"] = "research",
        ["Form.Keywords"] = "科学传播；博物馆之夜",
        ["Form.Affiliations"] = "华南师范大学 科学传播研究中心，广州 510631\n广东科学中心，广州 510006",
        // Typed in the order 陈静, 黄伟, but positions put 黄伟 first; the third row is a blank one and is dropped.
        ["Form.Authors[0].Position"] = "2", ["Form.Authors[0].NameZh"] = "陈静", ["Form.Authors[0].FamilyEn"] = "Chen", ["Form.Authors[0].GivenEn"] = "Jing",
        ["Form.Authors[0].Affiliations"] = "2",
        ["Form.Authors[1].Position"] = "1", ["Form.Authors[1].NameZh"] = "黄伟", ["Form.Authors[1].FamilyEn"] = "Huang", ["Form.Authors[1].GivenEn"] = "Wei",
        ["Form.Authors[1].Affiliations"] = "1，2", ["Form.Authors[1].Orcid"] = "https://orcid.org/0000-0001-5109-3700",
        ["Form.Authors[1].Corresponding"] = "true", ["Form.Authors[1].Email"] = "huang.wei@scnu-test.cn", ["Form.Authors[1].ShowEmail"] = "true",
        ["Form.Authors[2].Position"] = "3",
        ["Form.Pages"] = "33-41",
        ["Form.Received"] = "2026-05-06",
        ["Form.Accepted"] = "2026-07-01",
        ["Form.DocumentCode"] = "A",
        ["Form.References"] = "刘芳. 博物馆夜场的观众研究[J]. 科普研究, 2024, 19(2): 5-12. DOI: 10.19293/j.cnki.1673-8357.2024.02.001\n王磊. 科学中心教育活动设计[M]. 北京: 科学普及出版社, 2022.",
        ["Form.Language"] = "zh",
    };

    [Fact]
    public async Task An_editor_creates_an_issue_adds_an_article_with_ordered_authors_and_publishes_the_issue_with_it()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        var list = await editor.GetAsync("/society/admin/journals");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("科学传播研究", Html(list));

        var issueId = await CreateIssueAsync(editor, 2027, 3, 1);
        var form = await editor.GetAsync($"/society/admin/journals/article?issue={issueId}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("研究论文", Html(form)); // the journal's sections are offered

        var articleId = IdFrom(await editor.PostFormAsync($"/society/admin/journals/article?issue={issueId}", ArticleFields("博物馆之夜的亲子科普导览"),
            formPage: $"/society/admin/journals/article?issue={issueId}"), "id");

        var saved = await App.WithSiteAsync("society", db => db.Set<JournalArticle>().AsNoTracking().SingleAsync(a => a.Id == articleId));
        Assert.Equal(issueId, saved.IssueId);
        Assert.Equal(ContentStatus.Draft, saved.Status);
        Assert.Equal(["黄伟", "陈静"], saved.Authors.Select(a => a.NameZh));
        Assert.Equal([1, 2], saved.Authors[0].Affiliations);
        Assert.Equal([2], saved.Authors[1].Affiliations);
        Assert.Equal("0000-0001-5109-3700", saved.Authors[0].Orcid);
        Assert.True(saved.Authors[0].Corresponding && saved.Authors[0].ShowEmail);
        Assert.False(saved.Authors[1].Corresponding);
        Assert.Equal(["科学传播", "博物馆之夜"], saved.Keywords);
        Assert.Equal("10.19293/j.cnki.1673-8357.2024.02.001", saved.References[0].Doi);
        Assert.Equal(("33", "41"), (saved.FirstPage, saved.LastPage));

        var reader = fixture.Reader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/society/journals/kxcb/articles/{articleId}")).StatusCode); // a draft

        var publish = await editor.PostFormAsync("/society/admin/journals/issues?journal=kxcb&handler=Publish", new() { ["issueId"] = issueId.ToString(), ["scheduledAt"] = "" },
            formPage: "/society/admin/journals/issues?journal=kxcb");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        var issuePage = await reader.GetStringAsync($"/society/journals/kxcb/issues/{issueId}");
        Assert.Contains("博物馆之夜的亲子科普导览", issuePage);
        var articlePage = WebUtility.HtmlDecode(await reader.GetStringAsync($"/society/journals/kxcb/articles/{articleId}"));
        Assert.True(articlePage.IndexOf("黄伟", StringComparison.Ordinal) < articlePage.IndexOf("陈静", StringComparison.Ordinal));
        Assert.Contains("huang.wei@scnu-test.cn", articlePage); // the corresponding author allowed it
        Assert.Contains("content=\"黄伟\"", articlePage); // citation_author and DC.Creator
    }

    [Fact]
    public async Task A_scheduled_issue_stays_closed_until_its_time_and_then_opens_with_its_articles()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        var issueId = await CreateIssueAsync(editor, 2027, 3, 4);
        var articleId = IdFrom(await editor.PostFormAsync($"/society/admin/journals/article?issue={issueId}", ArticleFields("定时发布的一期中的文章"),
            formPage: $"/society/admin/journals/article?issue={issueId}"), "id");
        var at = OutreachTimeInput(App.Clock.GetUtcNow().AddDays(2));
        var publish = await editor.PostFormAsync("/society/admin/journals/issues?journal=kxcb&handler=Publish", new() { ["issueId"] = issueId.ToString(), ["scheduledAt"] = at },
            formPage: "/society/admin/journals/issues?journal=kxcb");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("定时发布", Html(await editor.GetAsync("/society/admin/journals/issues?journal=kxcb")));
        var reader = fixture.Reader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/society/journals/kxcb/issues/{issueId}")).StatusCode);

        var publishing = (Outreach.Core.Scheduling.ScheduledPublishing)App.Services.GetService(typeof(Outreach.Core.Scheduling.ScheduledPublishing))!;
        await publishing.PublishDueAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/society/journals/kxcb/articles/{articleId}")).StatusCode); // not yet due

        App.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await publishing.PublishDueAsync();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/society/journals/kxcb/issues/{issueId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/society/journals/kxcb/articles/{articleId}")).StatusCode);
    }

    static string OutreachTimeInput(DateTimeOffset t) => Outreach.Core.Localization.OutreachTime.LocalInput(t);

    [Fact]
    public async Task The_article_page_refuses_a_hostile_PDF_with_its_reason_and_keeps_a_clean_one()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        var issueId = await CreateIssueAsync(editor, 2027, 3, 2);
        var articleId = IdFrom(await editor.PostFormAsync($"/society/admin/journals/article?issue={issueId}", ArticleFields("上传全文的文章"),
            formPage: $"/society/admin/journals/article?issue={issueId}"), "id");
        var page = $"/society/admin/journals/article?id={articleId}";

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name)
        {
            var token = People.Antiforgery(await editor.GetStringAsync(page));
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", name);
            form.Add(new StringContent(token), "__RequestVerificationToken");
            return await editor.PostAsync(page + "&handler=Pdf", form);
        }

        var hostile = await UploadAsync(TestPdfs.WithJavaScript(), "恶意.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        var html = Html(hostile);
        Assert.Contains("PDF 含有脚本或启动动作", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Null(await App.WithSiteAsync("society", db => db.Set<JournalArticle>().Where(a => a.Id == articleId).Select(a => a.PdfStoredName).SingleAsync()));

        var renamedPng = await UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "图片.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, renamedPng.StatusCode);
        Assert.Contains("不是 PDF 文件", Html(renamedPng));

        var clean = await UploadAsync(TestPdfs.Minimal(), "全文.pdf");
        Assert.Equal(HttpStatusCode.Redirect, clean.StatusCode);
        var stored = await App.WithSiteAsync("society", db => db.Set<JournalArticle>().AsNoTracking().SingleAsync(a => a.Id == articleId));
        Assert.NotNull(stored.PdfStoredName);
        Assert.Equal(TestPdfs.Minimal().Length, stored.PdfBytes);
    }

    [Fact]
    public async Task Wrong_metadata_is_shown_by_field_and_nothing_is_saved()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        var issueId = await CreateIssueAsync(editor, 2027, 3, 3);
        var fields = ArticleFields("ORCID 写错的文章");
        fields["Form.Authors[1].Orcid"] = "1234";
        fields["Form.Authors[0].Affiliations"] = "5";
        var response = await editor.PostFormAsync($"/society/admin/journals/article?issue={issueId}", fields, formPage: $"/society/admin/journals/article?issue={issueId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Html(response);
        Assert.Contains("ORCID 应为 0000-0002-1825-0097 的形式。", html);
        Assert.Contains("单位编号应在 1 到 2 之间。", html);
        Assert.Equal(0, await App.WithSiteAsync("society", db => db.Set<JournalArticle>().CountAsync(a => a.IssueId == issueId)));

        // Positive control: the same form with the two fields fixed is saved.
        fields["Form.Authors[1].Orcid"] = "0000-0001-5109-3700";
        fields["Form.Authors[0].Affiliations"] = "2";
        IdFrom(await editor.PostFormAsync($"/society/admin/journals/article?issue={issueId}", fields, formPage: $"/society/admin/journals/article?issue={issueId}"), "id");
        Assert.Equal(1, await App.WithSiteAsync("society", db => db.Set<JournalArticle>().CountAsync(a => a.IssueId == issueId)));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_creates_nothing()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        var forged = await editor.PostAsync("/society/admin/journals/issues?journal=kxcb", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Year"] = "2030", ["Volume"] = "6", ["Number"] = "1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await App.WithSiteAsync("society", db => db.Set<JournalIssue>().AnyAsync(i => i.Year == 2030)));
        await CreateIssueAsync(editor, 2030, 6, 1); // with the token it works
        Assert.True(await App.WithSiteAsync("society", db => db.Set<JournalIssue>().AnyAsync(i => i.Year == 2030)));
    }

    [Fact]
    public async Task Only_people_with_the_journals_permission_open_the_editor_pages()
    {
        var reviewer = await SignedInAsync(SiteRole.Reviewer);
        var denied = await reviewer.GetAsync("/society/admin/journals/issues?journal=kxcb");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/admin/denied", denied.Headers.Location!.ToString());
        var editor = await SignedInAsync(SiteRole.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/society/admin/journals/issues?journal=kxcb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/society/admin/journals/issues?journal=no-such-journal")).StatusCode);
    }

    [Fact]
    public async Task A_journal_is_created_with_its_sections_and_a_bad_ISSN_is_named()
    {
        var admin = await SignedInAsync(SiteRole.SiteAdmin);
        var fields = new Dictionary<string, string>
        {
            ["Form.Slug"] = "hyxx", ["Form.Title"] = "学会会讯", ["Form.TitleEn"] = "Society Newsletter", ["Form.Issn"] = "12345",
            ["Form.Frequency"] = "月刊", ["Form.Sections"] = "news | 学会动态 | News\nevents | 活动预告",
        };
        var bad = await admin.PostFormAsync("/society/admin/journals", fields);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("ISSN 应为 1234-567X 的形式。", Html(bad));
        Assert.False(await App.WithSiteAsync("society", db => db.Set<Journal>().AnyAsync(j => j.Slug == "hyxx")));

        fields["Form.Issn"] = "1234-5679";
        var id = IdFrom(await admin.PostFormAsync("/society/admin/journals", fields), "id");
        var sections = await App.WithSiteAsync("society", db => db.Set<JournalSection>().Where(s => s.JournalId == id).OrderBy(s => s.Order).Select(s => s.TitleZh).ToListAsync());
        Assert.Equal(["学会动态", "活动预告"], sections);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Reader().GetAsync("/society/journals/hyxx")).StatusCode);

        var taken = await admin.PostFormAsync("/society/admin/journals", new(fields) { ["Form.Title"] = "重名刊物" });
        Assert.Contains("网址名已被本站另一份刊物使用。", Html(taken));
    }

    static MultipartFormDataContent ImportForm(string token, string csv, string mode, params (string Name, byte[] Bytes)[] pdfs)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("2027"), "Year" }, { new StringContent("4"), "Volume" }, { new StringContent("1"), "Number" },
            { new StringContent(mode), "mode" }, { new StringContent(token), "__RequestVerificationToken" },
        };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "csv", "issue.csv");
        foreach (var (name, bytes) in pdfs) form.Add(new ByteArrayContent(bytes), "pdfs", name);
        return form;
    }

    [Fact]
    public async Task The_import_page_checks_first_names_rows_and_columns_and_imports_only_a_clean_file()
    {
        var editor = await SignedInAsync(SiteRole.Editor);
        const string page = "/society/admin/journals/import?journal=kxcb";
        const string header = "order,section,title,authors,affiliations,doi,pages,pdf\n";
        var broken = header +
            "1,research,海岛气象站开放日,\"林晓<Lin, Xiao>[1]*\",中山大学 大气科学学院,10.98765/kxcb.2027.04.001,1-8,a.pdf\n" +
            "2,research,珊瑚白化的公众认知,\"周敏<Zhou, Min>[3]\",广东海洋大学,not-a-doi,9-16,b.pdf\n" +
            "3,columns,第三篇,王芳,,,,\n";
        var token = People.Antiforgery(await editor.GetStringAsync(page));
        var check = await editor.PostAsync(page, ImportForm(token, broken, "import", ("a.pdf", TestPdfs.Minimal()), ("b.pdf", TestPdfs.WithJavaScript())));
        Assert.Equal(422, (int)check.StatusCode);
        var html = Html(check);
        Assert.Contains("没有写入任何内容", html);
        Assert.Contains("第 2 行 doi", html);
        Assert.Contains("第 2 行 authors[0].affiliations", html);
        Assert.Contains("第 2 行 pdf", html);
        Assert.Contains("PDF 含有脚本或启动动作", html);
        Assert.Contains("第 3 行 section", html);
        Assert.DoesNotContain("第 1 行", html);
        Assert.False(await App.WithSiteAsync("society", db => db.Set<JournalIssue>().AnyAsync(i => i.Year == 2027 && i.Volume == 4)));

        var clean = header +
            "1,research,海岛气象站开放日,\"林晓<Lin, Xiao>[1]*\",中山大学 大气科学学院,10.98765/kxcb.2027.04.001,1-8,a.pdf\n" +
            "2,研究论文,珊瑚白化的公众认知,\"周敏<Zhou, Min>[1]\",广东海洋大学,10.98765/kxcb.2027.04.002,9-16,b.pdf\n";
        token = People.Antiforgery(await editor.GetStringAsync(page));
        var dry = await editor.PostAsync(page, ImportForm(token, clean, "check", ("a.pdf", TestPdfs.Minimal()), ("b.pdf", TestPdfs.Minimal())));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Contains("检查通过：2 篇文章，2 个 PDF", Html(dry));
        Assert.False(await App.WithSiteAsync("society", db => db.Set<JournalIssue>().AnyAsync(i => i.Year == 2027 && i.Volume == 4))); // a dry run writes nothing

        token = People.Antiforgery(await editor.GetStringAsync(page));
        var imported = await editor.PostAsync(page, ImportForm(token, clean, "import", ("a.pdf", TestPdfs.Minimal()), ("b.pdf", TestPdfs.Minimal())));
        var issueId = IdFrom(imported, "issue");
        var articles = await App.WithSiteAsync("society", db => db.Set<JournalArticle>().AsNoTracking().Where(a => a.IssueId == issueId).OrderBy(a => a.Order).ToListAsync());
        Assert.Equal(["海岛气象站开放日", "珊瑚白化的公众认知"], articles.Select(a => a.Title));
        Assert.All(articles, a => Assert.NotNull(a.PdfStoredName));
        Assert.All(articles, a => Assert.Equal(ContentStatus.Draft, a.Status));
        Assert.Contains("海岛气象站开放日", Html(await editor.GetAsync(imported.Headers.Location!.ToString())));
    }
}
