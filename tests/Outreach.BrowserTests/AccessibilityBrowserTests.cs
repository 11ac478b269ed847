using System.Text.Json;
using Deque.AxeCore.Commons;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>
/// axe-core (the copy bundled and pinned by Deque.AxeCore.Commons) on the main public pages of both themes,
/// in standard and elder mode, at phone size: no serious or critical WCAG 2.1 A/AA violations.
/// </summary>
public sealed class AccessibilityBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    static readonly string Axe = new BundledAxeScriptProvider().GetScript();

    const string RunAxe = """
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
          .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })))))
          .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }])));
        """;

    internal sealed record Violation(string Id, string? Impact, string Help, string[] Nodes);

    internal static List<Violation> Check(ChromeDriver browser)
    {
        browser.ExecuteScript(Axe);
        browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        var json = (string)browser.ExecuteAsyncScript(RunAxe)!;
        return JsonSerializer.Deserialize<List<Violation>>(json, JsonSerializerOptions.Web)!;
    }

    [Theory]
    [InlineData("Academic", "standard")]
    [InlineData("Academic", "elder")]
    [InlineData("Youth", "standard")]
    [InlineData("Youth", "elder")]
    public void Home_events_calendar_event_and_registration_pages_have_no_serious_or_critical_axe_violations(string theme, string mode)
    {
        var (site, eventSlug) = theme == "Academic" ? ("laokexie", "laokexie-smartphone-class-2027") : ("carnival", "carnival-2026");
        string[] pages = ["/", "/events", "/events/calendar?month=2026-12", $"/events/{eventSlug}", $"/events/{eventSlug}/register"];
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl($"{app.BaseUrl}/{site}/?mode={mode}");
        Assert.Equal(mode == "elder", (browser.FindElement(OpenQA.Selenium.By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));

        var found = new List<string>();
        foreach (var page in pages)
        {
            browser.Navigate().GoToUrl($"{app.BaseUrl}/{site}{page}");
            var violations = Check(browser);
            // A positive control: axe ran and looked at the page (it always reports something it passed or skipped).
            Assert.NotNull(violations);
            found.AddRange(violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{page} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
        }
        Assert.True(found.Count == 0, $"{theme}/{mode}:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("Academic", "standard")]
    [InlineData("Academic", "elder")]
    [InlineData("Youth", "standard")]
    [InlineData("Youth", "elder")]
    public async Task Search_results_and_the_registration_manage_page_have_no_serious_or_critical_axe_violations(string theme, string mode)
    {
        var (site, eventSlug) = theme == "Academic" ? ("laokexie", "laokexie-smartphone-class-2027") : ("carnival", "carnival-2026");
        var manage = await DemoRegistration.ManageUrlAsync(app, site, eventSlug);
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl($"{app.BaseUrl}/{site}/?mode={mode}");

        var found = new List<string>();
        foreach (var url in new[] { $"{app.BaseUrl}/{site}/search?q=%E7%A7%91%E6%99%AE", manage })
        {
            browser.Navigate().GoToUrl(url);
            // Positive controls: the search found something to show, the manage page shows the ticket.
            if (url.Contains("/search", StringComparison.Ordinal)) Assert.NotEmpty(browser.FindElements(OpenQA.Selenium.By.CssSelector("main mark")));
            else Assert.Contains("报名", browser.FindElement(OpenQA.Selenium.By.TagName("main")).Text);
            Assert.Equal(mode == "elder", (browser.FindElement(OpenQA.Selenium.By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
            found.AddRange(Check(browser).Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
        }
        Assert.True(found.Count == 0, $"{theme}/{mode}:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Axe_finds_a_violation_it_is_meant_to_find()
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + "/laokexie/");
        // Break the page on purpose: grey text on white at 1.5:1.
        browser.ExecuteScript("""
            const p = document.createElement('p');
            p.textContent = '对比度太低的文字';
            p.style.color = '#dddddd';
            p.style.background = '#ffffff';
            document.querySelector('main').appendChild(p);
            """);
        Assert.Contains(Check(browser), v => v.Id == "color-contrast" && v.Impact == "serious");
    }
}
