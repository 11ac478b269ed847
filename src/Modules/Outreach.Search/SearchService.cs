using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Outreach.Core.Sites;
using Outreach.Search.Querying;
using F = Outreach.Search.SearchIndex.Fields;

namespace Outreach.Search;

/// <summary>
/// A snippet as plain text with the matched words as <c>[start, length]</c> ranges in UTF-16 code units (JavaScript
/// string indices). Apps draw their own marks; <see cref="ToHtml"/> is for our pages.
/// </summary>
public sealed record Snippet(string Text, IReadOnlyList<int[]> Highlights)
{
    /// <summary>HTML with <c>&lt;mark&gt;</c> around the matches; only HTML-significant characters escaped, Chinese stays text.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        var encoder = Core.Themes.LiquidViews.Encoder;
        var at = 0;
        foreach (var range in Highlights)
        {
            html.Append(encoder.Encode(Text[at..range[0]])).Append("<mark>")
                .Append(encoder.Encode(Text.Substring(range[0], range[1]))).Append("</mark>");
            at = range[0] + range[1];
        }
        return html.Append(encoder.Encode(Text[at..])).ToString();
    }
}

public sealed record SearchHit(string Type, string Title, string Url, string Site, DateTimeOffset? Date, Snippet Snippet);

/// <param name="Relaxed">No (or too few) items contain every word, so items with only some of them follow.</param>
/// <param name="AllTermsTotal">How many of the hits contain every word (they come first).</param>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, int Page, int Pages,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, bool Relaxed, int AllTermsTotal)
{
    /// <summary>Nothing at all, before the type and city filters: a search worth showing site admins.</summary>
    public bool FoundNothing { get; init; }
}

public sealed record Suggestion(string Title, string Url);

/// <summary>
/// Queries over the index (see <see cref="QueryPlan"/>): every word required, synonyms from the platform dictionary
/// and the site's additions, a fallback to partial matches when that finds (almost) nothing, whole-query phrases
/// first, upcoming items above long-past ones, and the user's syntax never interpreted.
/// </summary>
public sealed class SearchService(SearchIndex index, TimeProvider clock)
{
    public const int PageSize = 10;
    /// <summary>Longer input is cut: nobody types more, and it keeps the query below Lucene's clause limit.</summary>
    public const int MaxQueryLength = 100;
    /// <summary>Facets count at most this many best hits.</summary>
    const int MaxCounted = 5000;
    /// <summary>Fewer all-words hits than this and partial matches are added after them.</summary>
    const int RelaxBelow = 3;

    /// <param name="sites">The sites searched (the portal: every public site; a site: itself), by id.</param>
    /// <param name="synonyms">The searching site's map (<see cref="Synonyms.SynonymBook"/>).</param>
    public SearchResult Search(string? text, IReadOnlyDictionary<int, Site> sites, string? type, int page, string? city, SynonymMap synonyms)
    {
        page = Math.Max(1, page);
        var words = Trimmed(text);
        var plan = words.Length == 0 ? null : QueryPlan.Build(words, index.Analyzer, synonyms);
        var empty = new SearchResult([], 0, page, 1, Facets([], sites), false, 0) { FoundNothing = plan is not null };
        if (plan is null || sites.Count == 0) return empty;
        return index.Search(searcher =>
        {
            var filter = SiteFilter(sites.Keys);
            var strict = searcher.Search(Ranked(plan.Strict, plan), filter, MaxCounted);
            var docs = strict.ScoreDocs;
            var core = plan.Strict;
            var relaxed = false;
            if (strict.TotalHits < RelaxBelow && plan.Relaxed is { } partial)
            {
                var more = searcher.Search(Ranked(partial, plan), filter, MaxCounted);
                if (more.TotalHits > strict.TotalHits)
                {
                    // Items with every word stay on top, whatever the scores of partial matches.
                    var all = docs.Select(d => d.Doc).ToHashSet();
                    docs = [.. docs, .. more.ScoreDocs.Where(d => !all.Contains(d.Doc))];
                    core = partial;
                    relaxed = true;
                }
            }
            var counted = Count(searcher, docs);
            // Facets describe the whole result, so a facet still offers its other values when one is chosen.
            var facets = Facets(counted, sites);
            var chosen = counted.Where(c => (string.IsNullOrEmpty(type) || c.Type == type) && (string.IsNullOrEmpty(city) || c.City == city)).ToList();
            var pages = Math.Max(1, (chosen.Count + PageSize - 1) / PageSize);
            var highlighter = new Highlighter(new SimpleHTMLFormatter(MarkStart, MarkEnd), new DefaultEncoder(),
                new QueryScorer(new BooleanQuery { { core, Occur.SHOULD }, { plan.Bonus, Occur.SHOULD } }, F.Body))
            {
                TextFragmenter = new SimpleFragmenter(120),
            };
            var hits = chosen.Skip((page - 1) * PageSize).Take(PageSize).Select(c =>
            {
                var d = searcher.Doc(c.Doc);
                var site = sites[c.Site];
                return new SearchHit(c.Type, d.Get(F.Title), site.LinkTo(d.Get(F.Url)), site.Name, Date(d), Snippet(highlighter, searcher.IndexReader, c.Doc, d.Get(F.Body) ?? ""));
            }).ToList();
            return new SearchResult(hits, chosen.Count, page, pages, facets, relaxed, Math.Min(strict.TotalHits, chosen.Count))
            {
                FoundNothing = counted.Count == 0,
            };
        }, empty);
    }

    /// <summary>
    /// Titles that start with what was typed (the whole title or one of its words), best first; letters also match
    /// the pinyin or initials of a title's words (kepu or kp → 科普…), for phones still on the Latin keyboard.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string? text, IReadOnlyDictionary<int, Site> sites, int count = 8)
    {
        var prefix = Trimmed(text);
        if (prefix.Length == 0 || sites.Count == 0) return [];
        var key = QueryPlan.TitleKey(prefix);
        var query = new BooleanQuery
        {
            { new PrefixQuery(new Term(F.TitleExact, key)) { Boost = 4f }, Occur.SHOULD },
            { new PrefixQuery(new Term(F.Title, key)), Occur.SHOULD },
        };
        var letters = new string(key.Where(c => !char.IsWhiteSpace(c) && c != '\'').ToArray());
        if (letters.Length >= 2 && letters.All(c => c is >= 'a' and <= 'z'))
            query.Add(new PrefixQuery(new Term(F.Pinyin, letters)) { Boost = 2f }, Occur.SHOULD);
        return index.Search<IReadOnlyList<Suggestion>>(searcher =>
        {
            var top = searcher.Search(query, SiteFilter(sites.Keys), count * 4);
            return top.ScoreDocs.Select(h => searcher.Doc(h.Doc))
                .Select(d => new Suggestion(d.Get(F.Title), sites[int.Parse(d.Get(F.Site), CultureInfo.InvariantCulture)].LinkTo(d.Get(F.Url))))
                .DistinctBy(s => s.Title).Take(count).ToList();
        }, []);
    }

    static string Trimmed(string? text)
    {
        var words = (text ?? "").Trim();
        return words.Length > MaxQueryLength ? words[..MaxQueryLength] : words;
    }

    /// <summary>The core query, plus the whole-query phrase and "what is still to come" as bonuses.</summary>
    Query Ranked(Query core, QueryPlan plan)
    {
        var upcoming = NumericRangeQuery.NewInt64Range(F.When, clock.GetUtcNow().ToUnixTimeMilliseconds(), null, true, true);
        upcoming.Boost = 1.5f;
        return new BooleanQuery { { core, Occur.MUST }, { plan.Bonus, Occur.SHOULD }, { upcoming, Occur.SHOULD } };
    }

    static Filter SiteFilter(IEnumerable<int> siteIds)
    {
        var any = new BooleanQuery();
        foreach (var id in siteIds) any.Add(new TermQuery(new Term(F.Site, id.ToString(CultureInfo.InvariantCulture))), Occur.SHOULD);
        return new QueryWrapperFilter(any);
    }

    readonly record struct Counted(int Doc, string Type, int Site, int? Year, string? City);

    /// <summary>
    /// Facet values of the hits from the field cache (one array per segment, kept by Lucene between queries):
    /// loading stored fields for thousands of hits per query was the cost of a search.
    /// </summary>
    static List<Counted> Count(IndexSearcher searcher, ScoreDoc[] hits)
    {
        var leaves = searcher.IndexReader.Leaves;
        var counted = new List<Counted>(hits.Length);
        var term = new Lucene.Net.Util.BytesRef();
        string? Value(SortedDocValues values, int doc)
        {
            if (values.GetOrd(doc) < 0) return null;
            values.Get(doc, term);
            return term.Utf8ToString();
        }
        foreach (var hit in hits)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var reader = leaf.AtomicReader;
            var doc = hit.Doc - leaf.DocBase;
            var cache = FieldCache.DEFAULT;
            var year = Value(cache.GetTermsIndex(reader, F.Year), doc);
            counted.Add(new(hit.Doc,
                Value(cache.GetTermsIndex(reader, F.Type), doc) ?? "",
                int.Parse(Value(cache.GetTermsIndex(reader, F.Site), doc) ?? "0", CultureInfo.InvariantCulture),
                year is null ? null : int.Parse(year, CultureInfo.InvariantCulture),
                Value(cache.GetTermsIndex(reader, F.City), doc)));
        }
        return counted;
    }

    static Dictionary<string, IReadOnlyDictionary<string, int>> Facets(IReadOnlyList<Counted> counted, IReadOnlyDictionary<int, Site> sites) => new()
    {
        ["year"] = counted.Where(c => c.Year is not null).GroupBy(c => c.Year!.Value.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
        ["type"] = counted.GroupBy(c => c.Type).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
        ["site"] = counted.Where(c => sites.ContainsKey(c.Site)).GroupBy(c => sites[c.Site].Name).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
        ["city"] = counted.Where(c => c.City is not null).GroupBy(c => c.City!).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
    };

    // Private-use characters mark the matches while the highlighter works on plain text; they become ranges after.
    const string MarkStart = "\uE000", MarkEnd = "\uE001";

    Snippet Snippet(Highlighter highlighter, IndexReader reader, int doc, string body)
    {
        // Same length, so the stored term-vector offsets still fit; the marks can then only be ours.
        body = body.Replace('\uE000', ' ').Replace('\uE001', ' ');
        try
        {
            // From the stored term vectors when the document has them; re-analysing Chinese text is slow.
            var tokens = TokenSources.GetAnyTokenStream(reader, doc, F.Body, index.Analyzer);
            var best = highlighter.GetBestFragments(tokens, body, 2);
            if (best.Length > 0) return FromMarked(string.Join(" … ", best.Select(f => f.Trim())));
        }
        catch (InvalidTokenOffsetsException) { }
        // No word of the query is in the body (a title match): show its start.
        return new Snippet(body.Length > 120 ? body[..120] + "…" : body, []);
    }

    static Snippet FromMarked(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var ranges = new List<int[]>();
        var start = -1;
        foreach (var c in marked)
        {
            if (c == MarkStart[0]) start = text.Length;
            else if (c == MarkEnd[0] && start >= 0)
            {
                // Words of one phrase are marked one by one; touching marks read as one.
                if (ranges.Count > 0 && ranges[^1][0] + ranges[^1][1] == start) ranges[^1][1] += text.Length - start;
                else ranges.Add([start, text.Length - start]);
                start = -1;
            }
            else text.Append(c);
        }
        return new Snippet(text.ToString(), ranges);
    }

    static DateTimeOffset? Date(Lucene.Net.Documents.Document d) =>
        d.GetField(F.Date)?.GetInt64Value() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
