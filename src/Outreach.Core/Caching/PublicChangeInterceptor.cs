using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Caching;

/// <summary>
/// Marks an entity whose changes no public page shows (mail, logs, personal records). Its saves do not evict the
/// page cache; where such a row does change what a page shows (a registration takes a seat), its use case evicts
/// explicitly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotOnPublicPagesAttribute : Attribute;

/// <summary>
/// Evicts the page cache when a save that changes what visitors see commits: a site, its menu, or any site-owned
/// row (content, options, venues, media …) except those marked <see cref="NotOnPublicPagesAttribute"/>. After the
/// commit, not before: a page rendered between the eviction and the commit would otherwise cache the old state.
/// Writes that bypass SaveChanges (ExecuteUpdate) evict through <see cref="ICacheEvictor"/> themselves.
/// </summary>
public sealed class PublicChangeInterceptor(ICacheEvictor evictor, SiteCatalog sites) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    readonly ConditionalWeakTable<DbContext, object> _pending = [];
    static readonly ConditionalWeakTable<Type, object> Shown = [];

    /// <summary>Rows visitors never see, whatever module they belong to.</summary>
    static readonly HashSet<Type> KernelPrivate =
    [
        typeof(Mail.OutboxMail), typeof(Content.ContentVersion), typeof(Security.SiteMembership), typeof(Security.ApiToken),
    ];

    static bool IsShown(object entity)
    {
        var type = entity.GetType();
        if (Shown.TryGetValue(type, out var cached)) return (bool)cached;
        var shown = entity is Site || (entity is ISiteOwned && !KernelPrivate.Contains(type) && type.GetCustomAttribute<NotOnPublicPagesAttribute>() is null);
        Shown.AddOrUpdate(type, shown);
        return shown;
    }

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
        if (eventData.Context?.Database.CurrentTransaction is null) Committed(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await CommittedAsync(eventData.Context);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await CommittedAsync(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void Remember(DbContext? context)
    {
        if (context is null) return;
        bool shown = false, site = false;
        foreach (var entry in context.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsShown(entry.Entity))
            {
                shown = true;
                site |= entry.Entity is Site;
            }
        if (!shown) return;
        if (_pending.TryGetValue(context, out var earlier)) site |= (bool)earlier; // several saves in one transaction
        _pending.AddOrUpdate(context, site);
    }

    void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }

    void Committed(DbContext? context) => CommittedAsync(context).AsTask().GetAwaiter().GetResult();

    async ValueTask CommittedAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var siteChanged)) return;
        _pending.Remove(context);
        if ((bool)siteChanged) sites.Invalidate(); // host, prefix, theme or modules: this node resolves afresh at once
        await evictor.EvictAsync(PageCacheTags.All);
    }
}
