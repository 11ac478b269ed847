using System.Text;

namespace Outreach.Journals;

/// <summary>RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks (references are one per line).</summary>
public static class CsvRows
{
    /// <summary>Rows of fields; throws <see cref="FormatException"/> naming the row of an unterminated quote.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0) rows.Add([.. fields]);
                    fields.Clear(); row++;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"第 {row} 行的引号没有闭合");
        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0) rows.Add([.. fields]);
        return rows;
    }
}
