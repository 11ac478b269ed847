using Outreach.Core.Content;
using Outreach.Core.Data;

namespace Outreach.Events;

/// <summary>
/// A public event of a site: a lecture, a forum with sub-forums, a fair … Times are UTC instants shown in
/// Beijing time; the city is one of Guangdong's 21 prefecture-level cities, by its Chinese name.
/// </summary>
public sealed class Event : PublishableContent
{
    public string Summary { get; set; } = "";

    /// <summary>Rich text (HTML) as written by the editor; sanitised when shown.</summary>
    public string Body { get; set; } = "";

    /// <summary>The organising society, e.g. 广东省机械工程学会.</summary>
    public string Organiser { get; set; } = "";

    /// <summary>One of <see cref="EventTypes.All"/> (forum, lecture …).</summary>
    public string Type { get; set; } = EventTypes.Lecture;

    /// <summary>Comma-separated words of <see cref="Audiences.All"/> ("public,students").</summary>
    public string Audience { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    public string VenueName { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>Chinese name of a prefecture-level city (<see cref="GuangdongCities.All"/>).</summary>
    public string City { get; set; } = "";

    /// <summary>District or county, e.g. 乳源瑶族自治县.</summary>
    public string District { get; set; } = "";

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string OnlineUrl { get; set; } = "";
    public string ContactPhone { get; set; } = "";

    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; set; } = "";

    /// <summary>
    /// The campaign the event belongs to, on this site or another; another site's campaign lists it only
    /// once its owner has approved the <see cref="CampaignEntry"/>.
    /// </summary>
    public int? CampaignId { get; set; }

    /// <summary>An image of the site's media library (no foreign key: Events does not depend on Media).</summary>
    public int? PosterMediaId { get; set; }

    /// <summary>Language the event is held in: a BCP 47 tag of <see cref="EventLanguages.Names"/> (zh-CN, en, yue).</summary>
    public string Language { get; set; } = EventLanguages.Default;

    /// <summary>The site's reusable venue; the venue's name, address and place are copied onto the event when chosen.</summary>
    public int? VenueId { get; set; }

    /// <summary>
    /// An RFC 5545 RRULE (FREQ=WEEKLY;BYDAY=SA;UNTIL=…) repeating StartsAt–EndsAt, which are then the first
    /// occurrence; empty for a one-off or multi-day event. Always bounded by UNTIL or COUNT.
    /// </summary>
    public string Recurrence { get; set; } = "";

    /// <summary>End of the last occurrence of a recurring event (derived from <see cref="Recurrence"/>); null otherwise.</summary>
    public DateTimeOffset? RecurrenceEndsAt { get; set; }

    public override string ContentType => "event";

    public IReadOnlyList<string> AudienceList => Split(Audience);
    public IReadOnlyList<string> TagList => Split(Tags);

    static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One item of an event's agenda, in the main forum or a sub-forum (分论坛) or room.</summary>
public sealed class EventSession : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int EventId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Room, zone or sub-forum, e.g. 分论坛一：人工智能与先进制造; empty for the main programme.</summary>
    public string Track { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Speakers as written, e.g. 张三 院士（中山大学）.</summary>
    public string Speakers { get; set; } = "";
}

/// <summary>A speaker a site invites to several events (嘉宾库).</summary>
public sealed class Speaker : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Unique per site; recipes refer to the speaker by it.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";
    public string Affiliation { get; set; } = "";

    /// <summary>Academic or professional title (职称), e.g. 中国科学院院士, 教授.</summary>
    public string Title { get; set; } = "";

    public string Bio { get; set; } = "";
}

/// <summary>A place a site uses again and again (场馆库).</summary>
public sealed class Venue : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>Unique per site; recipes refer to the venue by it.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";
    public string Address { get; set; } = "";

    /// <summary>Chinese name of a prefecture-level city (<see cref="GuangdongCities.All"/>).</summary>
    public string City { get; set; } = "";

    public string District { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>A speaker of a session, in the order the agenda lists them.</summary>
public sealed class SessionSpeaker : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public int SessionId { get; set; }
    public int SpeakerId { get; set; }
    public int Order { get; set; }
}

/// <summary>A date span owned by a site (2026 学术活动月) that events of any site may join.</summary>
public sealed class Campaign : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
}

public enum EntryStatus { Pending = 0, Approved = 1, Rejected = 2 }

/// <summary>
/// Another site's event asking to join a campaign. Owned by the campaign's site, so the owner's queue
/// is an ordinary site-filtered query.
/// </summary>
public sealed class CampaignEntry : ISiteOwned
{
    public int Id { get; set; }

    /// <summary>The campaign owner's site.</summary>
    public int SiteId { get; set; }

    public int CampaignId { get; set; }
    public int EventSiteId { get; set; }
    public int EventId { get; set; }
    public EntryStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public static class EventTypes
{
    public const string Lecture = "lecture";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["forum"] = "论坛", ["lecture"] = "讲座", ["salon"] = "沙龙", ["symposium"] = "研讨会", ["exhibition"] = "展览",
        ["fair"] = "科普集市", ["stage-show"] = "舞台表演", ["workshop"] = "工作坊", ["tour"] = "巡讲", ["visit"] = "参观",
        ["online"] = "线上活动",
    };

    public static IEnumerable<string> All => Names.Keys;

    public static bool IsValid(string? type) => type is not null && Names.ContainsKey(type);
}

public static class EventLanguages
{
    public const string Default = "zh-CN";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["zh-CN"] = "普通话", ["yue"] = "粤语", ["en"] = "英语", ["zh-en"] = "中英双语",
    };

    public static bool IsValid(string? language) => language is not null && Names.ContainsKey(language);

    public static string Message(string? language) => $"未知语言“{language}”；可用：{string.Join("、", Names.Keys)}";
}

public static class Audiences
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["public"] = "公众", ["students"] = "学生", ["professionals"] = "科技工作者", ["elderly"] = "老年人", ["families"] = "亲子家庭",
    };

    public static IEnumerable<string> All => Names.Keys;

    public static bool IsValid(string? audience) => audience is not null && Names.ContainsKey(audience);
}

/// <summary>Guangdong's 21 prefecture-level cities, stored and exchanged by their Chinese names.</summary>
public static class GuangdongCities
{
    public static readonly IReadOnlyList<string> All =
        ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州", "汕尾", "东莞", "中山", "江门", "阳江",
         "湛江", "茂名", "肇庆", "清远", "潮州", "揭阳", "云浮"];

    public static bool IsValid(string? city) => city is not null && All.Contains(city);

    public static string Message(string? city) => $"未知城市“{city}”；应为广东省 21 个地级市之一的中文名，例如 广州、韶关";
}
