using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Core.Localization;

/// <summary>
/// Every instant an API writes carries the sites' offset (+08:00), whatever offset the value had in memory
/// (rows come back from the database as UTC). Reading accepts any ISO 8601 offset.
/// </summary>
public sealed class BeijingTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(OutreachTime.ToBeijing(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}
