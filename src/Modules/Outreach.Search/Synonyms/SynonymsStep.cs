using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;

namespace Outreach.Search.Synonyms;

/// <summary>
/// <c>{ "step": "synonyms", "rules": ["新冠, 新型冠状病毒", "鹏城 =&gt; 深圳"] }</c>: the site's own synonym rules, replacing
/// the ones it had (an empty list removes them). Same format and checks as the admin page.
/// </summary>
public sealed class SynonymsStep(SearchIndex index) : IRecipeStep
{
    public string Name => "synonyms";

    public void Validate(JsonElement step, RecipeValidation validation)
    {
        var lines = new List<string>();
        foreach (var (item, path) in validation.Items(step, "rules", validation.Path))
        {
            if (item.ValueKind != JsonValueKind.String) { validation.Error(path, "应为字符串，例如 \"新冠, 新型冠状病毒\""); continue; }
            lines.Add(item.GetString()!);
        }
        foreach (var error in SynonymRules.Validate(string.Join('\n', lines), index.Analyzer))
            validation.Error(error.Line > 0 ? $"{validation.Path}.rules[{error.Line - 1}]" : $"{validation.Path}.rules", error.Message);
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var rules = string.Join('\n', step.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        var list = await context.Db.Set<SiteSynonymList>().FirstOrDefaultAsync(s => s.SiteId == context.Site.Id, ct);
        if (list is null) context.Db.Add(list = new SiteSynonymList { SiteId = context.Site.Id });
        list.Rules = rules;
        list.UpdatedAt = DateTimeOffset.UtcNow;
        await context.Db.SaveChangesAsync(ct);
        // The recipe commits later; until then a search may cache the old list again for a few seconds.
        context.Services.GetRequiredService<SynonymBook>().Forget(context.Site.Id);
    }
}
