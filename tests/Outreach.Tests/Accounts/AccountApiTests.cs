using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Security;
using Outreach.Registration;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Accounts;

/// <summary>Public accounts through the JSON API and the personal area, on the real app, database and pickup folder.</summary>
public sealed class AccountApiTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    AccountsApp App => fixture.App;

    static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 9)] + "@example.cn";

    [Fact]
    public async Task Sign_up_confirm_with_the_mailed_code_sign_in_and_use_the_bearer_token_for_my_and_manage_info()
    {
        var email = NewEmail("lin");
        var client = App.Client();
        var signUp = await client.SignUpAsync(email, name: "林老师", phone: "139 1234 5678");
        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);

        var mail = await App.PickupMailAsync(email);
        Assert.StartsWith("请确认邮箱", mail.Subject);
        var code = AccountCalls.Code(mail);
        Assert.Matches("^[0-9]{6}$", code);
        var link = AccountCalls.Link(mail);
        Assert.StartsWith("http://localhost/north/account/confirm?token=", link); // the configured origin, not the Host header
        Assert.DoesNotContain("@", link);
        Assert.DoesNotContain(code, link);

        var confirmed = await client.PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email, code });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var login = await client.LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", tokens["tokenType"]!.GetValue<string>());
        Assert.Equal(15 * 60, tokens["expiresIn"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(tokens["refreshToken"]!.GetValue<string>()));

        var bearer = App.CreatePlainClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        var info = await bearer.GetFromJsonAsync<JsonObject>("/north/api/v1/account/manage/info");
        Assert.Equal(email, info!["email"]!.GetValue<string>());
        Assert.True(info["isEmailConfirmed"]!.GetValue<bool>());
        Assert.Equal("林老师", info["displayName"]!.GetValue<string>());
        Assert.Equal("13912345678", info["phone"]!.GetValue<string>());
        // One account on every site.
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/south/api/v1/account/manage/info")).StatusCode);

        var my = await bearer.GetAsync("/north/my");
        Assert.Equal(HttpStatusCode.OK, my.StatusCode);
        Assert.True(my.Headers.CacheControl?.NoStore);
        var page = await my.Content.ReadAsStringAsync();
        Assert.Contains("林老师", page);
        Assert.Contains("邮箱已确认", page);
        Assert.Contains("我的报名", page);

        // Without a token: 401 for the API, the sign-in page for people.
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().GetAsync("/north/api/v1/account/manage/info")).StatusCode);
        var anonymous = await App.Client().GetAsync("/north/my");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/north/account/login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_until_the_password_changes()
    {
        var email = NewEmail("refresh");
        await App.SignUpConfirmedAsync(email);
        var (bearer, tokens) = await App.BearerAsync(email);
        var refresh = tokens["refreshToken"]!.GetValue<string>();
        var fresh = await App.Client().PostAsJsonAsync("/north/api/v1/account/refresh", new { refreshToken = refresh });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PostAsJsonAsync("/north/api/v1/account/refresh", new { refreshToken = "forged" })).StatusCode);

        var changed = await bearer.PostAsJsonAsync("/north/api/v1/account/manage/info", new { oldPassword = AccountCalls.Password, newPassword = "another-long-passphrase" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PostAsJsonAsync("/north/api/v1/account/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Client().LoginAsync(email, "another-long-passphrase")).StatusCode);
    }

    [Fact]
    public async Task Unconfirmed_accounts_can_sign_in_but_are_marked_unconfirmed()
    {
        var email = NewEmail("pending");
        Assert.Equal(HttpStatusCode.OK, (await App.Client().SignUpAsync(email)).StatusCode);
        var (bearer, _) = await App.BearerAsync(email);
        var info = await bearer.GetFromJsonAsync<JsonObject>("/north/api/v1/account/manage/info");
        Assert.False(info!["isEmailConfirmed"]!.GetValue<bool>());
        Assert.Contains("邮箱尚未确认", await bearer.GetStringAsync("/north/my"));
    }

    [Fact]
    public async Task Accounts_made_by_users_create_are_confirmed()
    {
        var email = NewEmail("cli");
        await App.CreateUserAsync(email);
        var (bearer, _) = await App.BearerAsync(email, People.Password);
        Assert.True((await bearer.GetFromJsonAsync<JsonObject>("/north/api/v1/account/manage/info"))!["isEmailConfirmed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Signing_up_again_with_a_known_address_gets_the_same_answer_and_a_note_to_its_owner()
    {
        var email = NewEmail("twice");
        var first = await App.Client().SignUpAsync(email, name: "王老师");
        var second = await App.Client().SignUpAsync(email, name: "冒名者");
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var note = await App.PickupMailAsync(email);
        Assert.StartsWith("有人用您的邮箱尝试注册", note.Subject);
        Assert.Contains("王老师", note.HtmlBody); // addressed to the owner, not to whoever tried
        Assert.Equal(1, await App.WithSiteAsync(null, db => db.Set<OutreachUser>().CountAsync(u => u.Email == email)));
        Assert.Equal("王老师", await App.UserAsync(email, u => u!.DisplayName));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_chinese_problems_naming_the_field()
    {
        var client = App.Client();
        var bad = await client.PostAsJsonAsync("/north/api/v1/account/register", new { email = "a.b,c@evil.example", password = "12345678", displayName = "x\ny" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("邮箱格式不正确", errors["email"]![0]!.GetValue<string>());
        Assert.Contains("控制字符", errors["displayName"]![0]!.GetValue<string>());

        var apostrophe = await client.PostAsJsonAsync("/north/api/v1/account/register", new { email = $"o'brien-{Guid.NewGuid():N}"[..12] + "@example.cn", password = AccountCalls.Password, displayName = "O'Brien" });
        Assert.Equal(HttpStatusCode.OK, apostrophe.StatusCode); // a valid address is a valid account name

        var weak = await client.PostAsJsonAsync("/north/api/v1/account/register", new { email = NewEmail("weak"), password = "12345678", displayName = "张三" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("太常见", (await weak.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["password"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_code_does_not_confirm_and_five_wrong_codes_void_it()
    {
        var email = NewEmail("guess");
        var client = App.Client("10.0.0.21");
        await client.SignUpAsync(email);
        var code = AccountCalls.Code(await App.PickupMailAsync(email));
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            var attempt = await client.PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email, code = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
            Assert.Contains("code", (await attempt.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
        }
        var late = await client.PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email, code });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode); // the right code, but too late
        Assert.False(await App.UserAsync(email, u => u!.EmailConfirmed));

        // A new code works (positive control).
        await client.PostAsJsonAsync("/north/api/v1/account/resendConfirmationEmail", new { email });
        var fresh = AccountCalls.Code(await App.PickupMailAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email, code = fresh })).StatusCode);
        Assert.True(await App.UserAsync(email, u => u!.EmailConfirmed));
    }

    [Fact]
    public async Task Forgot_password_mails_a_code_that_sets_a_new_password_once()
    {
        var email = NewEmail("forgot");
        await App.SignUpConfirmedAsync(email);
        var client = App.Client();
        var unknown = await client.PostAsJsonAsync("/north/api/v1/account/forgotPassword", new { email = NewEmail("nobody") });
        var known = await client.PostAsJsonAsync("/north/api/v1/account/forgotPassword", new { email });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());

        var mail = await App.PickupMailAsync(email);
        Assert.StartsWith("重置密码验证码", mail.Subject);
        var code = AccountCalls.Code(mail);
        var reset = await client.PostAsJsonAsync("/north/api/v1/account/resetPassword", new { email, resetCode = code, newPassword = "brand-new-passphrase" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email, "brand-new-passphrase")).StatusCode);
        var again = await client.PostAsJsonAsync("/north/api/v1/account/resetPassword", new { email, resetCode = code, newPassword = "third-passphrase-x" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Changing_the_email_takes_effect_only_after_the_new_address_confirms_its_code()
    {
        var email = NewEmail("old");
        var next = NewEmail("new");
        await App.SignUpConfirmedAsync(email);
        var (bearer, _) = await App.BearerAsync(email);
        var asked = await bearer.PostAsJsonAsync("/north/api/v1/account/manage/info", new { newEmail = next, phone = "13800138000" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var info = (await asked.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(email, info["email"]!.GetValue<string>());
        Assert.Equal("13800138000", info["phone"]!.GetValue<string>());

        var mail = await App.PickupMailAsync(next);
        Assert.StartsWith("请确认新邮箱", mail.Subject);
        var confirmed = await App.Client().PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email = next, code = AccountCalls.Code(mail) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Client().LoginAsync(next)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().LoginAsync(email)).StatusCode);
    }

    [Fact]
    public async Task The_same_account_sees_its_registrations_of_two_sites_on_one_page_and_in_its_data()
    {
        var email = NewEmail("both");
        await App.SignUpConfirmedAsync(email, "赵老师");
        var (bearer, _) = await App.BearerAsync(email);
        var northEvent = await RegisterForNewEventAsync(bearer, "north", "粤北星空观测夜");
        var southEvent = await RegisterForNewEventAsync(bearer, "south", "粤南海洋科普周");

        foreach (var site in new[] { "north", "south" })
        {
            var page = await bearer.GetStringAsync($"/{site}/my");
            Assert.Contains("粤北星空观测夜", page);
            Assert.Contains("粤南海洋科普周", page);
            Assert.Contains("/north/registrations/", page); // each links to its own site's manage page
            Assert.Contains("/south/registrations/", page);
        }
        // The old address of the list leads to the section.
        var moved = await bearer.GetAsync("/north/my/registrations");
        Assert.Equal("/north/my#registrations", moved.Headers.Location!.OriginalString);

        // A stranger's /my does not show them (positive control above).
        var other = NewEmail("other");
        await App.SignUpConfirmedAsync(other);
        var (stranger, _) = await App.BearerAsync(other);
        Assert.DoesNotContain("粤北星空观测夜", await stranger.GetStringAsync("/north/my"));

        var data = await bearer.GetFromJsonAsync<JsonObject>("/north/api/v1/account/manage/data");
        Assert.Equal(email, data!["account"]!["email"]!.GetValue<string>());
        var registrations = data["sections"]!["registrations"]!.AsArray();
        Assert.Equal(2, registrations.Count);
        Assert.Contains(registrations, r => r!["event"]!.GetValue<string>() == northEvent);
        var download = await bearer.GetAsync("/north/my/data.json");
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains("粤南海洋科普周", await download.Content.ReadAsStringAsync());
        _ = southEvent;
    }

    [Fact]
    public async Task Deleting_the_account_needs_its_password_removes_it_and_unlinks_its_registrations()
    {
        var email = NewEmail("leave");
        await App.SignUpConfirmedAsync(email);
        var (bearer, tokens) = await App.BearerAsync(email);
        await RegisterForNewEventAsync(bearer, "north", "告别前的讲座");
        var userId = await App.UserAsync(email, u => u!.Id);

        var wrong = await bearer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/north/api/v1/account/manage") { Content = JsonContent.Create(new { password = "not-my-password" }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True(await App.UserAsync(email, u => u is not null));

        var gone = await bearer.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/north/api/v1/account/manage") { Content = JsonContent.Create(new { password = AccountCalls.Password }) });
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        Assert.True(await App.UserAsync(email, u => u is null));
        Assert.Equal(0, await App.WithSiteAsync(null, db => db.Set<Registration.Registration>().IgnoreQueryFilters().CountAsync(r => r.UserId == userId)));
        Assert.Equal(1, await App.WithSiteAsync(null, db => db.Set<Registration.Registration>().IgnoreQueryFilters().CountAsync(r => r.Email == email)));
        Assert.Equal(0, await App.WithSiteAsync(null, db => db.Set<AuditEntry>().CountAsync(a => a.Actor == email || a.Target == email)));
        Assert.True(await App.WithSiteAsync(null, db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "account.deleted")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().LoginAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await App.Client().PostAsJsonAsync("/north/api/v1/account/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/north/api/v1/account/manage/info")).StatusCode);
    }

    [Fact]
    public async Task Account_tokens_do_not_open_the_admin_api_and_platform_tokens_keep_working()
    {
        var email = NewEmail("notadmin");
        await App.SignUpConfirmedAsync(email);
        var (bearer, _) = await App.BearerAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.GetAsync("/north/api/v1/admin/pages")).StatusCode);
        var platform = App.CreatePlainClient();
        platform.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateTokenAsync("north", SiteRole.Editor));
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/north/api/v1/admin/pages")).StatusCode);
        // A platform token is no person: it has no account.
        Assert.Equal(HttpStatusCode.Unauthorized, (await platform.GetAsync("/north/api/v1/account/manage/info")).StatusCode);
    }

    /// <summary>A published event with one open option on the site; the signed-in person registers for it. Returns its title.</summary>
    async Task<string> RegisterForNewEventAsync(HttpClient person, string site, string title)
    {
        var admin = App.CreatePlainClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateTokenAsync(site, SiteRole.SiteAdmin));
        var created = await admin.PostAsJsonAsync($"/{site}/api/v1/admin/events", new
        {
            title, startsAt = "2026-10-01T09:00:00+08:00", endsAt = "2026-10-01T17:00:00+08:00", city = "广州", type = "lecture", publish = true,
            registration = new { options = new[] { new { name = "全天", capacity = 50 } } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var ev = await App.CreatePlainClient().GetFromJsonAsync<JsonObject>($"/{site}/api/v1/events/{id}");
        var option = ev!["registration"]!["options"]![0]!["id"]!.GetValue<int>();
        var me = await person.GetFromJsonAsync<JsonObject>($"/{site}/api/v1/account/manage/info");
        var registered = await person.PostAsJsonAsync($"/{site}/api/v1/events/{id}/registrations", new
        {
            optionId = option, name = "赵老师", phone = "139" + Random.Shared.Next(10_000_000, 99_999_999), email = me!["email"]!.GetValue<string>(),
            groupSize = 1, answers = new { }, consent = true,
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return title;
    }
}
