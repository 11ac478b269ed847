using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace Outreach.BrowserTests;

/// <summary>Headless Chromium with a phone's viewport, or a skip (a failure in CI) when it is not installed.</summary>
public static class Browser
{
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static ChromeDriver StartPhone(int width = 390, int height = 844)
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
        var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        browser.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(5);
        return browser;
    }

    /// <summary>A desktop window (no phone emulation) of the given width.</summary>
    public static ChromeDriver StartDesktop(int width = 1280, int height = 900)
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
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            $"--window-size={width},{height}", "--lang=zh-CN");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        browser.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(5);
        return browser;
    }

    /// <summary>
    /// Waits until an element with the text appears: after a click the old page may still be there for a moment,
    /// and its elements go stale when the new one loads.
    /// </summary>
    public static void WaitForText(this ChromeDriver browser, string css, string text, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                foreach (var element in browser.FindElements(By.CssSelector(css)))
                {
                    last = element.Text;
                    if (last.Contains(text, StringComparison.Ordinal)) return;
                }
            }
            catch (StaleElementReferenceException) { }
            Thread.Sleep(100);
        }
        Assert.Fail($"'{text}' did not appear in {css} within {seconds} s (last seen: '{last}')");
    }

    public static void Save(this ChromeDriver browser, string name)
    {
        Directory.CreateDirectory(Screenshots);
        browser.GetScreenshot().SaveAsFile(Path.Combine(Screenshots, name + ".png"));
    }

    /// <summary>The whole page, not only the phone's screenful, for pages longer than one (forms).</summary>
    public static void SaveFullPage(this ChromeDriver browser, string name)
    {
        var height = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        var width = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.clientWidth"), System.Globalization.CultureInfo.InvariantCulture);
        var shot = (Dictionary<string, object?>?)browser.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        Directory.CreateDirectory(Screenshots);
        File.WriteAllBytes(Path.Combine(Screenshots, name + ".png"), Convert.FromBase64String((string)shot!["data"]!));
    }

    /// <summary>How much wider than the screen the page is (0 when nothing sticks out sideways).</summary>
    public static long Overflow(this ChromeDriver browser) =>
        Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth - window.innerWidth"), System.Globalization.CultureInfo.InvariantCulture);
}
