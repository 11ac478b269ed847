using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>The app with the "fair" site (Events + Registration) and a SiteAdmin API token for it.</summary>
public sealed class RegistrationApp : RunningApp
{
    public string AdminToken { get; private set; } = "";

    protected override async Task PrepareAsync()
    {
        await RunCliAsync("recipe", "run", Path.Combine(AppContext.BaseDirectory, "TestRecipes", "fair.recipe.json"));
        var printed = await RunCliAsync("tokens", "create", "--site", "fair", "--role", "SiteAdmin", "--name", "browser-test");
        AdminToken = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]; // the token is the last line
    }
}

/// <summary>
/// Two people on phones and one seat: the first registers, the second joins the waitlist; the first cancels through
/// the link in their confirmation mail (read from the pickup folder), and the second gets the seat offered by mail
/// and confirms it.
/// </summary>
public sealed partial class RegistrationBrowserTests(RegistrationApp app) : IClassFixture<RegistrationApp>
{
    static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60); // the outbox is delivered every 15 s

    [Fact]
    public async Task Cancelling_through_the_mailed_manage_link_offers_the_seat_to_the_next_person_on_the_waitlist()
    {
        using var first = Browser.StartPhone();
        using var second = Browser.StartPhone();
        var slug = await CreateEventAsync();
        var eventUrl = $"{app.BaseUrl}/fair/events/{slug}";

        // A: the event page → 我要报名 → the form → 报名成功.
        first.Navigate().GoToUrl(eventUrl);
        first.WaitForText("#registration", "余 1 / 1");
        first.Save("registration-1-event-phone");
        var register = first.FindElement(By.CssSelector("#registration a.button"));
        Assert.Equal("我要报名", register.Text);
        register.Click();
        first.WaitForText("h1", "报名");
        Fill(first, "陈小明", "13912345678", "chen.xiaoming@example.cn");
        Assert.Equal(0, first.Overflow());
        first.SaveFullPage("registration-2-form-phone");
        Submit(first, "提交报名");
        first.WaitForText(".registration-state", "报名成功");
        Assert.Equal("我的报名", first.FindElement(By.TagName("h1")).Text);
        Assert.Matches(@"\S", first.FindElement(By.CssSelector(".ticket-code strong")).Text);
        Assert.Equal(0, first.Overflow());
        first.Save("registration-3-confirmed-phone");
        first.SaveFullPage("registration-3-confirmed-full-phone");

        // B: the seat is taken, so the event offers the waitlist.
        second.Navigate().GoToUrl(eventUrl);
        second.WaitForText("#registration", "已满");
        var waitlist = second.FindElement(By.CssSelector("#registration a.button"));
        Assert.Equal("登记候补", waitlist.Text);
        waitlist.Click();
        second.WaitForText(".registration-form .remaining", "已满，可候补");
        Fill(second, "林小红", "13987654321", "lin.xiaohong@example.cn");
        second.SaveFullPage("registration-4-waitlist-form-phone");
        Submit(second, "登记候补");
        second.WaitForText(".registration-state", "候补中");
        Assert.Empty(second.FindElements(By.CssSelector(".ticket")));
        Assert.Equal(0, second.Overflow());
        second.Save("registration-5-waitlisted-phone");

        // A's confirmation mail reaches the pickup folder; its link opens the manage page in a fresh session.
        var confirmation = await WaitForMailAsync("chen.xiaoming@example.cn", "报名成功");
        var attachments = confirmation.Attachments.OfType<MimePart>().Select(a => a.ContentType.MimeType).ToList();
        Assert.Contains("image/png", attachments); // the ticket's QR code
        Assert.Contains("text/calendar", attachments);
        ShowMail(first, confirmation, "registration-mail-confirmed-phone");
        var firstLink = ManageLink(confirmation, "13912345678");
        first.Manage().Cookies.DeleteAllCookies();
        first.Navigate().GoToUrl(firstLink);
        first.WaitForText(".registration-state", "报名成功");
        first.Save("registration-6-manage-from-mail-phone");
        // Cancelling takes two taps: the button opens a confirmation that says the seat passes on.
        var cancel = first.FindElement(By.XPath("//details[.//form[contains(@action,'/cancel')]]/summary"));
        Assert.Equal("取消报名", cancel.Text);
        first.ExecuteScript("arguments[0].scrollIntoView({block: 'center'})", cancel);
        cancel.Click();
        var confirmCancel = first.FindElement(By.CssSelector("form[action$='/cancel'] button[type=submit]"));
        Assert.Equal("确认取消报名", confirmCancel.Text);
        first.Save("registration-7-cancel-button-phone");
        confirmCancel.Click();
        first.WaitForText(".form-message", "报名已取消");
        first.WaitForText(".registration-state", "已取消");
        Assert.Empty(first.FindElements(By.CssSelector("form[action$='/cancel']")));
        Assert.Equal(0, first.Overflow());
        first.Save("registration-8-cancelled-phone");

        // B is offered the freed seat by mail, opens its link and confirms.
        var offer = await WaitForMailAsync("lin.xiaohong@example.cn", "候补名额已空出");
        ShowMail(second, offer, "registration-mail-offer-phone");
        second.Manage().Cookies.DeleteAllCookies();
        second.Navigate().GoToUrl(ManageLink(offer, "13987654321"));
        second.WaitForText(".registration-state", "候补递补待确认");
        var confirm = second.FindElement(By.CssSelector("form.offer button[type=submit]"));
        Assert.Equal("确认参加", confirm.Text);
        Assert.Equal(0, second.Overflow());
        second.Save("registration-9-offered-phone");
        confirm.Click();
        second.WaitForText(".form-message", "已确认");
        second.WaitForText(".registration-state", "报名成功");
        Assert.Matches(@"\S", second.FindElement(By.CssSelector(".ticket-code strong")).Text);
        Assert.Equal(0, second.Overflow());
        second.Save("registration-10-offer-confirmed-phone");

        // The event page counts the seat as taken again.
        second.Navigate().GoToUrl(eventUrl);
        second.WaitForText("#registration", "已满");
        await WaitForMailAsync("lin.xiaohong@example.cn", "报名成功");
    }

    async Task<string> CreateEventAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.AdminToken);
        var response = await http.PostAsJsonAsync("/fair/api/v1/admin/events", new
        {
            title = "青少年机器人工作坊",
            summary = "动手搭建并编程一台小机器人。",
            startsAt = "2026-12-20T09:00:00+08:00",
            endsAt = "2026-12-20T12:00:00+08:00",
            city = "广州",
            type = "workshop",
            publish = true,
            registration = new { options = new[] { new { name = "上午场", capacity = 1 } }, waitlist = true },
        }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["slug"]!.GetValue<string>();
    }

    static void Fill(ChromeDriver browser, string name, string phone, string email)
    {
        var option = browser.FindElement(By.CssSelector("input[name=optionId]"));
        if (!option.Selected) option.Click();
        browser.FindElement(By.Name("name")).SendKeys(name);
        browser.FindElement(By.Name("phone")).SendKeys(phone);
        browser.FindElement(By.Name("email")).SendKeys(email);
        var consent = browser.FindElement(By.CssSelector("input[name=consent]"));
        browser.ExecuteScript("arguments[0].scrollIntoView({block: 'center'})", consent);
        consent.Click();
        Assert.True(consent.Selected);
    }

    static void Submit(ChromeDriver browser, string label)
    {
        var submit = browser.FindElement(By.CssSelector(".registration-form button[type=submit]"));
        Assert.Equal(label, submit.Text);
        browser.ExecuteScript("arguments[0].scrollIntoView({block: 'center'})", submit);
        submit.Click();
    }

    /// <summary>Waits for a mail to the address whose subject starts as given, in the app's pickup folder.</summary>
    async Task<MimeMessage> WaitForMailAsync(string to, string subjectStart)
    {
        var deadline = DateTime.UtcNow + MailTimeout;
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            seen.Clear();
            // The app writes a .tmp file and renames it, so an .eml is always complete.
            foreach (var file in Directory.Exists(app.MailPickup) ? Directory.GetFiles(app.MailPickup, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                seen.Add($"{message.To} {message.Subject}");
                if (message.To.Mailboxes.Any(m => m.Address == to) && (message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal))
                    return message;
                message.Dispose();
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"No mail '{subjectStart}…' to {to} in {app.MailPickup} within {MailTimeout.TotalSeconds} s; there: {string.Join("; ", seen)}");
        return null!;
    }

    /// <summary>Shows the mail's HTML as a phone's mail app would (it has inline styles only) and saves a screenshot.</summary>
    static void ShowMail(ChromeDriver browser, MimeMessage mail, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.html");
        File.WriteAllText(file, mail.HtmlBody);
        try
        {
            browser.Navigate().GoToUrl(new Uri(file).AbsoluteUri);
            browser.WaitForText("body", "查看或管理我的报名");
            Assert.Equal(0, browser.Overflow());
            browser.Save(name);
        }
        finally { File.Delete(file); }
    }

    /// <summary>The "查看或管理我的报名" link of a registration mail (its HTML part, decoded by MimeKit).</summary>
    static string ManageLink(MimeMessage mail, string phone)
    {
        using (mail)
        {
            Assert.NotNull(mail.HtmlBody);
            var match = ManageAnchor().Match(mail.HtmlBody);
            Assert.True(match.Success, "no manage link in the mail: " + mail.HtmlBody);
            var link = WebUtility.HtmlDecode(match.Groups["href"].Value);
            Assert.Contains("/fair/registrations/", link, StringComparison.Ordinal);
            // Only the signed token, no personal data, in the link.
            Assert.DoesNotContain("example.cn", link, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, link, StringComparison.Ordinal);
            return link;
        }
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\">查看或管理我的报名</a>")]
    private static partial Regex ManageAnchor();
}
