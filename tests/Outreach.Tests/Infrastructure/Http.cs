namespace Outreach.Tests.Infrastructure;

public static class Http
{
    public static async Task<(int Status, string Body)> FetchAsync(this HttpClient client, string url, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (host is not null) request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
