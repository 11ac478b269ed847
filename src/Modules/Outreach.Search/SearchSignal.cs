using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Outreach.Core.Cluster;
using Outreach.Core.Search;

namespace Outreach.Search;

/// <summary>
/// Wakes the <see cref="SearchWorker"/> of every node as soon as a change to searchable content is committed: this
/// node's at once, the others' through the cluster bus (<see cref="ClusterSignalName"/>), so a publish on one node is
/// searchable on the others within about a second. A missed signal only means waiting for the next poll.
/// </summary>
public sealed class SearchSignal
{
    public const string ClusterSignalName = "search";
    readonly SemaphoreSlim _changed = new(0, 1);
    readonly IClusterBus _bus;

    public SearchSignal(IClusterBus bus)
    {
        _bus = bus;
        bus.Subscribe(ClusterSignalName, (_, _) => { Wake(); return Task.CompletedTask; });
    }

    /// <summary>Searchable content was committed here: wake this node's worker and the other nodes'.</summary>
    public void Notify()
    {
        Wake();
        _ = _bus.PublishAsync(ClusterSignalName);
    }

    void Wake()
    {
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // already signalled: the worker will read everything anyway
    }

    /// <summary>True when woken by a change, false after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _changed.WaitAsync(timeout, ct);
}

/// <summary>
/// Notices a <c>SaveChanges</c> that queued <see cref="SearchChange"/> rows and signals once they are committed:
/// at once without a transaction, else when the transaction commits (a recipe is one transaction).
/// </summary>
public sealed class SearchChangeInterceptor(SearchSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts with queued search rows whose transaction has not committed yet.
    readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    void Remember(DbContext? context)
    {
        // The kernel adds the queue rows in its SaveChanges override, before this runs.
        if (context is not null && context.ChangeTracker.Entries<SearchChange>().Any(e => e.State == EntityState.Added))
            _pending.AddOrUpdate(context, this);
    }

    void Saved(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) Committed(context);
    }

    void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context)) signal.Notify();
    }
}
