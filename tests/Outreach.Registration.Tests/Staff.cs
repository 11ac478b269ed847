using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>People at the admin pages: a fresh account per call, signed in through the login form.</summary>
public static class Staff
{
    public static async Task<HttpClient> SignedInAsync(this FairSite f, SiteRole role, string site = "fair")
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@example.cn";
        await f.App.CreateUserAsync(email, false, (site, role));
        return await f.App.SignedInClientAsync(email, "/" + site);
    }

    /// <summary>Registers and returns the registration's id and ticket code.</summary>
    public static async Task<(int Id, string Code)> RegisteredAsync(this FairSite f, int eventId, int optionId, string? email = null,
        string name = "陈小明", int groupSize = 1, string? phone = null)
    {
        var response = await f.App.CreatePlainClient().RegisterAsync(eventId, optionId, phone: phone, email: email, name: name, groupSize: groupSize);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<int>(), body["ticketCode"]!.GetValue<string>());
    }


    /// <summary>Pages answer a missing permission with the access-denied page (403) by way of a redirect.</summary>
    public static async Task AssertDeniedAsync(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.ToString();
            Assert.Contains("/admin/denied", location);
            response = await client.GetAsync(location);
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
