namespace Outreach.Search;

/// <summary>
/// Query-time synonyms: a query naming one word of a group is also run with each other word of the group
/// in its place. Groups ship in <c>synonyms.txt</c> (embedded) so analysis needs no extra index files.
/// </summary>
public sealed class Synonyms(IReadOnlyList<IReadOnlyList<string>> groups)
{
    public static Synonyms Shipped { get; } = Load();

    /// <summary>The query itself first, then its variants.</summary>
    public IReadOnlyList<string> Expand(string query)
    {
        var variants = new List<string> { query };
        foreach (var group in groups)
        {
            // Longest first, so 科普嘉年华 is read as itself and not as 嘉年华 inside it.
            var found = group.OrderByDescending(w => w.Length).FirstOrDefault(w => query.Contains(w, StringComparison.OrdinalIgnoreCase));
            if (found is null) continue;
            foreach (var other in group.Where(w => w != found))
                variants.Add(query.Replace(found, other, StringComparison.OrdinalIgnoreCase));
            if (variants.Count > 8) break; // a query naming many groups stays cheap
        }
        return variants;
    }

    static Synonyms Load()
    {
        using var stream = typeof(Synonyms).Assembly.GetManifestResourceStream("Outreach.Search.synonyms.txt")
            ?? throw new InvalidOperationException("synonyms.txt is not embedded");
        using var reader = new StreamReader(stream);
        var groups = new List<IReadOnlyList<string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.TrimStart().StartsWith('#')) continue;
            var words = line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length > 1) groups.Add(words);
        }
        return new Synonyms(groups);
    }
}
