using System.Globalization;
using System.Text;

namespace Outreach.Journals;

/// <summary>An article with what citing it needs: its journal, its issue and its absolute URL.</summary>
public sealed record CitedArticle(Journal Journal, JournalIssue Issue, JournalArticle Article, string Url)
{
    public int Year => Issue.Year;
}

/// <summary>
/// GB/T 7714-2015 (顺序编码制), APA 7, RIS and BibTeX. Authors keep their order; a Chinese name is written as printed,
/// a Latin one as the style wants it (GB/T 7714: SMITH J; APA: Smith, J.; RIS/BibTeX: Smith, John).
/// </summary>
public static class Citations
{
    public const string Gbt7714 = "gbt7714", Apa = "apa", Ris = "ris", Bibtex = "bibtex";
    public static readonly string[] Formats = [Gbt7714, Apa, Ris, Bibtex];

    public static string Format(CitedArticle c, string format) => format switch
    {
        Gbt7714 => GbT7714(c),
        Apa => ApaText(c),
        Ris => RisText(c),
        Bibtex => BibTex(c),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    static string Pages(JournalArticle a, string dash) =>
        a.ArticleNumber.Length > 0 ? a.ArticleNumber : a.LastPage.Length > 0 ? a.FirstPage + dash + a.LastPage : a.FirstPage;

    /// <summary>张明, 李华, SMITH J. 题名[J]. 刊名, 2026, 5(2): 12-20. DOI: 10.….</summary>
    public static string GbT7714(CitedArticle c)
    {
        var a = c.Article;
        var chinese = a.Language != "en";
        var names = a.Authors.Take(3).Select(x => x.NameZh.Length > 0 && chinese ? x.NameZh : $"{x.FamilyEn.ToUpperInvariant()} {x.Initials(" ", dots: false)}".Trim()).ToList();
        if (a.Authors.Count > 3) names.Add(chinese ? "等" : "et al");
        var title = chinese ? a.Title + (a.Subtitle.Length > 0 ? "：" + a.Subtitle : "") : a.TitleEn + (a.SubtitleEn.Length > 0 ? ": " + a.SubtitleEn : "");
        var journal = chinese ? c.Journal.TitleZh : (c.Journal.TitleEn.Length > 0 ? c.Journal.TitleEn : c.Journal.TitleZh);
        var s = new StringBuilder();
        if (names.Count > 0) s.Append(string.Join(", ", names)).Append(". ");
        s.Append(title).Append("[J]. ").Append(journal).Append(", ").Append(Inv(c.Issue.Year)).Append(", ")
            .Append(Inv(c.Issue.Volume)).Append('(').Append(Inv(c.Issue.Number)).Append(')');
        var pages = Pages(a, "-");
        if (pages.Length > 0) s.Append(": ").Append(pages);
        s.Append('.');
        if (a.Doi.Length > 0) s.Append(" DOI: ").Append(a.Doi).Append('.');
        return s.ToString();
    }

    /// <summary>Zhang, M., Li, H., &amp; Smith, J. (2026). 题名 [Title]. 刊名, 5(2), 12–20. https://doi.org/….</summary>
    public static string ApaText(CitedArticle c)
    {
        var a = c.Article;
        var names = a.Authors.Select(x => x.FamilyEn.Length > 0 ? $"{x.FamilyEn}, {x.Initials()}".TrimEnd(',', ' ') : x.NameZh).ToList();
        var authors = names.Count switch
        {
            0 => "",
            1 => names[0],
            <= 20 => string.Join(", ", names.Take(names.Count - 1)) + ", & " + names[^1],
            _ => string.Join(", ", names.Take(19)) + ", … " + names[^1],
        };
        var s = new StringBuilder();
        if (authors.Length > 0) s.Append(authors).Append(' ');
        s.Append('(').Append(Inv(c.Issue.Year)).Append("). ");
        s.Append(a.Title).Append(a.Subtitle.Length > 0 ? "：" + a.Subtitle : "");
        if (a.Language != "en" && a.TitleEn.Length > 0) s.Append(" [").Append(a.TitleEn).Append(a.SubtitleEn.Length > 0 ? ": " + a.SubtitleEn : "").Append(']');
        s.Append(". ").Append(c.Journal.TitleZh).Append(", ").Append(Inv(c.Issue.Volume)).Append('(').Append(Inv(c.Issue.Number)).Append(')');
        var pages = Pages(a, "–");
        if (pages.Length > 0) s.Append(", ").Append(pages);
        s.Append('.');
        s.Append(' ').Append(a.Doi.Length > 0 ? "https://doi.org/" + a.Doi : c.Url);
        return s.ToString();
    }

    /// <summary>RIS (Research Information Systems): tagged lines, CRLF, one AU per author, ER last.</summary>
    public static string RisText(CitedArticle c)
    {
        var a = c.Article;
        var s = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            s.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");
        }
        Tag("TY", "JOUR");
        foreach (var author in a.Authors) Tag("AU", author.NameZh.Length > 0 ? author.NameZh : author.InvertedEn);
        Tag("TI", a.Title + (a.Subtitle.Length > 0 ? "：" + a.Subtitle : ""));
        Tag("TT", a.TitleEn + (a.SubtitleEn.Length > 0 ? ": " + a.SubtitleEn : ""));
        Tag("T2", c.Journal.TitleZh);
        Tag("J2", c.Journal.Abbreviation);
        Tag("PY", Inv(c.Issue.Year));
        Tag("DA", a.PublishedAt is { } p ? Outreach.Core.Localization.OutreachTime.ToBeijing(p).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : null);
        Tag("VL", Inv(c.Issue.Volume));
        Tag("IS", Inv(c.Issue.Number));
        Tag("SP", a.ArticleNumber.Length > 0 ? a.ArticleNumber : a.FirstPage);
        Tag("EP", a.LastPage);
        Tag("DO", a.Doi);
        Tag("SN", c.Journal.Issn.Length > 0 ? c.Journal.Issn : c.Journal.EIssn);
        Tag("PB", c.Journal.Publisher);
        Tag("LA", a.Language);
        Tag("AB", a.Abstract);
        foreach (var k in a.Keywords) Tag("KW", k);
        Tag("UR", c.Url);
        s.Append("ER  - \r\n");
        return s.ToString();
    }

    /// <summary>A BibTeX @article; values braced, TeX specials escaped.</summary>
    public static string BibTex(CitedArticle c)
    {
        var a = c.Article;
        var first = a.Authors.FirstOrDefault();
        var key = new string(((first?.FamilyEn ?? "article").ToLowerInvariant()).Where(char.IsAsciiLetterOrDigit).ToArray());
        key = (key.Length > 0 ? key : "article") + Inv(c.Issue.Year) + "-" + Inv(a.Id);
        var fields = new List<(string, string)>
        {
            ("author", string.Join(" and ", a.Authors.Select(x => x.NameZh.Length > 0 ? x.NameZh : x.InvertedEn))),
            ("title", a.Title + (a.Subtitle.Length > 0 ? "：" + a.Subtitle : "")),
            ("journal", c.Journal.TitleZh),
            ("year", Inv(c.Issue.Year)),
            ("volume", Inv(c.Issue.Volume)),
            ("number", Inv(c.Issue.Number)),
            ("pages", Pages(a, "--")),
            ("doi", a.Doi),
            ("issn", c.Journal.Issn),
            ("publisher", c.Journal.Publisher),
            ("keywords", string.Join(", ", a.Keywords)),
            ("language", a.Language),
            ("url", c.Url),
        };
        var s = new StringBuilder("@article{").Append(key).Append(",\n");
        foreach (var (name, value) in fields.Where(f => f.Item2.Length > 0))
            s.Append("  ").Append(name).Append(" = {").Append(name is "url" or "doi" ? value : TeX(OneLine(value))).Append("},\n");
        s.Append("}\n");
        return s.ToString();
    }

    static string TeX(string value)
    {
        var s = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': s.Append("\\textbackslash{}"); break;
                case '{' or '}' or '%' or '&' or '$' or '#' or '_': s.Append('\\').Append(ch); break;
                case '~': s.Append("\\textasciitilde{}"); break;
                case '^': s.Append("\\textasciicircum{}"); break;
                default: s.Append(ch); break;
            }
        }
        return s.ToString();
    }

    static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);
}
