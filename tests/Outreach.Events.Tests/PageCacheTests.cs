using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Security;
using Outreach.Core.Themes;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>
/// Counts the database commands of each request that names itself in <c>X-Count</c>, so a test can say how many
/// queries a cached hit and a miss cost.
/// </summary>
public sealed class CommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Count";
    readonly ConcurrentDictionary<string, int> _counts = new();

    public int Of(string id) => _counts.GetValueOrDefault(id);

    void Count()
    {
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } id) _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Count(); return result; }
}

/// <summary>The app with <see cref="CommandCounter"/> on its DbContext.</summary>
public sealed class CountingFactory : OutreachFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<CommandCounter>();
            services.ConfigureDbContext<OutreachDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CommandCounter>()));
        });
    }
}

public sealed class PageCacheFixture() : SitesFixture("host", "guest", "portal")
{
    protected override OutreachFactory CreateFactory() => new CountingFactory();
}

/// <summary>Issue #18: anonymous pages from the output cache, never stale after a change, never someone else's.</summary>
public sealed class PageCacheTests(PageCacheFixture f) : IClassFixture<PageCacheFixture>
{
    CommandCounter Counter => f.App.Services.GetRequiredService<CommandCounter>();

    /// <summary>An anonymous GET, counted under a fresh id: (response, body, database commands it ran).</summary>
    async Task<(HttpResponseMessage Response, string Body, int Commands)> GetAsync(string url, HttpClient? client = null)
    {
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(CommandCounter.Header, id);
        var response = await (client ?? f.App.CreatePlainClient()).SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync(), Counter.Of(id));
    }

    static bool FromCache(HttpResponseMessage r) => r.Headers.Age is not null;

    async Task<HttpClient> EditorAsync()
    {
        var client = f.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await f.App.CreateTokenAsync("host", SiteRole.SiteAdmin));
        return client;
    }

    async Task<(int Id, string Slug)> CreateEventAsync(string title, bool publish = true)
    {
        var created = await (await EditorAsync()).PostAsJsonAsync("/host/api/v1/admin/events", new
        {
            title, summary = "缓存测试", startsAt = "2026-09-25T19:30:00+08:00", endsAt = "2026-09-25T21:00:00+08:00",
            city = "广州", type = "lecture", publish,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        return (json.GetProperty("id").GetInt32(), json.GetProperty("slug").GetString()!);
    }

    [Theory]
    [InlineData("/host/events/forum-a", "协作机器人的安全标准")] // agenda and campaign
    [InlineData("/events/portal-own", "上午场")] // registration (form, options, quotas) and a speaker from the library
    [InlineData("/host/", "主办站点")]
    [InlineData("/host/api/v1/events", "forum-a")]
    [InlineData("/api/v1/events", "portal-own")] // with the registration part of each event
    public async Task A_cached_hit_runs_no_query_and_a_miss_at_most_three(string url, string shown)
    {
        await GetAsync(url + "?warm=" + Guid.NewGuid().ToString("N")); // menus and sites read once per site, as after any start
        var miss = await GetAsync(url + "?probe=" + Guid.NewGuid().ToString("N")); // a query value no one asked before
        Assert.Equal(HttpStatusCode.OK, miss.Response.StatusCode);
        Assert.False(FromCache(miss.Response));
        Assert.Contains(shown, miss.Body); // the page read what it shows
        Assert.InRange(miss.Commands, 1, 3);

        await GetAsync(url);
        var hit = await GetAsync(url);
        Assert.True(FromCache(hit.Response), "the second anonymous GET is served from the cache");
        Assert.Equal(0, hit.Commands);
    }

    [Fact]
    public async Task An_event_page_with_registration_shows_seats_and_speakers_read_in_the_same_queries()
    {
        var page = await GetAsync("/events/portal-own?probe=" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("李明", page.Body); // the library speaker of the agenda (read with the event)
        Assert.Contains("开幕讲座：科学与生活", page.Body);
        Assert.Contains("下午场", page.Body); // both options of the registration part (read in one query)
        Assert.Contains("/events/portal-own/register", page.Body);
    }

    [Fact]
    public async Task The_events_api_reads_every_events_registration_in_a_number_of_queries_that_does_not_grow_with_the_page()
    {
        var word = "批量" + Guid.NewGuid().ToString("N")[..6];
        var client = f.App.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await f.App.CreateTokenAsync("portal", SiteRole.SiteAdmin));
        for (var i = 0; i < 5; i++)
        {
            var created = await client.PostAsJsonAsync("/api/v1/admin/events", new
            {
                title = $"{word} 讲座 {i}", summary = "批量读取测试", startsAt = $"2026-10-0{i + 1}T19:30:00+08:00", endsAt = $"2026-10-0{i + 1}T21:00:00+08:00",
                city = "广州", type = "lecture", publish = true,
                registration = new { options = new[] { new { name = "晚场", capacity = 10 + i } } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await GetAsync("/api/v1/events?q=warm" + word); // sites and JIT warm, as after any start

        async Task<(int Items, int WithSeats, int Commands)> ListAsync(string q)
        {
            var (response, body, commands) = await GetAsync("/api/v1/events?q=" + Uri.EscapeDataString(q) + "&probe=" + Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToList();
            var withSeats = items.Count(e => e.TryGetProperty("registration", out var r) && r.GetProperty("options")[0].GetProperty("remaining").GetInt32() >= 10);
            return (items.Count, withSeats, commands);
        }

        var one = await ListAsync(word + " 讲座 3");
        var five = await ListAsync(word);
        Assert.Equal((1, 1), (one.Items, one.WithSeats));
        Assert.Equal((5, 5), (five.Items, five.WithSeats)); // each item carries its own registration part
        Assert.Equal(one.Commands, five.Commands); // not one query per event
        Assert.InRange(five.Commands, 1, 3);
    }

    [Fact]
    public async Task A_cached_page_answers_304_to_its_ETag()
    {
        await GetAsync("/host/events.atom");
        var first = await GetAsync("/host/events.atom");
        var etag = first.Response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Response.Content.Headers.LastModified);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/host/events.atom");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await f.App.CreatePlainClient().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Text_is_compressed_for_clients_that_accept_brotli_or_gzip()
    {
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/host/events");
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await f.App.CreatePlainClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }
        var plain = await GetAsync("/host/events"); // positive control: without Accept-Encoding, plain HTML
        Assert.Empty(plain.Response.Content.Headers.ContentEncoding);
        Assert.Contains("<html", plain.Body);
    }

    [Fact]
    public async Task Publish_edit_and_unpublish_are_visible_on_the_next_request()
    {
        var editor = await EditorAsync();
        var (id, slug) = await CreateEventAsync("缓存草稿讲座", publish: false);
        await GetAsync("/host/events");
        Assert.DoesNotContain("缓存草稿讲座", (await GetAsync("/host/events")).Body);
        Assert.True(FromCache((await GetAsync("/host/events")).Response)); // the list without it is cached

        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsJsonAsync($"/host/api/v1/admin/events/{id}", new { publish = true })).StatusCode);
        Assert.Contains("缓存草稿讲座", (await GetAsync("/host/events")).Body);
        await GetAsync($"/host/events/{slug}");
        Assert.True(FromCache((await GetAsync($"/host/events/{slug}")).Response));

        Assert.Equal(HttpStatusCode.OK, (await editor.PutAsJsonAsync($"/host/api/v1/admin/events/{id}", new { title = "缓存改名讲座", publish = true })).StatusCode);
        var edited = await GetAsync($"/host/events/{slug}");
        Assert.Contains("缓存改名讲座", edited.Body);
        Assert.Contains("缓存改名讲座", (await GetAsync($"/host/api/v1/events/{id}")).Body);

        // Unpublish: back to draft through the content editor, as the admin's "撤回" does.
        await f.App.WithSiteAsync("host", async db =>
        {
            var item = await db.Set<Event>().SingleAsync(e => e.Id == id);
            item.Status = Core.Content.ContentStatus.Draft;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/host/events/{slug}")).Response.StatusCode);
        Assert.DoesNotContain("缓存改名讲座", (await GetAsync("/host/events")).Body);
    }

    [Fact]
    public async Task A_theme_change_is_visible_on_the_next_request()
    {
        await GetAsync("/guest/");
        var before = await GetAsync("/guest/");
        Assert.True(FromCache(before.Response));
        var theme = await f.App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "guest").Select(s => s.Theme).SingleAsync());
        Assert.Contains($"/_themes/{theme}/", before.Body);
        var other = theme == "Youth" ? "Academic" : "Youth";
        await f.App.WithSiteAsync(null, async db =>
        {
            (await db.Sites.SingleAsync(s => s.Name == "guest")).Theme = other;
            return await db.SaveChangesAsync();
        });
        var after = await GetAsync("/guest/");
        Assert.False(FromCache(after.Response));
        Assert.Contains($"/_themes/{other}/", after.Body);
        Assert.DoesNotContain($"/_themes/{theme}/", after.Body);
    }

    [Fact]
    public async Task A_signed_in_person_never_gets_or_leaves_a_cached_page()
    {
        var email = $"cache-{Guid.NewGuid():N}@example.org";
        await f.App.CreateUserAsync(email, roles: ("host", SiteRole.Editor));
        var signedIn = await f.App.SignedInClientAsync(email, "/host");
        var first = await GetAsync("/host/events", signedIn);
        var second = await GetAsync("/host/events", signedIn);
        Assert.Equal(HttpStatusCode.OK, second.Response.StatusCode);
        Assert.False(FromCache(first.Response));
        Assert.False(FromCache(second.Response));
        Assert.True(second.Commands > 0, "rendered for the person, not taken from the cache");

        // Positive control: an anonymous visitor's second GET is a hit, and what it gets is not the signed-in page.
        await GetAsync("/host/events");
        var anonymous = await GetAsync("/host/events");
        Assert.True(FromCache(anonymous.Response));
    }

    [Fact]
    public async Task Pages_with_a_form_or_a_cookie_are_never_cached()
    {
        // The sign-in form carries an antiforgery token: each visitor gets a token of their own.
        var a = await GetAsync("/host/account/login");
        var b = await GetAsync("/host/account/login");
        Assert.Equal(HttpStatusCode.OK, b.Response.StatusCode);
        Assert.False(FromCache(b.Response));
        Assert.NotEqual(People.Antiforgery(a.Body), People.Antiforgery(b.Body));

        // A cacheable page that sets a cookie (the elder-mode switch) is not stored either.
        await GetAsync("/host/events?mode=elder");
        var elder = await GetAsync("/host/events?mode=elder");
        Assert.Contains(DisplayMode.CookieName, string.Join(";", elder.Response.Headers.GetValues("Set-Cookie")));
        Assert.False(FromCache(elder.Response));
    }

    [Fact]
    public async Task No_page_is_served_for_another_site_culture_or_display_mode()
    {
        var host = await GetAsync("/host/events");
        await GetAsync("/guest/events");
        var guest = await GetAsync("/guest/events");
        Assert.True(FromCache(guest.Response));
        var hostName = await f.App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "host").Select(s => s.DisplayNameZh).SingleAsync());
        var guestName = await f.App.WithSiteAsync(null, db => db.Sites.Where(s => s.Name == "guest").Select(s => s.DisplayNameZh).SingleAsync());
        Assert.Contains(hostName, host.Body);
        Assert.Contains(guestName, guest.Body);
        Assert.DoesNotContain(hostName, guest.Body);

        // Culture chosen by cookie: the English page is cached for English visitors only.
        var english = f.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        await GetAsync("/host/events", english);
        var en = await GetAsync("/host/events", english);
        var zh = await GetAsync("/host/events");
        Assert.True(FromCache(en.Response));
        Assert.True(FromCache(zh.Response));
        Assert.Contains("lang=\"en\"", en.Body);
        Assert.Contains("lang=\"zh-CN\"", zh.Body);

        // Elder mode remembered in its cookie: its own cached variant.
        var elderly = f.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        elderly.DefaultRequestHeaders.Add("Cookie", $"{DisplayMode.CookieName}={DisplayMode.Elder}");
        await GetAsync("/host/events", elderly);
        var elder = await GetAsync("/host/events", elderly);
        var standard = await GetAsync("/host/events");
        Assert.True(FromCache(elder.Response));
        Assert.NotEqual(elder.Body, standard.Body);
        Assert.Equal(standard.Body, (await GetAsync("/host/events")).Body); // positive control: same visitor kind, same page
    }
}
