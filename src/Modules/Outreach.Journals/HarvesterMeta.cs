using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Core.Localization;

namespace Outreach.Journals;

/// <summary>
/// What Google Scholar, Zotero and indexes read from an article page: Highwire Press <c>citation_*</c> tags (in the
/// order Scholar documents: each author followed by its institutions), Dublin Core <c>DC.*</c>, and schema.org
/// <c>ScholarlyArticle</c> JSON-LD.
/// </summary>
public static class HarvesterMeta
{
    public static IReadOnlyList<MetaTag> Highwire(CitedArticle c, string? pdfUrl)
    {
        var a = c.Article;
        var tags = new List<MetaTag> { new("citation_title", a.Title + (a.Subtitle.Length > 0 ? "：" + a.Subtitle : "")) };
        foreach (var author in a.Authors)
        {
            tags.Add(new("citation_author", author.NameZh.Length > 0 ? author.NameZh : author.InvertedEn));
            foreach (var n in author.Affiliations.Where(n => n >= 1 && n <= a.Affiliations.Count))
                tags.Add(new("citation_author_institution", a.Affiliations[n - 1]));
            if (author.Orcid.Length > 0) tags.Add(new("citation_author_orcid", "https://orcid.org/" + author.Orcid));
        }
        if (a.PublishedAt is { } published) tags.Add(new("citation_publication_date", OutreachTime.ToBeijing(published).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)));
        tags.Add(new("citation_journal_title", c.Journal.TitleZh));
        if (c.Journal.Abbreviation.Length > 0) tags.Add(new("citation_journal_abbrev", c.Journal.Abbreviation));
        if (c.Journal.Issn.Length > 0) tags.Add(new("citation_issn", c.Journal.Issn));
        if (c.Journal.EIssn.Length > 0) tags.Add(new("citation_issn", c.Journal.EIssn));
        if (c.Journal.Publisher.Length > 0) tags.Add(new("citation_publisher", c.Journal.Publisher));
        tags.Add(new("citation_volume", c.Issue.Volume.ToString(CultureInfo.InvariantCulture)));
        tags.Add(new("citation_issue", c.Issue.Number.ToString(CultureInfo.InvariantCulture)));
        if (a.FirstPage.Length > 0) tags.Add(new("citation_firstpage", a.FirstPage));
        if (a.LastPage.Length > 0) tags.Add(new("citation_lastpage", a.LastPage));
        if (a.Doi.Length > 0) tags.Add(new("citation_doi", a.Doi));
        if (pdfUrl is not null) tags.Add(new("citation_pdf_url", pdfUrl));
        tags.Add(new("citation_abstract_html_url", c.Url));
        tags.Add(new("citation_language", a.Language));
        if (a.Keywords.Count > 0) tags.Add(new("citation_keywords", string.Join("; ", a.Keywords)));
        return tags;
    }

    public static IReadOnlyList<MetaTag> DublinCore(CitedArticle c)
    {
        var a = c.Article;
        var tags = new List<MetaTag> { new("DC.Title", a.Title) };
        if (a.TitleEn.Length > 0) tags.Add(new("DC.Title.Alternative", a.TitleEn));
        tags.AddRange(a.Authors.Select(x => new MetaTag("DC.Creator.PersonalName", x.Name)));
        if (a.PublishedAt is { } p) tags.Add(new("DC.Date.issued", OutreachTime.ToBeijing(p).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        tags.Add(new("DC.Description", a.Abstract));
        if (a.AbstractEn.Length > 0) tags.Add(new("DC.Description", a.AbstractEn));
        tags.Add(new("DC.Format", "application/pdf"));
        tags.Add(new("DC.Identifier.URI", c.Url));
        if (a.Doi.Length > 0) tags.Add(new("DC.Identifier.DOI", a.Doi));
        tags.Add(new("DC.Language", a.Language));
        tags.Add(new("DC.Publisher", c.Journal.Publisher));
        tags.Add(new("DC.Source", c.Journal.TitleZh));
        if (c.Journal.Issn.Length > 0) tags.Add(new("DC.Source.ISSN", c.Journal.Issn));
        tags.Add(new("DC.Source.Volume", c.Issue.Volume.ToString(CultureInfo.InvariantCulture)));
        tags.Add(new("DC.Source.Issue", c.Issue.Number.ToString(CultureInfo.InvariantCulture)));
        tags.AddRange(a.Keywords.Select(k => new MetaTag("DC.Subject", k)));
        tags.Add(new("DC.Type", "Text.Serial.Journal"));
        return tags;
    }

    public static JsonObject JsonLd(CitedArticle c, string? pdfUrl)
    {
        var a = c.Article;
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ScholarlyArticle",
            ["headline"] = a.Title,
            ["name"] = a.Title,
            ["alternativeHeadline"] = a.TitleEn,
            ["inLanguage"] = a.Language,
            ["abstract"] = a.Abstract,
            ["keywords"] = string.Join(", ", a.Keywords),
            ["url"] = c.Url,
            ["author"] = new JsonArray(a.Authors.Select(x =>
            {
                var person = new JsonObject { ["@type"] = "Person", ["name"] = x.Name };
                if (x.NameEn.Length > 0) person["alternateName"] = x.NameEn;
                var orgs = x.Affiliations.Where(n => n >= 1 && n <= a.Affiliations.Count)
                    .Select(n => (JsonNode)new JsonObject { ["@type"] = "Organization", ["name"] = a.Affiliations[n - 1] }).ToArray();
                if (orgs.Length > 0) person["affiliation"] = new JsonArray(orgs);
                if (x.Orcid.Length > 0) person["identifier"] = "https://orcid.org/" + x.Orcid;
                return (JsonNode)person;
            }).ToArray()),
            ["isPartOf"] = new JsonObject
            {
                ["@type"] = "PublicationIssue",
                ["issueNumber"] = c.Issue.Number.ToString(CultureInfo.InvariantCulture),
                ["datePublished"] = c.Issue.Year.ToString(CultureInfo.InvariantCulture),
                ["isPartOf"] = new JsonObject
                {
                    ["@type"] = "PublicationVolume",
                    ["volumeNumber"] = c.Issue.Volume.ToString(CultureInfo.InvariantCulture),
                    ["isPartOf"] = new JsonObject
                    {
                        ["@type"] = "Periodical", ["name"] = c.Journal.TitleZh,
                        ["issn"] = c.Journal.Issn, ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = c.Journal.Publisher },
                    },
                },
            },
        };
        if (a.PublishedAt is { } p) ld["datePublished"] = OutreachTime.ToBeijing(p).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (a.FirstPage.Length > 0) ld["pageStart"] = a.FirstPage;
        if (a.LastPage.Length > 0) ld["pageEnd"] = a.LastPage;
        if (a.Doi.Length > 0) ld["sameAs"] = "https://doi.org/" + a.Doi;
        if (pdfUrl is not null) ld["encoding"] = new JsonObject { ["@type"] = "MediaObject", ["encodingFormat"] = "application/pdf", ["contentUrl"] = pdfUrl };
        return ld;
    }

    /// <summary>The tags and the JSON-LD as the page's head, with the canonical link.</summary>
    public static string Head(CitedArticle c, string? pdfUrl)
    {
        static string Attr(string s) => WebUtility.HtmlEncode(s);
        var s = new StringBuilder();
        s.Append("<link rel=\"canonical\" href=\"").Append(Attr(c.Url)).Append("\">\n");
        foreach (var tag in Highwire(c, pdfUrl).Concat(DublinCore(c)))
            s.Append("<meta name=\"").Append(tag.Name).Append("\" content=\"").Append(Attr(tag.Content)).Append("\">\n");
        s.Append("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">\n");
        var json = JsonLd(c, pdfUrl).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace("</", "<\\/", StringComparison.Ordinal);
        s.Append("<script type=\"application/ld+json\">").Append(json).Append("</script>");
        return s.ToString();
    }
}
