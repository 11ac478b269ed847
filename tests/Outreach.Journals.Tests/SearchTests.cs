using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Journals.Tests;

/// <summary>The demo society (recipe 07) with its journal; PDFs are drawn at seeding and their text extracted in the background.</summary>
public sealed class DemoJournalFixture : IAsyncLifetime
{
    public OutreachFactory App { get; } = new();

    public static string DemoRecipe()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "recipes", "demo", "07-kechuan.recipe.json");
    }

    public async ValueTask InitializeAsync()
    {
        _ = App.Server;
        await App.Services.GetRequiredService<Outreach.Core.Recipes.RecipeRunner>().RunFileAsync(DemoRecipe());
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SearchTests(DemoJournalFixture fixture) : IClassFixture<DemoJournalFixture>
{
    async Task<JsonElement> SearchAsync(string path, string q, Func<JsonElement, bool> until)
    {
        JsonElement answer = default;
        for (var tries = 0; tries < 120; tries++) // PDF text is extracted, then indexed, in the background
        {
            answer = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync(path + "?q=" + Uri.EscapeDataString(q))).RootElement;
            if (until(answer)) break;
            await Task.Delay(500);
        }
        return answer;
    }

    [Fact]
    public async Task Chinese_text_found_only_inside_a_demo_PDF_finds_its_article()
    {
        // "完播率" is printed in the PDF of the short-video article, not in its title, abstract or keywords.
        static bool Found(JsonElement a) => a.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("type").GetString() == "journal-article");
        var site = await SearchAsync("/kechuan/api/v1/search", "完播率", Found);
        var hit = site.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("type").GetString() == "journal-article");
        Assert.Equal("短视频平台科普内容的传播效果评估", hit.GetProperty("title").GetString()); // the article whose PDF has the word ranks first
        Assert.Contains("/kechuan/journals/lnkc/articles/", hit.GetProperty("url").GetString());
        Assert.Contains("2025", site.GetProperty("facets").GetProperty("year").EnumerateObject().Select(p => p.Name));


        // Positive control for the phrase's absence from the metadata: the API's abstract does not contain it.
        var id = int.Parse(hit.GetProperty("url").GetString()!.Split('/')[^1]);
        var article = await fixture.App.CreateClient().GetStringAsync($"/kechuan/api/v1/articles/{id}");
        Assert.DoesNotContain("完播率", article);
    }

    [Fact]
    public async Task The_demo_has_two_volumes_six_issues_and_about_forty_articles_with_PDFs()
    {
        var client = fixture.App.CreateClient();
        var issues = JsonDocument.Parse(await client.GetStringAsync("/kechuan/api/v1/journals/lnkc/issues")).RootElement;
        Assert.Equal(6, issues.GetProperty("total").GetInt32());
        Assert.Equal(2, issues.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("volume").GetInt32()).Distinct().Count());
        var articles = 0;
        var pdfs = 0;
        foreach (var i in issues.GetProperty("items").EnumerateArray())
        {
            var detail = JsonDocument.Parse(await client.GetStringAsync("/kechuan/api/v1/issues/" + i.GetProperty("id").GetInt32())).RootElement;
            articles += detail.GetProperty("articles").GetArrayLength();
            pdfs += detail.GetProperty("articles").EnumerateArray().Count(a => a.GetProperty("pdfUrl").ValueKind == JsonValueKind.String);
        }
        Assert.InRange(articles, 38, 45);
        Assert.True(pdfs >= articles - 1, $"{pdfs} PDFs for {articles} articles"); // one is under embargo
    }
}
