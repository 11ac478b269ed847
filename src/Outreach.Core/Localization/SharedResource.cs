namespace Outreach.Core.Localization;

/// <summary>
/// Marker for the shared UI strings. Keys are the zh-CN text itself, so Chinese needs no resource file;
/// <c>Resources/Localization/SharedResource.en.resx</c> holds the English.
/// </summary>
public sealed class SharedResource;
