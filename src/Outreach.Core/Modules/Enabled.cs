using System.Collections;
using Outreach.Core.Sites;

namespace Outreach.Core.Modules;

/// <summary>
/// The contributions of type <typeparamref name="T"/> (home sections, sitemap sources, event parts, admin menu
/// entries, …) that count on the current site: the kernel's own, and those of the modules the site enables.
/// Extension points read <c>Enabled&lt;IHomeSection&gt;</c> instead of <c>IEnumerable&lt;IHomeSection&gt;</c>, so no
/// module has to check its own switch.
/// </summary>
public sealed class Enabled<T>(IEnumerable<T> all, SiteContext site, ModuleCatalog modules) : IEnumerable<T> where T : notnull
{
    readonly List<T> _enabled = all.Where(c => modules.IsEnabled(c, site.Site)).ToList();

    public IEnumerator<T> GetEnumerator() => _enabled.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
