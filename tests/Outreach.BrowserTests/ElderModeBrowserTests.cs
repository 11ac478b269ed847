using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>
/// 长者模式 in Chromium at phone size on both themes: reachable from the top of the page, large type, AAA
/// contrast, big tap targets, remembered across pages, and off again. Screenshots go to screenshots/elder-*.
/// </summary>
public sealed class ElderModeBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    // Relative luminance contrast of two computed CSS colours (rgb/rgba), as WCAG defines it.
    const string ContrastScript = """
        function lum(c) {
          const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
            .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
        const fg = getComputedStyle(arguments[0]).color;
        const bg = getComputedStyle(document.body).backgroundColor;
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
        """;

    static double Number(ChromeDriver browser, string script, params object[] args) =>
        Convert.ToDouble(browser.ExecuteScript(script, args), CultureInfo.InvariantCulture);

    static double Px(ChromeDriver browser, IWebElement element, string property) =>
        double.Parse(((string)browser.ExecuteScript($"return getComputedStyle(arguments[0]).{property}", element)!).Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/laokexie/", "Academic")]
    [InlineData("/carnival/", "Youth")]
    [InlineData("/carnival/events/carnival-2026", "Youth")]
    [InlineData("/laokexie/events/laokexie-smartphone-class-2027", "Academic")]
    public void The_switch_at_the_top_turns_on_large_type_with_AAA_contrast_and_big_targets_and_is_remembered(string path, string theme)
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + path);
        var body = browser.FindElement(By.TagName("body"));
        Assert.True(Px(browser, body, "fontSize") < 20, "standard mode starts at the theme's size");

        // The switch is the first thing on the page after the skip link, labelled in words.
        var toggle = browser.FindElement(By.CssSelector(".mode-switch"));
        Assert.Equal("长者模式（大字）", toggle.Text);
        Assert.True(toggle.Location.Y < 60, $"switch at y={toggle.Location.Y}");
        toggle.Click();
        browser.WaitForText(".mode-switch", "退出长者模式");
        Assert.Contains("elder", browser.FindElement(By.TagName("html")).GetAttribute("class") ?? "");

        body = browser.FindElement(By.TagName("body"));
        Assert.True(Px(browser, body, "fontSize") >= 20, $"{theme}: body text {Px(browser, body, "fontSize")}px");
        foreach (var text in browser.FindElements(By.CssSelector("main p, main li, main dd")).Where(e => e.Displayed).Take(30))
        {
            var size = Px(browser, text, "fontSize");
            Assert.True(size >= 20, $"{theme}: '{text.Text[..Math.Min(20, text.Text.Length)]}' is {size}px");
            Assert.True(Px(browser, text, "lineHeight") >= 1.6 * size - 0.5, $"{theme}: line height of '{text.Text[..Math.Min(20, text.Text.Length)]}'");
            Assert.True(Number(browser, ContrastScript, text) >= 7, $"{theme}: contrast of '{text.Text[..Math.Min(20, text.Text.Length)]}'");
        }
        var h1 = browser.FindElement(By.TagName("h1"));
        Assert.True(Px(browser, h1, "fontSize") > 20, "headings scale with the text");
        foreach (var target in browser.FindElements(By.CssSelector(".menu a, .mode-switch, main .button, main a[href^='tel:']")).Where(e => e.Displayed))
            Assert.True(target.Size.Height >= 48, $"{theme}: '{target.Text}' is {target.Size.Height}px tall");
        // One column, nothing sideways, no decorative confetti.
        Assert.True(browser.Overflow() <= 0, $"page is {browser.Overflow()}px too wide");
        Assert.All(browser.FindElements(By.CssSelector(".confetti")), c => Assert.False(c.Displayed));

        // Remembered on the next page without ?mode=, then turned off again.
        browser.Navigate().GoToUrl(app.BaseUrl + path.Split('/')[..2].Aggregate((a, b) => a + "/" + b) + "/events");
        Assert.True(Px(browser, browser.FindElement(By.TagName("body")), "fontSize") >= 20, "the cookie keeps elder mode");
        browser.FindElement(By.CssSelector(".mode-switch")).Click();
        browser.WaitForText(".mode-switch", "长者模式（大字）");
        Assert.True(Px(browser, browser.FindElement(By.TagName("body")), "fontSize") < 20);
    }

    [Fact]
    public void Laokexie_home_event_and_registration_form_in_elder_mode_at_390px()
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + "/laokexie/?mode=elder");
        Assert.True(Px(browser, browser.FindElement(By.TagName("body")), "fontSize") >= 20);
        browser.SaveFullPage("elder-laokexie-home");

        browser.Navigate().GoToUrl(app.BaseUrl + "/laokexie/events/laokexie-smartphone-class-2027");
        var call = browser.FindElement(By.CssSelector("main a[href^='tel:']"));
        Assert.True(call.Size.Height >= 48, $"call button {call.Size.Height}px");
        Assert.Equal("rgb(255, 255, 255)", browser.ExecuteScript("return getComputedStyle(arguments[0]).color", call));
        browser.SaveFullPage("elder-laokexie-event");

        browser.Navigate().GoToUrl(app.BaseUrl + "/laokexie/events/laokexie-smartphone-class-2027/register");
        var form = browser.FindElement(By.CssSelector(".registration-form"));
        var guide = (string)browser.ExecuteScript("return getComputedStyle(arguments[0], '::before').content", form)!;
        Assert.Contains("提交报名", guide);
        foreach (var input in browser.FindElements(By.CssSelector(".registration-form input:not([type=hidden]):not([type=checkbox]):not([type=radio])")).Where(e => e.Displayed))
            Assert.True(input.Size.Height >= 48, $"input {input.GetAttribute("name")} is {input.Size.Height}px");
        Assert.True(browser.Overflow() <= 0);
        browser.SaveFullPage("elder-laokexie-registration");
    }
}
