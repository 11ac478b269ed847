using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Accounts;

/// <summary>Phone numbers are verified by SMS on this platform.</summary>
public sealed class PhoneFixture : AccountsFixture
{
    protected override Dictionary<string, string> Settings => new() { ["Outreach:Accounts:VerifyPhone"] = "true" };
}

/// <summary>The HTML side (forms with antiforgery, cookie sign-in, /my), SMS verification and the OpenAPI document.</summary>
public sealed partial class AccountPagesTests(PhoneFixture fixture) : IClassFixture<PhoneFixture>
{
    AccountsApp App => fixture.App;

    HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Sign_up_confirm_sign_in_and_delete_through_the_pages()
    {
        var email = $"page-{Guid.NewGuid():N}"[..13] + "@example.cn";
        var browser = Browser();
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = AccountCalls.Password, ["displayName"] = "黄老师", ["phone"] = "" };
        var noConsent = await browser.PostFormAsync("/south/account/register", new(fields));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.Contains("请阅读并同意个人信息处理说明", await noConsent.Content.ReadAsStringAsync());
        Assert.False(await App.UserAsync(email, u => u is not null)); // nothing written

        fields["consent"] = "true";
        var signedUp = await browser.PostFormAsync("/south/account/register", new(fields));
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);
        Assert.Contains("确认邮箱", await signedUp.Content.ReadAsStringAsync());

        // The mailed link opens the form with address and code filled in.
        var link = AccountCalls.Link(await App.PickupMailAsync(email));
        var form = await browser.GetStringAsync(new Uri(link).PathAndQuery);
        var code = CodeField().Match(form).Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", code);
        var confirmed = await browser.PostFormAsync("/south/account/confirm", new() { ["email"] = email, ["code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/south/account/login?m=confirmed", confirmed.Headers.Location!.OriginalString);

        var wrong = await browser.PostFormAsync("/south/account/login", new() { ["email"] = email, ["password"] = "wrong-password" });
        Assert.Contains("邮箱或密码不正确", await wrong.Content.ReadAsStringAsync());
        var login = await browser.PostFormAsync("/south/account/login", new() { ["email"] = email, ["password"] = AccountCalls.Password, ["returnUrl"] = "https://evil.example/" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/south/my", login.Headers.Location!.OriginalString); // never off-site
        var my = await browser.GetStringAsync("/south/my");
        Assert.Contains("黄老师", my);
        Assert.Contains("邮箱已确认", my);

        var keep = await browser.PostFormAsync("/south/my/delete", new() { ["password"] = "not-it" }, "/south/my");
        Assert.Equal(HttpStatusCode.BadRequest, keep.StatusCode);
        Assert.True(await App.UserAsync(email, u => u is not null));
        var deleted = await browser.PostFormAsync("/south/my/delete", new() { ["password"] = AccountCalls.Password }, "/south/my");
        Assert.Equal("/south/account/login?m=deleted", deleted.Headers.Location!.OriginalString);
        Assert.True(await App.UserAsync(email, u => u is null));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/south/my")).StatusCode); // signed out
    }

    [Fact]
    public async Task Account_pages_render_in_english_too()
    {
        var page = await App.CreatePlainClient().GetStringAsync("/north/account/register?culture=en");
        Assert.Contains("Create an account", page);
        Assert.Contains("Name to show", page);
    }

    [Fact]
    public async Task A_new_phone_number_gets_an_sms_code_in_the_pickup_folder_that_verifies_it()
    {
        var email = $"sms-{Guid.NewGuid():N}"[..12] + "@example.cn";
        await App.SignUpConfirmedAsync(email);
        var (bearer, _) = await App.BearerAsync(email);
        var changed = await bearer.PostAsJsonAsync("/north/api/v1/account/manage/info", new { phone = "13700001111" });
        Assert.False((await changed.Content.ReadFromJsonAsync<JsonObject>())!["isPhoneConfirmed"]!.GetValue<bool>());

        var folder = Path.Combine(App.DataDir, "sms-pickup");
        var sms = Directory.GetFiles(folder, "*.txt").Select(File.ReadAllText).Single(t => t.StartsWith("To: 13700001111", StringComparison.Ordinal));
        var code = SmsCode().Match(sms).Groups[1].Value;
        Assert.Equal(HttpStatusCode.BadRequest, (await bearer.PostAsJsonAsync("/north/api/v1/account/manage/confirmPhone", new { code = "000000" == code ? "111111" : "000000" })).StatusCode);
        var confirmed = await bearer.PostAsJsonAsync("/north/api/v1/account/manage/confirmPhone", new { code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonObject>())!["isPhoneConfirmed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_account_api_with_its_answers()
    {
        var doc = (await App.CreatePlainClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "register", "login", "refresh", "confirmEmail", "forgotPassword", "resetPassword", "manage/info", "manage/data", "manage" })
            Assert.True(paths.ContainsKey("/api/v1/account/" + path), path);
        var login = paths["/api/v1/account/login"]!["post"]!["responses"]!.AsObject();
        Assert.True(login.ContainsKey("200"));
        Assert.True(login.ContainsKey("400"));
    }

    [GeneratedRegex("name=\"code\" value=\"([0-9]{6})\"")]
    private static partial Regex CodeField();

    [GeneratedRegex("验证码是 ([0-9]{6})")]
    private static partial Regex SmsCode();
}
