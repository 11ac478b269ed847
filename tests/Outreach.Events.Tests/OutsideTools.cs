using System.Diagnostics;
using Outreach.Tests.Infrastructure;

namespace Outreach.Events.Tests;

/// <summary>
/// Command-line validators from Debian (xmllint from libxml2-utils). Locally a missing tool skips its test;
/// with OUTREACH_REQUIRE_SERVICES=1 (CI) it fails it.
/// </summary>
public static class OutsideTools
{
    public static string Require(string tool, string package)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        if (path is not null) return path;
        var why = $"{tool}: apt-get install {package}";
        if (RequiredServices.Required) Assert.Fail("Required in this run but missing: " + why);
        Assert.Skip("Not available here: " + why);
        return "";
    }

    /// <summary>Runs the tool with the given arguments; its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>xmllint --schema: (valid, messages) for an XML document against an XSD shipped in Schemas/.</summary>
    public static async Task<(bool Valid, string Output)> ValidateXmlAsync(string xml, string schema)
    {
        var xmllint = Require("xmllint", "libxml2-utils");
        var file = Path.Combine(Path.GetTempPath(), $"outreach-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml);
        try
        {
            var (code, output) = await RunAsync(xmllint, "--noout", "--schema", Path.Combine(AppContext.BaseDirectory, "Schemas", schema), file);
            return (code == 0, output);
        }
        finally { File.Delete(file); }
    }
}
