using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Outreach.Core.Modules;

/// <summary>
/// Razor Pages of a module carry its id like its endpoints do, so they answer 404 on sites that have not
/// enabled the module. A page belongs to the module whose assembly holds it; pages of always-enabled modules
/// and of the host carry nothing.
/// </summary>
public sealed class ModulePageConvention(ModuleCatalog modules) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (modules.OfAssembly(model.HandlerType.Assembly) is { AlwaysEnabled: false } module)
            model.EndpointMetadata.Add(new ModuleMetadata(module.Id));
    }
}
