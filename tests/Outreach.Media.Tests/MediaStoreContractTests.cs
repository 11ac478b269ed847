using Outreach.Media.Storage;

namespace Outreach.Media.Tests;

/// <summary>
/// What every <see cref="IMediaStore"/> must do. A future S3-compatible store derives from this class, returns two
/// clients of one bucket from <see cref="CreateNodes"/>, and passes every test unchanged.
/// </summary>
public abstract class MediaStoreContract : IDisposable
{
    /// <summary>Two stores over the same shared storage, as two nodes would see it.</summary>
    protected abstract (IMediaStore A, IMediaStore B) CreateNodes();

    /// <summary>Makes a lock look abandoned by a node that died mid-resize (a store without locks may do nothing).</summary>
    protected abstract void AbandonLock(string key);

    public abstract void Dispose();

    static readonly CancellationToken None = CancellationToken.None;

    static async Task<byte[]> ReadAsync(IMediaStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task What_one_node_saves_the_other_reads_whole_and_an_overwrite_replaces_it()
    {
        var (a, b) = CreateNodes();
        await a.SaveAsync("media/1/photo.jpg", [1, 2, 3], None);
        Assert.Equal([1, 2, 3], await ReadAsync(b, "media/1/photo.jpg"));
        Assert.Equal(3, (await b.StatAsync("media/1/photo.jpg", None))!.Length);
        await b.SaveAsync("media/1/photo.jpg", [9, 8, 7, 6], None);
        Assert.Equal([9, 8, 7, 6], await ReadAsync(a, "media/1/photo.jpg"));
    }

    [Fact]
    public async Task An_absent_object_has_no_stat_and_no_stream_and_deleting_it_is_no_error()
    {
        var (a, b) = CreateNodes();
        await a.SaveAsync("media/2/present.png", [5], None);
        Assert.NotNull(await b.StatAsync("media/2/present.png", None)); // positive control
        Assert.Null(await b.StatAsync("media/2/absent.png", None));
        Assert.Null(await b.OpenReadAsync("media/2/absent.png", None));
        await b.DeleteAsync("media/2/absent.png", None);
        await b.DeleteAsync("media/2/present.png", None);
        Assert.Null(await a.StatAsync("media/2/present.png", None));
    }

    [Fact]
    public async Task Deleting_by_prefix_removes_only_that_images_sizes()
    {
        var (a, b) = CreateNodes();
        foreach (var key in new[] { "media-cache/3/abc-320.webp", "media-cache/3/abc-800.jpg", "media-cache/3/abd-320.webp", "media/3/abc.jpg" })
            await a.SaveAsync(key, [1], None);
        await b.DeletePrefixAsync("media-cache/3/abc-", None);
        Assert.Null(await a.StatAsync("media-cache/3/abc-320.webp", None));
        Assert.Null(await a.StatAsync("media-cache/3/abc-800.jpg", None));
        Assert.NotNull(await a.StatAsync("media-cache/3/abd-320.webp", None));
        Assert.NotNull(await a.StatAsync("media/3/abc.jpg", None));
    }

    [Theory]
    [InlineData("../outside.jpg")]
    [InlineData("media/../../etc/passwd")]
    [InlineData("/media/1/x.jpg")]
    [InlineData("media//x.jpg")]
    [InlineData("media\\1\\x.jpg")]
    public async Task Keys_that_could_leave_the_store_are_refused(string key)
    {
        var (a, _) = CreateNodes();
        await Assert.ThrowsAsync<ArgumentException>(() => a.SaveAsync(key, [1], None));
        await Assert.ThrowsAsync<ArgumentException>(() => a.StatAsync(key, None));
    }

    [Fact]
    public async Task A_derivative_asked_for_by_many_requests_on_two_nodes_at_once_is_produced_once()
    {
        var (a, b) = CreateNodes();
        var produced = 0;
        async Task<byte[]> Resize(CancellationToken ct)
        {
            Interlocked.Increment(ref produced);
            await Task.Delay(300, ct); // a slow resize: every other request arrives while it runs
            return [4, 2];
        }
        var start = new TaskCompletionSource();
        var requests = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? a : b).GetOrCreateAsync("media-cache/4/img-800.webp", Resize, None);
        })).ToList();
        start.SetResult();
        var created = await Task.WhenAll(requests);
        Assert.Equal(1, produced);
        Assert.Single(created, c => c);
        Assert.Equal([4, 2], await ReadAsync(b, "media-cache/4/img-800.webp"));
        Assert.False(await a.GetOrCreateAsync("media-cache/4/img-800.webp", Resize, None)); // present: not produced again
        Assert.Equal(1, produced);
    }

    [Fact]
    public async Task A_lock_left_by_a_node_that_died_mid_resize_does_not_block_forever()
    {
        var (a, _) = CreateNodes();
        AbandonLock("media-cache/5/img-320.jpg");
        var done = a.GetOrCreateAsync("media-cache/5/img-320.jpg", _ => Task.FromResult(new byte[] { 7 }), None);
        Assert.True(await done.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([7], await ReadAsync(a, "media-cache/5/img-320.jpg"));
    }
}

/// <summary>The shared-folder store: two instances over one root, as two nodes mounting one volume.</summary>
public sealed class FileSystemMediaStoreTests : MediaStoreContract
{
    readonly string _root = Directory.CreateTempSubdirectory("outreach-media-store-").FullName;

    protected override (IMediaStore A, IMediaStore B) CreateNodes() => (new FileSystemMediaStore(_root), new FileSystemMediaStore(_root));

    protected override void AbandonLock(string key)
    {
        var path = Path.Combine(_root, key) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - FileSystemMediaStore.StaleLock - TimeSpan.FromSeconds(5));
    }

    public override void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
