using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach.BrowserTests;

/// <summary>A registration made through the public API of the running demo, for tests that need its manage page.</summary>
public static partial class DemoRegistration
{
    /// <summary>Registers a fictional person for the event with this slug (its first ticket option); the manage URL.</summary>
    public static async Task<string> ManageUrlAsync(RunningApp app, string site, string eventSlug)
    {
        using var http = new HttpClient();
        var events = await http.GetFromJsonAsync<JsonElement>($"{app.BaseUrl}/{site}/api/v1/events");
        var id = events.GetProperty("items").EnumerateArray()
            .First(e => e.GetProperty("url").GetString()!.EndsWith("/events/" + eventSlug, StringComparison.Ordinal)).GetProperty("id").GetInt32();
        var form = await http.GetStringAsync($"{app.BaseUrl}/{site}/events/{eventSlug}/register");
        var option = int.Parse(OptionId().Match(form).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // A fresh phone number each time: the same one twice is a duplicate (409).
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await http.PostAsJsonAsync($"{app.BaseUrl}/{site}/api/v1/events/{id}/registrations",
            new { optionId = option, name = "林晓梅", phone, email = $"lin.{phone}@example.cn", consent = true });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageUrl").GetString()!;
    }

    [GeneratedRegex("name=\"optionId\" value=\"(\\d+)\"")]
    private static partial Regex OptionId();
}
