using System.Globalization;
using Outreach.Search.Tests.Infrastructure;

namespace Outreach.Search.Tests;

public sealed class CorpusSites() : SearchFixture("corpus");

/// <summary>
/// Judged queries over a corpus of 46 short science news items (<c>Recipes/Search/corpus.recipe.json</c>): each
/// query names the items a person judged relevant. The bars are what the search measured when they were set.
/// </summary>
public sealed class RelevanceTests(CorpusSites sites) : IClassFixture<CorpusSites>
{
    public const double MinSuccessAt1 = 0.95, MinRecallAt10 = 0.95;

    /// <summary>Query → relevant slugs; the comment says what the query tests.</summary>
    public static readonly (string Query, string[] Relevant)[] Judged =
    [
        ("新冠", ["covid-vaccine", "covid-home"]),                    // synonym: the items say 新型冠状病毒
        ("新冠疫苗", ["covid-vaccine"]),                               // synonym + a passing mention (flu-season) below
        ("手机", ["phone-elderly", "mobile-history"]),                 // 手机 / 移动电话
        ("移动电话", ["mobile-history", "phone-elderly"]),
        ("糖尿病", ["diabetes-screen", "diabetes-diet"]),              // 糖尿病 / 血糖异常
        ("血糖异常", ["diabetes-diet", "diabetes-screen"]),
        ("人工智能", ["ai-medical", "ai-class"]),                      // AI / 人工智能; museum-report only mentions it
        ("AI", ["ai-class", "ai-medical"]),
        ("防溺水", ["drowning"]),                                      // split 防 + 溺水, 防 never alone
        ("天文馆", ["planetarium"]),                                   // not the observatory
        ("天文台", ["observatory"]),                                   // not the planetarium
        ("市长", ["mayor-talk"]),                                      // not 南京市长江大桥
        ("南京长江大桥", ["mayor-bridge"]),
        ("廣州天文館", ["planetarium"]),                               // traditional query
        ("科学营", ["camp"]),                                          // simplified query, traditional text
        ("DNA", ["dna-exhibit"]),                                      // DNA / 脱氧核糖核酸
        ("5G 基站", ["5g-base"]),                                      // mixed Latin and Chinese
        ("大模型", ["llm-lecture"]),                                   // 大模型 / 大语言模型
        ("鹏城", ["shenzhen-fair"]),                                   // place short name
        ("深圳 科技周", ["shenzhen-fair", "garbage"]),                 // the fair (鹏城) first, Shenzhen's other item too
        ("广州 科普", ["guangzhou-night", "planetarium"]),             // 羊城 / 广州
        ("红树林保护", ["mangrove"]),
        ("碳中和", ["carbon"]),
        ("荔枝虫害", ["lychee"]),                                      // 虫害 / 病虫害
        ("无人机 农业", ["drone-farm"]),                               // 农业 only as 智慧农业
        ("老年痴呆", ["alzheimer"]),                                   // / 阿尔茨海默病
        ("中风", ["stroke"]),                                          // / 脑卒中
        ("近视防控", ["myopia", "myopia-2"]),                          // near duplicates, both wanted
        ("VR 恐龙", ["vr-museum"]),                                    // VR / 虚拟现实
        ("老科协", ["laokexie"]),                                      // / 老科学技术工作者协会
        ("芯片制造", ["chip"]),
        ("ｃｐｕ", ["cpu-gpu"]),                                        // full-width, lower case
        ("电动车", ["ev-battery"]),                                    // / 电动汽车
        ("登革热 积水", ["dengue"]),
        ("科普日", ["science-day"]),
        ("心肺复苏", ["cpr"]),
        ("量子计算机", ["quantum"]),
        ("空间站", ["space-station"]),
    ];

    [Fact]
    public async Task Judged_queries_meet_the_bar()
    {
        var client = sites.App.CreateClient();
        double success1 = 0, success3 = 0, recall10 = 0, reciprocal = 0;
        var misses = new List<string>();
        foreach (var (query, relevant) in Judged)
        {
            var answer = await client.SearchAsync("/corpus", query);
            var slugs = answer.Hits.Select(h => h.Url[(h.Url.LastIndexOf('/') + 1)..]).ToList();
            var first = slugs.FindIndex(s => relevant.Contains(s));
            if (first == 0) success1++;
            if (first is >= 0 and < 3) success3++;
            if (first >= 0) reciprocal += 1.0 / (first + 1);
            recall10 += relevant.Count(r => slugs.Take(10).Contains(r)) / (double)relevant.Length;
            if (first != 0 || relevant.Any(r => !slugs.Take(10).Contains(r)))
                misses.Add($"{query}: [{string.Join(", ", slugs.Take(5))}] wanted [{string.Join(", ", relevant)}]");
        }
        var n = Judged.Length;
        var figures = string.Format(CultureInfo.InvariantCulture,
            "{0} judged queries over 46 items: success@1 {1:F3}, success@3 {2:F3}, recall@10 {3:F3}, MRR {4:F3}",
            n, success1 / n, success3 / n, recall10 / n, reciprocal / n);
        TestContext.Current.SendDiagnosticMessage(figures);
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        foreach (var miss in misses) TestContext.Current.TestOutputHelper?.WriteLine("  not perfect: " + miss);
        Assert.True(success1 / n >= MinSuccessAt1 && recall10 / n >= MinRecallAt10, figures + Environment.NewLine + string.Join(Environment.NewLine, misses));
    }

    [Fact]
    public async Task No_judged_query_finds_nothing()
    {
        var client = sites.App.CreateClient();
        foreach (var (query, _) in Judged)
            Assert.True((await client.SearchAsync("/corpus", query)).Total > 0, query);
    }
}
