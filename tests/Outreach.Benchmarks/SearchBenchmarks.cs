using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Recipes;
using Outreach.Core.Sites;
using Outreach.Pages;
using Outreach.Search;

namespace Outreach.Benchmarks;

/// <summary>
/// Search over synthetic Chinese news: index N documents (documents per second), then Q queries in-process,
/// over HTTP against the real server (one client, then 16 concurrent clients), and the SQLite LIKE baseline on the
/// same data (p50/p99 ms; at most 300 LIKE queries, each scans the table). Ratios are against the LIKE baseline of
/// the same run, so a loaded machine slows both sides. Not a timed test: prints the figures for the README.
/// </summary>
public static class SearchBenchmarks
{
    static readonly string[] Cities = ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "湛江", "茂名", "肇庆", "清远", "云浮"];
    static readonly string[] Topics = ["人工智能", "量子计算", "海洋生物", "无人机", "中医药", "新能源汽车", "防灾减灾", "天文观测", "岭南植物", "深海探测", "基因编辑", "芯片设计", "碳中和", "气象科普", "食品安全", "青少年编程"];
    static readonly string[] Kinds = ["科普讲座", "学术沙龙", "专题研讨会", "科普展览", "动手工作坊", "院士报告会", "下乡服务"];
    static readonly string[] Societies = ["广东省机械工程学会", "广东省生物医学工程学会", "广东省地理学会", "广东省老科协", "广东省气象学会", "广东省电子学会", "广东省海洋学会"];

    public static async Task RunAsync(string[] args)
    {
        var documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var dataDir = Directory.CreateTempSubdirectory("outreach-search-bench-").FullName;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite");
        try
        {
            var random = new Random(20260916);
            List<double> likeTimes = [], inProcess = [];
            var texts = Enumerable.Range(0, queries).Select(_ => Query(random)).ToList();
            // Facet counts are kept per index reader and query, so repeated texts are cheaper: say how many are distinct.
            Console.WriteLine($"queries: {texts.Count}, {texts.Distinct().Count()} distinct texts");
            await using (var app = new SearchBenchApp(dataDir))
            {
                _ = app.Server;
                await SeedAsync(app, documents, random);

                var index = app.Services.GetRequiredService<SearchIndex>();
                var watch = Stopwatch.StartNew();
                var indexed = await index.RebuildAsync(CancellationToken.None);
                watch.Stop();
                Console.WriteLine($"index: {indexed} documents in {watch.Elapsed.TotalSeconds:0.0} s = {indexed / watch.Elapsed.TotalSeconds:0} documents/s");

                var search = app.Services.GetRequiredService<SearchService>();
                var sites = (await app.Services.GetRequiredService<SiteCatalog>().AllAsync()).ToDictionary(s => s.Id);
                var synonyms = app.Services.GetRequiredService<Search.Synonyms.SynonymBook>().Platform;
                var hits = 0L;
                inProcess = Report("in-process Lucene", texts, q => { hits += search.Search(q, sites, null, 1, null, synonyms).Total; return Task.CompletedTask; });
                Console.WriteLine($"  (average {hits / (double)queries:0} hits per query)");

                var like = 0L;
                likeTimes = await ReportAsync("SQLite LIKE baseline", texts.Take(300).ToList(), async q =>
                {
                    using var scope = app.Services.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
                    scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(sites.Values.First());
                    var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var query = db.Set<NewsItem>().AsNoTracking().Where(n => n.Status == ContentStatus.Published);
                    foreach (var w in words) query = query.Where(n => n.Title.Contains(w) || n.Body.Contains(w));
                    like += await query.CountAsync();
                    await query.OrderByDescending(n => n.PublishedAt).Take(10).Select(n => n.Title).ToListAsync();
                });
                Console.WriteLine($"  (average {like / (double)Math.Min(300, queries):0} matches per query)");

                await FreshnessAsync(app, search, sites, synonyms);
            }

            await using var server = await ServerProcess.StartAsync(dataDir);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = new Uri(server.BaseUrl) };
            async Task Get(string q)
            {
                using var response = await http.GetAsync("/bench/api/v1/search?q=" + Uri.EscapeDataString(q));
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsStringAsync();
            }
            var one = await ReportAsync("HTTP GET /bench/api/v1/search (one client)", texts, Get);
            var (many, perSecond) = await ConcurrentAsync("HTTP GET /bench/api/v1/search (16 clients)", texts, 16, Math.Max(4000, texts.Count), Get);
            var likeP50 = Percentile(likeTimes, 0.5);
            Console.WriteLine();
            Console.WriteLine("| measure | p50 ms | p99 ms | LIKE p50 ÷ p50 |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (label, times) in new[] { ("SQLite LIKE (baseline)", likeTimes), ("in-process Lucene", inProcess), ("HTTP, one client", one), ($"HTTP, 16 clients ({perSecond:0} req/s)", many) })
                Console.WriteLine($"| {label} | {Percentile(times, 0.5):0.00} | {Percentile(times, 0.99):0.00} | {likeP50 / Percentile(times, 0.5):0}× |");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Publish one item at a time on this node (the worker's poll is an hour here, so only the commit's signal can
    /// wake it) and time until a query finds it; then delete it and time until it is gone.
    /// </summary>
    static async Task FreshnessAsync(SearchBenchApp app, SearchService search, Dictionary<int, Site> sites, Lucene.Net.Analysis.Synonym.SynonymMap synonyms)
    {
        var site = sites.Values.Single(s => s.Name == "bench");
        var publish = new List<double>();
        var delete = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var word = $"鲜度{i:D3}号样本";
            bool Found() => search.Search(word, sites, null, 1, null, synonyms).Hits.Any(h => h.Title == word);
            using (var scope = app.Services.CreateScope())
            {
                scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
                var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
                var item = new NewsItem { Title = word, Slug = $"fresh-{i}", Body = "<p>新鲜度测量。</p>" };
                var editor = scope.ServiceProvider.GetRequiredService<ContentEditor>();
                editor.Add(item, "bench");
                editor.Publish(item, "bench");
                var watch = Stopwatch.StartNew();
                await db.SaveChangesAsync();
                while (!Found()) await Task.Delay(5);
                publish.Add(watch.Elapsed.TotalMilliseconds);

                editor.Delete(item, "bench");
                watch.Restart();
                await db.SaveChangesAsync();
                while (Found()) await Task.Delay(5);
                delete.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        publish.Sort();
        delete.Sort();
        Console.WriteLine($"freshness on the writing node: published → found p50 {Percentile(publish, 0.5):0} ms, p95 {Percentile(publish, 0.95):0} ms; deleted → gone p50 {Percentile(delete, 0.5):0} ms, p95 {Percentile(delete, 0.95):0} ms ({publish.Count} items)");
    }

    static string Query(Random r) => r.Next(3) switch
    {
        0 => Topics[r.Next(Topics.Length)],
        1 => $"{Cities[r.Next(Cities.Length)]} {Kinds[r.Next(Kinds.Length)]}",
        _ => $"{Topics[r.Next(Topics.Length)]} {Kinds[r.Next(Kinds.Length)][..2]}",
    };

    static async Task SeedAsync(SearchBenchApp app, int count, Random r)
    {
        var site = await app.Services.GetRequiredService<RecipeRunner>().RunAsync("""
            { "site": { "name": "bench", "displayName": "搜索基准站点", "prefix": "bench", "modules": ["Pages", "Search"] } }
            """, "bench.recipe.json");
        var watch = Stopwatch.StartNew();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var done = 0; done < count; done += 2000)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(count, done + 2000); i++)
            {
                var (city, topic, kind, society) = (Cities[r.Next(Cities.Length)], Topics[r.Next(Topics.Length)], Kinds[r.Next(Kinds.Length)], Societies[r.Next(Societies.Length)]);
                db.Add(new NewsItem
                {
                    SiteId = site.Id, Slug = $"n{i}", Status = ContentStatus.Published, Source = society,
                    Title = $"{society}在{city}举办“{topic}”{kind}",
                    Summary = $"{city}市民与学生参加了{topic}主题{kind}。",
                    Body = $"<p>{society}联合{city}市科协，围绕{topic}开展{kind}。专家介绍了{topic}的最新进展，并与{Topics[r.Next(Topics.Length)]}领域的青年科技工作者交流。</p>",
                    PublishedAt = start.AddMinutes(i * 5), CreatedAt = start, UpdatedAt = start,
                });
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"seed: {count} news items written to SQLite in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    static List<double> Report(string label, List<string> texts, Func<string, Task> run) => ReportAsync(label, texts, run).GetAwaiter().GetResult();

    /// <summary><paramref name="clients"/> loops sending the queries in turn, <paramref name="requests"/> in all; latency of each request.</summary>
    static async Task<(List<double> Times, double PerSecond)> ConcurrentAsync(string label, List<string> texts, int clients, int requests, Func<string, Task> run)
    {
        for (var i = 0; i < Math.Min(50, texts.Count); i++) await run(texts[i]); // warm-up
        var next = -1;
        var times = new List<double>[clients];
        var all = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            times[c] = [];
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var watch = Stopwatch.StartNew();
                await run(texts[i % texts.Count]);
                times[c].Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        all.Stop();
        var sorted = times.SelectMany(t => t).Order().ToList();
        var perSecond = requests / all.Elapsed.TotalSeconds;
        Console.WriteLine($"{label}: {requests} requests, {perSecond:0} req/s, p50 {Percentile(sorted, 0.50):0.00} ms, p99 {Percentile(sorted, 0.99):0.00} ms");
        return (sorted, perSecond);
    }

    static async Task<List<double>> ReportAsync(string label, List<string> texts, Func<string, Task> run)
    {
        for (var i = 0; i < Math.Min(20, texts.Count); i++) await run(texts[i]); // warm-up
        var times = new List<double>(texts.Count);
        foreach (var text in texts)
        {
            var watch = Stopwatch.StartNew();
            await run(text);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{label}: {texts.Count} queries, p50 {Percentile(times, 0.50):0.00} ms, p99 {Percentile(times, 0.99):0.00} ms, mean {times.Average():0.00} ms");
        return times;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    sealed class SearchBenchApp(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Outreach:DataDir", dataDir);
            builder.UseSetting("Outreach:SeedDemo", "false");
            builder.UseSetting("Outreach:Scheduler:Enabled", "false");
            builder.UseSetting("Outreach:Search:PollMilliseconds", "3600000"); // the rebuild is measured, not the queue
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    /// <summary>The real server on a free loopback port over the benchmark's data folder.</summary>
    sealed class ServerProcess : IAsyncDisposable
    {
        Process _process = null!;
        public string BaseUrl { get; private set; } = "";

        public static async Task<ServerProcess> StartAsync(string dataDir)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var server = new ServerProcess { BaseUrl = $"http://127.0.0.1:{port}" };
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Outreach.Web.dll"));
            foreach (var a in new[] { $"--urls={server.BaseUrl}", $"--Outreach:DataDir={dataDir}", "--Outreach:SeedDemo=false", "--Outreach:Scheduler:Enabled=false", "--Logging:LogLevel:Default=Warning" })
                start.ArgumentList.Add(a);
            server._process = Process.Start(start)!;
            server._process.OutputDataReceived += (_, _) => { };
            server._process.ErrorDataReceived += (_, _) => { };
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            using var http = new HttpClient();
            for (var i = 0; i < 1000; i++) // up to 5 min: a loaded machine starts slowly
            {
                // Ready, not just alive: the index has caught up after start.
                try { if ((await http.GetAsync(server.BaseUrl + "/health/ready")).IsSuccessStatusCode) return server; }
                catch (HttpRequestException) { }
                await Task.Delay(300);
            }
            throw new TimeoutException("server did not start");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
            _process.Dispose();
        }
    }
}
