using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Journals;

/// <summary>A problem of one CSV row (1 = the first data row; the header is row 0), naming the column.</summary>
public sealed record ImportProblem(int Row, string Column, string Message);

public sealed record ImportReport(bool DryRun, int Rows, int Created, int Updated, int Pdfs, IReadOnlyList<ImportProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// An issue's articles from a CSV of metadata plus their PDFs (a folder for the CLI, uploaded files for the admin).
/// Every row and every PDF is checked first; with any problem nothing is written and each problem names its row and
/// column. A dry run stops after the checks. Articles are keyed by their order in the issue, so importing again updates.
/// Columns: order, section, title, subtitle, titleEn, subtitleEn, authors, affiliations, abstract, abstractEn, keywords,
/// keywordsEn, doi, pages, articleNumber, received, accepted, clc, documentCode, funding, references, pdf, pdfEmbargoUntil.
/// Authors: <c>张明&lt;Zhang, Ming&gt;[1,2]{0000-0002-1825-0097}*; Smith&lt;Smith, John&gt;[3]</c> (<c>*</c>: corresponding);
/// lists are separated by ; or ；, references by line breaks.
/// </summary>
public sealed partial class IssueImport(OutreachDbContext db, ContentEditor editor, JournalStorage storage, PdfCheck pdfCheck, PdfTextSignal signal)
{
    public static readonly string[] Columns =
    [
        "order", "section", "title", "subtitle", "titleEn", "subtitleEn", "authors", "affiliations", "abstract", "abstractEn", "keywords",
        "keywordsEn", "doi", "pages", "articleNumber", "received", "accepted", "clc", "documentCode", "funding", "references", "pdf", "pdfEmbargoUntil",
    ];

    public const int MaxRows = 500;

    [GeneratedRegex(@"^\s*(?<zh>[^<\[{*]*?)\s*(<(?<en>[^>]*)>)?\s*(\[(?<aff>[\d,，\s]*)\])?\s*(\{(?<orcid>[^}]*)\})?\s*(?<star>\*)?\s*$")]
    private static partial Regex AuthorPattern();

    [GeneratedRegex(@"(?:doi:\s*|https?://doi\.org/)(?<doi>10\.\d{4,9}/\S+?)[.。]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceDoi();

    /// <summary>Keywords or affiliations in one cell, separated by ; or ；.</summary>
    public static string[] List(string? cell) => (cell ?? "").Split([';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One reference line; a trailing "DOI: 10.…" or https://doi.org/… is kept as its DOI too.</summary>
    public static ReferenceInput Reference(string line) =>
        ReferenceDoi().Match(line) is { Success: true } d ? new ReferenceInput(line, d.Groups["doi"].Value) : new ReferenceInput(line, null);

    /// <param name="pdfs">A PDF's bytes by the file name in the <c>pdf</c> column; null when there is no such file.</param>
    public async Task<ImportReport> RunAsync(Journal journal, IssueInput issueInput, Stream csv, Func<string, Task<byte[]?>> pdfs, bool dryRun,
        string author, CancellationToken ct)
    {
        var problems = new List<ImportProblem>();
        var issue = await db.Set<JournalIssue>().FirstOrDefaultAsync(i => i.JournalId == journal.Id && i.Year == issueInput.Year && i.Volume == issueInput.Volume && i.Number == issueInput.Number, ct);
        var probe = new JournalIssue();
        foreach (var (field, messages) in JournalFields.Apply(issueInput, probe)) problems.Add(new(0, field, messages[0]));
        var sections = await db.Set<JournalSection>().Where(s => s.JournalId == journal.Id).ToDictionaryAsync(s => s.Key, s => s.Id, ct);
        // Section names work as well as keys in a spreadsheet typed by an editor.
        foreach (var s in await db.Set<JournalSection>().Where(s => s.JournalId == journal.Id).ToListAsync(ct)) sections.TryAdd(s.TitleZh, s.Id);

        var rows = new List<(int Row, ArticleInput Input, string? Pdf, byte[]? Bytes)>();
        string text;
        using (var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true)) text = await reader.ReadToEndAsync(ct);
        List<string[]> table;
        try { table = CsvRows.Parse(text); }
        catch (FormatException e) { return new(dryRun, 0, 0, 0, 0, [new(0, "", e.Message)]); }
        var header = table.Count > 0 ? table[0].Select(h => h.Trim()).ToArray() : [];
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (unknown.Count > 0) problems.Add(new(0, string.Join(",", unknown), $"未知的列；可用的列：{string.Join(", ", Columns)}"));
        if (!header.Contains("title")) problems.Add(new(0, "title", "缺少 title 列"));
        var orders = new HashSet<int>();
        for (var row = 1; row < table.Count; row++)
        {
            if (row > MaxRows) { problems.Add(new(row, "", $"一次最多导入 {MaxRows} 行")); break; }
            var cells = table[row];
            string Cell(string name) => Array.IndexOf(header, name) is var i and >= 0 && i < cells.Length ? cells[i].Trim() : "";
            var order = row;
            if (Cell("order") is { Length: > 0 } o && !int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out order))
                problems.Add(new(row, "order", "应为正整数"));
            if (!orders.Add(order)) problems.Add(new(row, "order", $"顺序号 {order} 重复"));
            var authors = new List<AuthorInput>();
            foreach (var name in List(Cell("authors")))
            {
                var m = AuthorPattern().Match(name);
                if (!m.Success) { problems.Add(new(row, "authors", $"无法识别作者“{name}”，格式：张明<Zhang, Ming>[1,2]*")); continue; }
                var en = m.Groups["en"].Value.Split(',', 2, StringSplitOptions.TrimEntries);
                var affs = m.Groups["aff"].Value.Split([',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(x => int.TryParse(x, out var n) ? n : -1).ToArray();
                authors.Add(new AuthorInput(m.Groups["zh"].Value, en[0], en.Length > 1 ? en[1] : "", affs, m.Groups["orcid"].Value, m.Groups["star"].Success, null, false));
            }
            var references = Cell("references").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(Reference).ToArray();
            var input = new ArticleInput
            {
                Order = order, Section = NullIfEmpty(Cell("section")), Title = Cell("title"), Subtitle = Cell("subtitle"), TitleEn = Cell("titleEn"),
                SubtitleEn = Cell("subtitleEn"), Authors = [.. authors], Affiliations = List(Cell("affiliations")), Abstract = Cell("abstract"),
                AbstractEn = Cell("abstractEn"), Keywords = List(Cell("keywords")), KeywordsEn = List(Cell("keywordsEn")), Doi = Cell("doi"),
                Pages = Cell("pages"), ArticleNumber = Cell("articleNumber"), Received = Cell("received"), Accepted = Cell("accepted"),
                Clc = Cell("clc"), DocumentCode = Cell("documentCode"), Funding = Cell("funding"), References = references,
                PdfEmbargoUntil = NullIfEmpty(Cell("pdfEmbargoUntil")),
            };
            foreach (var (field, messages) in ArticleFields.Apply(input, new JournalArticle(), sections)) problems.Add(new(row, field, messages[0]));
            byte[]? bytes = null;
            var pdf = NullIfEmpty(Cell("pdf"));
            if (pdf is not null)
            {
                if (pdf.Contains('/') || pdf.Contains('\\') || pdf.Contains("..", StringComparison.Ordinal)) problems.Add(new(row, "pdf", "只写文件名，不要写路径"));
                else if (await pdfs(pdf) is not { } found) problems.Add(new(row, "pdf", $"找不到 PDF 文件“{pdf}”"));
                else
                {
                    try { pdfCheck.Check(found); bytes = found; }
                    catch (PdfRejectedException e) { problems.Add(new(row, "pdf", $"{e.Title}：{e.Detail}")); }
                }
            }
            rows.Add((row, input, pdf, bytes));
        }
        if (table.Count <= 1) problems.Add(new(0, "", "CSV 中没有文章"));
        if (problems.Count > 0 || dryRun) return new(dryRun, rows.Count, 0, 0, rows.Count(r => r.Bytes is not null), problems);

        var written = new List<string>();
        var replaced = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (issue is null)
            {
                issue = new JournalIssue { SiteId = journal.SiteId, JournalId = journal.Id, Status = ContentStatus.Draft };
                JournalFields.Apply(issueInput, issue);
                issue.Slug = $"{journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}";
                editor.Add(issue, author);
                await db.SaveChangesAsync(ct);
            }
            var existing = await db.Set<JournalArticle>().Where(a => a.IssueId == issue.Id).ToListAsync(ct);
            int created = 0, updated = 0;
            foreach (var (_, input, _, bytes) in rows)
            {
                var article = existing.FirstOrDefault(a => a.Order == input.Order);
                var isNew = article is null;
                article ??= new JournalArticle { SiteId = journal.SiteId, IssueId = issue.Id, Status = issue.Status, Slug = $"{issue.Slug}-{input.Order}" };
                ArticleFields.Apply(input, article, sections);
                if (bytes is not null)
                {
                    if (article.PdfStoredName is { } old) replaced.Add(old);
                    article.PdfStoredName = await storage.SaveAsync(journal.SiteId, bytes, ct);
                    written.Add(article.PdfStoredName);
                    article.PdfBytes = bytes.LongLength;
                    article.PdfTextState = PdfTextState.Pending;
                    article.PdfWarning = "";
                }
                if (isNew) { editor.Add(article, author); created++; }
                else { editor.Save(article, author, "import"); updated++; }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            foreach (var name in replaced) storage.Delete(journal.SiteId, name); // only once the rows no longer name them
            signal.Notify();
            return new(false, rows.Count, created, updated, written.Count, []);
        }
        catch
        {
            foreach (var name in written) storage.Delete(journal.SiteId, name); // no half import: files go with the rows
            throw;
        }
    }

    static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
