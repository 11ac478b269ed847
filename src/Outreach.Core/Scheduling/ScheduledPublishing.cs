using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Sites;

namespace Outreach.Core.Scheduling;

/// <summary>
/// Publishes scheduled drafts of every site and every content type. Content types need no registration:
/// every <see cref="PublishableContent"/> a module puts in the model (Pages' Page and NewsItem, Events'
/// events …) is swept, so a module cannot forget to opt in. Each site is entered explicitly, so the
/// Site filter stays on and one site's sweep never touches another's rows.
/// </summary>
public sealed class ScheduledPublishing(IServiceScopeFactory scopes, ILogger<ScheduledPublishing> logger)
{
    public const string Author = "定时发布";
    const int BatchSize = 500; // = ContentEditor.PublishDueAsync's batch

    static readonly MethodInfo PublishDue = typeof(ContentEditor).GetMethod(nameof(ContentEditor.PublishDueAsync))!;

    public async Task<int> PublishDueAsync(CancellationToken ct = default)
    {
        List<Site> sites;
        List<Type> types;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutreachDbContext>();
            sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
            types = db.Model.GetEntityTypes().Select(t => t.ClrType)
                .Where(t => typeof(PublishableContent).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        }

        var total = 0;
        foreach (var site in sites)
        foreach (var type in types)
        {
            int published;
            do
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<SiteContext>().Enter(site);
                var editor = scope.ServiceProvider.GetRequiredService<ContentEditor>();
                published = await (Task<int>)PublishDue.MakeGenericMethod(type).Invoke(editor, [Author, ct])!;
                if (published > 0)
                {
                    await scope.ServiceProvider.GetRequiredService<OutreachDbContext>().SaveChangesAsync(ct);
                    logger.LogInformation("Published {Count} scheduled {Type} items of site {Site}", published, type.Name, site.Name);
                }
                total += published;
            } while (published == BatchSize && !ct.IsCancellationRequested);
        }
        return total;
    }
}
