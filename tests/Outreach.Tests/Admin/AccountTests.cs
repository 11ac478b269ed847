using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Admin;

public sealed class AccountFixture() : SitesFixture("alpha", "beta");

public sealed class AccountTests(AccountFixture fixture) : IClassFixture<AccountFixture>
{
    AccountAdministration Accounts => fixture.App.Services.GetRequiredService<AccountAdministration>();

    [Theory]
    [InlineData("short7c", "至少需要 8 个字符")]
    [InlineData("12345678", "太常见")]
    [InlineData("woaini1314", "太常见")]
    public async Task Weak_passwords_are_refused_with_a_chinese_reason(string password, string reason)
    {
        var result = await Accounts.CreateAsync($"weak-{Guid.NewGuid():N}@example.cn", password, platformAdmin: false);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(reason));
    }

    [Fact]
    public async Task Long_passphrases_without_composition_rules_are_accepted_up_to_128_characters()
    {
        Assert.True((await Accounts.CreateAsync($"long-{Guid.NewGuid():N}@example.cn", new string('岭', 64), false)).Succeeded);
        Assert.True((await Accounts.CreateAsync($"long-{Guid.NewGuid():N}@example.cn", "correct horse battery staple", false)).Succeeded);
        Assert.False((await Accounts.CreateAsync($"long-{Guid.NewGuid():N}@example.cn", new string('a', 129), false)).Succeeded);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_account_get_the_same_answer()
    {
        await fixture.App.CreateUserAsync("same-answer@example.cn");
        var client = fixture.App.CreatePlainClient();
        var wrong = await client.PostFormAsync("/alpha/admin/login", new() { ["Email"] = "same-answer@example.cn", ["Password"] = "not-the-password" });
        var unknown = await client.PostFormAsync("/alpha/admin/login", new() { ["Email"] = "nobody-here@example.cn", ["Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("邮箱或密码不正确", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("邮箱或密码不正确", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_sign_in_form_gets_a_message_not_an_error()
    {
        var response = await fixture.App.CreatePlainClient().PostFormAsync("/alpha/admin/login", new() { ["Email"] = "", ["Password"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请输入邮箱和密码", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await fixture.App.CreateUserAsync("locked@example.cn");
        var client = fixture.App.CreatePlainClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/alpha/admin/login", new() { ["Email"] = "locked@example.cn", ["Password"] = "wrong-password-" + i });
        var right = await client.PostFormAsync("/alpha/admin/login", new() { ["Email"] = "locked@example.cn", ["Password"] = People.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the form again, not a redirect into the admin
        Assert.Contains("邮箱或密码不正确", await right.Content.ReadAsStringAsync());
        var failures = await fixture.App.WithSiteAsync(null, db => db.Set<AuditEntry>().CountAsync(a => a.Action == "signin.failed" && a.Target == "l***@example.cn"));
        Assert.True(failures >= 6);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_rejected()
    {
        await fixture.App.CreateUserAsync("csrf@example.cn");
        var client = fixture.App.CreatePlainClient();
        var response = await client.PostAsync("/alpha/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "csrf@example.cn", ["Password"] = People.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_follows_only_local_return_urls_and_sets_a_safe_cookie()
    {
        await fixture.App.CreateUserAsync("return@example.cn");
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var evil = await client.PostFormAsync("/alpha/admin/login?ReturnUrl=https%3A%2F%2Fevil.example.com%2F",
            new() { ["Email"] = "return@example.cn", ["Password"] = People.Password, ["ReturnUrl"] = "https://evil.example.com/" }, "/alpha/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, evil.StatusCode);
        Assert.Equal("/alpha/admin", evil.Headers.Location?.ToString());
        var cookie = evil.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Outreach.Auth", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
