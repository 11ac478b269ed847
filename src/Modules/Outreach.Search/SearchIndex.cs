using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Search;
using Outreach.Search.Analysis;
using LuceneDirectory = Lucene.Net.Store.Directory;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace Outreach.Search;

/// <summary>
/// This node's Lucene index under <c>&lt;DataDir&gt;/search-index</c>. Each rebuild writes a new generation
/// folder and swaps it in; <c>current</c> names the live one, and its <c>position</c> file the last
/// <see cref="SearchChange"/> applied, so every node keeps its own place in the queue.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static class Fields
    {
        public const string Key = "key", Site = "site", Type = "type", Title = "title", TitleExact = "title_exact",
            Body = "body", Url = "url", Date = "date", City = "city", Tag = "tag", Year = "year", When = "when", Pinyin = "pinyin";

        /// <summary>A source's facet dimension <c>journal</c> is indexed as <c>facet.journal</c> (one term per value).</summary>
        public const string FacetPrefix = "facet.";
    }

    /// <summary>Body text with term vectors and offsets, so snippets are highlighted without analysing the text again.</summary>
    static readonly FieldType BodyType = new(TextField.TYPE_STORED)
    {
        StoreTermVectors = true,
        StoreTermVectorPositions = true,
        StoreTermVectorOffsets = true,
    };

    readonly string _root;
    readonly IServiceScopeFactory _scopes;
    readonly ILogger<SearchIndex> _logger;
    // The worker and a rebuild never write at the same time; queries never wait for either.
    readonly SemaphoreSlim _writing = new(1, 1);
    Generation? _current;

    public SearchIndex(IOptions<OutreachOptions> options, IHostEnvironment env, IServiceScopeFactory scopes, ILogger<SearchIndex> logger)
    {
        _root = Path.Combine(OutreachPaths.DataDir(options.Value, env), "search-index");
        System.IO.Directory.CreateDirectory(_root);
        _scopes = scopes;
        _logger = logger;
        var current = Path.Combine(_root, "current");
        // An index analysed differently (an older version) is not opened: the worker builds a new one.
        if (File.Exists(current) && File.ReadAllText(current).Trim() is { Length: > 0 } name && System.IO.Directory.Exists(Path.Combine(_root, name))
            && Generation.AnalysedBy(Path.Combine(_root, name)) == OutreachAnalyzer.Version)
            _current = Generation.Open(Path.Combine(_root, name), Analyzer);
    }

    /// <summary>Folding (traditional → simplified, full-width, case), then SmartCn words; see <see cref="OutreachAnalyzer"/>.</summary>
    public Analyzer Analyzer { get; } = new OutreachAnalyzer();

    /// <summary>False until the first build; the worker then rebuilds instead of replaying the whole queue.</summary>
    public bool Exists => _current is not null;

    public long Position => _current?.Position ?? 0;

    /// <summary>The newest change in the index (searchable), which may be ahead of the settled <see cref="Position"/>.</summary>
    public long Applied => _current is { } g ? Math.Max(g.Applied, g.Position) : 0;

    /// <summary>Runs a query on the live searcher; an empty index answers with no hits.</summary>
    public T Search<T>(Func<IndexSearcher, T> work, T empty)
    {
        var generation = _current;
        if (generation is null) return empty;
        var searcher = generation.Manager.Acquire();
        try { return work(searcher); }
        finally { generation.Manager.Release(searcher); }
    }

    const int BatchSize = 500;

    /// <summary>
    /// How old a change must be before the position moves past it. Ids are handed out at insert but become
    /// visible at commit, so a slow transaction can surface a lower id after a higher one (PostgreSQL);
    /// younger changes are applied at once but re-read until they have settled, which is harmless.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Applies the queued changes this node has not applied yet; true when a full batch suggests more. Changes are
    /// applied as soon as they are read; only the saved position waits for them to settle, and changes between the
    /// position and the newest applied one are re-read as ids only, so a lower id that shows up late is caught
    /// without indexing the young ones again. (The index used to re-read from the position, so a recipe import of
    /// more than one batch re-indexed its first 500 items every poll and reached the rest only once they had
    /// settled — about 25 s.)
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var generation = _current;
            if (generation is null) return false;
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            var (position, applied) = (generation.Position, Math.Max(generation.Position, generation.Applied));
            var unsettled = applied > position
                ? await db.SearchChanges.AsNoTracking().Where(c => c.Id > position && c.Id <= applied).OrderBy(c => c.Id).ToListAsync(ct)
                : [];
            var next = await db.SearchChanges.AsNoTracking().Where(c => c.Id > applied).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            var todo = unsettled.Where(c => !generation.Seen.Contains(c.Id)).Concat(next).ToList();
            if (todo.Count > 0) await ApplyAsync(generation, db, scope.ServiceProvider, todo, ct);

            // Wall clock, like the queue's EnqueuedAt: the injected TimeProvider may be a test clock.
            var settled = DateTimeOffset.UtcNow - Settle;
            var newPosition = position;
            foreach (var change in unsettled.Concat(next))
            {
                if (change.EnqueuedAt > settled) break;
                newPosition = change.Id;
            }
            // Searchable at once from the writer's near-real-time reader; committed (fsync) only when the position moves.
            if (todo.Count > 0) generation.Refresh(next.Count > 0 ? next[^1].Id : applied, todo.Select(c => c.Id));
            if (newPosition != position) generation.Commit(newPosition);
            return next.Count == BatchSize;
        }
        finally { _writing.Release(); }
    }

    async Task ApplyAsync(Generation generation, OutreachDbContext db, IServiceProvider services, List<SearchChange> changes, CancellationToken ct)
    {
        var sources = services.GetServices<ISearchDocumentSource>().ToList();
        foreach (var byType in changes.GroupBy(c => c.EntityType))
        {
            var keys = byType.Select(c => c.Key).Distinct().ToList();
            var source = sources.FirstOrDefault(s => s.Types.Contains(byType.Key));
            // Reloading from the database (rather than trusting the change) makes replays harmless.
            var documents = source is null ? [] : await source.LoadEnabledAsync(db, keys, services, ct);
            foreach (var key in keys) generation.Writer.DeleteDocuments(new Term(Fields.Key, key));
            foreach (var document in documents) generation.Writer.AddDocument(ToLucene(document));
        }
    }

    /// <summary>Builds a new generation from every source and swaps it in; queries keep answering meanwhile.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            // Taken before loading: changes committed during the load are replayed afterwards, harmlessly.
            var settled = DateTimeOffset.UtcNow - Settle;
            var position = await db.SearchChanges.Where(c => c.EnqueuedAt <= settled).MaxAsync(c => (long?)c.Id, ct) ?? 0;
            var name = "g" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfffffff", System.Globalization.CultureInfo.InvariantCulture);
            var generation = Generation.Open(Path.Combine(_root, name), Analyzer);
            var count = 0;
            foreach (var source in scope.ServiceProvider.GetServices<ISearchDocumentSource>())
            foreach (var document in await source.LoadEnabledAsync(db, null, scope.ServiceProvider, ct))
            {
                generation.Writer.AddDocument(ToLucene(document));
                count++;
            }
            generation.Commit(position);
            var old = _current;
            _current = generation;
            WriteAtomically(Path.Combine(_root, "current"), name);
            if (old is not null) _ = RetireAsync(old);
            _logger.LogInformation("Search index rebuilt: {Count} documents, position {Position}", count, position);
            return count;
        }
        finally { _writing.Release(); }
    }

    /// <summary>Queries that took the old searcher a moment ago finish before it closes.</summary>
    async Task RetireAsync(Generation old)
    {
        await Task.Delay(TimeSpan.FromSeconds(10));
        old.Dispose();
        try { System.IO.Directory.Delete(old.Folder, recursive: true); }
        catch (IOException ex) { _logger.LogWarning(ex, "Old search index {Folder} not deleted", old.Folder); }
    }

    Document ToLucene(SearchDocument d)
    {
        var document = new Document
        {
            new StringField(Fields.Key, d.Key, Field.Store.YES),
            new StringField(Fields.Site, d.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES),
            new StringField(Fields.Type, d.Type, Field.Store.YES),
            new TextField(Fields.Title, d.Title, Field.Store.YES),
            new StringField(Fields.TitleExact, Querying.QueryPlan.TitleKey(d.Title), Field.Store.NO),
            new Field(Fields.Body, d.Body, BodyType),
            new StoredField(Fields.Url, d.Url),
        };
        if (d.Date is { } date)
        {
            document.Add(new StoredField(Fields.Date, date.ToUnixTimeMilliseconds()));
            document.Add(new Int64Field(Fields.When, date.ToUnixTimeMilliseconds(), Field.Store.NO)); // for "upcoming first"
            // Indexed, so facets read it from the field cache instead of loading stored fields hit by hit.
            document.Add(new StringField(Fields.Year, Core.Localization.OutreachTime.ToBeijing(date).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO));
        }
        if (!string.IsNullOrEmpty(d.City)) document.Add(new StringField(Fields.City, d.City, Field.Store.YES));
        foreach (var tag in d.Tags ?? []) document.Add(new StringField(Fields.Tag, tag, Field.Store.YES));
        // Indexed only: facets count and filter on terms, never on stored values.
        foreach (var (name, values) in d.Facets ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!SearchFacet.IsValidName(name)) continue; // a fixed name (year …) or an unusable one: the fixed facets stay whole
            foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal))
                document.Add(new StringField(Fields.FacetPrefix + name, value, Field.Store.NO));
        }
        foreach (var key in Analysis.Pinyin.Keys(Synonyms.SynonymRules.Analyze(d.Title, Analyzer)).Distinct())
            document.Add(new StringField(Fields.Pinyin, key, Field.Store.NO));
        return document;
    }

    static void WriteAtomically(string file, string text)
    {
        var temp = file + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, file, overwrite: true);
    }

    public void Dispose()
    {
        _current?.Dispose();
        _writing.Dispose();
        Analyzer.Dispose();
    }

    /// <summary>One index folder: its writer, its near-real-time searchers and its queue position.</summary>
    sealed class Generation : IDisposable
    {
        public required string Folder { get; init; }
        public required LuceneDirectory Directory { get; init; }
        public required IndexWriter Writer { get; init; }
        public required SearcherManager Manager { get; init; }
        public long Position { get; private set; }

        /// <summary>The newest change applied (in memory: after a restart, the queue is replayed from the position).</summary>
        public long Applied { get; private set; }

        /// <summary>Changes after the position that are already applied, so re-reading them costs no indexing.</summary>
        public HashSet<long> Seen { get; } = [];

        string PositionFile => Path.Combine(Folder, "position");

        public static int AnalysedBy(string folder) =>
            File.Exists(Path.Combine(folder, "analysis")) && int.TryParse(File.ReadAllText(Path.Combine(folder, "analysis")), out var v) ? v : 1;

        public static Generation Open(string folder, Analyzer analyzer)
        {
            System.IO.Directory.CreateDirectory(folder);
            var directory = FSDirectory.Open(folder);
            var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND });
            writer.Commit(); // a fresh folder becomes a valid, empty index
            if (!File.Exists(Path.Combine(folder, "analysis")))
                WriteAtomically(Path.Combine(folder, "analysis"), OutreachAnalyzer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var generation = new Generation { Folder = folder, Directory = directory, Writer = writer, Manager = new SearcherManager(writer, true, null) };
            if (File.Exists(generation.PositionFile) && long.TryParse(File.ReadAllText(generation.PositionFile), out var position))
                generation.Position = generation.Applied = position;
            return generation;
        }

        /// <summary>Makes applied changes searchable without committing them: a crash before the commit replays them.</summary>
        public void Refresh(long applied, IEnumerable<long> seen)
        {
            Applied = Math.Max(Applied, applied);
            Seen.UnionWith(seen);
            Manager.MaybeRefreshBlocking();
        }

        /// <summary>The index is committed before the position moves: a crash in between replays, never skips.</summary>
        public void Commit(long position)
        {
            Writer.Commit();
            WriteAtomically(PositionFile, position.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Position = position;
            Applied = Math.Max(Applied, position);
            Seen.RemoveWhere(id => id <= position);
            Manager.MaybeRefreshBlocking();
        }

        public void Dispose()
        {
            Manager.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }
    }
}
