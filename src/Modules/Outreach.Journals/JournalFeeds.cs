using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Localization;
using Outreach.Core.Security;
using Outreach.Core.Sites;

namespace Outreach.Journals;

/// <summary>An Atom feed of a journal's new issues, and the Crossref deposit (schema 5.3.1) of an issue for editors.</summary>
public static class JournalFeeds
{
    const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string CrossrefNs = "http://www.crossref.org/schema/5.3.1";
    const string JatsNs = "http://www.ncbi.nlm.nih.gov/JATS1";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/journals/{slug}/feed.atom", AtomAsync).ExcludeFromDescription();
        app.MapGet("/api/v1/admin/issues/{id:int}/crossref.xml", CrossrefAsync).WithTags("Admin: journals").WithName("ExportIssueCrossref")
            .RequireSitePermission(JournalPermissions.Edit);
    }

    static XmlWriter Writer(Stream s) => XmlWriter.Create(s, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });

    static async Task<IResult> AtomAsync(string slug, HttpContext http, OutreachDbContext db, SiteContext site, TimeProvider clock, CancellationToken ct)
    {
        var journal = await db.Set<Journal>().AsNoTracking().FirstOrDefaultAsync(j => j.Slug == slug, ct);
        if (journal is null) return Results.NotFound();
        var issues = await JournalQuery.PublicIssues(db).Where(i => i.JournalId == journal.Id)
            .OrderByDescending(i => i.PublishedAt).ThenByDescending(i => i.Id).Take(20).ToListAsync(ct);
        var home = JournalLinks.Absolute(http, JournalLinks.Journal(journal));
        using var buffer = new MemoryStream();
        using (var w = Writer(buffer))
        {
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xml", "lang", null, "zh-CN");
            w.WriteElementString("id", AtomNs, home);
            w.WriteElementString("title", AtomNs, journal.TitleZh);
            if (journal.TitleEn.Length > 0) w.WriteElementString("subtitle", AtomNs, journal.TitleEn);
            w.WriteElementString("updated", AtomNs, Iso(issues.Select(i => i.UpdatedAt).DefaultIfEmpty(clock.GetUtcNow()).Max()));
            Link(w, home, "alternate");
            Link(w, JournalLinks.Absolute(http, $"/journals/{journal.Slug}/feed.atom"), "self");
            w.WriteStartElement("author", AtomNs); w.WriteElementString("name", AtomNs, journal.Publisher.Length > 0 ? journal.Publisher : journal.TitleZh); w.WriteEndElement();
            foreach (var i in issues)
            {
                var url = JournalLinks.Absolute(http, JournalLinks.Issue(journal, i));
                var titles = await JournalQuery.PublicArticles(db).Where(a => a.IssueId == i.Id).OrderBy(a => a.Order).Select(a => a.Title).ToListAsync(ct);
                w.WriteStartElement("entry", AtomNs);
                w.WriteElementString("id", AtomNs, url);
                w.WriteElementString("title", AtomNs, $"{journal.TitleZh} {i.Title}");
                w.WriteElementString("updated", AtomNs, Iso(i.UpdatedAt));
                if (i.PublishedAt is { } p) w.WriteElementString("published", AtomNs, Iso(p));
                Link(w, url, "alternate");
                w.WriteStartElement("summary", AtomNs);
                w.WriteString($"本期共 {titles.Count} 篇：" + string.Join("；", titles));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    static string Iso(DateTimeOffset t) => OutreachTime.ToBeijing(t).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Crossref 5.3.1 <c>doi_batch</c> for the issue's articles that carry a DOI; editors upload it to Crossref themselves.</summary>
    static async Task<IResult> CrossrefAsync(int id, HttpContext http, OutreachDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var issue = await db.Set<JournalIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null) return TypedProblem(404, "没有这一期", $"本站没有编号为 {id} 的期。");
        var journal = await db.Set<Journal>().AsNoTracking().FirstAsync(j => j.Id == issue.JournalId, ct);
        var articles = await db.Set<JournalArticle>().AsNoTracking().Where(a => a.IssueId == id && a.Doi != "" && a.WithdrawnAt == null)
            .OrderBy(a => a.Order).ToListAsync(ct);
        var now = clock.GetUtcNow();
        using var buffer = new MemoryStream();
        using (var w = Writer(buffer))
        {
            w.WriteStartElement("doi_batch", CrossrefNs);
            w.WriteAttributeString("version", "5.3.1");
            w.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
            w.WriteAttributeString("xmlns", "jats", null, JatsNs);
            w.WriteAttributeString("schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", CrossrefNs + " https://www.crossref.org/schemas/crossref5.3.1.xsd");
            w.WriteStartElement("head", CrossrefNs);
            w.WriteElementString("doi_batch_id", CrossrefNs, $"{journal.Slug}-{issue.Year}-{issue.Volume}-{issue.Number}-{now.ToUnixTimeSeconds()}");
            w.WriteElementString("timestamp", CrossrefNs, now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
            w.WriteStartElement("depositor", CrossrefNs);
            w.WriteElementString("depositor_name", CrossrefNs, journal.Publisher.Length > 0 ? journal.Publisher : journal.TitleZh);
            w.WriteElementString("email_address", CrossrefNs, journal.ContactEmail);
            w.WriteEndElement();
            w.WriteElementString("registrant", CrossrefNs, journal.Publisher.Length > 0 ? journal.Publisher : journal.TitleZh);
            w.WriteEndElement();
            w.WriteStartElement("body", CrossrefNs);
            w.WriteStartElement("journal", CrossrefNs);
            w.WriteStartElement("journal_metadata", CrossrefNs);
            w.WriteAttributeString("language", "zh");
            w.WriteElementString("full_title", CrossrefNs, journal.TitleZh);
            if (journal.Abbreviation.Length > 0) w.WriteElementString("abbrev_title", CrossrefNs, journal.Abbreviation);
            if (journal.Issn.Length > 0) Issn(w, journal.Issn, "print");
            if (journal.EIssn.Length > 0) Issn(w, journal.EIssn, "electronic");
            w.WriteEndElement();
            w.WriteStartElement("journal_issue", CrossrefNs);
            if (issue.PublishedAt is { } published) Date(w, published);
            w.WriteStartElement("journal_volume", CrossrefNs); w.WriteElementString("volume", CrossrefNs, Inv(issue.Volume)); w.WriteEndElement();
            w.WriteElementString("issue", CrossrefNs, Inv(issue.Number));
            w.WriteEndElement();
            foreach (var a in articles)
            {
                w.WriteStartElement("journal_article", CrossrefNs);
                w.WriteAttributeString("publication_type", "full_text");
                w.WriteAttributeString("language", a.Language);
                w.WriteStartElement("titles", CrossrefNs);
                w.WriteElementString("title", CrossrefNs, a.Title);
                if (a.Subtitle.Length > 0) w.WriteElementString("subtitle", CrossrefNs, a.Subtitle);
                w.WriteEndElement();
                if (a.Authors.Count > 0)
                {
                    w.WriteStartElement("contributors", CrossrefNs);
                    foreach (var (author, n) in a.Authors.Select((x, n) => (x, n)))
                    {
                        w.WriteStartElement("person_name", CrossrefNs);
                        w.WriteAttributeString("sequence", n == 0 ? "first" : "additional");
                        w.WriteAttributeString("contributor_role", "author");
                        if (author.GivenEn.Length > 0) w.WriteElementString("given_name", CrossrefNs, author.GivenEn);
                        w.WriteElementString("surname", CrossrefNs, author.FamilyEn.Length > 0 ? author.FamilyEn : author.NameZh);
                        var affs = author.Affiliations.Where(x => x >= 1 && x <= a.Affiliations.Count).ToList();
                        if (affs.Count > 0)
                        {
                            w.WriteStartElement("affiliations", CrossrefNs);
                            foreach (var x in affs) { w.WriteStartElement("institution", CrossrefNs); w.WriteElementString("institution_name", CrossrefNs, a.Affiliations[x - 1]); w.WriteEndElement(); }
                            w.WriteEndElement();
                        }
                        if (author.Orcid.Length > 0) w.WriteElementString("ORCID", CrossrefNs, "https://orcid.org/" + author.Orcid);
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                if (a.Abstract.Length > 0)
                {
                    w.WriteStartElement("jats", "abstract", JatsNs); w.WriteAttributeString("xml", "lang", null, a.Language);
                    w.WriteElementString("jats", "p", JatsNs, a.Abstract); w.WriteEndElement();
                }
                if (a.AbstractEn.Length > 0)
                {
                    w.WriteStartElement("jats", "abstract", JatsNs); w.WriteAttributeString("xml", "lang", null, "en");
                    w.WriteElementString("jats", "p", JatsNs, a.AbstractEn); w.WriteEndElement();
                }
                if ((a.PublishedAt ?? issue.PublishedAt) is { } p) Date(w, p);
                if (a.FirstPage.Length > 0)
                {
                    w.WriteStartElement("pages", CrossrefNs);
                    w.WriteElementString("first_page", CrossrefNs, a.FirstPage);
                    if (a.LastPage.Length > 0) w.WriteElementString("last_page", CrossrefNs, a.LastPage);
                    w.WriteEndElement();
                }
                else if (a.ArticleNumber.Length > 0)
                {
                    w.WriteStartElement("publisher_item", CrossrefNs); w.WriteElementString("item_number", CrossrefNs, a.ArticleNumber); w.WriteEndElement();
                }
                w.WriteStartElement("doi_data", CrossrefNs);
                w.WriteElementString("doi", CrossrefNs, a.Doi);
                w.WriteElementString("resource", CrossrefNs, JournalLinks.Absolute(http, JournalLinks.Article(journal, a)));
                w.WriteEndElement();
                if (a.References.Count > 0)
                {
                    w.WriteStartElement("citation_list", CrossrefNs);
                    foreach (var (r, n) in a.References.Select((r, n) => (r, n + 1)))
                    {
                        w.WriteStartElement("citation", CrossrefNs);
                        w.WriteAttributeString("key", "ref" + Inv(n));
                        if (r.Doi.Length > 0) w.WriteElementString("doi", CrossrefNs, r.Doi);
                        w.WriteElementString("unstructured_citation", CrossrefNs, r.Text);
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement(); w.WriteEndElement(); w.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8", $"crossref-{journal.Slug}-{issue.Year}-{issue.Number}.xml");
    }

    static IResult TypedProblem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    static void Issn(XmlWriter w, string issn, string media)
    {
        w.WriteStartElement("issn", CrossrefNs); w.WriteAttributeString("media_type", media); w.WriteString(issn); w.WriteEndElement();
    }

    static void Date(XmlWriter w, DateTimeOffset instant)
    {
        var d = OutreachTime.ToBeijing(instant);
        w.WriteStartElement("publication_date", CrossrefNs);
        w.WriteAttributeString("media_type", "online");
        w.WriteElementString("month", CrossrefNs, d.Month.ToString("00", CultureInfo.InvariantCulture));
        w.WriteElementString("day", CrossrefNs, d.Day.ToString("00", CultureInfo.InvariantCulture));
        w.WriteElementString("year", CrossrefNs, Inv(d.Year));
        w.WriteEndElement();
    }

    static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);
}
