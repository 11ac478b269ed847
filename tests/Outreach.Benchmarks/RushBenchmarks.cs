using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Outreach.Benchmarks;

/// <summary>
/// A registration rush over HTTP against the real server (a separate process on a Kestrel port, Release build),
/// on SQLite and on PostgreSQL: R requests from W concurrent clients for S seats of one option, distinct phones,
/// ~2 % retries of an earlier request with the same Idempotency-Key, 503s retried after their Retry-After.
/// Afterwards the database is read directly: oversold seats, acknowledged-but-missing registrations, duplicate
/// phones and the quota counter must all be right, or the process exits non-zero. Not a timed test.
/// <code>dotnet run -c Release --project tests/Outreach.Benchmarks -- rush [sqlite|postgres|both] [requests] [workers] [seats]</code>
/// PostgreSQL: OUTREACH_BENCH_POSTGRES (default Host=127.0.0.1;Port=5432;Username=outreach;Password=outreach);
/// a fresh database is created per run and dropped afterwards.
/// </summary>
public static class RushBenchmarks
{
    const string Site = "rush";

    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.Length > 0 ? args[0] : "both";
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var seats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5_000;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; " +
                          $"load average before: {LoadAverage()}");
        Console.WriteLine($"rush: {requests} requests, {workers} concurrent clients, {seats} seats, no waitlist");
        var failed = false;
        if (which is "sqlite" or "both") failed |= !await RunOneAsync(false, requests, workers, seats);
        if (which is "postgres" or "both") failed |= !await RunOneAsync(true, requests, workers, seats);
        Console.WriteLine(failed ? "RESULT: FAILED (see above)" : "RESULT: ok — 0 oversold, 0 lost, 0 duplicate phones on every database");
        return failed ? 1 : 0;
    }

    static async Task<bool> RunOneAsync(bool postgres, int requests, int workers, int seats)
    {
        var label = postgres ? "PostgreSQL" : "SQLite";
        var dataDir = Directory.CreateTempSubdirectory("outreach-rush-").FullName;
        string? connection = null, database = null;
        var baseConnection = Environment.GetEnvironmentVariable("OUTREACH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=outreach;Password=outreach";
        if (postgres)
        {
            database = "outreach_rush_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres" }.ConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ConnectionString;
        }
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Outreach__DataDir"] = dataDir,
            ["Outreach__SeedDemo"] = "false",
            ["Outreach__Database__Provider"] = postgres ? "Postgres" : "Sqlite",
            // All traffic comes from one IP and each phone registers once (plus retries): lift the flood limits.
            ["Outreach__Registration__PerIpPerMinute"] = "1000000",
            ["Outreach__Registration__PerContactPerHour"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (connection is not null) env["ConnectionStrings__Outreach"] = connection;
        Console.WriteLine();
        Console.WriteLine($"== {label} ==  data dir {dataDir}" + (database is null ? "" : $", database {database}"));
        try
        {
            var recipe = Path.Combine(dataDir, "rush.recipe.json");
            await File.WriteAllTextAsync(recipe, """
                { "site": { "name": "rush", "displayName": "报名压测", "prefix": "rush", "modules": ["Pages", "Events", "Registration"] }, "steps": [] }
                """);
            await CliAsync(env, "recipe", "run", recipe);
            var token = (await CliAsync(env, "tokens", "create", "--site", Site, "--role", "SiteAdmin", "--name", "rush"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

            await using var server = await Server.StartAsync(env, Path.Combine(dataDir, "server.log"));
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };

            // Warm-up on its own small event: JIT, connection pools, the first queries.
            var (warmEvent, warmOption) = await CreateEventAsync(http, token, "预热", 50);
            await RushAsync(http, warmEvent, warmOption, Plan(400, 0, new Random(1), 8_000_000), Math.Min(50, workers));

            var (eventId, optionId) = await CreateEventAsync(http, token, "科普嘉年华开幕日", seats);
            var plan = Plan(requests, 0.02, new Random(20261001), 0);
            var serverCpu = server.CpuTime;
            var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var load = LoadAverage();
            var run = await RushAsync(http, eventId, optionId, plan, workers);
            serverCpu = server.CpuTime - serverCpu;
            driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverCpu;
            var remaining = await RemainingAsync(http, eventId, optionId);
            var serverLog = await server.StopAsync();

            var db = postgres ? await ReadPostgresAsync(connection!, eventId) : await ReadSqliteAsync(Path.Combine(dataDir, "outreach.db"), eventId);
            return Report(label, run, db, plan, seats, remaining, serverCpu, driverCpu, load, serverLog);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (database is not null)
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres" }.ConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One planned request: a person (phone, email) and the Idempotency-Key; a retry repeats an earlier one.</summary>
    sealed record Planned(int Person, string Key, bool IsRetry);

    static Planned[] Plan(int count, double retries, Random random, int personOffset)
    {
        var plan = new Planned[count];
        var people = 0;
        for (var i = 0; i < count; i++)
            plan[i] = i > 10 && random.NextDouble() < retries && plan[i - 1 - random.Next(Math.Min(i - 1, 400))] is { IsRetry: false } earlier
                ? earlier with { IsRetry = true }
                : new Planned(personOffset + people++, Guid.NewGuid().ToString("N"), false);
        return plan;
    }

    sealed record Answer(int Status, int? Id, string? TicketCode, string? Word);

    sealed class RunResult
    {
        public TimeSpan Wall;
        public readonly Answer?[] Final;
        public readonly ConcurrentDictionary<int, int> AttemptStatuses = new();
        public readonly ConcurrentBag<double> Latencies = [];
        public int TransportErrors;
        public RunResult(int count) => Final = new Answer?[count];
    }

    static async Task<RunResult> RushAsync(HttpClient http, int eventId, int optionId, Planned[] plan, int workers)
    {
        var result = new RunResult(plan.Length);
        var next = -1;
        var path = $"/{Site}/api/v1/events/{eventId}/registrations";
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Length)
            {
                var p = plan[i];
                var phone = "13" + (p.Person % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
                for (var attempt = 1; ; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path)
                    {
                        Content = JsonContent.Create(new
                        {
                            optionId, name = "陈小明", phone, email = $"p{p.Person}@example.org", groupSize = 1,
                            answers = new { }, consent = true,
                        }),
                    };
                    request.Headers.Add("Idempotency-Key", p.Key);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(request);
                        var text = await response.Content.ReadAsStringAsync();
                        result.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        var status = (int)response.StatusCode;
                        result.AttemptStatuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                        if (status == 503 && attempt < 50)
                        {
                            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
                            await Task.Delay(wait);
                            continue;
                        }
                        if (status is 200 or 201)
                        {
                            var body = JsonNode.Parse(text)!;
                            result.Final[i] = new(status, body["id"]!.GetValue<int>(), body["ticketCode"]!.GetValue<string>(), body["status"]!.GetValue<string>());
                        }
                        else result.Final[i] = new(status, null, null, null);
                        break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // No answer: a real client retries with the same key.
                        Interlocked.Increment(ref result.TransportErrors);
                        if (attempt >= 10) { result.Final[i] = new(0, null, null, null); break; }
                        await Task.Delay(1000);
                    }
                }
            }
        }))).ConfigureAwait(false);
        result.Wall = watch.Elapsed;
        return result;
    }

    sealed record DbRow(int Id, string TicketCode, int Status, string Phone, string? Key, int GroupSize, Guid RowKey);

    /// <summary>The rows, the quota, and the outbox: per registration reference, how many mails and how many still unrendered.</summary>
    sealed record DbState(List<DbRow> Rows, int Capacity, int Taken, Dictionary<string, (int Mails, int Unrendered)> Mails)
    {
        public (int Mails, int Unrendered) MailsOf(DbRow row) => Mails.GetValueOrDefault("registration:" + row.RowKey.ToString("N"));
    }

    const string RowsSql = """SELECT "Id", "TicketCode", "Status", "Phone", "IdempotencyKey", "GroupSize", "Key" FROM "Registrations" WHERE "EventId" = @e""";
    const string QuotaSql = """SELECT "Capacity", "Taken" FROM "RegistrationQuotas" WHERE "EventId" = @e""";
    // 5 = OutboxStatus.Unrendered
    // Confirmations only (subject 报名成功…): a duplicate attempt with a person's contact rightly mails them their manage link too (#12).
    const string MailsSql = """SELECT "Reference", SUM(CASE WHEN "Subject" LIKE '报名成功%' THEN 1 ELSE 0 END), SUM(CASE WHEN "Status" = 5 THEN 1 ELSE 0 END) FROM "OutboxMails" WHERE "Reference" LIKE 'registration:%' GROUP BY "Reference" """;

    static async Task<Dictionary<string, (int, int)>> ReadMailsAsync(System.Data.Common.DbCommand cmd)
    {
        var mails = new Dictionary<string, (int, int)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) mails[r.GetString(0)] = (Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture));
        return mails;
    }

    static async Task<DbState> ReadSqliteAsync(string file, int eventId)
    {
        await using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var rows = new List<DbRow>();
        await using (var cmd = new SqliteCommand(RowsSql, db))
        {
            cmd.Parameters.AddWithValue("@e", eventId);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                rows.Add(new(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5), Guid.Parse(r.GetString(6))));
        }
        Dictionary<string, (int, int)> mails;
        await using (var m = new SqliteCommand(MailsSql, db)) mails = await ReadMailsAsync(m);
        await using var q = new SqliteCommand(QuotaSql, db);
        q.Parameters.AddWithValue("@e", eventId);
        await using var qr = await q.ExecuteReaderAsync();
        await qr.ReadAsync();
        return new(rows, qr.GetInt32(0), qr.GetInt32(1), mails);
    }

    static async Task<DbState> ReadPostgresAsync(string connection, int eventId)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var rows = new List<DbRow>();
        await using (var cmd = new NpgsqlCommand(RowsSql, db))
        {
            cmd.Parameters.AddWithValue("e", eventId);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
                rows.Add(new(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5), r.GetGuid(6)));
        }
        Dictionary<string, (int, int)> mails;
        await using (var m = new NpgsqlCommand(MailsSql, db)) mails = await ReadMailsAsync(m);
        await using var q = new NpgsqlCommand(QuotaSql, db);
        q.Parameters.AddWithValue("e", eventId);
        await using var qr = await q.ExecuteReaderAsync();
        await qr.ReadAsync();
        return new(rows, qr.GetInt32(0), qr.GetInt32(1), mails);
    }

    static bool Report(string label, RunResult run, DbState db, Planned[] plan, int seats, int? remaining,
        TimeSpan serverCpu, TimeSpan driverCpu, string load, (int Lines, int Errors, string Path) log)
    {
        const int Confirmed = 1;
        int[] seatHolding = [0, 1, 3];
        var finals = run.Final.Select(a => a ?? new Answer(-1, null, null, null)).ToList();
        var created = finals.Count(a => a.Status == 201);
        var acknowledged = finals.Where(a => a.Status is 200 or 201).ToList();
        var byId = db.Rows.ToDictionary(r => r.Id);
        var missing = acknowledged.Count(a => !byId.TryGetValue(a.Id!.Value, out var row) || row.TicketCode != a.TicketCode || !seatHolding.Contains(row.Status));
        var confirmed = db.Rows.Count(r => r.Status == Confirmed);
        var oversold = Math.Max(0, confirmed - db.Capacity);
        var heldSeats = db.Rows.Where(r => seatHolding.Contains(r.Status)).Sum(r => r.GroupSize);
        var duplicatePhones = db.Rows.Where(r => r.Status is 0 or 1 or 2 or 3).GroupBy(r => r.Phone).Count(g => g.Count() > 1);
        var keyMismatches = plan.Select((p, i) => (p.Key, A: finals[i])).Where(x => x.A.Id is not null)
            .GroupBy(x => x.Key).Count(g => g.Select(x => x.A.Id).Distinct().Count() > 1);
        var retriesAnswered = plan.Select((p, i) => (p, A: finals[i])).Where(x => x.p.IsRetry).GroupBy(x => x.A.Status).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}×{g.Count()}");
        var unacknowledged = db.Rows.Count(r => !acknowledged.Any(a => a.Id == r.Id));
        // One confirmation per confirmed person (each request carries an e-mail), rendered by the time its answer came.
        var notOneMail = db.Rows.Count(r => r.Status == Confirmed && db.MailsOf(r).Mails != 1);
        var unrendered = db.Rows.Sum(r => db.MailsOf(r).Unrendered);
        var latencies = run.Latencies.ToList();
        latencies.Sort();
        var wall = run.Wall.TotalSeconds;
        var statuses = string.Join(", ", run.AttemptStatuses.OrderBy(k => k.Key).Select(k => $"{k.Key}: {k.Value}"));
        var finalStatuses = string.Join(", ", finals.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        var serverErrors = run.AttemptStatuses.Where(k => k.Key >= 500 && k.Key != 503).Sum(k => k.Value);

        Console.WriteLine($"{label}: {plan.Length} requests ({plan.Count(p => p.IsRetry)} idempotent retries) in {wall:0.0} s; load average at start {load}");
        Console.WriteLine($"  accepted: {created} registrations (201) = {created / wall:0.0} accepted/s; all answers {latencies.Count / wall:0} requests/s");
        Console.WriteLine($"  latency per HTTP request: p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms");
        Console.WriteLine($"  HTTP answers (every attempt): {statuses}; transport errors {run.TransportErrors}");
        Console.WriteLine($"  final answer per request: {finalStatuses}; retries answered {string.Join(", ", retriesAnswered)}");
        Console.WriteLine($"  CPU: server {serverCpu.TotalSeconds:0.0} s, driver {driverCpu.TotalSeconds:0.0} s over {wall:0.0} s wall on {Environment.ProcessorCount} cores");
        Console.WriteLine($"  database: {db.Rows.Count} rows, {confirmed} confirmed; capacity {db.Capacity}, quota Taken {db.Taken}, seats held by rows {heldSeats}; " +
                          $"API remaining {remaining?.ToString(CultureInfo.InvariantCulture) ?? "?"}");
        Console.WriteLine($"  oversold seats {oversold}; Taken − held {db.Taken - heldSeats}; acknowledged-but-missing {missing}; duplicate phones {duplicatePhones}; " +
                          $"same key → different ids {keyMismatches}; rows nobody was told about {unacknowledged}; unsold seats {db.Capacity - heldSeats}");
        Console.WriteLine($"  mail: confirmed registrations without exactly one mail {notOneMail}; mails still unrendered {unrendered}");
        Console.WriteLine($"  server log: {log.Lines} lines, {log.Errors} at error level ({log.Path})");
        var ok = oversold == 0 && missing == 0 && duplicatePhones == 0 && db.Taken == heldSeats && keyMismatches == 0 && serverErrors == 0
                 && db.Capacity == seats && created == confirmed && notOneMail == 0 && unrendered == 0;
        if (!ok) Console.WriteLine($"  {label}: FAILED");
        return ok;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    static async Task<(int Event, int Option)> CreateEventAsync(HttpClient http, string token, string title, int capacity)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(8));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{Site}/api/v1/admin/events")
        {
            Content = JsonContent.Create(new
            {
                title, startsAt = starts.ToString("yyyy-MM-dd'T'09:00:00zzz", CultureInfo.InvariantCulture),
                endsAt = starts.ToString("yyyy-MM-dd'T'17:00:00zzz", CultureInfo.InvariantCulture),
                city = "广州", type = "fair", audience = new[] { "families" }, publish = true,
                registration = new { options = new[] { new { name = "上午场", capacity } }, waitlist = false },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create event: {(int)response.StatusCode} {text}");
        var id = JsonNode.Parse(text)!["id"]!.GetValue<int>();
        var ev = await http.GetFromJsonAsync<JsonObject>($"/{Site}/api/v1/events/{id}");
        return (id, ev!["registration"]!["options"]![0]!["id"]!.GetValue<int>());
    }

    static async Task<int?> RemainingAsync(HttpClient http, int eventId, int optionId)
    {
        var ev = await http.GetFromJsonAsync<JsonObject>($"/{Site}/api/v1/events/{eventId}");
        return ev!["registration"]!["options"]!.AsArray().FirstOrDefault(o => o!["id"]!.GetValue<int>() == optionId)?["remaining"]?.GetValue<int>();
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    static ProcessStartInfo App(Dictionary<string, string> env, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Outreach.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        return start;
    }

    static async Task<string> CliAsync(Dictionary<string, string> env, params string[] args)
    {
        using var process = Process.Start(App(env, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    /// <summary>The real server (Kestrel) on a free loopback port; its log goes to a file.</summary>
    sealed class Server : IAsyncDisposable
    {
        Process _process = null!;
        StreamWriter _log = null!;
        string _logPath = "";
        int _lines, _errors;
        public string BaseUrl { get; private set; } = "";
        public TimeSpan CpuTime { get { _process.Refresh(); return _process.TotalProcessorTime; } }

        public static async Task<Server> StartAsync(Dictionary<string, string> env, string logPath)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var server = new Server { BaseUrl = $"http://127.0.0.1:{port}", _logPath = logPath, _log = new StreamWriter(logPath) { AutoFlush = false } };
            server._process = Process.Start(App(env, [$"--urls={server.BaseUrl}"]))!;
            server._process.OutputDataReceived += server.Line;
            server._process.ErrorDataReceived += server.Line;
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            using var http = new HttpClient();
            for (var i = 0; i < 300; i++)
            {
                if (server._process.HasExited) break;
                try { if ((await http.GetAsync(server.BaseUrl + "/health")).IsSuccessStatusCode) return server; }
                catch (HttpRequestException) { }
                await Task.Delay(300);
            }
            await server.StopAsync();
            throw new TimeoutException($"server did not start; see {logPath}");
        }

        void Line(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (_log)
            {
                _lines++;
                if (e.Data.StartsWith("fail:", StringComparison.Ordinal) || e.Data.StartsWith("crit:", StringComparison.Ordinal)) _errors++;
                _log.WriteLine(e.Data);
            }
        }

        public async Task<(int Lines, int Errors, string Path)> StopAsync()
        {
            if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
            lock (_log) _log.Flush();
            var kept = Path.Combine(Path.GetTempPath(), "outreach-rush-" + Path.GetFileName(Path.GetDirectoryName(_logPath)) + ".log");
            File.Copy(_logPath, kept, overwrite: true);
            return (_lines, _errors, kept);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) await StopAsync();
            _process.Dispose();
            await _log.DisposeAsync();
        }
    }
}
