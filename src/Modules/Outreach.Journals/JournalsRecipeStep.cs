using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;

namespace Outreach.Journals;

/// <summary>
/// <c>{ "step": "journals", "items": [ { "slug", "title", …, "sections": [...], "issues": [ { "year", "volume", "number",
/// "publishedAt", "publish", "articles": [ { "title", "authors", …, "pdf": "demo", "body", "withdrawn" } ] } ] } ] }</c>.
/// Journals are keyed by slug, issues by year/volume/number, articles by slug (given, or journal-year-number-order), so a
/// second run updates. <c>"pdf": "demo"</c> draws the full text at seeding time (nothing binary in the recipe).
/// </summary>
public sealed class JournalsRecipeStep : IRecipeStep
{
    public string Name => "journals";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static T? Read<T>(JsonElement item, string path, RecipeValidation v)
    {
        try { return item.Deserialize<T>(Json); }
        catch (JsonException e) { v.Error(path + (e.Path is { Length: > 1 } p ? p[1..] : ""), "类型不对：" + e.Message.Split('.')[0]); return default; }
    }

    static void Report(Dictionary<string, string[]> errors, string path, RecipeValidation v)
    {
        foreach (var (field, messages) in errors) v.Error($"{path}.{field}", messages[0]);
    }

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var slugs = new HashSet<string>();
        foreach (var (item, path) in v.Items(step, "items", v.Path))
        {
            var input = Read<JournalInput>(item, path, v);
            if (input is null) continue;
            Report(JournalFields.Apply(input, new Journal()), path, v);
            if (input.Slug is { } s && !slugs.Add(s)) v.Error(path + ".slug", $"重复的刊物“{s}”");
            var sections = (input.Sections ?? []).Where(x => x.Key is not null).Select((x, i) => (x.Key!, i)).ToDictionary(x => x.Item1, x => x.i + 1);
            var numbers = new HashSet<(int, int, int)>();
            foreach (var (issueItem, issuePath) in item.TryGetProperty("issues", out _) ? v.Items(item, "issues", path) : [])
            {
                var issueInput = Read<IssueInput>(issueItem, issuePath, v);
                if (issueInput is null) continue;
                Report(JournalFields.Apply(issueInput, new JournalIssue()), issuePath, v);
                v.OptionalBool(issueItem, "publish", issuePath);
                if (!numbers.Add((issueInput.Year ?? 0, issueInput.Volume ?? 0, issueInput.Number ?? 0))) v.Error(issuePath, "同一卷期出现两次");
                foreach (var (articleItem, articlePath) in issueItem.TryGetProperty("articles", out _) ? v.Items(issueItem, "articles", issuePath) : [])
                {
                    var article = Read<ArticleInput>(articleItem, articlePath, v);
                    if (article is null) continue;
                    Report(ArticleFields.Apply(article, new JournalArticle(), sections), articlePath, v);
                    var pdf = v.OptionalString(articleItem, "pdf", articlePath);
                    if (pdf is not null && pdf != "demo") v.Error(articlePath + ".pdf", "只能为 \"demo\"（在导入时生成演示全文）");
                    v.OptionalString(articleItem, "body", articlePath, 20_000);
                    v.OptionalBool(articleItem, "withdrawn", articlePath);
                }
            }
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var db = context.Db;
        var editor = context.Services.GetRequiredService<ContentEditor>();
        var storage = context.Services.GetRequiredService<JournalStorage>();
        var order = 0;
        foreach (var item in step.Array("items"))
        {
            var input = item.Deserialize<JournalInput>(Json)!;
            var journal = await db.Set<Journal>().FirstOrDefaultAsync(j => j.Slug == input.Slug, ct) ?? new Journal { SiteId = context.Site.Id };
            JournalFields.Apply(input, journal);
            journal.Order = order++;
            if (journal.Id == 0) db.Add(journal);
            await db.SaveChangesAsync(ct);

            var sectionOrder = 0;
            foreach (var s in input.Sections ?? [])
            {
                var section = await db.Set<JournalSection>().FirstOrDefaultAsync(x => x.JournalId == journal.Id && x.Key == s.Key, ct)
                              ?? new JournalSection { SiteId = context.Site.Id, JournalId = journal.Id, Key = s.Key! };
                section.TitleZh = s.Title!.Trim();
                section.TitleEn = s.TitleEn?.Trim() ?? "";
                section.Order = sectionOrder++;
                if (section.Id == 0) db.Add(section);
            }
            await db.SaveChangesAsync(ct);
            var sections = await db.Set<JournalSection>().Where(x => x.JournalId == journal.Id).ToDictionaryAsync(x => x.Key, x => x.Id, ct);

            foreach (var issueItem in item.Array("issues"))
            {
                var issueInput = issueItem.Deserialize<IssueInput>(Json)!;
                var issue = await db.Set<JournalIssue>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstOrDefaultAsync(i =>
                    i.JournalId == journal.Id && i.Year == issueInput.Year && i.Volume == issueInput.Volume && i.Number == issueInput.Number, ct);
                var isNew = issue is null;
                issue ??= new JournalIssue { SiteId = context.Site.Id, JournalId = journal.Id };
                JournalFields.Apply(issueInput, issue);
                issue.Slug = $"{journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}";
                var publish = issueItem.Bool("publish", true);
                issue.Status = publish ? ContentStatus.Published : ContentStatus.Draft;
                issue.DeletedAt = null;
                if (isNew) editor.Add(issue, context.Author);
                else editor.Save(issue, context.Author, "recipe");
                await db.SaveChangesAsync(ct);

                var position = 0;
                foreach (var articleItem in issueItem.Array("articles"))
                {
                    position++;
                    var articleInput = articleItem.Deserialize<ArticleInput>(Json)!;
                    var slug = articleInput.Slug ?? $"{journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}-{position}";
                    var article = await db.Set<JournalArticle>().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).FirstOrDefaultAsync(a => a.Slug == slug, ct);
                    var newArticle = article is null;
                    article ??= new JournalArticle { SiteId = context.Site.Id, Slug = slug };
                    ArticleFields.Apply(articleInput with { Order = articleInput.Order ?? position }, article, sections);
                    article.IssueId = issue.Id;
                    article.Status = publish ? ContentStatus.Published : ContentStatus.Draft;
                    article.PublishedAt = issue.PublishedAt ?? article.PublishedAt;
                    article.DeletedAt = null;
                    article.WithdrawnAt = articleItem.Bool("withdrawn") ? article.WithdrawnAt ?? issue.PublishedAt : null;
                    if (articleItem.String("pdf") == "demo" && article.PdfStoredName is null &&
                        DemoPdfs.Render(journal, issue, article, articleItem.String("body")) is { } pdf)
                    {
                        article.PdfStoredName = await storage.SaveAsync(context.Site.Id, pdf, ct);
                        article.PdfBytes = pdf.LongLength;
                        article.PdfTextState = PdfTextState.Pending;
                    }
                    if (newArticle) editor.Add(article, context.Author);
                    else editor.Save(article, context.Author, "recipe");
                }
                await db.SaveChangesAsync(ct);
            }
        }
        context.Services.GetRequiredService<PdfTextSignal>().Notify();
    }
}
