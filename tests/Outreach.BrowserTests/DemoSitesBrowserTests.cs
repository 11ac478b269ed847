using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace Outreach.BrowserTests;

/// <summary>The demo sites in headless Chromium at phone size; screenshots go to the test output's screenshots/.</summary>
public sealed class DemoSitesBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    static ChromeDriver StartChromium(int width, int height)
    {
        var chromium = Environment.GetEnvironmentVariable("OUTREACH_CHROMIUM") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("OUTREACH_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(driver))
        {
            const string what = "Chromium and ChromeDriver (apt-get install chromium chromium-driver)";
            if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_SERVICES") == "1") Assert.Fail("Required but missing: " + what);
            Assert.Skip("Not available here: " + what);
        }
        var options = new ChromeOptions { BinaryLocation = chromium };
        // Headless windows are at least 500px wide; emulate the phone's viewport instead.
        options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
        {
            Width = width, Height = height, PixelRatio = 2, EnableTouchEvents = true,
            UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
        });
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--window-size=800,1000", "--lang=zh-CN");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData("/", "portal", "广东省科协")]
    [InlineData("/carnival/", "carnival", "嘉年华")]
    [InlineData("/lingnan/", "lingnan", "岭南科学论坛")]
    public void Demo_site_renders_in_its_theme_in_chinese_on_a_phone(string path, string name, string expected)
    {
        using var browser = StartChromium(390, 844);
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

        Directory.CreateDirectory(Screenshots);
        browser.GetScreenshot().SaveAsFile(Path.Combine(Screenshots, $"{name}-phone.png"));
    }

    [Fact]
    public void Carnival_and_portal_use_visibly_different_themes()
    {
        using var browser = StartChromium(390, 844);
        browser.Navigate().GoToUrl(app.BaseUrl + "/");
        var portal = browser.ExecuteScript("return getComputedStyle(document.querySelector('header')).backgroundColor + getComputedStyle(document.querySelector('header')).backgroundImage")?.ToString() ?? "";
        browser.Navigate().GoToUrl(app.BaseUrl + "/carnival/");
        var carnival = browser.ExecuteScript("return getComputedStyle(document.querySelector('header')).backgroundColor + getComputedStyle(document.querySelector('header')).backgroundImage")?.ToString() ?? "";
        Assert.NotEqual(portal, carnival);
    }
}
