using Fluid;

namespace Outreach.Core.Themes;

/// <summary>A module's additions to every template's options (filters, value converters). Register as a singleton.</summary>
public interface ILiquidExtension
{
    void Register(TemplateOptions options);
}
