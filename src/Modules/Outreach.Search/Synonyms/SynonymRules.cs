using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Lucene.Net.Util.Fst;

namespace Outreach.Search.Synonyms;

/// <summary>A problem with one line of a synonym list, in Chinese, naming the line (1-based).</summary>
public sealed record SynonymError(int Line, string Message)
{
    public override string ToString() => $"第 {Line} 行：{Message}";
}

/// <summary>
/// Synonym lists in the Solr format that Lucene's <see cref="SolrSynonymParser"/> reads: one rule per line,
/// <c>a, b, c</c> for words that mean the same (each finds the others) and <c>a, b =&gt; c</c> for a one-way rule
/// (a query for a or b also searches c). <c>#</c> starts a comment. See the module README.
/// </summary>
public static class SynonymRules
{
    public const int MaxRules = 500;
    public const int MaxWordsPerRule = 10;
    public const int MaxWordLength = 20;
    public const int MaxLineLength = 200;

    /// <summary>Everything wrong with <paramref name="text"/>; empty when it can be used.</summary>
    public static IReadOnlyList<SynonymError> Validate(string? text, Analyzer analyzer)
    {
        var errors = new List<SynonymError>();
        var lines = Lines(text);
        if (lines.Count > MaxRules) errors.Add(new(lines[MaxRules].Number, $"最多 {MaxRules} 条规则"));
        // A one-way rule that leads back to where it started (a => b, b => a) is an equivalence written in a way
        // that can grow a query with every pass; we ask for the group instead.
        var oneWay = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (number, line) in lines)
        {
            if (line.Length > MaxLineLength) { errors.Add(new(number, $"一行不能超过 {MaxLineLength} 个字符")); continue; }
            var sides = line.Split("=>");
            if (sides.Length > 2) { errors.Add(new(number, "一行只能有一个 =>")); continue; }
            var words = sides.SelectMany(Words).ToList();
            if (sides.Any(s => Words(s).Count == 0)) { errors.Add(new(number, "=> 两边都要有词")); continue; }
            if (words.Count < 2) { errors.Add(new(number, "一组至少要有两个词，用逗号分隔")); continue; }
            if (words.Count > MaxWordsPerRule) { errors.Add(new(number, $"一组最多 {MaxWordsPerRule} 个词")); continue; }
            if (words.FirstOrDefault(w => w.Length > MaxWordLength) is { } tooLong) { errors.Add(new(number, $"“{tooLong}”超过 {MaxWordLength} 个字符")); continue; }
            var bad = words.FirstOrDefault(w => Analyze(w, analyzer).Count == 0);
            if (bad is not null) { errors.Add(new(number, $"“{bad}”只含停用词或符号，无法检索")); continue; }
            // Lucene's parser refuses words with a gap where analysis dropped something (COVID-19: the hyphen).
            var gapped = words.FirstOrDefault(w => HasGaps(w, analyzer));
            if (gapped is not null) { errors.Add(new(number, $"“{gapped}”中间含有符号或停用词，请去掉（例如 COVID-19 写成 COVID19）")); continue; }
            if (words.Select(w => string.Join(' ', Analyze(w, analyzer))).Distinct().Count() < words.Count)
            { errors.Add(new(number, "同一组里有重复的词（繁简、全半角和大小写视为相同）")); continue; }
            if (sides.Length == 2)
                foreach (var from in Words(sides[0]))
                foreach (var to in Words(sides[1]))
                {
                    var key = Key(from, analyzer);
                    if (!oneWay.TryGetValue(key, out var targets)) oneWay[key] = targets = [];
                    targets.Add(Key(to, analyzer));
                    if (Reaches(oneWay, Key(to, analyzer), key))
                        errors.Add(new(number, $"“{from} => {to}”与前面的规则形成循环；意思相同的词请写成一组：{from}, {to}"));
                }
        }
        if (errors.Count == 0)
        {
            try { Build(analyzer, text); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { errors.Add(new(0, "无法解析：" + ex.Message)); }
        }
        return errors;
    }

    /// <summary>The platform dictionary and a site's additions as one map (neither may be null; either may be empty).</summary>
    public static SynonymMap Build(Analyzer analyzer, params string?[] texts)
    {
        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer);
        foreach (var text in texts)
        {
            // Only the lines Validate accepts reach the parser: a stored list is re-checked, never trusted.
            using var reader = new StringReader(string.Join('\n', Lines(text).Select(l => l.Text)));
            parser.Parse(reader);
        }
        return parser.Build();
    }

    /// <summary>
    /// The alternatives for the words <paramref name="tokens"/> (already analyzed), or null when the map has no rule
    /// for exactly this sequence. Each alternative is a word sequence; the query's own words are not among them.
    /// </summary>
    public static IReadOnlyList<string[]>? Lookup(SynonymMap map, IReadOnlyList<string> tokens)
    {
        if (map.Fst is null || tokens.Count == 0) return null;
        var key = string.Join(SynonymMap.WORD_SEPARATOR, tokens);
        var output = Lucene.Net.Util.Fst.Util.Get(map.Fst, Lucene.Net.Util.Fst.Util.ToUTF32(key, new Int32sRef()));
        if (output is null) return null;
        var input = new ByteArrayDataInput(output.Bytes, output.Offset, output.Length);
        var count = input.ReadVInt32() >>> 1; // the low bit says whether the original is kept; we always keep it
        var alternatives = new List<string[]>();
        var scratch = new BytesRef();
        for (var i = 0; i < count; i++)
        {
            map.Words.Get(input.ReadVInt32(), scratch);
            var words = scratch.Utf8ToString().Split(SynonymMap.WORD_SEPARATOR);
            if (!words.SequenceEqual(tokens)) alternatives.Add(words);
        }
        return alternatives;
    }

    /// <summary>The words of a line as analysis sees them, e.g. 新型冠状病毒 → 新型 冠 状 病毒.</summary>
    public static List<string> Analyze(string text, Analyzer analyzer)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    static bool HasGaps(string text, Analyzer analyzer)
    {
        using var stream = analyzer.GetTokenStream("body", text);
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var gaps = false;
        while (stream.IncrementToken()) gaps |= increment.PositionIncrement != 1;
        stream.End();
        return gaps;
    }

    static string Key(string word, Analyzer analyzer) => string.Join(' ', Analyze(word, analyzer));

    static bool Reaches(Dictionary<string, HashSet<string>> graph, string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var node))
        {
            if (node == target) return true;
            if (!seen.Add(node) || !graph.TryGetValue(node, out var next)) continue;
            foreach (var n in next) stack.Push(n);
        }
        return false;
    }

    static List<string> Words(string side) =>
        side.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Rules with their line numbers; comments and blank lines dropped, Chinese commas read as commas.</summary>
    static List<(int Number, string Text)> Lines(string? text) =>
        (text ?? "").Split('\n')
            .Select((line, i) => (Number: i + 1, Text: line.Trim().Replace('，', ',').Replace('、', ',')))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .ToList();
}
