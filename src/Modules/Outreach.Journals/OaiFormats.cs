using System.Globalization;
using System.Xml;
using Outreach.Core.Localization;

namespace Outreach.Journals;

/// <summary>An article as <c>oai_dc</c> (simple Dublin Core) and as JATS front matter (journal and article metadata, references).</summary>
public static class OaiFormats
{
    const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";
    const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    static string Lang(string language) => language == "en" ? "en" : "zh";

    public static void WriteDublinCore(XmlWriter w, CitedArticle c, string? pdfUrl)
    {
        var a = c.Article;
        w.WriteStartElement("oai_dc", "dc", OaiEndpoint.OaiDcNs);
        w.WriteAttributeString("xmlns", "dc", null, OaiEndpoint.DcNs);
        w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
        w.WriteAttributeString("schemaLocation", XsiNs, OaiEndpoint.OaiDcNs + " http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
        void Dc(string name, string value, string? lang = null)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            w.WriteStartElement("dc", name, OaiEndpoint.DcNs);
            if (lang is not null) w.WriteAttributeString("xml", "lang", XmlNs, lang);
            w.WriteString(value);
            w.WriteEndElement();
        }
        Dc("title", a.Title + (a.Subtitle.Length > 0 ? "：" + a.Subtitle : ""), Lang(a.Language));
        Dc("title", a.TitleEn + (a.SubtitleEn.Length > 0 ? ": " + a.SubtitleEn : ""), "en");
        foreach (var author in a.Authors) Dc("creator", author.NameZh.Length > 0 ? author.NameZh : author.InvertedEn);
        foreach (var k in a.Keywords) Dc("subject", k, "zh");
        foreach (var k in a.KeywordsEn) Dc("subject", k, "en");
        if (a.Clc.Length > 0) Dc("subject", "中图分类号 " + a.Clc);
        Dc("description", a.Abstract, Lang(a.Language));
        Dc("description", a.AbstractEn, "en");
        Dc("publisher", c.Journal.Publisher);
        if (a.PublishedAt is { } p) Dc("date", OutreachTime.ToBeijing(p).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Dc("type", "info:eu-repo/semantics/article");
        Dc("type", "Text");
        if (pdfUrl is not null) Dc("format", "application/pdf");
        Dc("identifier", c.Url);
        if (a.Doi.Length > 0) Dc("identifier", "https://doi.org/" + a.Doi);
        var pages = a.DisplayPages.Length > 0 ? ": " + a.DisplayPages : "";
        Dc("source", $"{c.Journal.TitleZh}; 第{c.Issue.Volume}卷 第{c.Issue.Number}期 ({c.Issue.Year}){pages}", "zh");
        if (c.Journal.Issn.Length > 0) Dc("source", c.Journal.Issn);
        if (c.Journal.EIssn.Length > 0) Dc("source", c.Journal.EIssn);
        Dc("language", a.Language == "en" ? "eng" : "zho");
        if (pdfUrl is not null) Dc("relation", pdfUrl);
        Dc("rights", c.Journal.Licence);
        w.WriteEndElement();
    }

    /// <summary>JATS 1.3 <c>&lt;article&gt;</c> with <c>&lt;front&gt;</c> (journal-meta, article-meta) and <c>&lt;back&gt;</c> (ref-list).</summary>
    public static void WriteJats(XmlWriter w, CitedArticle c, string? pdfUrl, string? section)
    {
        var a = c.Article;
        var ns = OaiEndpoint.JatsNs;
        void El(string name, string value, params (string, string)[] attrs)
        {
            w.WriteStartElement(name, ns);
            foreach (var (k, v) in attrs) w.WriteAttributeString(k, v);
            w.WriteString(value);
            w.WriteEndElement();
        }
        w.WriteStartElement("article", ns);
        w.WriteAttributeString("xmlns", "xlink", null, "http://www.w3.org/1999/xlink");
        w.WriteAttributeString("xml", "lang", XmlNs, Lang(a.Language));
        w.WriteAttributeString("article-type", "research-article");
        w.WriteAttributeString("dtd-version", "1.3");
        w.WriteStartElement("front", ns);
        w.WriteStartElement("journal-meta", ns);
        El("journal-id", c.Journal.Slug, ("journal-id-type", "publisher-id"));
        w.WriteStartElement("journal-title-group", ns);
        El("journal-title", c.Journal.TitleZh);
        if (c.Journal.TitleEn.Length > 0) { w.WriteStartElement("trans-title-group", ns); w.WriteAttributeString("xml", "lang", XmlNs, "en"); El("trans-title", c.Journal.TitleEn); w.WriteEndElement(); }
        if (c.Journal.Abbreviation.Length > 0) El("abbrev-journal-title", c.Journal.Abbreviation);
        w.WriteEndElement();
        if (c.Journal.Issn.Length > 0) El("issn", c.Journal.Issn, ("pub-type", "ppub"));
        if (c.Journal.EIssn.Length > 0) El("issn", c.Journal.EIssn, ("pub-type", "epub"));
        w.WriteStartElement("publisher", ns); El("publisher-name", c.Journal.Publisher); w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("article-meta", ns);
        El("article-id", a.Id.ToString(CultureInfo.InvariantCulture), ("pub-id-type", "publisher-id"));
        if (a.Doi.Length > 0) El("article-id", a.Doi, ("pub-id-type", "doi"));
        if (section is not null) { w.WriteStartElement("article-categories", ns); w.WriteStartElement("subj-group", ns); w.WriteAttributeString("subj-group-type", "heading"); El("subject", section); w.WriteEndElement(); w.WriteEndElement(); }
        w.WriteStartElement("title-group", ns);
        El("article-title", a.Title);
        if (a.Subtitle.Length > 0) El("subtitle", a.Subtitle);
        if (a.TitleEn.Length > 0) { w.WriteStartElement("trans-title-group", ns); w.WriteAttributeString("xml", "lang", XmlNs, "en"); El("trans-title", a.TitleEn); w.WriteEndElement(); }
        w.WriteEndElement();
        w.WriteStartElement("contrib-group", ns);
        foreach (var author in a.Authors)
        {
            w.WriteStartElement("contrib", ns);
            w.WriteAttributeString("contrib-type", "author");
            if (author.Corresponding) w.WriteAttributeString("corresp", "yes");
            if (author.Orcid.Length > 0) El("contrib-id", "https://orcid.org/" + author.Orcid, ("contrib-id-type", "orcid"));
            w.WriteStartElement("name-alternatives", ns);
            if (author.NameZh.Length > 0) { w.WriteStartElement("string-name", ns); w.WriteAttributeString("xml", "lang", XmlNs, "zh"); w.WriteString(author.NameZh); w.WriteEndElement(); }
            if (author.FamilyEn.Length > 0)
            {
                w.WriteStartElement("name", ns); w.WriteAttributeString("xml", "lang", XmlNs, "en");
                El("surname", author.FamilyEn); if (author.GivenEn.Length > 0) El("given-names", author.GivenEn);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            foreach (var n in author.Affiliations) { w.WriteStartElement("xref", ns); w.WriteAttributeString("ref-type", "aff"); w.WriteAttributeString("rid", "aff" + n.ToString(CultureInfo.InvariantCulture)); w.WriteEndElement(); }
            w.WriteEndElement();
        }
        foreach (var (aff, i) in a.Affiliations.Select((x, i) => (x, i + 1)))
        {
            w.WriteStartElement("aff", ns); w.WriteAttributeString("id", "aff" + i.ToString(CultureInfo.InvariantCulture));
            El("label", i.ToString(CultureInfo.InvariantCulture)); El("institution", aff);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        if (a.PublishedAt is { } p)
        {
            var d = OutreachTime.ToBeijing(p);
            w.WriteStartElement("pub-date", ns); w.WriteAttributeString("publication-format", "electronic"); w.WriteAttributeString("date-type", "pub");
            El("day", d.Day.ToString("00", CultureInfo.InvariantCulture)); El("month", d.Month.ToString("00", CultureInfo.InvariantCulture)); El("year", d.Year.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
        El("volume", c.Issue.Volume.ToString(CultureInfo.InvariantCulture));
        El("issue", c.Issue.Number.ToString(CultureInfo.InvariantCulture));
        if (a.ArticleNumber.Length > 0) El("elocation-id", a.ArticleNumber);
        else
        {
            if (a.FirstPage.Length > 0) El("fpage", a.FirstPage);
            if (a.LastPage.Length > 0) El("lpage", a.LastPage);
        }
        if (c.Journal.Licence.Length > 0) { w.WriteStartElement("permissions", ns); w.WriteStartElement("license", ns); El("license-p", c.Journal.Licence); w.WriteEndElement(); w.WriteEndElement(); }
        w.WriteStartElement("self-uri", ns); w.WriteAttributeString("href", "http://www.w3.org/1999/xlink", c.Url); w.WriteEndElement();
        if (pdfUrl is not null) { w.WriteStartElement("self-uri", ns); w.WriteAttributeString("content-type", "application/pdf"); w.WriteAttributeString("href", "http://www.w3.org/1999/xlink", pdfUrl); w.WriteEndElement(); }
        w.WriteStartElement("abstract", ns); El("p", a.Abstract); w.WriteEndElement();
        if (a.AbstractEn.Length > 0) { w.WriteStartElement("trans-abstract", ns); w.WriteAttributeString("xml", "lang", XmlNs, "en"); El("p", a.AbstractEn); w.WriteEndElement(); }
        if (a.Keywords.Count > 0) { w.WriteStartElement("kwd-group", ns); w.WriteAttributeString("xml", "lang", XmlNs, "zh"); foreach (var k in a.Keywords) El("kwd", k); w.WriteEndElement(); }
        if (a.KeywordsEn.Count > 0) { w.WriteStartElement("kwd-group", ns); w.WriteAttributeString("xml", "lang", XmlNs, "en"); foreach (var k in a.KeywordsEn) El("kwd", k); w.WriteEndElement(); }
        if (a.Funding.Length > 0) { w.WriteStartElement("funding-group", ns); El("funding-statement", a.Funding); w.WriteEndElement(); }
        w.WriteEndElement(); // article-meta
        w.WriteEndElement(); // front
        if (a.References.Count > 0)
        {
            w.WriteStartElement("back", ns); w.WriteStartElement("ref-list", ns);
            foreach (var (r, i) in a.References.Select((r, i) => (r, i + 1)))
            {
                w.WriteStartElement("ref", ns); w.WriteAttributeString("id", "R" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteStartElement("mixed-citation", ns); w.WriteString(r.Text);
                if (r.Doi.Length > 0) El("pub-id", r.Doi, ("pub-id-type", "doi"));
                w.WriteEndElement(); w.WriteEndElement();
            }
            w.WriteEndElement(); w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}
