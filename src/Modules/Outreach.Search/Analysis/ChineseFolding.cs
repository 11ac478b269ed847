using System.Text;
using ICU4N.Text;

namespace Outreach.Search.Analysis;

/// <summary>
/// Folds text the way people type it onto one form, character by character: full-width to half-width and other
/// compatibility forms (NFKC), lower case, traditional to simplified (ICU's <c>Traditional-Simplified</c>).
/// One character always stays one character, so offsets into the folded text are offsets into the original:
/// highlights computed on folded text land on the stored text.
/// </summary>
public static class ChineseFolding
{
    static readonly Lazy<char[]> Table = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static char Fold(char c) => Table.Value[c];

    public static string Fold(string text)
    {
        var table = Table.Value;
        return string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = table[s[i]];
        });
    }

    /// <summary>Builds the table now (about a second, mostly ICU loading its rules) instead of on the first query.</summary>
    public static void Warm() => _ = Table.Value;

    static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            table[i] = c;
            if (char.IsSurrogate(c)) continue;
            string folded;
            try { folded = c.ToString().Normalize(NormalizationForm.FormKC); }
            catch (ArgumentException) { continue; } // unassigned code points
            if (folded.Length == 1) table[i] = char.ToLowerInvariant(folded[0]);
        }
        // Per character: a phrase-level rule that turns two characters into one would shift every offset after it.
        var simplify = Transliterator.GetInstance("Traditional-Simplified");
        foreach (var (from, to) in new[] { (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF) })
        for (var i = from; i <= to; i++)
        {
            var simplified = simplify.Transliterate(table[i].ToString());
            if (simplified.Length == 1) table[i] = simplified[0];
        }
        return table;
    }
}

/// <summary>Feeds a tokenizer folded text (<see cref="ChineseFolding"/>); offsets need no correction.</summary>
public sealed class FoldingCharFilter(TextReader input) : Lucene.Net.Analysis.CharFilter(input)
{
    protected override int Correct(int currentOff) => currentOff;

    public override int Read(char[] buffer, int index, int count)
    {
        var read = m_input.Read(buffer, index, count);
        for (var i = index; i < index + Math.Max(read, 0); i++) buffer[i] = ChineseFolding.Fold(buffer[i]);
        return read;
    }

    public override int Read()
    {
        var c = m_input.Read();
        return c < 0 ? c : ChineseFolding.Fold((char)c);
    }
}

/// <summary>
/// SmartCn (word segmentation for Chinese, stemming for English) behind <see cref="FoldingCharFilter"/>, used for
/// the index, the queries and the synonym dictionary alike, so all three see the same words.
/// </summary>
public sealed class OutreachAnalyzer() : Lucene.Net.Analysis.AnalyzerWrapper(PER_FIELD_REUSE_STRATEGY)
{
    /// <summary>
    /// Bumped whenever analysis (or the index's fields) changes what is indexed: an index made by another version is
    /// rebuilt. 3: the sources' facet dimensions (<c>facet.*</c> fields).
    /// </summary>
    public const int Version = 3;

    readonly Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer _smartCn = new(SearchIndex.Version);

    protected override Lucene.Net.Analysis.Analyzer GetWrappedAnalyzer(string fieldName) => _smartCn;

    protected override TextReader WrapReader(string fieldName, TextReader reader) => new FoldingCharFilter(reader);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _smartCn.Dispose();
        base.Dispose(disposing);
    }
}
