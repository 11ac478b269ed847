using Outreach.Core.Themes;

namespace Outreach.Bases;

public sealed record BaseChoice(string Value, string Name, bool Selected = false);

public sealed record FacetView(string Value, string Name, int Count, string Url, bool Selected);

/// <summary>A base in a list, the map's popup and the API's items.</summary>
public sealed record BaseCard(int Id, string Slug, string Name, string Url, string City, string District, string Category, string CategoryName,
    string Summary, bool Free, bool Accessible, string OpenText, bool OpenNow, string Distance, int? PhotoId);

public sealed record BaseFilterView(string City, string District, string Category, string Audience, string Age, string OpenOn,
    bool Free, bool Accessible, bool Bookable, string Q, string Sort, string Lat, string Lng);

/// <summary>One tile of the schematic map: a city, its number of bases, its link.</summary>
public sealed record MapTile(string City, int Count, string Url, int X, int Y, bool Selected);

public sealed record BaseListPage(string Title, IReadOnlyList<BaseCard> Bases, BaseFilterView Filter, IReadOnlyList<string> Errors,
    IReadOnlyList<BaseChoice> Cities, IReadOnlyList<BaseChoice> Districts, IReadOnlyList<BaseChoice> Categories, IReadOnlyList<BaseChoice> Audiences,
    IReadOnlyList<FacetView> CategoryFacets, string MapSvg, Paging Paging, string GeoJson, string Csv, string HeadHtml, string Script);

/// <summary>A day of the next seven.</summary>
public sealed record DayView(string Label, string Date, bool Open, string Hours, string Note, bool Today);

public sealed record AccreditationView(string Level, string Issuer, int Year, string TermEnds, string State);

public sealed record SlotView(int Id, string Label, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Remaining, int MinGroup, int MaxGroup, string Audience, bool Selected);

public sealed record BasePage(BaseCard Base, string NameEn, string Address, string Intro, IReadOnlyList<string> Themes, IReadOnlyList<string> Audiences,
    string Ages, string Admission, bool BookingRequired, IReadOnlyList<string> Accessibility, string Transport, string Phone, IReadOnlyList<int> Photos,
    string OpenText, bool OpenNow, IReadOnlyList<DayView> Days, string HoursNote, IReadOnlyList<AccreditationView> Accreditations,
    string? Amap, string? Baidu, string? Geo, int SlotCount, string BookUrl, string HeadHtml,
    IReadOnlyList<BaseEvents.EventAtBase> Events);

public sealed record VisitFormPage(BaseCard Base, IReadOnlyList<SlotView> Slots, IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Errors, string? Message, string Action, string AntiforgeryName, string AntiforgeryValue, string Consent, string Style);

public sealed record VisitManagePage(BaseCard Base, string Status, string StatusText, string TicketCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Organisation, string Contact, int GroupSize, int Adults, bool Active, bool CheckedIn, IReadOnlyList<SlotView> Slots, string? Message,
    string Action, string AntiforgeryName, string AntiforgeryValue, string? QrUrl, string Style);

public sealed record MyVisitView(string Base, DateTimeOffset StartsAt, string Status, int GroupSize, string Url);

public sealed record MyVisitsView(IReadOnlyList<MyVisitView> Items);

public static class VisitStatuses
{
    public static string Word(VisitStatus s) => s.ToString().ToLowerInvariant();

    public static string Chinese(VisitStatus s) => s switch
    {
        VisitStatus.Pending => "待基地确认",
        VisitStatus.Confirmed => "预约成功",
        VisitStatus.Declined => "基地未能接待",
        VisitStatus.Cancelled => "已取消",
        _ => s.ToString(),
    };
}
