using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals.Pages.Admin.Journals;

/// <summary>
/// The article editor: bilingual metadata, the authors editor (order, numbered affiliations, ORCID, corresponding author
/// and whether the address is shown), references, dates, and the full-text PDF upload. Checks are <see cref="ArticleFields"/>
/// and <see cref="PdfCheck"/>, the same as the API's and the CSV import's.
/// </summary>
[SitePermission(JournalPermissions.Edit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimits.Request)]
[RequestSizeLimit(UploadLimits.Request)] // PdfCheck enforces the configured PDF limit with a clear message
public sealed class ArticleModel(OutreachDbContext db, SiteContext site, ContentEditor editor, AuditLog audit, ArticlePdfUpload pdfUpload) : PageModel
{
    const int BlankAuthorRows = 2;
    const string StaleMessage = "这篇文章刚被其他编辑修改过；请重新打开后再改，你这次的修改没有保存。";

    public Journal Journal { get; private set; } = null!;
    public JournalIssue Issue { get; private set; } = null!;
    public JournalArticle? Article { get; private set; }
    public IReadOnlyList<JournalSection> Sections { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public (string Title, string Detail)? PdfError { get; private set; }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "issue")] public int? IssueId { get; set; }
    [BindProperty] public ArticleForm Form { get; set; } = new();

    public string SiteUrl(string path) => site.Url(path);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Form = Article is null ? new ArticleForm() : ArticleForm.Of(Article, Sections);
        Form.PadAuthors(BlankAuthorRows);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var article = Article is null
            ? new JournalArticle
            {
                // An article added to a published or scheduled issue goes out with it.
                IssueId = Issue.Id, Status = Issue.Status, PublishedAt = Issue.Status == ContentStatus.Published ? Issue.PublishedAt : null,
                ScheduledAt = Issue.Status == ContentStatus.Draft ? Issue.ScheduledAt : null,
            }
            : await db.Set<JournalArticle>().FirstAsync(a => a.Id == Article.Id, ct);
        Form.CompactAuthors(); // error keys (authors[i]) then name the rows as shown again
        var (input, formErrors) = Form.ToInput();
        Errors = ArticleFields.Apply(input, article, Sections.ToDictionary(s => s.Key, s => s.Id));
        foreach (var (k, v) in formErrors) Errors[k] = v;
        if (Errors.Count > 0)
        {
            Form.PadAuthors(BlankAuthorRows);
            return Page(); // the tracked article goes with the request: nothing saved
        }
        var actor = AuditLog.ActorOf(User);
        if (Article is null)
        {
            if (input.Order is null) article.Order = (await db.Set<JournalArticle>().Where(a => a.IssueId == Issue.Id).Select(a => (int?)a.Order).MaxAsync(ct) ?? 0) + 1;
            article.Slug = await editor.UniqueSlugAsync<JournalArticle>($"{Issue.Slug}-{article.Order}", article.Title, 0, ct);
            editor.Add(article, actor);
            audit.Record(User, "content.create", "journal-article:" + article.Slug);
        }
        else
        {
            editor.ExpectRevision(article, Form.Revision);
            editor.Save(article, actor);
            audit.Record(User, "content.edit", "journal-article:" + article.Slug);
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (ContentEditor.IsLostEdit(e))
        {
            Errors[""] = [StaleMessage];
            Form.PadAuthors(BlankAuthorRows);
            return Page();
        }
        TempData["Message"] = $"已保存：{article.Title}";
        return Redirect(site.Url("/admin/journals/article?id=" + article.Id));
    }

    /// <summary>The full-text PDF (multipart, field <c>file</c>); a refused file changes nothing and the page says why.</summary>
    public async Task<IActionResult> OnPostPdfAsync(IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Article is null) return NotFound();
        var article = await db.Set<JournalArticle>().FirstAsync(a => a.Id == Article.Id, ct);
        try
        {
            if (file is null || file.Length == 0) throw new PdfRejectedException("缺少 PDF 文件", "请选择要上传的 PDF 全文。");
            await using var stream = file.OpenReadStream();
            await pdfUpload.SaveAsync(article, stream, file.Length, User, ct);
        }
        catch (PdfRejectedException e)
        {
            PdfError = (e.Title, e.Detail);
            Response.StatusCode = ArticlePdfUpload.StatusOf(e); // the page, with the reason, under the API's status
            Form = ArticleForm.Of(Article, Sections);
            Form.PadAuthors(BlankAuthorRows);
            return Page();
        }
        TempData["Message"] = $"已上传全文 PDF（{article.PdfBytes / 1024.0:0.#} KB），正在后台提取文字。";
        return Redirect(site.Url("/admin/journals/article?id=" + article.Id));
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Article = await db.Set<JournalArticle>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (Article is null) return false;
            IssueId = Article.IssueId;
        }
        if (await db.Set<JournalIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == IssueId, ct) is not { } issue) return false;
        Issue = issue;
        Journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        Sections = await db.Set<JournalSection>().AsNoTracking().Where(s => s.JournalId == Journal.Id).OrderBy(s => s.Order).ToListAsync(ct);
        return true;
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? m[0] : null;
}

/// <summary>One row of the authors editor. A row with no name at all is an unused blank row.</summary>
public sealed class AuthorRow
{
    /// <summary>Place in the byline (1 = first author); rows are sorted by it on saving.</summary>
    public int? Position { get; set; }
    public string? NameZh { get; set; }
    public string? FamilyEn { get; set; }
    public string? GivenEn { get; set; }

    /// <summary>Numbers into the affiliations list: "1,2".</summary>
    public string? Affiliations { get; set; }
    public string? Orcid { get; set; }
    public bool Corresponding { get; set; }
    public string? Email { get; set; }
    public bool ShowEmail { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(NameZh) && string.IsNullOrWhiteSpace(FamilyEn) && string.IsNullOrWhiteSpace(GivenEn)
        && string.IsNullOrWhiteSpace(Orcid) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Affiliations);
}

/// <summary>The article form: lists typed as an editor would (keywords with ；, one affiliation or reference per line).</summary>
public sealed class ArticleForm
{
    public int Revision { get; set; }
    public string? Section { get; set; }
    public int? Order { get; set; }
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? TitleEn { get; set; }
    public string? SubtitleEn { get; set; }
    public string? Abstract { get; set; }
    public string? AbstractEn { get; set; }
    public string? Keywords { get; set; }
    public string? KeywordsEn { get; set; }
    public string? Affiliations { get; set; }
    public List<AuthorRow> Authors { get; set; } = [];
    public string? Doi { get; set; }
    public string? Pages { get; set; }
    public string? ArticleNumber { get; set; }
    public string? Received { get; set; }
    public string? Accepted { get; set; }
    public string? Clc { get; set; }
    public string? DocumentCode { get; set; }
    public string? Funding { get; set; }
    public string? References { get; set; }
    public string? HtmlFullText { get; set; }
    public string? Language { get; set; }

    /// <summary>datetime-local, Beijing time.</summary>
    public string? PdfEmbargoUntil { get; set; }

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Drops blank rows and sorts by position (ties keep the order on the page), then numbers 1…n.</summary>
    public void CompactAuthors()
    {
        Authors = Authors.Select((a, i) => (a, i)).Where(x => !x.a.IsBlank).OrderBy(x => x.a.Position ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.a).ToList();
        for (var i = 0; i < Authors.Count; i++) Authors[i].Position = i + 1;
    }

    public void PadAuthors(int blanks)
    {
        for (var i = 0; i < blanks; i++) Authors.Add(new AuthorRow { Position = Authors.Count + 1 });
    }

    public (ArticleInput Input, Dictionary<string, string[]> Errors) ToInput()
    {
        var errors = new Dictionary<string, string[]>();
        var authors = Authors.Select((a, i) =>
        {
            var numbers = new List<int>();
            foreach (var part in (a.Affiliations ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part, out var n)) numbers.Add(n);
                else errors[$"authors[{i}].affiliations"] = ["单位编号应为数字，用逗号分隔，例如 1,2。"];
            }
            return new AuthorInput(a.NameZh, a.FamilyEn, a.GivenEn, [.. numbers], a.Orcid, a.Corresponding, a.Email, a.ShowEmail);
        }).ToArray();
        var input = new ArticleInput
        {
            Section = Section, Order = Order, Title = Title, Subtitle = Subtitle, TitleEn = TitleEn, SubtitleEn = SubtitleEn, Abstract = Abstract,
            AbstractEn = AbstractEn, Keywords = IssueImport.List(Keywords), KeywordsEn = IssueImport.List(KeywordsEn), Authors = authors,
            Affiliations = [.. Lines(Affiliations)], Doi = Doi, Pages = Pages, ArticleNumber = ArticleNumber, Received = Received, Accepted = Accepted,
            Clc = Clc, DocumentCode = DocumentCode, Funding = Funding, References = [.. Lines(References).Select(IssueImport.Reference)],
            HtmlFullText = HtmlFullText, Language = Language, PdfEmbargoUntil = OutreachTime.FromLocalInput(PdfEmbargoUntil),
        };
        return (input, errors);
    }

    public static ArticleForm Of(JournalArticle a, IEnumerable<JournalSection> sections) => new()
    {
        Revision = a.Revision, Section = sections.FirstOrDefault(s => s.Id == a.SectionId)?.Key, Order = a.Order, Title = a.Title, Subtitle = a.Subtitle,
        TitleEn = a.TitleEn, SubtitleEn = a.SubtitleEn, Abstract = a.Abstract, AbstractEn = a.AbstractEn,
        Keywords = string.Join("；", a.Keywords), KeywordsEn = string.Join("; ", a.KeywordsEn), Affiliations = string.Join("\n", a.Affiliations),
        Authors = a.Authors.Select((x, i) => new AuthorRow
        {
            Position = i + 1, NameZh = x.NameZh, FamilyEn = x.FamilyEn, GivenEn = x.GivenEn, Affiliations = string.Join(",", x.Affiliations),
            Orcid = x.Orcid, Corresponding = x.Corresponding, Email = x.Email, ShowEmail = x.ShowEmail,
        }).ToList(),
        Doi = a.Doi, Pages = a.LastPage.Length > 0 ? $"{a.FirstPage}-{a.LastPage}" : a.FirstPage, ArticleNumber = a.ArticleNumber,
        Received = a.ReceivedOn?.ToString("yyyy-MM-dd"), Accepted = a.AcceptedOn?.ToString("yyyy-MM-dd"), Clc = a.Clc, DocumentCode = a.DocumentCode,
        Funding = a.Funding, References = string.Join("\n", a.References.Select(r => r.Doi.Length > 0 && !r.Text.Contains(r.Doi, StringComparison.OrdinalIgnoreCase) ? $"{r.Text} DOI: {r.Doi}" : r.Text)),
        HtmlFullText = a.HtmlFullText, Language = a.Language, PdfEmbargoUntil = a.PdfEmbargoUntil is { } e ? OutreachTime.LocalInput(e) : null,
    };
}
