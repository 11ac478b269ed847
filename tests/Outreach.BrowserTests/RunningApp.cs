using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outreach.BrowserTests;

/// <summary>The real app as a process on a free loopback port, with the demo sites on a fresh SQLite file.</summary>
public class RunningApp : IAsyncLifetime
{
    Process? _process;
    readonly string _dataDir = Directory.CreateTempSubdirectory("outreach-browser-").FullName;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where the app writes its mails as .eml files (no SMTP server is configured).</summary>
    public string MailPickup => Path.Combine(_dataDir, "mail-pickup");

    public const string EditorEmail = "editor@lingnan.example.cn";
    public const string EditorPassword = "browser-test-passphrase";

    public async ValueTask InitializeAsync()
    {
        // An editor of the Lingnan site, created through the CLI on the same data folder before the server starts.
        await RunCliAsync("users", "create", "--email", EditorEmail, "--password", EditorPassword, "--site", "lingnan", "--role", "Editor");
        await PrepareAsync();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Outreach.Web.dll"));
        start.ArgumentList.Add($"--urls={BaseUrl}");
        start.ArgumentList.Add($"--Outreach:DataDir={_dataDir}");
        start.ArgumentList.Add($"--Outreach:PublicOrigin={BaseUrl}"); // links in mail come from the configured origin
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(300);
        }
        throw new TimeoutException("The app did not answer /health within 90 s");
    }

    /// <summary>More CLI work on the data folder (recipes, tokens) before the server starts.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Runs a CLI verb of the app on the same data folder; returns what it printed.</summary>
    protected async Task<string> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Outreach.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add($"--Outreach:DataDir={_dataDir}");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"CLI {string.Join(' ', args)} failed: {await error}");
        return output;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
