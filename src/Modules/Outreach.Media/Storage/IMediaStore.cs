namespace Outreach.Media.Storage;

/// <summary>What the store knows of one object.</summary>
public sealed record MediaObject(long Length, DateTimeOffset LastModified);

/// <summary>
/// Where originals and resized copies live, shared by every node: keys like <c>media/3/ab12….jpg</c> (forward slashes,
/// no <c>..</c>). Today a root folder on a shared volume (<see cref="FileSystemMediaStore"/>); an S3-compatible store
/// implements the same members (PUT, HEAD, GET, DELETE, list-and-delete by prefix, and a conditional PUT
/// <c>If-None-Match: *</c> for <see cref="GetOrCreateAsync"/>) and must pass <c>MediaStoreContract</c> in the tests.
/// </summary>
public interface IMediaStore
{
    /// <summary>Writes the object whole: a reader sees the old bytes or the new ones, never part.</summary>
    Task SaveAsync(string key, byte[] bytes, CancellationToken ct);

    /// <summary>Null when absent.</summary>
    Task<MediaObject?> StatAsync(string key, CancellationToken ct);

    /// <summary>A stream of the whole object (caller disposes), or null when absent.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; absent is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Removes every object whose key starts with <paramref name="prefix"/> (e.g. all sizes of one image).</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken ct);

    /// <summary>
    /// The object at <paramref name="key"/>, produced by <paramref name="produce"/> when absent — once, even when many
    /// requests on many nodes ask at the same moment: one produces, the others wait for its result. True when this
    /// call produced it.
    /// </summary>
    Task<bool> GetOrCreateAsync(string key, Func<CancellationToken, Task<byte[]>> produce, CancellationToken ct);
}

public static class MediaKeys
{
    /// <summary>A key is relative, uses '/', and has no empty, '.' or '..' segment.</summary>
    public static void Check(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 500 || key.StartsWith('/') || key.Contains('\\')
            || key.Split('/').Any(s => s is "" or "." or ".." || s.Any(char.IsControl)))
            throw new ArgumentException($"Invalid media key '{key}'", nameof(key));
    }
}
