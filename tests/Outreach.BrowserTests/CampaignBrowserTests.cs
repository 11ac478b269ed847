using OpenQA.Selenium;

namespace Outreach.BrowserTests;

/// <summary>A visitor on a phone: the month's campaign → their city → an event → its .ics; and the month calendar.</summary>
public sealed class CampaignBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task A_visitor_opens_the_month_campaign_filters_by_city_opens_an_event_and_gets_its_ics()
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + "/month/campaigns/academic-month-2027");
        Assert.Contains("学术活动月", browser.FindElement(By.TagName("h1")).Text);
        browser.Save("month-campaign-phone");

        var cityLink = browser.FindElements(By.CssSelector(".chips a")).First(a => (a.GetAttribute("href") ?? "").Contains("city=", StringComparison.Ordinal));
        var city = cityLink.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0]; // "东莞 3": the name, then the count
        cityLink.Click();
        // The filtered list has the city chosen in its filter form; waiting for it also waits for the navigation.
        Assert.Equal(city, browser.FindElement(By.CssSelector("select[name=city] option[selected]")).Text);
        Assert.Contains("city=", browser.Url, StringComparison.Ordinal);
        var items = browser.FindElements(By.CssSelector("ul.events > li"));
        Assert.NotEmpty(items);
        Assert.All(items, li => Assert.Contains(city, li.FindElement(By.CssSelector(".meta")).Text));
        browser.Save("month-campaign-city-phone");

        var title = items[0].FindElement(By.TagName("h2")).Text;
        items[0].FindElement(By.TagName("a")).Click();
        browser.WaitForText("h1", title);
        Assert.Equal(title, browser.FindElement(By.TagName("h1")).Text);
        browser.Save("month-event-phone");

        var ics = browser.FindElement(By.CssSelector("a[href$='.ics'][download]")).GetAttribute("href")!;
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(new Uri(browser.Url), ics), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, ics);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("TZID=Asia/Shanghai", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_month_calendar_is_readable_on_a_phone()
    {
        using var browser = Browser.StartPhone();
        browser.Navigate().GoToUrl(app.BaseUrl + "/month/events/calendar?month=2027-05");
        Assert.Contains("2027年5月", browser.FindElement(By.TagName("h1")).Text);
        var days = browser.FindElements(By.CssSelector(".calendar-day")).Where(d => d.Displayed).ToList();
        Assert.NotEmpty(days);
        // On a phone only the days with events show, as a list with their dates written out.
        Assert.All(days, d => Assert.Matches(@"^5月\d+日 周.", d.FindElement(By.CssSelector(".day-label")).Text));
        var scrollWidth = Convert.ToInt64(browser.ExecuteScript("return document.documentElement.scrollWidth"));
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth}px wide on a 390px screen");
        browser.Save("month-calendar-phone");

        using var wide = Browser.StartPhone(1024, 900);
        wide.Navigate().GoToUrl(app.BaseUrl + "/month/events/calendar?month=2027-05");
        var columns = wide.ExecuteScript("return getComputedStyle(document.querySelector('.calendar-week')).gridTemplateColumns")?.ToString() ?? "";
        Assert.Equal(7, columns.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        wide.Save("month-calendar-wide");
    }
}
