using System.Collections.Concurrent;
using System.Text;
using ICU4N.Text;

namespace Outreach.Search.Analysis;

/// <summary>
/// Pinyin for suggestions (kepu or kp → 科普), from ICU's <c>Han-Latin</c> transliterator without tones. No pinyin
/// package is on our feed; ICU carries the Unihan readings. One reading per character (the common one), cached.
/// </summary>
public static class Pinyin
{
    static readonly Lazy<Transliterator> ToLatin = new(() => Transliterator.GetInstance("Han-Latin; Latin-ASCII; Lower"));
    static readonly ConcurrentDictionary<char, string> Readings = new();
    static readonly Lock Gate = new();

    /// <summary>The reading of one character: "ke" for 科; the character itself (lower case) when it is not Han.</summary>
    public static string Of(char c)
    {
        if (c < 0x3400) return char.ToLowerInvariant(c).ToString();
        return Readings.GetOrAdd(c, static ch =>
        {
            string latin;
            lock (Gate) latin = ToLatin.Value.Transliterate(ch.ToString()); // ICU transliterators are not thread-safe
            var letters = new StringBuilder();
            foreach (var l in latin) if (l is >= 'a' and <= 'z') letters.Append(l);
            return letters.Length > 0 ? letters.ToString() : ch.ToString();
        });
    }

    /// <summary>
    /// Keys a typed prefix can match, one per word start of <paramref name="words"/>: the full pinyin of the rest of
    /// the title ("kepujianianhua") and its initials ("kpjnh"), cut at 40 letters.
    /// </summary>
    public static IEnumerable<string> Keys(IReadOnlyList<string> words)
    {
        var readings = words.Select(w => w.Where(ch => !char.IsWhiteSpace(ch) && !char.IsPunctuation(ch)).Select(Of).ToList()).ToList();
        for (var start = 0; start < readings.Count; start++)
        {
            if (readings[start].Count == 0) continue;
            var full = new StringBuilder();
            var initials = new StringBuilder();
            foreach (var reading in readings.Skip(start).SelectMany(r => r))
            {
                if (full.Length + reading.Length > 40) break;
                full.Append(reading);
                initials.Append(reading[0]);
            }
            yield return full.ToString();
            if (initials.Length > 1) yield return initials.ToString();
        }
    }
}
