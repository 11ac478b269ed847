using OpenQA.Selenium;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.BrowserTests;

/// <summary>An editor on a phone: sign in, upload a picture, write a page with it, publish, and see it in public.</summary>
public sealed class EditorBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public void Editor_signs_in_creates_a_page_with_an_image_publishes_it_and_the_public_page_shows_it()
    {
        using var browser = Browser.StartPhone();
        var site = app.BaseUrl + "/lingnan";

        browser.Navigate().GoToUrl(site + "/admin/login");
        browser.FindElement(By.Name("Email")).SendKeys(RunningApp.EditorEmail);
        browser.FindElement(By.Name("Password")).SendKeys(RunningApp.EditorPassword);
        browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        browser.WaitForText("h1", "仪表盘");
        browser.Save("admin-dashboard-phone");

        var picture = Path.Combine(Path.GetTempPath(), $"poster-{Guid.NewGuid():N}.png");
        using (var image = new Image<Rgba32>(1200, 800, new Rgba32(11, 83, 148))) image.SaveAsPng(picture);
        browser.Navigate().GoToUrl(site + "/admin/media");
        browser.FindElement(By.Name("file")).SendKeys(picture);
        browser.FindElement(By.Name("alt")).SendKeys("论坛主会场海报");
        browser.FindElement(By.CssSelector("form[enctype] button[type=submit]")).Click();
        browser.WaitForText("table a[href*='/media/']", ""); // the list appears once the upload has been stored
        var original = browser.FindElement(By.CssSelector("table a[href*='/media/']")).GetAttribute("href")!;
        var path = new Uri(original).AbsolutePath;

        browser.Navigate().GoToUrl(site + "/admin/content/page/edit");
        browser.FindElement(By.Name("Title")).SendKeys("主会场指南");
        browser.FindElement(By.Name("Slug")).SendKeys("main-hall-guide");
        browser.FindElement(By.Name("Body")).SendKeys($"<p>主会场位于广州。</p><p><img src=\"{path}\" alt=\"论坛主会场海报\"></p>");
        browser.FindElement(By.CssSelector("button[formaction*='handler=Save']")).Click();
        browser.WaitForText(".flash", "已保存");
        browser.FindElement(By.CssSelector("button[formaction*='handler=Publish']")).Click();
        browser.WaitForText(".flash", "已发布");
        browser.Save("admin-page-published-phone");

        browser.Navigate().GoToUrl(site + "/pages/main-hall-guide");
        Assert.Equal("主会场指南", browser.FindElement(By.TagName("h1")).Text);
        var img = browser.FindElement(By.CssSelector(".prose img"));
        Assert.Equal("论坛主会场海报", img.GetAttribute("alt"));
        var loaded = (bool)browser.ExecuteScript("const i = arguments[0]; return i.complete && i.naturalWidth > 0;", img)!;
        Assert.True(loaded, "the picture did not load on the public page");
        browser.Save("public-page-with-image-phone");
    }
}
