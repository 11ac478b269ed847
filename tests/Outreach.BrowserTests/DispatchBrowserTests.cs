using System.Text.Json;
using Deque.AxeCore.Commons;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>The demo sites plus a dispatcher (SiteAdmin) of the mountains site.</summary>
public sealed class DispatchApp : RunningApp
{
    public const string DispatcherEmail = "dispatch@mountains.example.cn";
    public const string DispatcherPassword = "browser-dispatch-passphrase";

    protected override Task PrepareAsync() =>
        RunCliAsync("users", "create", "--email", DispatcherEmail, "--password", DispatcherPassword, "--site", "mountains", "--role", "SiteAdmin");
}

/// <summary>
/// 点单 on a 375 px phone (the request form), the dispatcher's queue and a tour page of the mountains site: screenshots,
/// nothing wider than the screen, and axe (0 serious/critical) on the public pages in standard and elder mode.
/// </summary>
public sealed class DispatchBrowserTests(DispatchApp app) : IClassFixture<DispatchApp>
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

    static IEnumerable<string> Serious(ChromeDriver browser, string page)
    {
        browser.ExecuteScript(Axe);
        browser.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        var violations = JsonSerializer.Deserialize<List<Violation>>((string)browser.ExecuteAsyncScript(RunAxe)!, JsonSerializerOptions.Web)!;
        return violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{page} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes));
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("elder")]
    public void The_request_form_and_a_tour_page_fit_a_375_px_phone_with_no_serious_axe_violations(string mode)
    {
        using var phone = Browser.StartPhone(375, 812);
        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/?mode={mode}");
        Assert.Equal(mode == "elder", (phone.FindElement(By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
        var found = new List<string>();

        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/lecture-requests/new");
        phone.WaitForText("h1", "预约科普讲座");
        Assert.NotEmpty(phone.FindElements(By.Name("contactPhone")));
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage($"dispatch-1-request-form-375-{mode}");
        found.AddRange(Serious(phone, "/lecture-requests/new"));

        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/tours/2027-spring-north");
        phone.WaitForText("h1", "上山下乡");
        Assert.Equal(4, phone.FindElements(By.CssSelector(".tour-stop")).Count);
        foreach (var county in new[] { "连山", "乳源", "和平", "平远" }) phone.WaitForText(".tour-counties", county, seconds: 2);
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage($"dispatch-2-tour-375-{mode}");
        found.AddRange(Serious(phone, "/tours/2027-spring-north"));

        Assert.True(found.Count == 0, mode + ":\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_dispatch_queue_works_for_a_dispatcher_on_a_375_px_phone()
    {
        using var phone = Browser.StartPhone(375, 812);
        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/admin/login");
        phone.FindElement(By.Name("Email")).SendKeys(DispatchApp.DispatcherEmail);
        phone.FindElement(By.Name("Password")).SendKeys(DispatchApp.DispatcherPassword);
        phone.FindElement(By.CssSelector("button[type=submit]")).Click();
        phone.WaitForText("h1", "仪表盘");

        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/admin/dispatch?status=submitted");
        phone.WaitForText("h1", "讲座派单");
        Assert.NotEmpty(phone.FindElements(By.CssSelector(".dispatch-card")));
        Assert.NotEmpty(phone.FindElements(By.CssSelector(".dispatch-card .suggestions li")));
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("dispatch-3-queue-375");

        phone.Navigate().GoToUrl($"{app.BaseUrl}/mountains/admin/dispatch/statistics");
        phone.WaitForText("h1", "统计");
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("dispatch-4-statistics-375");
    }
}
