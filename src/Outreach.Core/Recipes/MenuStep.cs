using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Sites;

namespace Outreach.Core.Recipes;

/// <summary><c>{ "step": "menu", "items": [ { "title": "新闻" | {"zh-CN","en"}, "url": "/news" } ] }</c> — replaces the menu.</summary>
public sealed class MenuStep : IRecipeStep
{
    public string Name => "menu";

    public void Validate(JsonElement step, RecipeValidation v)
    {
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            if (string.IsNullOrWhiteSpace(item.Text("title").Zh)) v.Error($"{path}.title", "必填：菜单标题");
            else v.TextLength(item, "title", path, Data.FieldLimits.MenuTitle);
            var url = v.RequiredString(item, "url", path, Data.FieldLimits.Url);
            if (url is not null && !url.StartsWith('/') && !url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
                v.Error($"{path}.url", "应以 / 开头（站内路径）或为 http(s) 地址");
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        await context.Db.MenuItems.Where(m => m.SiteId == context.Site.Id).ExecuteDeleteAsync(ct);
        var position = 0;
        foreach (var item in step.Array("items"))
        {
            var (zh, en) = item.Text("title");
            context.Db.MenuItems.Add(new MenuItem { SiteId = context.Site.Id, Position = position++, TitleZh = zh, TitleEn = en, Url = item.String("url")! });
        }
    }
}
