using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Events;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Infrastructure;

namespace Outreach.Registration.Tests;

/// <summary>The demo recipes set registration up through the events step: carnival slots, a shared workshop room, a forum by approval.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_events_take_registrations_as_their_recipes_say()
    {
        await using var app = new OutreachFactory { SeedDemo = true };
        var client = app.CreatePlainClient();
        async Task<JsonObject> Registration(string site, string slug)
        {
            var id = await app.WithSiteAsync(site, db => db.Set<Event>().Where(e => e.Slug == slug).Select(e => e.Id).SingleAsync());
            return (await client.GetFromJsonAsync<JsonObject>($"/{site}/api/v1/events/{id}"))!["registration"]!.AsObject();
        }
        var carnival = await Registration("carnival", "carnival-2026");
        Assert.Equal(6, carnival["options"]!.AsArray().Count);
        Assert.All(carnival["options"]!.AsArray(), o => Assert.Equal(2500, o!["remaining"]!.GetValue<int>()));
        var workshop = await Registration("carnival", "carnival-2026-drone-workshop");
        Assert.All(workshop["options"]!.AsArray(), o => Assert.True(o!["shared"]!.GetValue<bool>()));
        Assert.True(workshop["waitlist"]!.GetValue<bool>());
        Assert.True((await Registration("month", "month-2027-05"))["requiresApproval"]!.GetValue<bool>());

        var page = await client.GetStringAsync("/carnival/events/carnival-2026-school-day/register");
        Assert.Contains("学校名称", page);
        Assert.Contains("max=\"60\"", page);
        // Running the recipes again changes nothing (options matched by name).
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "recipes", "demo"), "*.recipe.json").Order())
            await app.Services.GetRequiredService<Outreach.Core.Recipes.RecipeRunner>().RunFileAsync(file);
        Assert.Equal(6, (await Registration("carnival", "carnival-2026"))["options"]!.AsArray().Count);
    }
}
