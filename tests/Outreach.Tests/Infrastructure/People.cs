using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Security;

namespace Outreach.Tests.Infrastructure;

/// <summary>Accounts, roles and tokens for tests, made through the same services the app uses.</summary>
public static partial class People
{
    public const string Password = "lingnan-forum-2026";

    public static async Task<int> CreateUserAsync(this OutreachFactory app, string email, bool platformAdmin = false, params (string Site, SiteRole Role)[] roles)
    {
        var result = await app.Services.GetRequiredService<AccountAdministration>().CreateAsync(email, Password, platformAdmin);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return await app.WithSiteAsync(null, async db =>
        {
            var user = await db.Set<OutreachUser>().SingleAsync(u => u.Email == email);
            foreach (var (site, role) in roles)
                db.Add(new SiteMembership { UserId = user.Id, SiteId = (await db.Sites.SingleAsync(s => s.Name == site)).Id, Role = role });
            await db.SaveChangesAsync();
            return user.Id;
        });
    }

    public static Task<string> CreateTokenAsync(this OutreachFactory app, string site, SiteRole role) =>
        app.WithSiteAsync(null, async db =>
        {
            var (token, row) = ApiTokens.Create((await db.Sites.SingleAsync(s => s.Name == site)).Id, role, "test-" + role, DateTimeOffset.UtcNow);
            db.Add(row);
            await db.SaveChangesAsync();
            return token;
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static string Antiforgery(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>A browser-like client (cookies, no auto-redirect) signed in through the login form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this OutreachFactory app, string email, string sitePrefix = "/alpha")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync($"{sitePrefix}/admin/login", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the form page for its antiforgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url.Split('?')[0]);
        fields["__RequestVerificationToken"] = Antiforgery(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
