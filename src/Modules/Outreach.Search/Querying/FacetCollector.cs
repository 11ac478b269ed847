using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Outreach.Search.Querying;

/// <summary>
/// Counts facet values over every hit in one pass, by term ordinals per segment (Lucene's field cache keeps the
/// un-inverted terms per segment between queries), turning ordinals into text once per segment rather than once per
/// hit. With filters chosen, each dimension is counted over the hits that pass every <em>other</em> filter
/// ("drill sideways"), so choosing one journal still offers the others; <see cref="Chosen"/> passes them all.
/// </summary>
public sealed class FacetCollector : ICollector
{
    readonly string[] _names, _fields;
    readonly string?[] _wanted;
    readonly Dictionary<string, int>[] _counts;
    readonly SortedSetDocValues?[] _values;
    readonly long[] _wantedOrd;
    readonly int[][] _segment;
    readonly int[] _selected;

    /// <param name="names">Dimension names, as the result reports them.</param>
    /// <param name="fields">The index field of each dimension (one term per value, several values allowed).</param>
    /// <param name="selection">The chosen value by dimension name; a name not among <paramref name="names"/> matches nothing.</param>
    public FacetCollector(string[] names, string[] fields, IReadOnlyDictionary<string, string> selection)
    {
        var unknown = selection.Keys.Where(k => !names.Contains(k)).ToList();
        _names = [.. names, .. unknown];
        _fields = [.. fields, .. unknown.Select(_ => "")]; // no such field: nothing has the value
        _wanted = _names.Select(n => selection.TryGetValue(n, out var v) ? v : null).ToArray();
        _counts = _names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _values = new SortedSetDocValues?[_names.Length];
        _wantedOrd = new long[_names.Length];
        _segment = new int[_names.Length][];
        _selected = Enumerable.Range(0, _names.Length).Where(i => _wanted[i] is not null).ToArray();
    }

    /// <summary>Hits of the query within the scope, before the filters.</summary>
    public int Matched { get; private set; }

    /// <summary>Hits that pass every filter.</summary>
    public int Chosen { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        for (var i = 0; i < _names.Length; i++)
        {
            var values = _fields[i].Length == 0 ? DocValues.EMPTY_SORTED_SET : FieldCache.DEFAULT.GetDocTermOrds(reader, _fields[i]);
            _values[i] = values;
            _segment[i] = new int[checked((int)values.ValueCount)];
            // Absent from this segment: no hit here passes that filter (-1 is never an ordinal).
            _wantedOrd[i] = _wanted[i] is { } wanted ? Math.Max(-1, values.LookupTerm(new BytesRef(wanted))) : -1;
        }
    }

    public void Collect(int doc)
    {
        Matched++;
        var failed = -1;
        foreach (var i in _selected)
        {
            if (Has(_values[i]!, doc, _wantedOrd[i])) continue;
            if (failed >= 0) return; // fails two filters: counts nowhere
            failed = i;
        }
        if (failed >= 0) { Tally(failed, doc); return; }
        Chosen++;
        for (var i = 0; i < _names.Length; i++) Tally(i, doc);
    }

    static bool Has(SortedSetDocValues values, int doc, long wanted)
    {
        if (wanted < 0) return false;
        values.SetDocument(doc);
        for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            if (ord == wanted) return true;
        return false;
    }

    void Tally(int dimension, int doc)
    {
        var values = _values[dimension]!;
        values.SetDocument(doc);
        for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            _segment[dimension][ord]++;
    }

    /// <summary>The segment's counts by value text.</summary>
    void Flush()
    {
        var term = new BytesRef();
        for (var i = 0; i < _names.Length; i++)
        {
            if (_values[i] is not { } values) continue;
            var counts = _segment[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, term);
                var text = term.Utf8ToString();
                _counts[i][text] = _counts[i].GetValueOrDefault(text) + counts[ord];
            }
            _values[i] = null;
        }
    }

    /// <summary>Counts by dimension name; every dimension is present, empty when no hit has a value in it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Result()
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++) result[_names[i]] = _counts[i];
        return result;
    }
}
