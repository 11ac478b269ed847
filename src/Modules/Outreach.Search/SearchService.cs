using System.Globalization;
using System.Net;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Outreach.Core.Localization;
using Outreach.Core.Sites;
using F = Outreach.Search.SearchIndex.Fields;

namespace Outreach.Search;

public sealed record SearchHit(string Type, string Title, string Url, string Site, DateTimeOffset? Date, string Snippet);

public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, int Page, int Pages, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

public sealed record Suggestion(string Title, string Url);

/// <summary>
/// Queries over the index: every word of the query is required, title matches and a title phrase rank
/// higher, and the user's syntax is escaped so any input is just text.
/// </summary>
public sealed class SearchService(SearchIndex index, TimeProvider clock)
{
    public const int PageSize = 10;
    /// <summary>Longer input is cut: nobody types more, and it keeps the query below Lucene's clause limit.</summary>
    public const int MaxQueryLength = 100;
    /// <summary>Facets count at most this many best hits.</summary>
    const int MaxCounted = 5000;

    static readonly Dictionary<string, float> Boosts = new() { [F.Title] = 4f, [F.Body] = 1f };

    /// <param name="sites">The sites searched (the portal: every public site; a site: itself), by id.</param>
    public SearchResult Search(string? text, IReadOnlyDictionary<int, Site> sites, string? type, int page, string? city = null)
    {
        page = Math.Max(1, page);
        var query = Parse(text);
        var empty = new SearchResult([], 0, page, 1, Facets([], sites));
        if (query is null || sites.Count == 0) return empty;
        return index.Search(searcher =>
        {
            var top = searcher.Search(query, SiteFilter(sites.Keys), MaxCounted);
            var counted = Count(searcher, top.ScoreDocs);
            // Facets describe the whole result, so a facet still offers its other values when one is chosen.
            var facets = Facets(counted, sites);
            var chosen = counted.Where(c => (string.IsNullOrEmpty(type) || c.Type == type) && (string.IsNullOrEmpty(city) || c.City == city)).ToList();
            var pages = Math.Max(1, (chosen.Count + PageSize - 1) / PageSize);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), new QueryScorer(query, F.Body))
            {
                TextFragmenter = new SimpleFragmenter(120),
            };
            var hits = chosen.Skip((page - 1) * PageSize).Take(PageSize).Select(c =>
            {
                var d = searcher.Doc(c.Doc);
                var site = sites[c.Site];
                return new SearchHit(c.Type, d.Get(F.Title), site.LinkTo(d.Get(F.Url)), site.Name, Date(d), Snippet(highlighter, searcher.IndexReader, c.Doc, d.Get(F.Body) ?? ""));
            }).ToList();
            return new SearchResult(hits, chosen.Count, page, pages, facets);
        }, empty);
    }

    /// <summary>Titles that start with what was typed (whole title or one of its words), best first.</summary>
    public IReadOnlyList<Suggestion> Suggest(string? text, IReadOnlyDictionary<int, Site> sites, int count = 8)
    {
        var prefix = (text ?? "").Trim();
        if (prefix.Length == 0 || sites.Count == 0) return [];
        if (prefix.Length > MaxQueryLength) prefix = prefix[..MaxQueryLength];
        var lower = prefix.ToLowerInvariant();
        var query = new BooleanQuery
        {
            { new PrefixQuery(new Term(F.TitleExact, lower)) { Boost = 4f }, Occur.SHOULD },
            { new PrefixQuery(new Term(F.Title, lower)), Occur.SHOULD },
        };
        return index.Search<IReadOnlyList<Suggestion>>(searcher =>
        {
            var top = searcher.Search(query, SiteFilter(sites.Keys), count * 4);
            return top.ScoreDocs.Select(h => searcher.Doc(h.Doc))
                .Select(d => new Suggestion(d.Get(F.Title), sites[int.Parse(d.Get(F.Site), CultureInfo.InvariantCulture)].LinkTo(d.Get(F.Url))))
                .DistinctBy(s => s.Title).Take(count).ToList();
        }, []);
    }

    /// <summary>The user's words, all required, over title (boosted) and body, plus a bonus for the title phrase.</summary>
    Query? Parse(string? text)
    {
        var words = (text ?? "").Trim();
        if (words.Length == 0) return null;
        if (words.Length > MaxQueryLength) words = words[..MaxQueryLength];
        var escaped = QueryParserBase.Escape(words);
        try
        {
            var parser = new MultiFieldQueryParser(SearchIndex.Version, [F.Title, F.Body], index.Analyzer, Boosts)
            {
                DefaultOperator = Operator.AND,
            };
            var required = parser.Parse(escaped);
            if (required is BooleanQuery { Clauses.Count: 0 }) return null; // only stop words or symbols
            var variants = Synonyms.Shipped.Expand(words).Skip(1).ToList();
            if (variants.Count > 0)
            {
                // Any one reading of the query must match in full: the user's words, or a synonym in their place.
                var anyReading = new BooleanQuery { { required, Occur.SHOULD } };
                foreach (var variant in variants) anyReading.Add(parser.Parse(QueryParserBase.Escape(variant)), Occur.SHOULD);
                required = anyReading;
            }
            var phrase = new QueryParser(SearchIndex.Version, F.Title, index.Analyzer).Parse("\"" + escaped + "\"");
            phrase.Boost = 2f;
            // What is still to come (an event's start) ranks above what is long past.
            var upcoming = NumericRangeQuery.NewInt64Range(F.When, clock.GetUtcNow().ToUnixTimeMilliseconds(), null, true, true);
            upcoming.Boost = 1.5f;
            return new BooleanQuery { { required, Occur.MUST }, { phrase, Occur.SHOULD }, { upcoming, Occur.SHOULD } };
        }
        catch (Exception ex) when (ex is ParseException or BooleanQuery.TooManyClausesException)
        {
            return null; // escaped input should always parse; if not, no hits beats an error page
        }
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
        string? Value(Lucene.Net.Index.SortedDocValues values, int doc)
        {
            if (values.GetOrd(doc) < 0) return null;
            values.Get(doc, term);
            return term.Utf8ToString();
        }
        foreach (var hit in hits)
        {
            var leaf = leaves[Lucene.Net.Index.ReaderUtil.SubIndex(hit.Doc, leaves)];
            var reader = leaf.AtomicReader;
            var doc = hit.Doc - leaf.DocBase;
            var cache = Lucene.Net.Search.FieldCache.DEFAULT;
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

    string Snippet(Highlighter highlighter, Lucene.Net.Index.IndexReader reader, int doc, string body)
    {
        try
        {
            // From the stored term vectors when the document has them; re-analysing Chinese text is slow.
            var tokens = Lucene.Net.Search.Highlight.TokenSources.GetAnyTokenStream(reader, doc, F.Body, index.Analyzer);
            var best = highlighter.GetBestFragments(tokens, body, 2);
            if (best.Length > 0) return string.Join(" … ", best);
        }
        catch (InvalidTokenOffsetsException) { }
        // No word of the query is in the body (a title match): show its start.
        return WebUtility.HtmlEncode(body.Length > 120 ? body[..120] + "…" : body);
    }

    static DateTimeOffset? Date(Lucene.Net.Documents.Document d) =>
        d.GetField(F.Date)?.GetInt64Value() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
