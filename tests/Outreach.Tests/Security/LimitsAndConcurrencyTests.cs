using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Pages;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Security;

/// <summary>
/// One set of length limits refused the same way on SQLite and PostgreSQL (issue 12, item 9), only a slug
/// collision told as "slug taken", and content <c>Revision</c> as an optimistic concurrency token (item 10).
/// </summary>
public abstract class LimitsAndConcurrencyTests
{
    protected abstract OutreachFactory CreateApp();

    async Task<OutreachFactory> StartAsync()
    {
        var app = CreateApp();
        _ = app.Server;
        await app.RunRecipeAsync("alpha");
        return app;
    }

    static async Task<HttpClient> TokenClientAsync(OutreachFactory app)
    {
        var client = app.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("alpha", SiteRole.Editor));
        return client;
    }

    static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
    }

    [Fact]
    public async Task Over_long_fields_are_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var app = await StartAsync();
        var runner = app.Services.GetRequiredService<RecipeRunner>();
        var longName = new string('名', FieldLimits.SiteDisplayName + 1);
        var recipe = await Assert.ThrowsAsync<RecipeException>(() => runner.RunAsync($$"""
            { "site": { "name": "longname", "displayName": { "zh-CN": "{{longName}}", "en": "Long" }, "prefix": "longname", "modules": ["Pages"] },
              "steps": [ { "step": "menu", "items": [ { "title": "{{new string('菜', FieldLimits.MenuTitle + 1)}}", "url": "/" } ] } ] }
            """, "long.recipe.json"));
        Assert.Contains(recipe.Errors, e => e.Path == "$.site.displayName");
        Assert.Contains(recipe.Errors, e => e.Path == "$.steps[0].items[0].title");
        Assert.False(await app.WithSiteAsync(null, db => db.Sites.AnyAsync(s => s.Name == "longname")));

        var api = await TokenClientAsync(app);
        var errors = await ErrorsAsync(await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new
        {
            title = new string('题', FieldLimits.Title + 1),
            slug = new string('s', FieldLimits.Slug + 1),
            summary = new string('摘', FieldLimits.Summary + 1),
        }));
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("slug", out _));
        Assert.True(errors.TryGetProperty("summary", out _));

        // The news form: a source one character too long is named as such — not "slug taken", not stored.
        await app.CreateUserAsync("limits-editor@example.cn", false, ("alpha", SiteRole.Editor));
        var editor = await app.SignedInClientAsync("limits-editor@example.cn");
        var newsBefore = await app.WithSiteAsync("alpha", db => db.Set<NewsItem>().CountAsync());
        var page = await (await editor.PostFormAsync("/alpha/admin/content/news/edit?handler=Save",
            new() { ["Title"] = "来源过长的新闻", ["Source"] = new string('源', FieldLimits.NewsSource + 1), ["Revision"] = "0" },
            "/alpha/admin/content/news/edit")).Content.ReadAsStringAsync();
        Assert.Contains($"来源不能超过 {FieldLimits.NewsSource} 个字符", page);
        Assert.DoesNotContain("网址别名已被使用", page);
        Assert.Equal(newsBefore, await app.WithSiteAsync("alpha", db => db.Set<NewsItem>().CountAsync()));

        // At the limit it is stored, on either database.
        var saved = await editor.PostFormAsync("/alpha/admin/content/news/edit?handler=Save",
            new() { ["Title"] = new string('题', FieldLimits.Title), ["Source"] = new string('源', FieldLimits.NewsSource), ["Revision"] = "0" },
            "/alpha/admin/content/news/edit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Only_a_unique_violation_on_the_slug_counts_as_slug_taken()
    {
        await using var app = await StartAsync();
        var taken = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithSiteAsync("alpha", db =>
        {
            db.Add(new Page { Title = "重复一", Slug = "same-slug", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            db.Add(new Page { Title = "重复二", Slug = "same-slug", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        }));
        Assert.True(DbErrors.IsUniqueViolationOn(taken, "Slug"));
        Assert.False(DbErrors.IsUniqueViolationOn(taken, "Number"));

        // Another constraint (a second version with the same number) is not a slug collision.
        var key = Guid.NewGuid();
        var other = await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithSiteAsync("alpha", db =>
        {
            db.ContentVersions.Add(new ContentVersion { ContentType = "page", ContentKey = key, Number = 1, CreatedAt = DateTimeOffset.UtcNow });
            db.ContentVersions.Add(new ContentVersion { ContentType = "page", ContentKey = key, Number = 1, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        }));
        Assert.True(DbErrors.IsUniqueViolation(other));
        Assert.False(DbErrors.IsUniqueViolationOn(other, "Slug"));
    }

    [Fact]
    public async Task Two_editors_saving_the_same_revision_through_the_api_the_second_gets_409()
    {
        await using var app = await StartAsync();
        var api = await TokenClientAsync(app);
        using var created = await api.PostAsJsonAsync("/alpha/api/v1/admin/pages", new { title = "共同编辑的页面", slug = "shared-page" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var revision = JsonDocument.Parse(await api.GetStringAsync($"/alpha/api/v1/admin/pages/{id}")).RootElement.GetProperty("revision").GetInt32();

        using var first = await api.PutAsJsonAsync($"/alpha/api/v1/admin/pages/{id}", new { title = "第一位编辑的标题", revision });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await api.PutAsJsonAsync($"/alpha/api/v1/admin/pages/{id}", new { title = "第二位编辑的标题", revision });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已被他人修改", await second.Content.ReadAsStringAsync());
        Assert.Equal("第一位编辑的标题", await app.WithSiteAsync("alpha", db => db.Set<Page>().Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));

        using var withoutRevision = await api.PutAsJsonAsync($"/alpha/api/v1/admin/pages/{id}", new { title = "不带版本号" });
        Assert.True((await ErrorsAsync(withoutRevision)).TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task Two_saves_racing_from_the_same_revision_cannot_both_win()
    {
        await using var app = await StartAsync();
        var key = await app.WithSiteAsync("alpha", async db =>
        {
            var page = new Page { Title = "原标题", Slug = "raced" };
            ActivatorUtilities.CreateInstance<ContentEditor>(app.Services, db).Add(page, "test");
            await db.SaveChangesAsync();
            return page.Key;
        });

        // Both editors have read revision 0; neither has saved (two requests in flight on two nodes).
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        async Task<(OutreachDbContext Db, ContentEditor Editor, Page Page)> OpenAsync(IServiceScope scope)
        {
            var site = await scope.ServiceProvider.GetRequiredService<SiteCatalog>().FindAsync("alpha");
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site!);
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            return (db, scope.ServiceProvider.GetRequiredService<ContentEditor>(), await db.Set<Page>().SingleAsync(p => p.Key == key));
        }
        var a = await OpenAsync(scopeA);
        var b = await OpenAsync(scopeB);
        Assert.Equal(a.Page.Revision, b.Page.Revision);

        a.Editor.ExpectRevision(a.Page, a.Page.Revision);
        a.Page.Title = "编辑甲的标题";
        a.Editor.Save(a.Page, "甲");
        await a.Db.SaveChangesAsync();

        b.Editor.ExpectRevision(b.Page, b.Page.Revision);
        b.Page.Title = "编辑乙的标题";
        b.Editor.Save(b.Page, "乙");
        var lost = await Assert.ThrowsAnyAsync<DbUpdateException>(() => b.Db.SaveChangesAsync());
        Assert.True(ContentEditor.IsLostEdit(lost), lost.ToString());
        Assert.Equal("编辑甲的标题", await app.WithSiteAsync("alpha", db => db.Set<Page>().Where(p => p.Key == key).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_conditional_update_alone_refuses_a_stale_revision()
    {
        // Without the version row (whose unique number would also collide): the UPDATE itself must check Revision.
        await using var app = await StartAsync();
        var id = await app.WithSiteAsync("alpha", async db =>
        {
            var page = new Page { Title = "原标题", Slug = "token-only", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Add(page);
            await db.SaveChangesAsync();
            return page.Id;
        });
        await app.WithSiteAsync("alpha", db => db.Set<Page>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, 1)));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => app.WithSiteAsync("alpha", async db =>
        {
            var page = await db.Set<Page>().SingleAsync(p => p.Id == id);
            db.Entry(page).Property(p => p.Revision).OriginalValue = 0; // what a stale editor started from
            page.Title = "过期的修改";
            page.Revision = 1;
            return await db.SaveChangesAsync();
        }));
    }
}

public sealed class SqliteLimitsAndConcurrencyTests : LimitsAndConcurrencyTests
{
    protected override OutreachFactory CreateApp() => new();
}

public sealed class PostgresLimitsAndConcurrencyTests : LimitsAndConcurrencyTests
{
    protected override OutreachFactory CreateApp() => new() { PostgresConnection = RequiredServices.Postgres() };
}
