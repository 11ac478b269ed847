using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Journals;

/// <summary>
/// OAI-PMH 2.0 at <c>/{site}/oai</c>: the six verbs over the site's articles, <c>oai_dc</c> and <c>jats</c> (JATS front
/// matter), one set per journal, from/until by datestamp (the article's last change, UTC, seconds), resumption tokens
/// (keyset: the last datestamp and id, so records changing during a harvest are neither skipped nor repeated), and
/// withdrawn or deleted articles that were once public as deleted records. Every problem is an OAI error in a 200
/// response, as the protocol asks; nothing here answers with an HTTP error.
/// </summary>
public static class OaiEndpoint
{
    public const string OaiNs = "http://www.openarchives.org/OAI/2.0/";
    const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";
    public const string OaiDcNs = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string JatsNs = "http://jats.nlm.nih.gov";

    static readonly (string Prefix, string Schema, string Namespace)[] Formats =
    [
        ("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OaiDcNs),
        ("jats", "https://jats.nlm.nih.gov/publishing/1.3/xsd/JATS-journalpublishing1-3.xsd", JatsNs),
    ];

    static readonly string[] Verbs = ["Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/oai", HandleAsync).ExcludeFromDescription();
        app.MapPost("/oai", HandleAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    sealed record OaiError(string Code, string Message);

    static async Task<IResult> HandleAsync(HttpContext http, OutreachDbContext db, SiteContext site, IOptions<JournalsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var args = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (k, v) in http.Request.Query) args[k] = [.. v.Select(x => x ?? "")];
        if (http.Request.HasFormContentType)
            foreach (var (k, v) in await http.Request.ReadFormAsync(ct))
                args[k] = [.. (args.GetValueOrDefault(k) ?? []), .. v.Select(x => x ?? "")];

        var context = new OaiContext(http, db, site.Required, options.Value, clock);
        var baseUrl = JournalLinks.Absolute(http, "/oai");
        var (verb, error) = Validate(args);
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("OAI-PMH", OaiNs);
            w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
            w.WriteAttributeString("schemaLocation", XsiNs, OaiNs + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
            w.WriteElementString("responseDate", OaiNs, Stamp(clock.GetUtcNow()));
            w.WriteStartElement("request", OaiNs);
            // The request's arguments are echoed only when they were legal (protocol §3.2).
            if (error is null || (error.Code != "badVerb" && error.Code != "badArgument"))
            {
                w.WriteAttributeString("verb", verb);
                foreach (var (k, v) in args.Where(a => a.Key != "verb").OrderBy(a => a.Key, StringComparer.Ordinal)) w.WriteAttributeString(k, v[0]);
            }
            w.WriteString(baseUrl);
            w.WriteEndElement();
            if (error is null)
            {
                try { error = await context.RespondAsync(verb!, args.ToDictionary(a => a.Key, a => a.Value[0]), w, baseUrl, ct); }
                catch (Exception e) when (e is FormatException or OverflowException) { error = new("badResumptionToken", "续传令牌无效或已过期。The resumption token is invalid or expired."); }
            }
            if (error is not null)
            {
                w.WriteStartElement("error", OaiNs);
                w.WriteAttributeString("code", error.Code);
                w.WriteString(error.Message);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "text/xml; charset=utf-8");
    }

    static readonly Dictionary<string, (string[] Required, string[] Optional)> Arguments = new()
    {
        ["Identify"] = ([], []),
        ["ListMetadataFormats"] = ([], ["identifier"]),
        ["ListSets"] = ([], ["resumptionToken"]),
        ["GetRecord"] = (["identifier", "metadataPrefix"], []),
        ["ListIdentifiers"] = (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
        ["ListRecords"] = (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
    };

    /// <summary>The verb and the protocol error its arguments earn, if any (badVerb, badArgument).</summary>
    static (string? Verb, OaiError? Error) Validate(Dictionary<string, List<string>> args)
    {
        if (!args.TryGetValue("verb", out var verbs) || verbs.Count != 1 || !Verbs.Contains(verbs[0]))
            return (null, new("badVerb", verbs is { Count: > 1 } ? "verb 参数重复。The verb argument is repeated." : "缺少或未知的 verb。Missing or illegal verb."));
        var verb = verbs[0];
        var (required, optional) = Arguments[verb];
        foreach (var (k, v) in args)
        {
            if (k == "verb") continue;
            if (!required.Contains(k) && !optional.Contains(k)) return (verb, new("badArgument", $"不允许的参数 {k}。Illegal argument: {k}."));
            if (v.Count > 1) return (verb, new("badArgument", $"参数 {k} 重复。Repeated argument: {k}."));
        }
        if (args.ContainsKey("resumptionToken"))
        {
            if (args.Keys.Any(k => k is not "verb" and not "resumptionToken"))
                return (verb, new("badArgument", "resumptionToken 是排他参数。resumptionToken is an exclusive argument."));
            return (verb, null);
        }
        var missing = required.Where(r => !args.ContainsKey(r)).ToList();
        if (missing.Count > 0) return (verb, new("badArgument", $"缺少必需参数 {string.Join(", ", missing)}。Missing required argument: {string.Join(", ", missing)}."));
        DateTimeOffset? from = null, until = null;
        if (args.TryGetValue("from", out var f) && (from = ParseDate(f[0])) is null) return (verb, new("badArgument", "from 的格式应为 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ。Illegal from."));
        if (args.TryGetValue("until", out var u) && (until = ParseDate(u[0])) is null) return (verb, new("badArgument", "until 的格式应为 YYYY-MM-DD 或 YYYY-MM-DDThh:mm:ssZ。Illegal until."));
        if (from is not null && until is not null)
        {
            if (f![0].Length != u![0].Length) return (verb, new("badArgument", "from 与 until 的粒度不同。from and until have different granularities."));
            if (from > until) return (verb, new("badArgument", "from 晚于 until。from is later than until."));
        }
        return (verb, null);
    }

    public static DateTimeOffset? ParseDate(string value) =>
        value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : value.Length == 20 && DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    internal static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>What one response needs: the site, its journals and sections, and the writer.</summary>
    sealed class OaiContext(HttpContext http, OutreachDbContext db, Site site, JournalsOptions options, TimeProvider clock)
    {
        List<Journal> _journals = [];
        Dictionary<int, JournalIssue> _issues = [];
        Dictionary<int, string> _sections = [];
        string IdPrefix => $"oai:{http.RequestServices.GetRequiredService<SiteLinks>().Origin.Host}:{site.Name}/";

        public async Task<OaiError?> RespondAsync(string verb, Dictionary<string, string> args, XmlWriter w, string baseUrl, CancellationToken ct)
        {
            _journals = await db.Set<Journal>().AsNoTracking().OrderBy(j => j.Order).ThenBy(j => j.Id).ToListAsync(ct);
            _issues = await db.Set<JournalIssue>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.DeletedFilter]).ToDictionaryAsync(i => i.Id, ct);
            _sections = await db.Set<JournalSection>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.TitleZh, ct);
            return verb switch
            {
                "Identify" => await IdentifyAsync(w, baseUrl, ct),
                "ListMetadataFormats" => await ListMetadataFormatsAsync(args.GetValueOrDefault("identifier"), w, ct),
                "ListSets" => ListSets(args.ContainsKey("resumptionToken"), w),
                "GetRecord" => await GetRecordAsync(args["identifier"], args["metadataPrefix"], w, ct),
                _ => await ListAsync(verb == "ListRecords", args, w, ct),
            };
        }

        /// <summary>Articles that harvesters know of: ever published (deleted and withdrawn ones become deleted records).</summary>
        IQueryable<JournalArticle> Harvestable() =>
            db.Set<JournalArticle>().AsNoTracking().IgnoreQueryFilters([OutreachDbContext.DeletedFilter])
                .Where(a => a.PublishedAt != null && (a.Status == ContentStatus.Published || a.WithdrawnAt != null || a.DeletedAt != null));

        bool IsDeleted(JournalArticle a) =>
            a.DeletedAt != null || a.WithdrawnAt != null || a.Status != ContentStatus.Published ||
            !_issues.TryGetValue(a.IssueId, out var i) || i.Status != ContentStatus.Published || i.DeletedAt != null;

        async Task<OaiError?> IdentifyAsync(XmlWriter w, string baseUrl, CancellationToken ct)
        {
            var earliest = await Harvestable().OrderBy(a => a.UpdatedAt).Select(a => (DateTimeOffset?)a.UpdatedAt).FirstOrDefaultAsync(ct);
            var email = _journals.Select(j => j.ContactEmail).FirstOrDefault(e => e.Contains('@', StringComparison.Ordinal) && e.Contains('.', StringComparison.Ordinal)) ?? options.OaiAdminEmail;
            w.WriteStartElement("Identify", OaiNs);
            w.WriteElementString("repositoryName", OaiNs, site.DisplayNameZh.Length > 0 ? site.DisplayNameZh : site.Name);
            w.WriteElementString("baseURL", OaiNs, baseUrl);
            w.WriteElementString("protocolVersion", OaiNs, "2.0");
            w.WriteElementString("adminEmail", OaiNs, email);
            w.WriteElementString("earliestDatestamp", OaiNs, Stamp(earliest ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            // Withdrawn and soft-deleted articles stay as deleted records; a purged one disappears, hence "transient".
            w.WriteElementString("deletedRecord", OaiNs, "transient");
            w.WriteElementString("granularity", OaiNs, "YYYY-MM-DDThh:mm:ssZ");
            w.WriteEndElement();
            return null;
        }

        async Task<OaiError?> ListMetadataFormatsAsync(string? identifier, XmlWriter w, CancellationToken ct)
        {
            if (identifier is not null && await FindAsync(identifier, ct) is null) return IdMissing(identifier);
            w.WriteStartElement("ListMetadataFormats", OaiNs);
            foreach (var (prefix, schema, ns) in Formats)
            {
                w.WriteStartElement("metadataFormat", OaiNs);
                w.WriteElementString("metadataPrefix", OaiNs, prefix);
                w.WriteElementString("schema", OaiNs, schema);
                w.WriteElementString("metadataNamespace", OaiNs, ns);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            return null;
        }

        OaiError? ListSets(bool withToken, XmlWriter w)
        {
            // Every set fits in one response, so no token was ever given out.
            if (withToken) return new("badResumptionToken", "续传令牌无效或已过期。The resumption token is invalid or expired.");
            if (_journals.Count == 0) return new("noSetHierarchy", "本站没有刊物，因此没有集合。This repository has no sets.");
            w.WriteStartElement("ListSets", OaiNs);
            foreach (var j in _journals)
            {
                w.WriteStartElement("set", OaiNs);
                w.WriteElementString("setSpec", OaiNs, j.Slug);
                w.WriteElementString("setName", OaiNs, j.TitleZh);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            return null;
        }

        async Task<JournalArticle?> FindAsync(string identifier, CancellationToken ct)
        {
            if (!identifier.StartsWith(IdPrefix, StringComparison.Ordinal) ||
                !int.TryParse(identifier.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
            return await Harvestable().FirstOrDefaultAsync(a => a.Id == id, ct);
        }

        static OaiError IdMissing(string identifier) => new("idDoesNotExist", $"没有标识符为 {identifier} 的记录。No record has this identifier.");

        static OaiError CannotDisseminate(string prefix) => new("cannotDisseminateFormat", $"不支持元数据格式 {prefix}，可用 oai_dc、jats。Unsupported metadataPrefix.");

        async Task<OaiError?> GetRecordAsync(string identifier, string prefix, XmlWriter w, CancellationToken ct)
        {
            if (!Formats.Any(f => f.Prefix == prefix)) return CannotDisseminate(prefix);
            var article = await FindAsync(identifier, ct);
            if (article is null) return IdMissing(identifier);
            w.WriteStartElement("GetRecord", OaiNs);
            WriteRecord(w, article, prefix, withMetadata: true);
            w.WriteEndElement();
            return null;
        }

        async Task<OaiError?> ListAsync(bool records, Dictionary<string, string> args, XmlWriter w, CancellationToken ct)
        {
            ListToken token;
            if (args.TryGetValue("resumptionToken", out var raw)) token = ListToken.Parse(raw); // FormatException → badResumptionToken
            else token = new(args["metadataPrefix"], args.GetValueOrDefault("set"), args.GetValueOrDefault("from"), args.GetValueOrDefault("until"), 0, 0, 0);
            if (!Formats.Any(f => f.Prefix == token.Prefix)) return CannotDisseminate(token.Prefix);

            var query = Harvestable();
            if (token.Set is { } set)
            {
                var journal = _journals.FirstOrDefault(j => j.Slug == set);
                if (journal is null) return new("noRecordsMatch", $"没有集合 {set}。No such set.");
                var issueIds = _issues.Values.Where(i => i.JournalId == journal.Id).Select(i => i.Id).ToList();
                query = query.Where(a => issueIds.Contains(a.IssueId));
            }
            if (token.From is { } from) { var f = ParseDate(from) ?? throw new FormatException(); query = query.Where(a => a.UpdatedAt >= f); }
            if (token.Until is { } until)
            {
                var u = ParseDate(until) ?? throw new FormatException();
                var end = until.Length == 10 ? u.AddDays(1) : u.AddSeconds(1); // inclusive to the granularity
                query = query.Where(a => a.UpdatedAt < end);
            }
            var total = await query.CountAsync(ct);
            if (token.AfterTicks != 0)
            {
                var after = new DateTimeOffset(token.AfterTicks, TimeSpan.Zero);
                query = query.Where(a => a.UpdatedAt > after || (a.UpdatedAt == after && a.Id > token.AfterId));
            }
            var page = await query.OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id).Take(options.OaiPageSize + 1).ToListAsync(ct);
            if (page.Count == 0)
            {
                if (token.AfterTicks != 0) throw new FormatException(); // a token past the end: stale
                return new("noRecordsMatch", "没有符合条件的记录。The combination of arguments results in an empty list.");
            }
            var more = page.Count > options.OaiPageSize;
            if (more) page.RemoveAt(page.Count - 1);
            w.WriteStartElement(records ? "ListRecords" : "ListIdentifiers", OaiNs);
            foreach (var a in page)
            {
                if (records) WriteRecord(w, a, token.Prefix, withMetadata: true);
                else WriteHeader(w, a);
            }
            if (more || token.AfterTicks != 0)
            {
                w.WriteStartElement("resumptionToken", OaiNs);
                w.WriteAttributeString("completeListSize", total.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("cursor", token.Cursor.ToString(CultureInfo.InvariantCulture));
                if (more)
                {
                    var last = page[^1];
                    w.WriteString((token with { AfterTicks = last.UpdatedAt.UtcTicks, AfterId = last.Id, Cursor = token.Cursor + page.Count }).ToString());
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            return null;
        }

        void WriteHeader(XmlWriter w, JournalArticle a)
        {
            w.WriteStartElement("header", OaiNs);
            if (IsDeleted(a)) w.WriteAttributeString("status", "deleted");
            w.WriteElementString("identifier", OaiNs, IdPrefix + a.Id.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("datestamp", OaiNs, Stamp(a.UpdatedAt));
            if (_issues.TryGetValue(a.IssueId, out var issue) && _journals.FirstOrDefault(j => j.Id == issue.JournalId) is { } journal)
                w.WriteElementString("setSpec", OaiNs, journal.Slug);
            w.WriteEndElement();
        }

        void WriteRecord(XmlWriter w, JournalArticle a, string prefix, bool withMetadata)
        {
            w.WriteStartElement("record", OaiNs);
            WriteHeader(w, a);
            if (withMetadata && !IsDeleted(a))
            {
                var issue = _issues[a.IssueId];
                var journal = _journals.First(j => j.Id == issue.JournalId);
                var url = http.RequestServices.GetRequiredService<SiteLinks>().Absolute(site, JournalLinks.Article(journal, a));
                var pdf = JournalQuery.PdfOpen(a, clock.GetUtcNow()) ? http.RequestServices.GetRequiredService<SiteLinks>().Absolute(site, JournalLinks.Pdf(journal, a)) : null;
                w.WriteStartElement("metadata", OaiNs);
                if (prefix == "oai_dc") OaiFormats.WriteDublinCore(w, new CitedArticle(journal, issue, a, url), pdf);
                else OaiFormats.WriteJats(w, new CitedArticle(journal, issue, a, url), pdf, a.SectionId is { } s ? _sections.GetValueOrDefault(s) : null);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
    }

    /// <summary>A list position: the request's arguments, the last record given (datestamp ticks, id) and the cursor.</summary>
    sealed record ListToken(string Prefix, string? Set, string? From, string? Until, long AfterTicks, int AfterId, int Cursor)
    {
        public override string ToString()
        {
            var text = string.Join('\u001f', "v1", Prefix, Set ?? "", From ?? "", Until ?? "",
                AfterTicks.ToString(CultureInfo.InvariantCulture), AfterId.ToString(CultureInfo.InvariantCulture), Cursor.ToString(CultureInfo.InvariantCulture));
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        public static ListToken Parse(string token)
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            string[] parts;
            try { parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('\u001f'); }
            catch (Exception e) when (e is FormatException or ArgumentException) { throw new FormatException("token", e); }
            if (parts.Length != 8 || parts[0] != "v1") throw new FormatException("token");
            static string? Opt(string s) => s.Length == 0 ? null : s;
            if (Opt(parts[3]) is { } f && ParseDate(f) is null || Opt(parts[4]) is { } u && ParseDate(u) is null) throw new FormatException("token");
            return new(parts[1], Opt(parts[2]), Opt(parts[3]), Opt(parts[4]),
                long.Parse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture), int.Parse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(parts[7], NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }
}
