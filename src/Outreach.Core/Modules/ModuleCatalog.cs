using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Modules;

/// <summary>
/// The modules composed into this host, dependencies first, and which of them contributed each service. Filled
/// while the host is composed (<see cref="ModuleComposition.AddOutreachModule{TModule}"/>), checked once at start
/// (<see cref="Validate"/>): a missing or circular dependency stops the app with a message naming the modules.
/// </summary>
public sealed class ModuleCatalog
{
    readonly List<OutreachModule> _modules = [];
    readonly Dictionary<Type, OutreachModule> _byType = [];
    readonly ConditionalWeakTable<object, OutreachModule> _byInstance = [];
    IReadOnlyList<OutreachModule>? _ordered;

    /// <summary>Every module, each after the modules it requires (registration order otherwise).</summary>
    public IReadOnlyList<OutreachModule> Modules => _ordered ?? _modules;

    public OutreachModule? Find(string id) =>
        _modules.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));

    public bool Exists(string id) => Find(id) is not null;

    public OutreachModule? OfAssembly(Assembly assembly) => _modules.FirstOrDefault(m => m.GetType().Assembly == assembly);

    /// <summary>Records the module and the services its <see cref="OutreachModule.AddServices"/> registered.</summary>
    internal void Add(OutreachModule module, IServiceCollection services, IConfiguration configuration)
    {
        if (_ordered is not null) throw new InvalidOperationException($"Module {module.Id} was added after the host started.");
        _modules.Add(module);
        var before = services.Count;
        module.AddServices(services, configuration);
        foreach (var step in module.Manifest.RecipeSteps) services.AddSingleton(typeof(IRecipeStep), step);
        services.AddSingleton(new ModuleTemplates(module.GetType().Assembly, module.Id));
        for (var i = before; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.IsKeyedService) continue;
            if (descriptor.ImplementationInstance is { } instance && instance is not ModuleTemplates) _byInstance.AddOrUpdate(instance, module);
            else if (descriptor.ImplementationType is { } type) _byType.TryAdd(type, module);
        }
    }

    /// <summary>The module that registered <paramref name="contribution"/>, or null for the kernel's own services.</summary>
    public OutreachModule? OwnerOf(object contribution) =>
        _byInstance.TryGetValue(contribution, out var byInstance) ? byInstance
        : _byType.GetValueOrDefault(contribution.GetType());

    /// <summary>A contribution counts on a site when the kernel made it, its module is always on, or the site enables it.</summary>
    public bool IsEnabled(object contribution, Site? site) =>
        OwnerOf(contribution) is not { } owner || owner.AlwaysEnabled || (site is not null && site.HasModule(owner.Id));

    /// <summary>The enabled modules that require <paramref name="id"/> (directly or through another).</summary>
    public IReadOnlyList<string> Dependants(string id, IEnumerable<string> enabled)
    {
        var set = enabled.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Modules.Where(m => set.Contains(m.Id) && !string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase)
            && Closure([m.Id]).Contains(id, StringComparer.OrdinalIgnoreCase)).Select(m => m.Id).ToList();
    }

    /// <summary>The modules plus everything they require, in catalog order (ids as the modules spell them).</summary>
    public IReadOnlyList<string> Closure(IEnumerable<string> ids)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>(ids);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (Find(id) is not { } module || !found.Add(module.Id)) continue;
            foreach (var required in module.Manifest.Requires) stack.Push(required);
        }
        return Modules.Where(m => found.Contains(m.Id)).Select(m => m.Id).ToList();
    }

    /// <summary>
    /// What saving <paramref name="requested"/> as a site's modules does: it adds the dependencies of what was ticked,
    /// and refuses to drop a module that a module staying on requires.
    /// </summary>
    public ModuleSelection Select(IEnumerable<string> current, IEnumerable<string> requested)
    {
        var wanted = requested.Where(Exists).Select(id => Find(id)!.Id).Distinct().ToList();
        var enabled = Closure(wanted).Where(id => !Find(id)!.AlwaysEnabled).ToList();
        var added = enabled.Except(wanted, StringComparer.OrdinalIgnoreCase).ToList();
        var blocked = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dropped in current.Where(Exists).Select(id => Find(id)!.Id).Except(wanted, StringComparer.OrdinalIgnoreCase))
        {
            var dependants = Dependants(dropped, wanted);
            if (dependants.Count > 0) blocked[dropped] = dependants;
        }
        return new ModuleSelection(enabled, added, blocked);
    }

    /// <summary>
    /// Checks the composition once, when the app starts: unique ids, every dependency present, no cycles, unique
    /// permission names and reserved prefixes. Orders the modules so each comes after those it requires.
    /// </summary>
    public void Validate(IEnumerable<PermissionDefinition> kernelPermissions)
    {
        var problems = new List<string>();
        foreach (var duplicate in _modules.GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"module id {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(m => m.GetType().FullName))}");
        foreach (var module in _modules)
        foreach (var required in module.Manifest.Requires.Where(r => !Exists(r)))
            problems.Add($"module {module.Id} requires {required}, which this host does not add (模块 {module.Id} 依赖 {required}，但宿主没有添加它)");

        var ordered = new List<OutreachModule>();
        var state = new Dictionary<OutreachModule, bool>(); // false: visiting, true: done
        foreach (var module in _modules) Visit(module, []);
        void Visit(OutreachModule module, List<string> path)
        {
            if (state.TryGetValue(module, out var done))
            {
                if (!done) problems.Add($"modules depend on each other in a circle: {string.Join(" → ", path.SkipWhile(p => p != module.Id).Append(module.Id))} (模块循环依赖)");
                return;
            }
            state[module] = false;
            foreach (var required in module.Manifest.Requires)
                if (Find(required) is { } dependency) Visit(dependency, [.. path, module.Id]);
            state[module] = true;
            ordered.Add(module);
        }

        var permissions = kernelPermissions.Select(p => (p.Name, Owner: "the kernel"))
            .Concat(_modules.SelectMany(m => m.Manifest.Permissions.Select(p => (p.Name, Owner: "module " + m.Id))));
        foreach (var clash in permissions.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"permission {clash.Key} is defined by {string.Join(" and ", clash.Select(p => p.Owner))}");
        var prefixes = ReservedPrefixes.Kernel.Select(p => (Prefix: p, Owner: "the kernel"))
            .Concat(_modules.SelectMany(m => m.Manifest.ReservedPrefixes.Select(p => (Prefix: p, Owner: "module " + m.Id))));
        foreach (var clash in prefixes.GroupBy(p => p.Prefix, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"URL prefix /{clash.Key} is reserved by {string.Join(" and ", clash.Select(p => p.Owner))}");

        if (problems.Count > 0)
            throw new InvalidOperationException("The modules of this host do not fit together:" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", problems.Distinct()));
        _ordered = ordered;
    }

    /// <summary>The module that reserved the first path segment <paramref name="prefix"/>, "" for the kernel, or null.</summary>
    public string? ReservedBy(string prefix) =>
        ReservedPrefixes.Kernel.Contains(prefix, StringComparer.OrdinalIgnoreCase) ? ""
        : Modules.FirstOrDefault(m => m.Manifest.ReservedPrefixes.Contains(prefix, StringComparer.OrdinalIgnoreCase))?.Id;
}

/// <param name="Enabled">The modules to store for the site (dependencies added).</param>
/// <param name="AddedDependencies">Modules enabled because a ticked module requires them.</param>
/// <param name="Blocked">Modules that cannot be disabled, each with the enabled modules that require it.</param>
public sealed record ModuleSelection(IReadOnlyList<string> Enabled, IReadOnlyList<string> AddedDependencies,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Blocked);

/// <summary>First path segments the kernel itself serves; modules reserve theirs in their manifests.</summary>
public static class ReservedPrefixes
{
    public static readonly IReadOnlyList<string> Kernel = ["api", "health", "culture", "_themes", "openapi", "sitemap.xml", "my", "account"];
}

/// <summary>Adds a module to a host's services: <c>services.AddOutreachModule&lt;EventsModule&gt;(configuration)</c>.</summary>
public static class ModuleComposition
{
    public static IServiceCollection AddOutreachModule<TModule>(this IServiceCollection services, IConfiguration configuration)
        where TModule : OutreachModule, new()
    {
        var catalog = services.LastOrDefault(d => d.ServiceType == typeof(ModuleCatalog))?.ImplementationInstance as ModuleCatalog
            ?? throw new InvalidOperationException("Call AddOutreach() before adding modules.");
        var module = new TModule();
        services.AddSingleton<OutreachModule>(module);
        catalog.Add(module, services, configuration);
        return services;
    }
}
