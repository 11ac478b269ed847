using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;

namespace Outreach.Pages;

/// <summary>
/// <c>{ "step": "pages", "items": [ { "slug", "title", "summary", "body", "publish", "publishedAt" } ] }</c>.
/// Items are keyed by slug (given, or derived stably from the title), so a second run updates them.
/// </summary>
public abstract class ArticleRecipeStep<T> : IRecipeStep where T : Article, new()
{
    public abstract string Name { get; }

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var slugs = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var title = v.RequiredString(item, "title", path);
            if (title is not null && SingleLine.Normalize(title).Any(SingleLine.IsForbidden)) v.Error($"{path}.title", "不能包含控制字符");
            var slug = v.OptionalString(item, "slug", path, Slugs.MaxLength);
            if (slug is not null && !Slugs.IsValid(slug)) v.Error($"{path}.slug", "只能包含小写字母、数字和连字符，且不能全是数字");
            var key = slug ?? (title is null ? null : Slugs.FromTitle(title, new T().ContentType));
            if (key is not null && !slugs.Add(key)) v.Error($"{path}.slug", $"重复的 slug“{key}”");
            v.OptionalString(item, "summary", path, FieldLimits.Summary);
            v.OptionalString(item, "body", path, FieldLimits.Body);
            v.OptionalBool(item, "publish", path);
            v.OptionalInstant(item, "publishedAt", path);
            ValidateExtra(item, path, v);
        }
    }

    protected virtual void ValidateExtra(JsonElement item, string path, RecipeValidation v) { }

    protected virtual void ApplyExtra(JsonElement item, T target) { }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var editor = context.Services.GetRequiredService<ContentEditor>();
        foreach (var item in step.Array("items"))
        {
            var title = SingleLine.Normalize(item.String("title"));
            var slug = item.String("slug") ?? Slugs.FromTitle(title, new T().ContentType);
            var existing = await context.Db.Set<T>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter])
                .FirstOrDefaultAsync(x => x.Slug == slug, ct);
            var target = existing ?? new T { SiteId = context.Site.Id, Slug = slug };
            var before = existing is null ? null : ContentEditor.Snapshot(existing).ToJsonString();
            target.Title = title;
            target.Summary = item.String("summary") ?? "";
            target.Body = item.String("body") ?? "";
            target.PublishedAt = item.Instant("publishedAt") ?? target.PublishedAt;
            target.Status = item.Bool("publish", true) ? ContentStatus.Published : ContentStatus.Draft;
            target.DeletedAt = null;
            ApplyExtra(item, target);
            if (existing is null) editor.Add(target, context.Author);
            else if (before != ContentEditor.Snapshot(target).ToJsonString()) editor.Save(target, context.Author, "recipe");
        }
    }
}

public sealed class PagesRecipeStep : ArticleRecipeStep<Page>
{
    public override string Name => "pages";
}

public sealed class NewsRecipeStep : ArticleRecipeStep<NewsItem>
{
    public override string Name => "news";

    protected override void ValidateExtra(JsonElement item, string path, RecipeValidation v) =>
        v.OptionalString(item, "source", path, FieldLimits.NewsSource);

    protected override void ApplyExtra(JsonElement item, NewsItem target) => target.Source = item.String("source") ?? "";
}
