using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Outreach.BrowserTests;

/// <summary>The demo sites and a confirmed account that will apply as a lecturer on laokexie.</summary>
public sealed class LecturersApp : RunningApp
{
    public const string ApplicantEmail = "applicant@laokexie.example.cn";
    public const string ApplicantPassword = "browser-lecturer-passphrase";

    /// <summary>A second confirmed account that only opens the form (the first one submits it).</summary>
    public const string ReaderEmail = "reader@laokexie.example.cn";

    protected override async Task PrepareAsync()
    {
        await RunCliAsync("users", "create", "--email", ApplicantEmail, "--password", ApplicantPassword);
        await RunCliAsync("users", "create", "--email", ReaderEmail, "--password", ApplicantPassword);
    }

    /// <summary>A demo lecturer of laokexie who is in a team: the profile's and the team's paths.</summary>
    public async Task<(string Profile, string Team)> LecturerInATeamAsync()
    {
        using var http = new HttpClient();
        var list = JsonNode.Parse(await http.GetStringAsync(BaseUrl + "/laokexie/api/v1/lecturers"))!;
        var lecturer = list["items"]!.AsArray().First(i => i!["teams"]!.AsArray().Count > 0)!;
        return (new Uri(lecturer["url"]!.GetValue<string>()).AbsolutePath, new Uri(lecturer["teams"]![0]!["url"]!.GetValue<string>()).AbsolutePath);
    }
}

/// <summary>A retired scientist on a 375 px phone applies through the form, and the public finds lecturers in the directory.</summary>
public sealed class LecturerBrowserTests(LecturersApp app) : IClassFixture<LecturersApp>
{
    [Fact]
    public void The_apply_form_and_the_directory_work_on_a_375_px_phone()
    {
        using var phone = Browser.StartPhone(375, 812);

        // The directory: demo lecturers, filters, nothing sticking out sideways.
        phone.Navigate().GoToUrl($"{app.BaseUrl}/laokexie/lecturers");
        phone.WaitForText("h1", "科普讲师团");
        Assert.True(phone.FindElements(By.CssSelector("li.lecturer")).Count >= 5);
        Assert.Equal(0, phone.Overflow());
        phone.Save("lecturers-1-directory-375");
        // The search index is built in the background after start: reload until it has caught up (ready).
        var searchUrl = $"{app.BaseUrl}/laokexie/lecturers?q={Uri.EscapeDataString("心血管")}";
        var deadline = DateTime.UtcNow.AddSeconds(180);
        phone.Navigate().GoToUrl(searchUrl);
        while (!phone.FindElements(By.CssSelector("li.lecturer")).Any(e => e.Text.Contains("陈国良")) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(2000);
            phone.Navigate().GoToUrl(searchUrl);
        }
        phone.WaitForText("li.lecturer", "陈国良", seconds: 5);
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("lecturers-2-search-375");
        phone.FindElement(By.LinkText("陈国良")).Click();
        phone.WaitForText(".lecture-menu", "心血管健康");
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("lecturers-3-profile-375");

        // Sign in, then the form.
        phone.Navigate().GoToUrl($"{app.BaseUrl}/laokexie/account/login?returnUrl=%2Flaokexie%2Flecturers%2Fapply");
        phone.FindElement(By.Name("email")).SendKeys(LecturersApp.ApplicantEmail);
        phone.FindElement(By.Name("password")).SendKeys(LecturersApp.ApplicantPassword);
        phone.FindElement(By.CssSelector("form button[type=submit]")).Click();
        phone.WaitForText("h1", "申请成为科普讲师");
        Assert.Equal(0, phone.Overflow());

        Type(phone, "name", "温振华");
        phone.FindElement(By.CssSelector("select[name=titleLevel] option[value=senior]")).Click();
        Type(phone, "organisation", "广东省林业科学研究院（退休）");
        Type(phone, "professionalTitle", "研究员");
        Check(phone, "fields", "forestry");
        Type(phone, "topic_title_0", "森林防火与山林安全");
        Type(phone, "topic_summary_0", "山区学校和村民怎样预防和应对山火。");
        Check(phone, "topic_audience_0", "students");
        Check(phone, "topic_audience_0", "farmers");
        Check(phone, "cities", "清远");
        Check(phone, "cities", "韶关");
        Check(phone, "languages", "mandarin");
        Check(phone, "languages", "hakka");
        Check(phone, "days", "weekdays");
        Check(phone, "privateFields", "organisation");
        Check(phone, "consent", "true");
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("lecturers-4-apply-form-375");
        var submit = phone.FindElement(By.CssSelector("form.lecturer-form button[type=submit]"));
        phone.ExecuteScript("arguments[0].scrollIntoView({block:'center'})", submit);
        submit.Click();
        phone.WaitForText(".form-message", "已提交");
        Assert.Equal(0, phone.Overflow());
        phone.Save("lecturers-5-submitted-375");

        // /my shows the state.
        phone.Navigate().GoToUrl($"{app.BaseUrl}/laokexie/my");
        phone.WaitForText("#lecturer", "待审核");
        Assert.Equal(0, phone.Overflow());
        phone.SaveFullPage("lecturers-6-my-375");
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("elder")]
    public async Task Directory_profile_team_and_apply_form_have_no_serious_or_critical_axe_violations(string mode)
    {
        var (profile, team) = await app.LecturerInATeamAsync();
        using var browser = Browser.StartPhone(375, 812);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/laokexie/lecturers?mode={mode}");
        SignIn(browser, LecturersApp.ReaderEmail, "/laokexie/lecturers/apply");
        browser.WaitForText("h1", "申请成为科普讲师");

        var found = new List<string>();
        foreach (var (path, control) in new[] { ("/laokexie/lecturers", "li.lecturer"), (profile, ".lecture-menu"), (team, "li.lecturer"),
            ("/laokexie/lecturers/apply", "form.lecturer-form input[type=file]") })
        {
            browser.Navigate().GoToUrl(app.BaseUrl + path);
            // Positive controls: the page shows what it is for, in the mode asked for.
            Assert.NotEmpty(browser.FindElements(By.CssSelector(control)));
            Assert.Equal(mode == "elder", (browser.FindElement(By.TagName("html")).GetAttribute("class") ?? "").Contains("elder"));
            found.AddRange(AccessibilityBrowserTests.Check(browser).Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path} [{v.Impact}] {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes)));
            Assert.Equal(0, browser.Overflow());
            if (mode == "elder") browser.SaveFullPage("lecturers-elder-" + path.Split('/')[2] + (path == profile ? "-profile" : path == team ? "-team" : ""));
        }
        Assert.True(found.Count == 0, mode + ":\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData(375)]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Directory_and_profile_fit_the_screen_at_phone_and_desktop_widths(int width)
    {
        var (profile, _) = await app.LecturerInATeamAsync();
        using var browser = width < 800 ? Browser.StartPhone(width, 844) : Browser.StartDesktop(width, 900);
        browser.Navigate().GoToUrl($"{app.BaseUrl}/laokexie/lecturers");
        browser.WaitForText("h1", "科普讲师团");
        Assert.True(browser.FindElements(By.CssSelector("li.lecturer")).Count >= 5);
        Assert.Equal(0, browser.Overflow());
        browser.Save($"lecturers-directory-{width}");
        browser.Navigate().GoToUrl(app.BaseUrl + profile);
        browser.WaitForText(".lecture-menu", "");
        Assert.Equal(0, browser.Overflow());
        browser.SaveFullPage($"lecturers-profile-{width}");
    }

    static void SignIn(ChromeDriver browser, string email, string returnUrl)
    {
        browser.Navigate().GoToUrl($"{browser.Url.Split("/laokexie")[0]}/laokexie/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        browser.FindElement(By.Name("email")).SendKeys(email);
        browser.FindElement(By.Name("password")).SendKeys(LecturersApp.ApplicantPassword);
        browser.FindElement(By.CssSelector("form button[type=submit]")).Click();
    }

    static void Type(ChromeDriver phone, string name, string text)
    {
        var input = phone.FindElement(By.Name(name));
        input.Clear();
        input.SendKeys(text);
    }

    static void Check(ChromeDriver phone, string name, string value)
    {
        var box = phone.FindElement(By.CssSelector($"input[name='{name}'][value='{value}']"));
        phone.ExecuteScript("arguments[0].scrollIntoView({block:'center'})", box);
        if (!box.Selected) phone.ExecuteScript("arguments[0].click()", box);
    }
}
