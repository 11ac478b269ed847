using MimeKit;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>
/// A teacher on a 375 px phone: the header's 我的 → 注册 → the 6-digit code from the mail in the pickup folder →
/// 确认邮箱 → 登录 → the personal area.
/// </summary>
public sealed class AccountBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60); // the outbox is delivered every 15 s
    const string Email = "teacher.wu@example.cn";
    const string Password = "my-class-loves-science";

    [Fact]
    public async Task Sign_up_confirm_with_the_mailed_code_sign_in_and_see_my_page_on_a_phone()
    {
        using var browser = Browser.StartPhone(375, 812);
        browser.Navigate().GoToUrl(app.BaseUrl + "/lingnan/");
        var header = browser.FindElement(By.CssSelector(".account-nav a"));
        Assert.Equal("我的", header.Text);
        header.Click();
        browser.WaitForText("h1", "登录");
        browser.FindElement(By.LinkText("注册账号")).Click();
        browser.WaitForText("h1", "注册账号");

        browser.FindElement(By.Name("email")).SendKeys(Email);
        browser.FindElement(By.Name("password")).SendKeys(Password);
        browser.FindElement(By.Name("displayName")).SendKeys("吴老师");
        browser.FindElement(By.Name("phone")).SendKeys("13812345678");
        Click(browser, browser.FindElement(By.Name("consent")));
        Assert.Equal(0, browser.Overflow());
        browser.SaveFullPage("account-1-sign-up-phone");
        Click(browser, browser.FindElement(By.CssSelector(".account-form button[type=submit]")));
        browser.WaitForText("h1", "确认邮箱");
        browser.WaitForText(".form-message", "我们已向该邮箱发送了一封邮件");

        var mail = await WaitForMailAsync(Email, "请确认邮箱");
        var code = System.Text.RegularExpressions.Regex.Match(mail.HtmlBody ?? "", "class=\"code\">([0-9]{6})<").Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", code);
        var codeField = browser.FindElement(By.Name("code"));
        codeField.SendKeys(code);
        Assert.Equal(Email, browser.FindElement(By.CssSelector(".account-form input[name=email]")).GetAttribute("value"));
        browser.Save("account-2-confirm-phone");
        Click(browser, browser.FindElement(By.CssSelector(".account-form button[type=submit]")));
        browser.WaitForText(".form-message", "邮箱已确认");

        browser.FindElement(By.Name("email")).SendKeys(Email);
        browser.FindElement(By.Name("password")).SendKeys(Password);
        browser.Save("account-3-sign-in-phone");
        Click(browser, browser.FindElement(By.CssSelector(".account-form button[type=submit]")));
        browser.WaitForText("h1", "我的");
        browser.WaitForText(".my-account", "吴老师");
        browser.WaitForText(".my-account", "邮箱已确认");
        browser.WaitForText("#registrations", "暂无报名");
        Assert.Equal(0, browser.Overflow());
        browser.SaveFullPage("account-4-my-phone");

        // The same account on another site: signed in there too (one cookie for the platform).
        browser.Navigate().GoToUrl(app.BaseUrl + "/carnival/my");
        browser.WaitForText(".my-account", "吴老师");
        Assert.Equal(0, browser.Overflow());
        browser.Save("account-5-my-other-site-phone");
    }

    static void Click(ChromeDriver browser, IWebElement element)
    {
        browser.ExecuteScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.Click();
    }

    async Task<MimeMessage> WaitForMailAsync(string to, string subjectStart)
    {
        var deadline = DateTime.UtcNow + MailTimeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.Exists(app.MailPickup) ? Directory.GetFiles(app.MailPickup, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                if (message.To.Mailboxes.Any(m => m.Address == to) && (message.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal))
                    return message;
                message.Dispose();
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"No mail '{subjectStart}…' to {to} in {app.MailPickup} within {MailTimeout.TotalSeconds} s");
        return null!;
    }
}
