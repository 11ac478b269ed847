using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;

namespace Outreach.Journals;

/// <summary>
/// Full-text PDFs under <c>&lt;DataDir&gt;/journals/&lt;siteId&gt;/</c>, outside wwwroot: readers get them only through
/// <see cref="JournalPdfEndpoint"/>, which applies the site scope, publication state and embargo.
/// </summary>
public sealed class JournalStorage(IOptions<OutreachOptions> options, IHostEnvironment env)
{
    readonly string _dataDir = OutreachPaths.DataDir(options.Value, env);

    public string Directory(int siteId) => Path.Combine(_dataDir, "journals", siteId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string PathOf(int siteId, string storedName) => Path.Combine(Directory(siteId), storedName);

    /// <summary>Writes a checked PDF under a name chosen here (never the upload's) and returns that name.</summary>
    public async Task<string> SaveAsync(int siteId, byte[] pdf, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory(siteId));
        var name = Guid.NewGuid().ToString("N") + ".pdf";
        var temp = PathOf(siteId, name + ".tmp");
        await File.WriteAllBytesAsync(temp, pdf, ct);
        File.Move(temp, PathOf(siteId, name));
        return name;
    }

    public void Delete(int siteId, string? storedName)
    {
        if (storedName is null) return;
        try { File.Delete(PathOf(siteId, storedName)); } catch (IOException) { /* a later sweep may retry; the row no longer names it */ }
    }
}
