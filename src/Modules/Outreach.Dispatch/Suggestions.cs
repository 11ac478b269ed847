using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;

namespace Outreach.Dispatch;

/// <summary>A lecturer proposed for a request, with the score and the reasons a dispatcher reads.</summary>
public sealed record Suggestion(int LecturerId, string Name, string Url, double Score, double TopicMatch, bool RegionMatch, bool Available,
    int RecentLectures, bool LanguageMatch, IReadOnlyList<string> Reasons);

/// <summary>
/// Ranks the site's lecturers for a request: topic (full text over the lecture menu, by shared Chinese character
/// bigrams, so "高血压预防" finds "心脑血管与高血压"), region (the lecturer travels to the county or city, or the
/// lecture is online), availability on one of the preferred dates, load (fewer lectures in the last 90 days first)
/// and language (a dialect the notes ask for, e.g. 客家话 or 粤语).
/// </summary>
public sealed class Suggestions(OutreachDbContext db, ILecturerRoster roster, TimeProvider clock)
{
    static readonly string[] Dialects = ["粤语", "客家话", "潮汕话", "English", "普通话"];

    public async Task<IReadOnlyList<Suggestion>> ForAsync(LectureRequest r, int take, CancellationToken ct)
    {
        var lecturers = await roster.ActiveAsync(ct);
        var since = clock.GetUtcNow().AddDays(-90);
        var load = await db.Set<LectureDispatch>().AsNoTracking()
            .Where(d => d.StartsAt >= since && (d.Status == DispatchStatus.Accepted || d.Status == DispatchStatus.Reported || d.Status == DispatchStatus.Confirmed))
            .GroupBy(d => d.LecturerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var wanted = Bigrams(r.Topic + " " + r.Audience);
        var languages = Dialects.Where(l => r.Notes.Contains(l, StringComparison.OrdinalIgnoreCase)).ToList();
        var list = new List<Suggestion>();
        foreach (var l in lecturers)
        {
            var reasons = new List<string>();
            var menu = Bigrams(l.MenuText);
            var topic = wanted.Count == 0 ? 0 : (double)wanted.Count(menu.Contains) / wanted.Count;
            if (r.TopicId is { } tid && l.Topics.Any(t => t.Id == tid)) topic = 1;
            if (topic > 0) reasons.Add($"主题匹配 {topic:P0}");
            var region = r.Online || l.Regions.Any(g => g.Covers(r.City, r.County));
            if (region) reasons.Add(r.Online ? "线上讲座" : "可前往" + r.City + r.County);
            var available = r.PreferredTimes.Any(l.AvailableAt);
            if (available) reasons.Add("期望时间有空");
            var recent = load.GetValueOrDefault(l.Id);
            reasons.Add($"近 90 天 {recent} 场");
            var language = languages.Count == 0 || languages.Any(x => l.Languages.Contains(x));
            if (languages.Count > 0 && language) reasons.Add("会讲" + string.Join("、", languages));
            var score = topic * 50 + (region ? 20 : 0) + (available ? 15 : 0) + (language ? 10 : 0) + 5.0 / (1 + recent);
            list.Add(new Suggestion(l.Id, l.Name, l.ProfileUrl, Math.Round(score, 1), topic, region, available, recent, language, reasons));
        }
        return list.OrderByDescending(s => s.Score).ThenBy(s => s.RecentLectures).ThenBy(s => s.LecturerId).Take(take).ToList();
    }

    /// <summary>Overlapping character pairs of the Han and Latin text (punctuation and spaces split words).</summary>
    public static HashSet<string> Bigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in text.Split([' ', '，', '、', '。', ',', '：', ':', '（', '）', '(', ')', '/', '·', '-', '—', '“', '”'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length == 1) { set.Add(word); continue; }
            for (var i = 0; i + 1 < word.Length; i++) set.Add(word.Substring(i, 2));
        }
        return set;
    }
}
