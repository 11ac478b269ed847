using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Mail;
using Outreach.Core.Security;
using Outreach.Lecturers;
using Outreach.Tests.Infrastructure;

namespace Outreach.Dispatch.Tests;

/// <summary>The real app with every log line kept, so tests can assert what never reaches the log.</summary>
public sealed class DispatchFactory : OutreachFactory
{
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingLoggerProvider(Logs)));
    }

    public static DispatchFactory Create(string? postgres = null) => new()
    {
        PostgresConnection = postgres,
        // The sweeps are driven by the tests with the fake clock; Quartz's own timer would race them.
        Settings = { ["Outreach:Dispatch:RequestsPerIpPerHour"] = "100000", ["Outreach:Scheduler:Enabled"] = "false" },
    };
}

sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(sink, categoryName);
    public void Dispose() { }

    sealed class Logger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>One app per test class: the "county" site (Lecturers + Dispatch, 1.5 h travel allowance), a dispatcher token.</summary>
public class DispatchFixture : IAsyncLifetime
{
    public DispatchFactory App { get; private set; } = null!;
    public string DispatcherToken { get; private set; } = "";

    protected virtual DispatchFactory CreateFactory() => DispatchFactory.Create();

    /// <summary>Sites besides "county" this fixture creates (their dispatcher tokens in <see cref="Tokens"/>).</summary>
    protected virtual string[] OtherSites => [];

    public Dictionary<string, string> Tokens { get; } = [];

    public virtual async ValueTask InitializeAsync()
    {
        App = CreateFactory();
        _ = App.Server;
        await App.RunRecipeAsync("county");
        DispatcherToken = await App.CreateTokenAsync("county", SiteRole.SiteAdmin);
        Tokens["county"] = DispatcherToken;
        foreach (var other in OtherSites)
        {
            await App.RunRecipeAsync(other);
            Tokens[other] = await App.CreateTokenAsync(other, SiteRole.SiteAdmin);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>A client with the SiteAdmin token of a site (the dispatcher there).</summary>
    public HttpClient Dispatcher(string site = "county")
    {
        var client = App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[site]);
        return client;
    }

    static int _n;

    /// <summary>An approved lecturer of the site with an account (its own email), topics and regions; returns the lecturer id and a bearer client.</summary>
    public async Task<(int Id, HttpClient Client, string Email)> LecturerAsync(string name, string topic, string city = "韶关", string county = "",
        string site = "county", AvailableDays days = AvailableDays.Weekdays | AvailableDays.Weekends, string? account = null)
    {
        // account: an existing person's email, who then lectures for this site too (a lecturer record per site).
        var email = account ?? $"lecturer{Interlocked.Increment(ref _n)}-{Guid.NewGuid():N}"[..24] + "@example.cn";
        var userId = account is null ? await App.CreateUserAsync(email)
            : await App.WithSiteAsync(null, db => db.Set<OutreachUser>().Where(u => u.Email == account).Select(u => u.Id).SingleAsync());
        var id = await App.WithSiteAsync(site, async db =>
        {
            var siteId = (await db.Sites.SingleAsync(s => s.Name == site)).Id;
            var l = new Lecturer
            {
                SiteId = siteId, UserId = userId, Slug = "l-" + Guid.NewGuid().ToString("N")[..8], Name = name, Organisation = "韶关学院", TitleLevel = TitleLevel.Senior,
                ProfessionalTitle = "教授", Bio = "退休教授，长期从事科普。", Languages = LecturerLanguages.Mandarin | LecturerLanguages.Hakka, AvailableDays = days,
                Status = LecturerStatus.Approved, ConsentedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, ApprovedAt = DateTimeOffset.UtcNow,
            };
            db.Add(l);
            await db.SaveChangesAsync();
            db.Add(new LecturerTopic { SiteId = siteId, LecturerId = l.Id, Position = 1, Title = topic, Summary = topic + "的常识与误区", Audiences = LectureAudiences.Seniors | LectureAudiences.Farmers, DurationMinutes = 90, Formats = LectureFormats.OnSite });
            db.Add(new LecturerRegion { SiteId = siteId, LecturerId = l.Id, City = city, County = county });
            await db.SaveChangesAsync();
            return l.Id;
        });
        return (id, await BearerAsync(email, site), email);
    }

    /// <summary>A client with a fresh access token (they last minutes; tests move the clock by days).</summary>
    public async Task<HttpClient> BearerAsync(string email, string site = "county")
    {
        var login = await App.CreatePlainClient().PostAsJsonAsync($"/{site}/api/v1/account/login", new { email, password = People.Password });
        var tokens = await login.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(login.IsSuccessStatusCode, tokens?.ToJsonString());
        var client = App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!["accessToken"]!.GetValue<string>());
        return client;
    }

    static int _phone;
    public static string NewPhone() => "137" + Interlocked.Increment(ref _phone).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An order through the public API; returns the response body (id, status, trackUrl).</summary>
    public async Task<JsonObject> OrderAsync(string phone, string? email = null, string topic = "高血压与心脑血管健康", string county = "乳源瑶族自治县",
        string site = "county", int days = 10, string city = "韶关", string audience = "老年人", string organisation = "乳源县必背镇老年协会")
    {
        var first = App.Clock.GetUtcNow().AddDays(days);
        var response = await App.CreatePlainClient().PostAsJsonAsync($"/{site}/api/v1/lecture-requests", new
        {
            organisation, organisationType = "community", city, county, address = "必背镇文化站二楼",
            contactName = "盘秀英", contactPhone = phone, contactEmail = email, topic, audience, audienceSize = 60,
            preferredTimes = new[] { first, first.AddDays(2) }, durationMinutes = 120, online = false, notes = "多数听众讲客家话", consent = true,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The last SMS written to the pickup folder for a phone.</summary>
    public string LastSms(string phone)
    {
        var folder = Path.Combine(App.DataDir, "sms-pickup");
        var texts = Directory.GetFiles(folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).Where(t => t.StartsWith("To: " + phone, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(texts);
        return texts[^1];
    }

    public string CodeFor(string phone) => Regex.Match(LastSms(phone), @"验证码 (\d{6})").Groups[1].Value;

    public static string TokenOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    /// <summary>An order confirmed with the code from the SMS; returns the request id and track token.</summary>
    public async Task<(int Id, string Track)> ConfirmedOrderAsync(string? email = null, string site = "county", int days = 10, string city = "韶关",
        string county = "乳源瑶族自治县", string audience = "老年人", string organisation = "乳源县必背镇老年协会", string topic = "高血压与心脑血管健康")
    {
        var phone = NewPhone();
        var order = await OrderAsync(phone, email, topic, county, site, days, city, audience, organisation);
        var track = TokenOf(order["trackUrl"]!.GetValue<string>());
        var confirm = await App.CreatePlainClient().PostAsJsonAsync($"/{site}/api/v1/lecture-requests/track/{track}/confirm", new { code = CodeFor(phone) });
        Assert.Equal(System.Net.HttpStatusCode.OK, confirm.StatusCode);
        return (order["id"]!.GetValue<int>(), track);
    }

    public Task<int> UserIdOfAsync(string email) =>
        App.WithSiteAsync(null, db => db.Set<OutreachUser>().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A small PNG uploaded through the real media library of a site, as the given account (null: a site token).</summary>
    public async Task<int> UploadPhotoAsync(string site, int? userId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Outreach.Core.Data.OutreachDbContext>();
        scope.ServiceProvider.GetRequiredService<Outreach.Core.Sites.SiteContext>().Enter(await db.Sites.AsNoTracking().SingleAsync(s => s.Name == site));
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(16, 12, new SixLabors.ImageSharp.PixelFormats.Rgba32(40, 120, 80));
        var png = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, png);
        png.Position = 0;
        var file = new Microsoft.AspNetCore.Http.FormFile(png, 0, png.Length, "file", "report.png")
            { Headers = new Microsoft.AspNetCore.Http.HeaderDictionary(), ContentType = "image/png" };
        System.Security.Claims.Claim[] claims = userId is { } id ? [new(OutreachClaims.UserId, id.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [];
        var item = await scope.ServiceProvider.GetRequiredService<Outreach.Media.MediaLibrary>()
            .UploadAsync(file, "讲座现场", new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "test")), default);
        return item.Id;
    }

    public Task<List<OutboxMail>> MailsToAsync(string address, string site = "county") =>
        App.WithSiteAsync(site, db => db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.Id).ToListAsync());

    public Task<T> WithDbAsync<T>(Func<Outreach.Core.Data.OutreachDbContext, Task<T>> work, string site = "county") => App.WithSiteAsync(site, work);
}
