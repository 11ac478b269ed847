using Fluid;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Themes;
using Outreach.Events;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

public sealed class LiquidModelFixture() : SitesFixture();

public sealed class LiquidModelTests(LiquidModelFixture fixture) : IClassFixture<LiquidModelFixture>
{
    /// <summary>Listed in no manifest: a template must not see into it.</summary>
    public sealed record Unlisted(string Secret, string Name);

    static readonly FluidParser Parser = new();

    string Render(string source, object model)
    {
        var context = fixture.App.Services.GetRequiredService<LiquidViews>().CreateContext(null, ThemeCatalog.DefaultTheme, model);
        return Parser.Parse(source).Render(context);
    }

    [Fact]
    public void Templates_read_registered_view_models_and_nothing_else()
    {
        Assert.Equal("true-false", Render("{{ busy }}-{{ limited }}", new ErrorPage(Busy: true)));      // the kernel's
        Assert.Equal("https://a.example", Render("{{ amap }}", new MapLinksView("https://a.example", "b", "o"))); // a module's manifest
        Assert.Equal("[][]", Render("[{{ secret }}][{{ name }}]", new Unlisted("s3cret", "n4me")));     // anything else, as the page model
        Assert.Equal("x[]", Render("{{ template }}[{{ model.secret }}]", new Core.Content.HomeSection("x", new Unlisted("s3cret", "n4me")))); // or inside one
    }
}
