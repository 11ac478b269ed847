using OpenQA.Selenium;

namespace Outreach.BrowserTests;

/// <summary>
/// The bases directory (with its SVG map of Guangdong), a base's page and the group-visit form on the demo portal, at
/// 375 px in standard and elder mode: photographed into <c>screenshots/bases/</c> to be looked at, nothing wider than
/// the screen, and no serious or critical axe violations.
/// </summary>
public sealed class BaseBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Theory]
    [InlineData("standard")]
    [InlineData("elder")]
    public void Directory_base_page_and_booking_form_fit_375px_and_pass_axe(string mode)
    {
        (string Name, string Path, string Expect)[] pages =
        [
            ("directory", "/bases", "科普教育基地"),
            ("base", "/bases/pearl-science-centre", "珠江科学中心"),
            ("book", "/bases/pearl-science-centre/book", "预约"),
        ];
        Directory.CreateDirectory(Path.Combine(Browser.Screenshots, "bases"));
        using var browser = Browser.StartPhone(375);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/?mode={mode}");
        var problems = new List<string>();
        foreach (var (name, path, expect) in pages)
        {
            browser.Navigate().GoToUrl(app.BaseUrl + path);
            Assert.Equal(mode == "elder", (browser.FindElement(By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
            Assert.Contains(expect, browser.FindElement(By.TagName("main")).Text);
            var file = $"bases/375-{mode}-{name}";
            browser.SaveFullPage(file);
            Assert.True(new FileInfo(Path.Combine(Browser.Screenshots, file + ".png")).Length > 10_000, file + " is (nearly) empty");
            if (browser.Overflow() > 0) problems.Add($"{path}: {browser.Overflow()} px wider than the screen");
            problems.AddRange(AccessibilityBrowserTests.Check(browser).Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
            if (name == "directory")
            {
                // The server-drawn map: 21 cities, each a link to the filtered list.
                var cities = browser.FindElements(By.CssSelector("main svg a"));
                Assert.Equal(21, cities.Count);
                Assert.Contains("city=", cities[0].GetDomAttribute("href") ?? "");
            }
            if (name == "base") Assert.Contains("全国科普日", browser.FindElement(By.TagName("main")).Text); // its open day in the campaign
        }
        Assert.True(problems.Count == 0, $"{mode}:\n" + string.Join("\n", problems));
    }
}
