using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Content;

/// <summary>
/// A block a module adds to the site's home page (e.g. upcoming events). The home template includes
/// <see cref="HomeSection.Template"/> with <c>model</c> set to <see cref="HomeSection.Model"/>.
/// </summary>
public interface IHomeSection
{
    Task<HomeSection?> BuildAsync(HttpContext http, CancellationToken ct);
}

public sealed record HomeSection(string Template, object Model, int Order = 0);
