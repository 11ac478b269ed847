using System.Text.Json;
using Deque.AxeCore.Commons;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>The demo sites and an editor of the learned society's site (kechuan).</summary>
public sealed class JournalsApp : RunningApp
{
    public const string JournalEditorEmail = "editor@kechuan.example.cn";

    protected override Task PrepareAsync() =>
        RunCliAsync("users", "create", "--email", JournalEditorEmail, "--password", EditorPassword, "--site", "kechuan", "--role", "Editor");
}

/// <summary>
/// The demo society's journal (kechuan, 《岭南科学传播》) in a real browser: journal home, an issue's table of contents and
/// an article page, on a 375 px phone and a 1280 px desktop, standard and elder mode. Screenshots go to
/// <c>screenshots/journals/</c> to be looked at; asserted are no sideways overflow, an h1, and no serious or critical axe
/// violation.
/// </summary>
public sealed class JournalBrowserTests(JournalsApp app) : IClassFixture<JournalsApp>
{
    static readonly string Axe = new BundledAxeScriptProvider().GetScript();

    const string RunAxe = """
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
          .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })))))
          .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
        """;

    sealed record Violation(string Id, string? Impact, string Help, string[] Nodes);

    async Task<(string Issue, string Article)> PathsAsync()
    {
        using var http = new HttpClient();
        var issues = JsonDocument.Parse(await http.GetStringAsync($"{app.BaseUrl}/kechuan/api/v1/journals/lnkc/issues")).RootElement.GetProperty("items");
        var issueId = issues[0].GetProperty("id").GetInt32();
        var issue = JsonDocument.Parse(await http.GetStringAsync($"{app.BaseUrl}/kechuan/api/v1/issues/{issueId}")).RootElement;
        var articleId = issue.GetProperty("articles")[0].GetProperty("id").GetInt32();
        return ($"/journals/lnkc/issues/{issueId}", $"/journals/lnkc/articles/{articleId}");
    }

    [Theory]
    [InlineData(375, "standard")]
    [InlineData(375, "elder")]
    [InlineData(1280, "standard")]
    [InlineData(1280, "elder")]
    public async Task Journal_home_issue_and_article_fit_the_screen_and_pass_axe(int width, string mode)
    {
        var (issue, article) = await PathsAsync();
        (string Name, string Path)[] pages = [("journal", "/journals/lnkc"), ("issue", issue), ("article", article)];
        using var browser = width < 600 ? Browser.StartPhone(width) : Browser.StartDesktop(width);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/kechuan/?mode={mode}");
        Directory.CreateDirectory(Path.Combine(Browser.Screenshots, "journals"));
        var problems = new List<string>();
        foreach (var (name, path) in pages)
        {
            browser.Navigate().GoToUrl($"{app.BaseUrl}/kechuan{path}");
            Assert.Equal(mode == "elder", (browser.FindElement(By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
            var file = $"journals/{width}-{mode}-{name}";
            browser.SaveFullPage(file);
            Assert.True(new FileInfo(Path.Combine(Browser.Screenshots, file + ".png")).Length > 10_000, file + " is (nearly) empty");
            if (browser.Overflow() > 0) problems.Add($"{path}: {browser.Overflow()} px wider than the screen");
            if (browser.FindElements(By.CssSelector("main h1")).Count == 0) problems.Add($"{path}: no h1 in main");
            problems.AddRange(Check(browser).Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
        }
        // What each page is for is on it (a positive control that the pages are the journal's, not an error page).
        Assert.Contains("岭南科学传播", browser.PageSource);
        Assert.True(problems.Count == 0, $"{width}px {mode}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task The_editor_pages_fit_the_screen_and_pass_axe(int width)
    {
        var (issue, article) = await PathsAsync();
        var issueId = issue.Split('/').Last();
        var articleId = article.Split('/').Last();
        using var browser = width < 600 ? Browser.StartPhone(width) : Browser.StartDesktop(width);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/kechuan/admin/login");
        browser.FindElement(By.Name("Email")).SendKeys(JournalsApp.JournalEditorEmail);
        browser.FindElement(By.Name("Password")).SendKeys(RunningApp.EditorPassword);
        browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        browser.WaitForText("h1", "仪表盘");
        Directory.CreateDirectory(Path.Combine(Browser.Screenshots, "journals"));
        (string Name, string Path, string Heading)[] pages =
        [
            ("admin-journals", "/admin/journals", "学会刊物"), ("admin-issues", "/admin/journals/issues?journal=lnkc", "各期"),
            ("admin-articles", $"/admin/journals/articles?issue={issueId}", "第"), ("admin-article", $"/admin/journals/article?id={articleId}", ""),
            ("admin-import", "/admin/journals/import?journal=lnkc", "从 CSV 导入一期"),
        ];
        var problems = new List<string>();
        foreach (var (name, path, heading) in pages)
        {
            browser.Navigate().GoToUrl($"{app.BaseUrl}/kechuan{path}");
            browser.WaitForText("h1", heading);
            browser.SaveFullPage($"journals/{width}-{name}");
            if (browser.Overflow() > 0) problems.Add($"{path}: {browser.Overflow()} px wider than the screen");
            problems.AddRange(Check(browser).Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
        }
        Assert.True(problems.Count == 0, $"{width}px:\n" + string.Join("\n", problems));
    }

    static List<Violation> Check(ChromeDriver browser)
    {
        browser.ExecuteScript(Axe);
        browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        var json = (string)browser.ExecuteAsyncScript(RunAxe)!;
        return JsonSerializer.Deserialize<List<Violation>>(json, JsonSerializerOptions.Web)!;
    }
}
