namespace Outreach.Core.Localization;

/// <summary>
/// Marker for the kernel's UI strings (layout, error pages, themes). Keys are the zh-CN text itself, so Chinese
/// needs no resource file; <c>Resources/Localization/SharedResource.en.resx</c> holds the English. Modules keep
/// theirs beside their module class (<see cref="UiText"/>).
/// </summary>
public sealed class SharedResource;
