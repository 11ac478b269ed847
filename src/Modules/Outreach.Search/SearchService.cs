using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
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
/// <para>Speed: plans (analysis, synonyms, highlight terms) are kept per synonym map and text; facet counts per
/// index reader (a refresh brings a new reader, so counts never outlive the index they describe); the site filter's
/// bit sets per segment. A request then only ranks its page and highlights it.</para>
/// </summary>
public sealed class SearchService(SearchIndex index, TimeProvider clock)
{
    public const int PageSize = 10;
    /// <summary>Longer input is cut: nobody types more, and it keeps the query below Lucene's clause limit.</summary>
    public const int MaxQueryLength = 100;
    /// <summary>Fewer all-words hits than this and partial matches are added after them.</summary>
    const int RelaxBelow = 3;
    /// <summary>Bound of each cache (plans per synonym map, counts per reader): past it, the cache starts again.</summary>
    const int CacheEntries = 4096;

    /// <summary>A dimension that facets count and filters narrow by, and its index field.</summary>
    sealed record Dimension(string Name, string Field);

    static readonly Dimension[] FixedDimensions = [new("year", F.Year), new("type", F.Type), new("site", F.Site), new("city", F.City)];

    /// <summary>A plan with what every request of the same words reuses.</summary>
    sealed record Prepared(QueryPlan Plan, string Key, WeightedTerm[] HighlightTerms);

    /// <summary>Counts of one query over one reader: facets, and how many hits the filters leave.</summary>
    sealed record Counts(bool Relaxed, int Matched, int Chosen, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

    /// <summary>What is kept for one index reader (one generation and refresh of the index).</summary>
    sealed class ReaderCache(IndexReader reader)
    {
        /// <summary>The sources' facet dimensions present in this index (<c>facet.*</c> fields).</summary>
        public Dimension[] Extra { get; } = reader.Leaves.SelectMany(l => l.AtomicReader.FieldInfos).Select(f => f.Name)
            .Where(n => n.StartsWith(F.FacetPrefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)
            .Select(n => new Dimension(n[F.FacetPrefix.Length..], n)).ToArray();

        public ConcurrentDictionary<string, Counts> Counts { get; } = new(StringComparer.Ordinal);
    }

    readonly ConditionalWeakTable<IndexReader, ReaderCache> _readers = new();
    readonly ConditionalWeakTable<SynonymMap, ConcurrentDictionary<string, Prepared?>> _plans = new();
    readonly ConcurrentDictionary<string, Filter> _siteFilters = new(StringComparer.Ordinal);

    // Stateless, so shared by every request; the scorer and fragmenter keep per-snippet state and are made per request.
    static readonly SimpleHTMLFormatter Marks = new(MarkStart, MarkEnd);
    static readonly DefaultEncoder PlainText = new();

    /// <param name="sites">The sites searched (the portal: every public site; a site: itself), by id.</param>
    /// <param name="synonyms">The searching site's map (<see cref="Synonyms.SynonymBook"/>).</param>
    /// <param name="filters">Further filters by dimension: <c>year</c> or a source's facet (e.g. <c>journal</c>);
    /// <c>type</c> and <c>city</c> here too (the parameters win). Unknown dimensions match nothing.</param>
    public SearchResult Search(string? text, IReadOnlyDictionary<int, Site> sites, string? type, int page, string? city, SynonymMap synonyms,
        IReadOnlyDictionary<string, string>? filters = null)
    {
        page = Math.Max(1, page);
        var prepared = Prepare(Trimmed(text), synonyms);
        var empty = new SearchResult([], 0, page, 1, Facets(null, [], sites), false, 0) { FoundNothing = prepared is not null };
        if (prepared is null || sites.Count == 0) return empty;
        var selection = Selection(type, city, filters);
        var plan = prepared.Plan;
        return index.Search(searcher =>
        {
            var cache = _readers.GetValue(searcher.IndexReader, r => new ReaderCache(r));
            var (scopeKey, scope) = SiteScope(sites.Keys);
            var key = scopeKey + "\u0001" + prepared.Key + "\u0001" + string.Join("\u0001", selection.Select(s => s.Key + "=" + s.Value));
            if (!cache.Counts.TryGetValue(key, out var counts))
            {
                counts = Count(searcher, cache.Extra, plan, scope, selection);
                if (cache.Counts.Count >= CacheEntries) cache.Counts.Clear();
                cache.Counts[key] = counts;
            }
            var narrowed = Narrowed(scope, selection);
            var wanted = page * PageSize;
            // Only the page is ranked: the priority queue holds page × 10 hits, not every hit.
            var strict = searcher.Search(Ranked(plan.Strict, plan), narrowed, counts.Relaxed ? RelaxBelow : wanted);
            var docs = strict.ScoreDocs;
            if (counts.Relaxed)
            {
                // Items with every word stay on top, whatever the scores of partial matches.
                var more = searcher.Search(Ranked(plan.Relaxed!, plan), narrowed, wanted + docs.Length);
                var all = docs.Select(d => d.Doc).ToHashSet();
                docs = [.. docs, .. more.ScoreDocs.Where(d => !all.Contains(d.Doc))];
            }
            var pages = Math.Max(1, (counts.Chosen + PageSize - 1) / PageSize);
            var highlighter = new Highlighter(Marks, PlainText, new QueryTermScorer(prepared.HighlightTerms)) { TextFragmenter = new SimpleFragmenter(120) };
            var hits = docs.Skip((page - 1) * PageSize).Take(PageSize).Select(h =>
            {
                var d = searcher.Doc(h.Doc);
                var site = sites[int.Parse(d.Get(F.Site), CultureInfo.InvariantCulture)];
                return new SearchHit(d.Get(F.Type), d.Get(F.Title), site.LinkTo(d.Get(F.Url)), site.Name, Date(d), Snippet(highlighter, searcher.IndexReader, h.Doc, d.Get(F.Body) ?? ""));
            }).ToList();
            return new SearchResult(hits, counts.Chosen, page, pages, Facets(counts, cache.Extra, sites), counts.Relaxed, Math.Min(strict.TotalHits, counts.Chosen))
            {
                FoundNothing = counts.Matched == 0,
            };
        }, empty);
    }

    /// <summary>The plan for these words and this synonym map, built once (analysis and synonym lookup are the cost).</summary>
    Prepared? Prepare(string words, SynonymMap synonyms)
    {
        if (words.Length == 0) return null;
        var plans = _plans.GetValue(synonyms, _ => new ConcurrentDictionary<string, Prepared?>(StringComparer.Ordinal));
        if (plans.TryGetValue(words, out var prepared)) return prepared;
        var plan = QueryPlan.Build(words, index.Analyzer, synonyms);
        prepared = plan is null ? null : new Prepared(plan, plan.Strict + "\u0002" + plan.Relaxed,
            // Terms of every form of every word, in the body: what the snippet marks.
            QueryTermExtractor.GetTerms(new BooleanQuery { { plan.Strict, Occur.SHOULD }, { plan.Bonus, Occur.SHOULD } }, false, F.Body));
        if (plans.Count >= CacheEntries) plans.Clear();
        plans[words] = prepared;
        return prepared;
    }

    /// <summary>The chosen value per dimension, in a stable order (part of the counts' cache key).</summary>
    static SortedDictionary<string, string> Selection(string? type, string? city, IReadOnlyDictionary<string, string>? filters)
    {
        var selection = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in filters ?? new Dictionary<string, string>())
            if (!string.IsNullOrEmpty(value) && name != "site") selection[name] = value;
        if (!string.IsNullOrEmpty(type)) selection["type"] = type;
        if (!string.IsNullOrEmpty(city)) selection["city"] = city;
        return selection;
    }

    static string FieldOf(string dimension) =>
        FixedDimensions.FirstOrDefault(d => d.Name == dimension)?.Field ?? F.FacetPrefix + dimension;

    /// <summary>The sites' filter, its bit set per segment kept between queries.</summary>
    (string Key, Filter Filter) SiteScope(IEnumerable<int> siteIds)
    {
        var ids = siteIds.Order().ToList();
        var key = string.Join(',', ids);
        if (_siteFilters.TryGetValue(key, out var filter)) return (key, filter);
        var any = new BooleanQuery();
        foreach (var id in ids) any.Add(new TermQuery(new Term(F.Site, id.ToString(CultureInfo.InvariantCulture))), Occur.SHOULD);
        filter = new CachingWrapperFilter(new QueryWrapperFilter(any));
        if (_siteFilters.Count >= CacheEntries) _siteFilters.Clear();
        _siteFilters[key] = filter;
        return (key, filter);
    }

    /// <summary>The sites' filter and every chosen value (filters never change scores, so the order is the same).</summary>
    static Filter Narrowed(Filter scope, SortedDictionary<string, string> selection)
    {
        if (selection.Count == 0) return scope;
        var all = new BooleanQuery { { new ConstantScoreQuery(scope), Occur.MUST } };
        foreach (var (name, value) in selection) all.Add(new TermQuery(new Term(FieldOf(name), value)), Occur.MUST);
        return new QueryWrapperFilter(all);
    }

    /// <summary>
    /// One pass over every hit: how many there are, how many the filters leave, and the facet counts, each dimension
    /// counted with the other dimensions' filters only (so a chosen journal still shows the other journals). Partial
    /// matches are counted instead when fewer than <see cref="RelaxBelow"/> items have every word.
    /// </summary>
    static Counts Count(IndexSearcher searcher, Dimension[] extra, QueryPlan plan, Filter scope, SortedDictionary<string, string> selection)
    {
        Dimension[] dimensions = [.. FixedDimensions, .. extra];
        var strict = new FacetCollector(dimensions.Select(d => d.Name).ToArray(), dimensions.Select(d => d.Field).ToArray(), selection);
        searcher.Search(plan.Strict, scope, strict);
        var counts = strict;
        var relaxed = false;
        if (strict.Matched < RelaxBelow && plan.Relaxed is { } partial)
        {
            var wider = new FacetCollector(dimensions.Select(d => d.Name).ToArray(), dimensions.Select(d => d.Field).ToArray(), selection);
            searcher.Search(new BooleanQuery { { plan.Strict, Occur.SHOULD }, { partial, Occur.SHOULD } }, scope, wider);
            if (wider.Matched > strict.Matched) (counts, relaxed) = (wider, true);
        }
        return new Counts(relaxed, counts.Matched, counts.Chosen, counts.Result());
    }

    static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>();

    /// <summary>The fixed facets always (empty when nothing was found), then the sources' dimensions that have values.</summary>
    static Dictionary<string, IReadOnlyDictionary<string, int>> Facets(Counts? counts, Dimension[] extra, IReadOnlyDictionary<int, Site> sites)
    {
        IReadOnlyDictionary<string, int> Of(string name) => counts?.Facets.GetValueOrDefault(name) ?? None;
        var facets = new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["year"] = Of("year").OrderByDescending(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            ["type"] = Of("type").OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
            ["site"] = Of("site").Select(p => (Site: sites.GetValueOrDefault(int.Parse(p.Key, CultureInfo.InvariantCulture)), p.Value)).Where(p => p.Site is not null)
                .OrderByDescending(p => p.Value).ThenBy(p => p.Site!.Name, StringComparer.Ordinal).ToDictionary(p => p.Site!.Name, p => p.Value),
            ["city"] = Of("city").OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(),
        };
        foreach (var dimension in extra)
            if (Of(dimension.Name) is { Count: > 0 } values)
                facets[dimension.Name] = values.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary();
        return facets;
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
            var top = searcher.Search(query, SiteScope(sites.Keys).Filter, count * 4);
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
