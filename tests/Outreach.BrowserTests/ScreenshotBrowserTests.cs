using OpenQA.Selenium;

namespace Outreach.BrowserTests;

/// <summary>
/// Whole-page screenshots of the main pages of each theme, on a phone (390 px) and a desktop (1280 px), in standard
/// and elder mode, into <c>screenshots/themes/</c> beside the tests (CI keeps the folder as an artefact) — to be
/// looked at. What a machine can tell is asserted: nothing sticks out sideways and each page has its heading.
/// </summary>
public sealed class ScreenshotBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    public static readonly string Folder = Path.Combine(Browser.Screenshots, "themes");

    [Theory]
    [InlineData("Academic", 390, "standard")]
    [InlineData("Academic", 390, "elder")]
    [InlineData("Academic", 1280, "standard")]
    [InlineData("Academic", 1280, "elder")]
    [InlineData("Youth", 390, "standard")]
    [InlineData("Youth", 390, "elder")]
    [InlineData("Youth", 1280, "standard")]
    [InlineData("Youth", 1280, "elder")]
    public void Main_pages_are_photographed_and_fit_the_screen(string theme, int width, string mode)
    {
        var (site, eventSlug) = theme == "Academic" ? ("laokexie", "laokexie-smartphone-class-2027") : ("carnival", "carnival-2026");
        (string Name, string Path)[] pages = [("home", "/"), ("events", "/events"), ("event", $"/events/{eventSlug}"),
            ("register", $"/events/{eventSlug}/register"), ("search", "/search?q=%E7%A7%91%E6%99%AE")];
        using var browser = width < 600 ? Browser.StartPhone(width) : Browser.StartDesktop(width);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/{site}/?mode={mode}");
        Directory.CreateDirectory(Folder);

        var problems = new List<string>();
        foreach (var (name, path) in pages)
        {
            browser.Navigate().GoToUrl($"{app.BaseUrl}/{site}{path}");
            Assert.Equal(mode == "elder", (browser.FindElement(By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
            var file = $"themes/{theme.ToLowerInvariant()}-{width}-{mode}-{name}";
            browser.SaveFullPage(file);
            Assert.True(new FileInfo(Path.Combine(Browser.Screenshots, file + ".png")).Length > 10_000, file + " is (nearly) empty");
            if (browser.Overflow() > 0) problems.Add($"{path}: {browser.Overflow()} px wider than the screen");
            if (browser.FindElements(By.CssSelector("main h1")).Count == 0) problems.Add($"{path}: no h1 in main");
        }
        Assert.True(problems.Count == 0, $"{theme} {width}px {mode}:\n" + string.Join("\n", problems));
    }
}
