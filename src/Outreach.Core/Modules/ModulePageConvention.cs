using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Outreach.Core.Modules;

/// <summary>
/// Razor Pages of a module carry its id like its endpoints do, so they answer 404 on sites that have not
/// enabled the module. Pages are matched to modules by assembly name (Outreach.Pages → Pages).
/// </summary>
public sealed class ModulePageConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var assembly = model.HandlerType.Assembly.GetName().Name ?? "";
        if (!assembly.StartsWith("Outreach.", StringComparison.Ordinal) || assembly is "Outreach.Admin" or "Outreach.Web" or "Outreach.Core") return;
        model.EndpointMetadata.Add(new ModuleMetadata(assembly["Outreach.".Length..]));
    }
}
