using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.Events.Tests;

public sealed class TalksFixture() : SitesFixture("talks");

/// <summary>Reusable speakers and venues, posters, languages and recurring events (site "talks", clock at 2026-09-01).</summary>
public sealed class SpeakersVenuesTests(TalksFixture fixture) : IClassFixture<TalksFixture>
{
    [Fact]
    public async Task The_event_page_shows_recipe_speakers_with_title_affiliation_and_bio_and_the_venue()
    {
        var (status, html) = await fixture.App.CreateClient().FetchAsync("/talks/events/ai-forum");
        Assert.Equal(200, status);
        Assert.Contains("陈立新 中国工程院院士（华南理工大学）、周静 教授（南方科技大学）", html);
        Assert.Contains("长期从事工业软件与智能制造研究。", html);
        Assert.Contains("多位企业代表", html);
        // The venue's text is copied onto the event, the recipe's city included.
        Assert.Contains("广州越秀区 连新路171号 · 广东科学馆", html);

        var id = await fixture.App.WithSiteAsync("talks", db => db.Set<Event>().Where(e => e.Slug == "ai-forum").Select(e => e.Id).SingleAsync());
        var json = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync($"/talks/api/v1/events/{id}")).RootElement;
        Assert.Equal("广州", json.GetProperty("city").GetString());
        Assert.Equal("广东科学馆", json.GetProperty("venue").GetString());
        Assert.True(json.GetProperty("venueId").GetInt32() > 0);
        var profiles = json.GetProperty("sessions")[0].GetProperty("speakerProfiles").EnumerateArray().ToList();
        Assert.Equal(["陈立新", "周静"], profiles.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("华南理工大学", profiles[0].GetProperty("affiliation").GetString());
        Assert.Equal("中国工程院院士", profiles[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_recurring_event_has_an_rrule_in_its_ics_and_appears_on_each_saturday_of_the_month()
    {
        var ics = await fixture.App.CreateClient().GetStringAsync("/talks/events/saturday-lab.ics");
        Assert.Contains("RRULE:FREQ=WEEKLY;UNTIL=20261031T155959Z;BYDAY=SA", ics);
        var parsed = Calendar.Load(ics)!;
        var occurrences = parsed.Events.Single().GetOccurrences().ToList();
        Assert.Equal(11, occurrences.Count); // 22 Aug … 31 Oct
        Assert.Equal(new DateTime(2026, 10, 31, 6, 0, 0, DateTimeKind.Utc), occurrences[^1].Period.StartTime.AsUtc);

        var (_, calendar) = await fixture.App.CreateClient().FetchAsync("/talks/events/calendar?month=2026-09");
        foreach (var day in new[] { "05", "12", "19", "26" })
            Assert.Matches($"data-date=\"2026-09-{day}\">[^/]*?<span class=\"day-number\"[\\s\\S]*?周六开放实验室", calendar);
        Assert.DoesNotMatch("data-date=\"2026-09-06\">(?:(?!data-date)[\\s\\S])*周六开放实验室", calendar);

        // Its first occurrence is past (the clock is at 1 September) but later ones are not: it is upcoming.
        var (_, list) = await fixture.App.CreateClient().FetchAsync("/talks/events");
        Assert.Contains("周六开放实验室", list);
        Assert.Contains("每周六，共 11 次，至 2026年10月31日", list);
        Assert.Contains("粤语", list);
    }

    [Fact]
    public async Task Language_and_recurrence_go_through_the_api_and_bad_values_are_a_400_in_Chinese()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("talks", SiteRole.Editor));
        var created = await client.PostAsJsonAsync("/talks/api/v1/admin/events", new
        {
            title = "English Science Cafe", startsAt = "2026-09-03T19:00:00+08:00", endsAt = "2026-09-03T20:30:00+08:00", city = "广州",
            type = "salon", language = "en", recurrence = "FREQ=WEEKLY;COUNT=4", publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var json = JsonDocument.Parse(await client.GetStringAsync($"/talks/api/v1/events/{id}")).RootElement;
        Assert.Equal("en", json.GetProperty("language").GetString());
        Assert.Equal("FREQ=WEEKLY;COUNT=4", json.GetProperty("recurrence").GetString());
        Assert.Equal("2026-09-24T20:30:00+08:00", json.GetProperty("recurrenceEndsAt").GetString());

        var bad = await client.PostAsJsonAsync("/talks/api/v1/admin/events", new
        {
            title = "无尽的讲座", startsAt = "2026-09-03T19:00:00+08:00", endsAt = "2026-09-03T20:30:00+08:00", city = "广州", type = "lecture",
            language = "fr", recurrence = "FREQ=WEEKLY",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("未知语言“fr”", errors.GetProperty("language")[0].GetString());
        Assert.Contains("UNTIL", errors.GetProperty("recurrence")[0].GetString());
    }

    [Fact]
    public async Task The_slug_calendar_is_reserved_for_the_month_view()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("talks", SiteRole.Editor));
        var rejected = await client.PostAsJsonAsync("/talks/api/v1/admin/events", new
        {
            title = "日历", slug = "calendar", startsAt = "2026-09-03T19:00:00+08:00", endsAt = "2026-09-03T20:30:00+08:00", city = "广州", type = "lecture",
        });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("已被系统页面占用", await rejected.Content.ReadAsStringAsync());

        var fromTitle = await client.PostAsJsonAsync("/talks/api/v1/admin/events", new
        {
            title = "Calendar", startsAt = "2026-09-03T19:00:00+08:00", endsAt = "2026-09-03T20:30:00+08:00", city = "广州", type = "lecture", publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, fromTitle.StatusCode);
        Assert.Equal("calendar-2", JsonDocument.Parse(await fromTitle.Content.ReadAsStringAsync()).RootElement.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_poster_from_the_media_library_shows_responsively_with_the_title_as_alt_and_as_og_image()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.CreateTokenAsync("talks", SiteRole.SiteAdmin));
        using var image = new Image<Rgb24>(1200, 800);
        using var bytes = new MemoryStream();
        await image.SaveAsPngAsync(bytes);
        var file = new ByteArrayContent(bytes.ToArray());
        file.Headers.ContentType = new("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "poster.png" }, { new StringContent("海报"), "alt" } };
        var uploaded = await client.PostAsync("/talks/api/v1/admin/media", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var mediaId = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        var created = await client.PostAsJsonAsync("/talks/api/v1/admin/events", new
        {
            title = "海洋科普讲座", slug = "ocean-poster", startsAt = "2026-09-05T19:00:00+08:00", endsAt = "2026-09-05T20:30:00+08:00",
            city = "湛江", type = "lecture", posterId = mediaId, publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var json = JsonDocument.Parse(await client.GetStringAsync($"/talks/api/v1/events/{id}")).RootElement;
        Assert.Equal(mediaId, json.GetProperty("posterId").GetInt32());
        Assert.Equal($"http://localhost/talks/media/{mediaId}/1600.jpg", json.GetProperty("posterUrl").GetString());

        var (_, page) = await fixture.App.CreateClient().FetchAsync("/talks/events/ocean-poster");
        Assert.Contains($"<meta property=\"og:image\" content=\"http://localhost/talks/media/{mediaId}/1600.jpg\">", page);
        Assert.Contains($"/talks/media/{mediaId}/800.webp 800w", page);
        Assert.Contains("alt=\"海洋科普讲座\"", page);
        var (_, list) = await fixture.App.CreateClient().FetchAsync("/talks/events");
        Assert.Contains($"/talks/media/{mediaId}/320.webp 320w", list);

        var unknown = await client.PutAsJsonAsync($"/talks/api/v1/admin/events/{id}", new { posterId = 999999 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("媒体库中没有编号为 999999 的图片", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Recipe_errors_for_speakers_venues_and_recurrence_are_in_Chinese_with_their_path()
    {
        var path = Path.Combine(fixture.App.DataDir, "bad.recipe.json");
        await File.WriteAllTextAsync(path, """
            { "site": { "name": "bad", "displayName": "坏配方", "prefix": "bad", "modules": ["Events"] },
              "steps": [
                { "step": "speakers", "items": [ { "key": "Bad Key", "name": "" } ] },
                { "step": "venues", "items": [ { "key": "hall", "name": "礼堂", "city": "长沙" } ] },
                { "step": "events", "items": [ { "slug": "calendar", "title": "x", "type": "lecture", "city": "广州", "recurrence": "FREQ=HOURLY;COUNT=3",
                  "startsAt": "2026-09-03T19:00:00+08:00", "endsAt": "2026-09-03T20:00:00+08:00",
                  "sessions": [ { "title": "s", "speakerKeys": [1], "startsAt": "2026-09-03T19:00:00+08:00", "endsAt": "2026-09-03T20:00:00+08:00" } ] } ] }
              ] }
            """);
        var error = await Assert.ThrowsAsync<RecipeException>(() => fixture.App.Services.GetRequiredService<RecipeRunner>().RunFileAsync(path));
        var messages = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(messages, m => m.Contains("items[0].key") && m.Contains("应为唯一的键"));
        Assert.Contains(messages, m => m.Contains("items[0].name") && m.Contains("必填"));
        Assert.Contains(messages, m => m.Contains("items[0].city") && m.Contains("未知城市“长沙”"));
        Assert.Contains(messages, m => m.Contains("items[0].slug") && m.Contains("已被系统页面占用"));
        Assert.Contains(messages, m => m.Contains("items[0].recurrence") && m.Contains("重复频率"));
        Assert.Contains(messages, m => m.Contains("sessions[0].speakerKeys[0]") && m.Contains("演讲嘉宾的键"));
    }
}
