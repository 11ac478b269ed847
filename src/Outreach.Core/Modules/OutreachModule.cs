using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Modules;

/// <summary>
/// A feature a site can enable. A module describes itself in its <see cref="Manifest"/>, registers its services,
/// contributes entities to the one DbContext, and maps site-relative endpoints that answer 404 on sites that have
/// not enabled it. The host adds it with one line: <c>builder.AddOutreach().AddModule&lt;EventsModule&gt;()</c>.
/// </summary>
public abstract class OutreachModule
{
    public abstract ModuleManifest Manifest { get; }

    public string Id => Manifest.Id;

    public bool AlwaysEnabled => Manifest.AlwaysEnabled;

    /// <summary>
    /// Services, including contributions to the kernel's extension points (<c>IHomeSection</c>, <c>ISitemapSource</c>,
    /// <c>AdminMenuItem</c>, …). Register those by type or instance: the kernel remembers that they are this module's
    /// and leaves them out on sites that have not enabled it (<see cref="Enabled{T}"/>).
    /// </summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration configuration) { }

    public virtual void BuildModel(ModelBuilder model) { }

    /// <summary>Endpoints are mapped inside a group that carries this module's id.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}

/// <summary>Endpoint metadata naming the module an endpoint belongs to.</summary>
public sealed record ModuleMetadata(string ModuleId);
