using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Journals.Tests;

/// <summary>
/// Site "society" with one journal (two published issues, a draft issue) and site "other" with its own journal. OAI-PMH
/// lists are cut at two records, so five records need resumption tokens; PDFs above 2 MB are refused.
/// </summary>
public class JournalFixture() : SitesFixture("society", "other")
{
    /// <summary>A PostgreSQL connection (with a fresh database) for the subclass that runs there; null for SQLite.</summary>
    protected virtual string? Postgres => null;

    protected override OutreachFactory CreateFactory() => new()
    {
        PostgresConnection = Postgres,
        Settings = { ["Outreach:Journals:OaiPageSize"] = "2", ["Outreach:Journals:MaxPdfBytes"] = (2 * 1024 * 1024).ToString() },
    };

    public Task<HttpClient> EditorAsync() => App.JournalEditorAsync();

    /// <summary>A browser's user agent: robots are not counted.</summary>
    public HttpClient Reader() => App.JournalReader();
}

/// <summary>The same sites on PostgreSQL (<c>OUTREACH_TEST_POSTGRES</c>); without it the tests skip, or fail under OUTREACH_REQUIRE_SERVICES=1.</summary>
public sealed class PostgresJournalFixture : JournalFixture, IAsyncDisposable
{
    string? connection;

    public bool Available { get; private set; }

    protected override string? Postgres => connection;

    public override async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES")) && !RequiredServices.Required) return; // each test skips
        connection = RequiredServices.Postgres();
        await base.InitializeAsync();
        Available = true;
    }

    // Re-implemented: without PostgreSQL there is no app to dispose.
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (Available) await DisposeAsync();
    }
}

public static class JournalClients
{
    public static async Task<HttpClient> JournalEditorAsync(this OutreachFactory app)
    {
        var token = await app.CreateTokenAsync("society", SiteRole.Editor);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static HttpClient JournalReader(this OutreachFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148");
        return client;
    }
}

/// <summary>A second app for tests that change what the first one's tests read (withdrawing an article).</summary>
public sealed class WithdrawFixture : JournalFixture;

/// <summary>The OAI-PMH and oai_dc schemas shipped in <c>Schemas/</c>, checked without the network.</summary>
public static class OaiSchemas
{
    static readonly Lazy<XmlSchemaSet> Set = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var dir = Path.Combine(AppContext.BaseDirectory, "Schemas");
        set.Add("http://www.openarchives.org/OAI/2.0/", Path.Combine(dir, "OAI-PMH.xsd"));
        set.Add("http://www.openarchives.org/OAI/2.0/oai_dc/", Path.Combine(dir, "oai_dc.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>Parses and validates; returns the problems (empty when valid). <paramref name="laxMetadata"/> skips other formats' content.</summary>
    public static List<string> Validate(string xml, bool laxMetadata = false)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Set.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
        {
            if (laxMetadata && e.Severity == XmlSeverityType.Warning) return;
            if (laxMetadata && e.Message.Contains("jats.nlm.nih.gov", StringComparison.Ordinal)) return;
            problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return problems;
    }

    public static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
}
