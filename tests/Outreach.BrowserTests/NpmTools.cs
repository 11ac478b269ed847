using System.Diagnostics;

namespace Outreach.BrowserTests;

/// <summary>
/// Validators from npm, pinned and installed by <c>.ci/run</c> into <c>.tools/</c> at the repository root
/// (<c>npm install --prefix .tools @apidevtools/swagger-parser@12.1.0 vnu-jar@26.9.27</c>), or into the folder
/// named by <c>OUTREACH_TOOLS</c>. Locally a missing tool skips its test; with OUTREACH_REQUIRE_SERVICES=1 it fails.
/// </summary>
public static class NpmTools
{
    /// <summary>The installed package's folder (node_modules/<paramref name="package"/>).</summary>
    public static string Package(string package)
    {
        foreach (var root in Roots())
        {
            var folder = Path.Combine(root, "node_modules", package);
            if (Directory.Exists(folder)) return folder;
        }
        Missing($"npm package {package} (npm install --prefix .tools {package})");
        return "";
    }

    /// <summary>A program on the PATH (node, java), or a skip/failure naming the Debian package.</summary>
    public static string Program(string tool, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        if (path is null) Missing($"{tool} (apt-get install {debianPackage})");
        return path ?? "";
    }

    /// <summary>Runs a program; its exit code and what it printed on both streams.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    static IEnumerable<string> Roots()
    {
        if (Environment.GetEnvironmentVariable("OUTREACH_TOOLS") is { Length: > 0 } configured) yield return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            yield return Path.Combine(dir.FullName, ".tools");
    }

    static void Missing(string what)
    {
        if (Environment.GetEnvironmentVariable("OUTREACH_REQUIRE_SERVICES") == "1") Assert.Fail("Required but missing: " + what);
        Assert.Skip("Not available here: " + what);
    }
}
