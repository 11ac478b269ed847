namespace Outreach.Core.Data;

/// <summary>A row that belongs to one site. Queries see only the current site's rows unless they opt out.</summary>
public interface ISiteOwned
{
    int SiteId { get; set; }
}
