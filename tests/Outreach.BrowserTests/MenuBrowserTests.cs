using OpenQA.Selenium;

namespace Outreach.BrowserTests;

/// <summary>At 390px every menu item of every theme is on screen (the menu wraps; nothing is cut off or scrolled away).</summary>
public sealed class MenuBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Theory]
    [InlineData("/carnival/", "Youth", 5)]
    [InlineData("/laokexie/", "Academic", 6)]
    [InlineData("/laokexie/?mode=elder", "Academic, elder", 6)]
    [InlineData("/carnival/?mode=elder", "Youth, elder", 5)]
    public void Every_menu_item_is_visible_and_inside_a_390px_screen(string path, string theme, int expected)
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + path);
        var items = browser.FindElements(By.CssSelector(".menu a"));
        Assert.Equal(expected, items.Count); // the demo recipe's menu of that site
        foreach (var item in items)
        {
            var right = Convert.ToDouble(browser.ExecuteScript("return arguments[0].getBoundingClientRect().right", item), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(item.Displayed && right <= 390, $"{theme}: menu item '{item.Text}' ends at {right}px");
        }
        Assert.True(browser.Overflow() <= 0, $"{theme}: page is {browser.Overflow()}px too wide");
        browser.Save("menu-" + theme.Replace(", ", "-", StringComparison.Ordinal).ToLowerInvariant());
    }
}
