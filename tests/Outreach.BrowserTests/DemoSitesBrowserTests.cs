using OpenQA.Selenium;

namespace Outreach.BrowserTests;

/// <summary>The demo sites in headless Chromium at phone size; screenshots go to the test output's screenshots/.</summary>
public sealed class DemoSitesBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Theory]
    [InlineData("/", "portal", "广东省科协")]
    [InlineData("/carnival/", "carnival", "嘉年华")]
    [InlineData("/lingnan/", "lingnan", "岭南科学论坛")]
    public void Demo_site_renders_in_its_theme_in_chinese_on_a_phone(string path, string name, string expected)
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + path);

        Assert.Contains(expected, browser.Title + browser.FindElement(By.TagName("body")).Text);
        var heading = browser.FindElement(By.TagName("h1"));
        Assert.True(heading.Displayed);
        // The theme's stylesheet loaded and applied: the body font is the theme's CJK stack, not the browser default.
        var font = browser.ExecuteScript("return getComputedStyle(document.body).fontFamily")?.ToString() ?? "";
        Assert.Contains("Hei", font, StringComparison.OrdinalIgnoreCase);
        // Mobile-first: nothing wider than the phone.
        var scrollWidth = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth"));
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth}px wide on a 390px screen");

        browser.Save($"{name}-phone");
    }

    [Fact]
    public void Carnival_and_portal_use_visibly_different_themes()
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + "/");
        var portal = browser.ExecuteScript("return getComputedStyle(document.querySelector('header')).backgroundColor + getComputedStyle(document.querySelector('header')).backgroundImage")?.ToString() ?? "";
        browser.Navigate().GoToUrl(app.BaseUrl + "/carnival/");
        var carnival = browser.ExecuteScript("return getComputedStyle(document.querySelector('header')).backgroundColor + getComputedStyle(document.querySelector('header')).backgroundImage")?.ToString() ?? "";
        Assert.NotEqual(portal, carnival);
    }
}
