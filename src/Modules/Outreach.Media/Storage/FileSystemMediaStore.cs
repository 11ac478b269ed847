using System.Collections.Concurrent;

namespace Outreach.Media.Storage;

/// <summary>
/// The store on a folder every node mounts (<c>Outreach:Media:Root</c>, default the data directory). Writes go to a
/// temporary file then a rename, so readers never see half a file. "Produce once" across nodes uses a lock file
/// created with <see cref="FileMode.CreateNew"/> (atomic on local disks and NFSv3+): its holder produces, the others
/// wait for the object to appear; a lock older than <see cref="StaleLock"/> (a node died mid-resize) is taken over.
/// Within one node, concurrent callers share one task, so only one request per node even polls.
/// </summary>
public sealed class FileSystemMediaStore(string root) : IMediaStore
{
    public static readonly TimeSpan StaleLock = TimeSpan.FromSeconds(60);
    readonly string _root = Path.GetFullPath(root);
    readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _producing = new(StringComparer.Ordinal);

    public string Root => _root;

    string PathOf(string key)
    {
        MediaKeys.Check(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ArgumentException($"Invalid media key '{key}'", nameof(key));
        return path;
    }

    public async Task SaveAsync(string key, byte[] bytes, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally { if (File.Exists(temp)) File.Delete(temp); }
    }

    public Task<MediaObject?> StatAsync(string key, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new MediaObject(file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)) : null);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return Task.FromResult<Stream?>(null); }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key)); // absent: no error
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var slash = prefix.LastIndexOf('/');
        if (slash <= 0) throw new ArgumentException("A prefix names a folder and the start of a name, e.g. media-cache/3/ab12-", nameof(prefix));
        var folder = PathOf(prefix[..slash]);
        if (Directory.Exists(folder))
            foreach (var file in Directory.EnumerateFiles(folder, prefix[(slash + 1)..] + "*"))
                File.Delete(file);
        return Task.CompletedTask;
    }

    public async Task<bool> GetOrCreateAsync(string key, Func<CancellationToken, Task<byte[]>> produce, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) return false;
        var mine = new Lazy<Task<bool>>(() => ProduceOnceAsync(key, path, produce, CancellationToken.None));
        var work = _producing.GetOrAdd(key, mine);
        // Callers on this node share one task; only the one that started it reports "produced".
        try { return await work.Value.WaitAsync(ct) && ReferenceEquals(work, mine); }
        finally { if (work.IsValueCreated && work.Value.IsCompleted) _producing.TryRemove(new(key, work)); }
    }

    async Task<bool> ProduceOnceAsync(string key, string path, Func<CancellationToken, Task<byte[]>> produce, CancellationToken ct)
    {
        var lockFile = path + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + StaleLock + StaleLock;
        while (true)
        {
            if (File.Exists(path)) return false;
            FileStream? held = null;
            try { held = new FileStream(lockFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException)
            {
                // Another node is producing it (or just finished): wait for the object, or take over a lock its holder abandoned.
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(lockFile); // a lock already gone reads as very old: retry at once
                if (age > StaleLock && File.Exists(lockFile)) { try { File.Delete(lockFile); } catch (IOException) { } continue; }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Media object {key} was not produced in time");
                await Task.Delay(50, ct);
                continue;
            }
            await using (held)
            {
                if (File.Exists(path)) return false; // produced between our check and our lock
                await SaveAsync(key, await produce(ct), ct);
                return true;
            }
        }
    }
}
