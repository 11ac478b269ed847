using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Accounts;

/// <summary>
/// The real app with two sites that take event registrations ("north", "south"). A test may say which client
/// address a request comes from (header <c>X-Test-Client-IP</c>), as a proxy's forwarded header would, so per-IP
/// limits can be tested without one test's failures counting against another's.
/// </summary>
public sealed class AccountsApp : OutreachFactory
{
    public const string ClientIpHeader = "X-Test-Client-IP";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientIpFromHeader>());
    }

    sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (System.Net.IPAddress.TryParse(http.Request.Headers[ClientIpHeader].ToString(), out var ip)) http.Connection.RemoteIpAddress = ip;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public class AccountsFixture : IAsyncLifetime
{
    public AccountsApp App { get; private set; } = null!;

    protected virtual Dictionary<string, string> Settings => [];

    public async ValueTask InitializeAsync()
    {
        App = new AccountsApp { Settings = Settings };
        _ = App.Server;
        foreach (var (name, title) in new[] { ("north", "粤北科普协会"), ("south", "粤南科技学会") })
        {
            var file = Path.Combine(App.DataDir, name + ".recipe.json");
            await File.WriteAllTextAsync(file, $$"""
                { "site": { "name": "{{name}}", "displayName": "{{title}}", "prefix": "{{name}}", "theme": "Academic",
                  "modules": ["Pages", "Events", "Registration"] }, "steps": [] }
                """);
            await App.Services.GetRequiredService<RecipeRunner>().RunFileAsync(file);
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Account API calls as an app would make them.</summary>
public static partial class AccountCalls
{
    public const string Password = "a-long-passphrase-2026";

    public static HttpClient Client(this AccountsApp app, string? ip = null)
    {
        var client = app.CreatePlainClient();
        if (ip is not null) client.DefaultRequestHeaders.Add(AccountsApp.ClientIpHeader, ip);
        return client;
    }

    public static Task<HttpResponseMessage> SignUpAsync(this HttpClient client, string email, string site = "north", string name = "陈老师", string? phone = null) =>
        client.PostAsJsonAsync($"/{site}/api/v1/account/register", new { email, password = Password, displayName = name, phone });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = Password, string site = "north") =>
        client.PostAsJsonAsync($"/{site}/api/v1/account/login", new { email, password });

    /// <summary>Signs in through the API and returns a client that sends the bearer token.</summary>
    public static async Task<(HttpClient Client, JsonObject Tokens)> BearerAsync(this AccountsApp app, string email, string password = Password)
    {
        var response = await app.Client().LoginAsync(email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var tokens = JsonNode.Parse(body)!.AsObject();
        var client = app.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        return (client, tokens);
    }

    [GeneratedRegex("class=\"code\">([0-9]{6})<")]
    private static partial Regex CodeInMail();

    [GeneratedRegex("href=\"(https?://[^\"]+/account/(?:confirm|reset-password)\\?token=[^\"]+)\"")]
    private static partial Regex LinkInMail();

    /// <summary>Delivers the outbox to the pickup folder and reads the newest mail to <paramref name="to"/> from its .eml file.</summary>
    public static async Task<MimeKit.MimeMessage> PickupMailAsync(this AccountsApp app, string to)
    {
        var row = await app.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ToAddress == to).OrderByDescending(m => m.Id).FirstOrDefaultAsync());
        Assert.True(row is not null, "no mail to " + to);
        await app.Services.GetRequiredService<DeliverOutboxJob>().RunAsync();
        var eml = Path.Combine(app.DataDir, "mail-pickup", row.MessageId.Replace("@", "_") + ".eml");
        Assert.True(File.Exists(eml), eml);
        return await MimeKit.MimeMessage.LoadAsync(eml);
    }

    public static string Code(MimeKit.MimeMessage mail) => CodeInMail().Match(mail.HtmlBody ?? "").Groups[1].Value;

    public static string Link(MimeKit.MimeMessage mail) => System.Net.WebUtility.HtmlDecode(LinkInMail().Match(mail.HtmlBody ?? "").Groups[1].Value);

    /// <summary>Signs up through the API and confirms with the mailed code.</summary>
    public static async Task SignUpConfirmedAsync(this AccountsApp app, string email, string name = "陈老师")
    {
        var client = app.Client();
        Assert.True((await client.SignUpAsync(email, name: name)).IsSuccessStatusCode);
        var code = Code(await app.PickupMailAsync(email));
        var confirmed = await client.PostAsJsonAsync("/north/api/v1/account/confirmEmail", new { email, code });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
    }

    public static Task<T> UserAsync<T>(this AccountsApp app, string email, Func<OutreachUser?, T> read) =>
        app.WithSiteAsync(null, async db => read(await db.Set<OutreachUser>().AsNoTracking().FirstOrDefaultAsync(u => u.Email == email)));
}
