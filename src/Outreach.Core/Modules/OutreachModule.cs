using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Modules;

/// <summary>
/// A feature a site can enable. A module registers its services, contributes entities to the one
/// DbContext, and maps site-relative endpoints that answer 404 on sites that have not enabled it.
/// The module id is the project name without "Outreach." (Outreach.Pages → Pages).
/// </summary>
public abstract class OutreachModule
{
    public string Id => GetType().Assembly.GetName().Name!.Replace("Outreach.", "", StringComparison.Ordinal);

    /// <summary>Platform modules (accounts, the admin shell) are on for every site and cannot be disabled.</summary>
    public virtual bool AlwaysEnabled => false;

    public virtual void AddServices(IServiceCollection services, IConfiguration configuration) { }

    public virtual void BuildModel(ModelBuilder model) { }

    /// <summary>Endpoints are mapped inside a group that carries this module's id.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

/// <summary>Endpoint metadata naming the module an endpoint belongs to.</summary>
public sealed record ModuleMetadata(string ModuleId);

/// <summary>The modules composed into this host, in registration order.</summary>
public sealed class ModuleCatalog(IEnumerable<OutreachModule> modules)
{
    public IReadOnlyList<OutreachModule> Modules { get; } = modules.ToList();

    public OutreachModule? OfAssembly(System.Reflection.Assembly assembly) =>
        Modules.FirstOrDefault(m => m.GetType().Assembly == assembly);

    public bool Exists(string id) => Modules.Any(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));
}
