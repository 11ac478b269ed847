using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Outreach.Search.Synonyms;
using F = Outreach.Search.SearchIndex.Fields;

namespace Outreach.Search.Querying;

/// <summary>
/// What a visitor's words become. The query is analysed like the index (folding, SmartCn words), each word or
/// synonym-dictionary phrase becomes a unit that may match in any of its forms, and:
/// <list type="bullet">
/// <item><see cref="Strict"/> requires every unit, except a single character that segmentation split off a longer
/// word typed with it (防溺水 → 防 + 溺水: 防 is optional);</item>
/// <item><see cref="Relaxed"/> (null for one unit) asks only about half of them, for when the strict query finds
/// (almost) nothing;</item>
/// <item><see cref="Bonus"/> ranks the whole query as a phrase, in the title above all, first.</item>
/// </list>
/// </summary>
public sealed class QueryPlan
{
    public required Query Strict { get; init; }
    public Query? Relaxed { get; init; }
    public required Query Bonus { get; init; }

    const float TitleBoost = 4f;
    const int MaxAlternatives = 8;

    sealed record Token(string Term, int Start, int End, int Position, int Chunk);

    sealed record Unit(IReadOnlyList<Token> Tokens, IReadOnlyList<string[]> Alternatives)
    {
        public bool IsSingleHan => Tokens.Count == 1 && Alternatives.Count == 0 && Tokens[0].Term.Length == 1 && IsHan(Tokens[0].Term[0]);
        public bool Optional { get; set; }
    }

    /// <summary>Null when nothing searchable is left (only stop words or symbols).</summary>
    public static QueryPlan? Build(string text, Analyzer analyzer, SynonymMap synonyms)
    {
        var tokens = Analyze(text, analyzer);
        if (tokens.Count == 0) return null;

        var units = new List<Unit>();
        for (var i = 0; i < tokens.Count;)
        {
            // The longest run of words the dictionary knows (新冠 is two tokens, 新 + 冠, for SmartCn).
            var matched = false;
            for (var end = Math.Min(tokens.Count, i + Math.Max(1, synonyms.MaxHorizontalContext)); end > i; end--)
            {
                var run = tokens.Skip(i).Take(end - i).ToList();
                if (SynonymRules.Lookup(synonyms, run.Select(t => t.Term).ToList()) is { Count: > 0 } alternatives)
                {
                    units.Add(new Unit(run, alternatives.Take(MaxAlternatives).ToList()));
                    i = end;
                    matched = true;
                    break;
                }
            }
            if (!matched) units.Add(new Unit([tokens[i]], []));
            if (!matched) i++;
        }
        foreach (var unit in units)
            unit.Optional = unit.IsSingleHan && units.Any(o => o != unit && o.Tokens[0].Chunk == unit.Tokens[0].Chunk && !o.IsSingleHan);

        var required = units.Where(u => !u.Optional).ToList();
        var strict = new BooleanQuery();
        foreach (var unit in units) strict.Add(UnitQuery(unit), unit.Optional ? Occur.SHOULD : Occur.MUST);

        Query? relaxed = null;
        if (required.Count > 1)
        {
            var some = new BooleanQuery { MinimumNumberShouldMatch = Math.Max(1, required.Count / 2) };
            foreach (var unit in required) some.Add(UnitQuery(unit), Occur.SHOULD);
            var outer = new BooleanQuery { { some, Occur.MUST } };
            foreach (var unit in units.Where(u => u.Optional)) outer.Add(UnitQuery(unit), Occur.SHOULD);
            relaxed = outer;
        }

        // The whole query as typed: as a phrase in the title, in the body, and as the entire title.
        var bonus = new BooleanQuery(disableCoord: true);
        if (tokens.Count > 1)
        {
            bonus.Add(Phrase(F.Title, tokens, 6f), Occur.SHOULD);
            bonus.Add(Phrase(F.Body, tokens, 2f), Occur.SHOULD);
        }
        bonus.Add(new TermQuery(new Term(F.TitleExact, TitleKey(text))) { Boost = 8f }, Occur.SHOULD);

        return new QueryPlan
        {
            Strict = strict,
            Relaxed = relaxed,
            Bonus = bonus,
        };
    }

    /// <summary>How a whole title is keyed for exact matches and prefix suggestions: folded, trimmed.</summary>
    public static string TitleKey(string title) => Analysis.ChineseFolding.Fold(title.Trim());

    /// <summary>Any form of the unit, in the title (boosted) or the body; the visitor's own words a little above synonyms.</summary>
    static Query UnitQuery(Unit unit)
    {
        var forms = new BooleanQuery(disableCoord: true) { { Form(unit.Tokens.Select(t => t.Term).ToArray(), 1f), Occur.SHOULD } };
        foreach (var alternative in unit.Alternatives) forms.Add(Form(alternative, 0.9f), Occur.SHOULD);
        return forms;
    }

    static Query Form(string[] terms, float boost)
    {
        var either = new BooleanQuery(disableCoord: true) { Boost = boost };
        either.Add(In(F.Title, terms, TitleBoost), Occur.SHOULD);
        either.Add(In(F.Body, terms, 1f), Occur.SHOULD);
        return either;
    }

    /// <summary>
    /// One form in one field: a word, or a phrase of words. A phrase that segmentation cut into words and single
    /// characters (预防溺水 → 预防 + 溺水, 新型冠状病毒 → 新型 + 冠 + 状 + 病毒) needs only its words; the exact phrase ranks higher.
    /// </summary>
    static Query In(string field, string[] terms, float boost)
    {
        if (terms.Length == 1) return new TermQuery(new Term(field, terms[0])) { Boost = boost };
        var words = terms.Where(t => !(t.Length == 1 && IsHan(t[0]))).ToList();
        if (words.Count == 0 || words.Count == terms.Length) return PhraseOf(field, terms, boost);
        var loose = new BooleanQuery(disableCoord: true) { Boost = boost };
        foreach (var word in words) loose.Add(new TermQuery(new Term(field, word)), Occur.MUST);
        loose.Add(PhraseOf(field, terms, 2f), Occur.SHOULD);
        return loose;
    }

    static PhraseQuery PhraseOf(string field, string[] terms, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        for (var i = 0; i < terms.Length; i++) phrase.Add(new Term(field, terms[i]), i);
        return phrase;
    }

    static PhraseQuery Phrase(string field, IReadOnlyList<Token> tokens, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var t in tokens) phrase.Add(new Term(field, t.Term), t.Position - tokens[0].Position);
        return phrase;
    }

    static List<Token> Analyze(string text, Analyzer analyzer)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(F.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        int position = -1, chunk = 0, lastEnd = 0;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            // Words typed together (no space or punctuation between) form one chunk: 防溺水 is one, 防 溺水 two.
            if (tokens.Count > 0 && Separated(text, lastEnd, offset.StartOffset)) chunk++;
            tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset, position, chunk));
            lastEnd = offset.EndOffset;
        }
        stream.End();
        return tokens;
    }

    static bool Separated(string text, int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, text.Length); i++)
            if (char.IsWhiteSpace(text[i]) || char.IsPunctuation(text[i]) || char.IsSymbol(text[i])) return true;
        return false;
    }

    static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
