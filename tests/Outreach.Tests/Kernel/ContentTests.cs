using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class ContentFixture() : SitesFixture("alpha");

public sealed class ContentTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    readonly HttpClient _client = fixture.App.CreatePlainClient();

    async Task<T> WithEditorAsync<T>(Func<OutreachDbContext, ContentEditor, Task<T>> work)
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
        var site = await db.Sites.SingleAsync(s => s.Name == "alpha");
        scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
        return await work(db, scope.ServiceProvider.GetRequiredService<ContentEditor>());
    }

    [Fact]
    public void Chinese_titles_get_a_stable_fallback_slug_and_latin_titles_a_readable_one()
    {
        Assert.Equal(Slugs.FromTitle("岭南科学论坛", "page"), Slugs.FromTitle("岭南科学论坛", "page"));
        Assert.Matches("^page-[0-9a-f]{8}$", Slugs.FromTitle("岭南科学论坛", "page"));
        Assert.NotEqual(Slugs.FromTitle("岭南科学论坛", "page"), Slugs.FromTitle("学术活动月", "page"));
        Assert.Equal("lingnan-science-forum-2026", Slugs.FromTitle("Lingnan Science Forum 2026", "page"));
        Assert.False(Slugs.IsValid("2026"));
        Assert.False(Slugs.IsValid("Bad Slug"));
    }

    [Fact]
    public async Task Unique_slug_appends_a_number_when_taken_in_the_same_site()
    {
        var slug = await WithEditorAsync((_, editor) => editor.UniqueSlugAsync<NewsItem>("alpha-news", "x"));
        Assert.Equal("alpha-news-2", slug);
    }

    [Fact]
    public async Task Publish_unpublish_delete_and_restore_change_what_the_public_sees_and_are_versioned()
    {
        var id = await WithEditorAsync(async (db, editor) =>
        {
            var page = new Page { Title = "学会章程", Slug = await editor.UniqueSlugAsync<Page>(null, "学会章程"), Body = "<p>第一章 总则</p>" };
            editor.Add(page, "tester");
            await db.SaveChangesAsync();
            return page.Id;
        });
        var slug = await WithEditorAsync((db, _) => db.Set<Page>().Where(p => p.Id == id).Select(p => p.Slug).SingleAsync());
        Assert.Equal(404, (await _client.FetchAsync($"/alpha/pages/{slug}")).Status); // a new item is a draft

        await Change(id, (page, editor) => editor.Publish(page, "tester"));
        Assert.Equal(200, (await _client.FetchAsync($"/alpha/pages/{slug}")).Status);

        await Change(id, (page, editor) => editor.Unpublish(page, "tester"));
        Assert.Equal(404, (await _client.FetchAsync($"/alpha/pages/{slug}")).Status);

        await Change(id, (page, editor) => editor.Publish(page, "tester"));
        await Change(id, (page, editor) => editor.Delete(page, "tester"));
        Assert.Equal(404, (await _client.FetchAsync($"/alpha/pages/{slug}")).Status);
        Assert.Equal(0, await WithEditorAsync((db, _) => db.Set<Page>().CountAsync(p => p.Id == id))); // hidden from queries

        await Change(id, (page, editor) => editor.Restore(page, "tester"));
        Assert.Equal(200, (await _client.FetchAsync($"/alpha/pages/{slug}")).Status);

        var history = await WithEditorAsync(async (db, editor) => await editor.HistoryAsync(await db.Set<Page>().SingleAsync(p => p.Id == id)));
        Assert.Equal(["restore", "delete", "publish", "unpublish", "publish", "create"], history.Select(v => v.Action));
        Assert.All(history, v => Assert.Equal("tester", v.Author));
        Assert.Equal(["Status"], ContentEditor.ChangedFields(history[^1], history[^2]).Where(f => f != "PublishedAt"));
    }

    [Fact]
    public async Task Scheduled_draft_is_published_when_its_time_comes()
    {
        var clock = fixture.App.Clock;
        var id = await WithEditorAsync(async (db, editor) =>
        {
            var news = new NewsItem { Title = "定时发布的新闻", Slug = "scheduled-news" };
            editor.Add(news, "tester");
            editor.Schedule(news, clock.GetUtcNow().AddMinutes(30), "tester");
            await db.SaveChangesAsync();
            return news.Id;
        });
        Assert.Equal(0, await WithEditorAsync(async (db, editor) => { var n = await editor.PublishDueAsync<NewsItem>("scheduler"); await db.SaveChangesAsync(); return n; }));
        Assert.Equal(404, (await _client.FetchAsync("/alpha/news/scheduled-news")).Status);

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await WithEditorAsync(async (db, editor) => { var n = await editor.PublishDueAsync<NewsItem>("scheduler"); await db.SaveChangesAsync(); return n; }));
        Assert.Equal(200, (await _client.FetchAsync("/alpha/news/scheduled-news")).Status);
        Assert.Equal(0, await WithEditorAsync(async (db, editor) => await editor.PublishDueAsync<NewsItem>("scheduler"))); // running again does nothing
    }

    async Task Change(int id, Action<Page, ContentEditor> change) => await WithEditorAsync(async (db, editor) =>
    {
        var page = await db.Set<Page>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).SingleAsync(p => p.Id == id);
        change(page, editor);
        return await db.SaveChangesAsync();
    });
}
