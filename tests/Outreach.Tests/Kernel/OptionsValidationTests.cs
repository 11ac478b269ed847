using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Kernel;

/// <summary>The kernel's settings are checked when the app starts (ValidateOnStart): a bad one stops it with a message naming the key.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Outreach:Database:Provider", "Postgres", "ConnectionStrings:Outreach is empty")]
    [InlineData("Outreach:Smtp:Port", "70000", "Outreach:Smtp:Port must be between 1 and 65535")]
    [InlineData("Outreach:Smtp:FromAddress", "not-an-address", "Outreach:Smtp:FromAddress must be an e-mail address")]
    [InlineData("Outreach:Smtp:User", "mailer", "Outreach:Smtp:Password is required")]
    [InlineData("Outreach:Smtp:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Outreach:Scheduler:Enabled", "sometimes", "Outreach:Scheduler:Enabled")]
    [InlineData("Outreach:PublicOrigin", "gdsta.cn/outreach", "Outreach:PublicOrigin must be an absolute http(s) origin")]
    public async Task A_bad_setting_stops_the_app_at_start_naming_the_key(string key, string value, string message)
    {
        await using var app = new OutreachFactory { Settings = { [key] = value } };
        if (key == "Outreach:Smtp:Port") app.Settings["Outreach:Smtp:Host"] = "smtp.gdsta.cn"; // the port counts only with a host
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var all = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(message, all);
    }

    [Fact]
    public async Task The_same_settings_with_good_values_start()
    {
        await using var app = new OutreachFactory
        {
            Settings = { ["Outreach:Smtp:Port"] = "465", ["Outreach:Smtp:FromAddress"] = "noreply@gdsta.cn", ["Outreach:Scheduler:Enabled"] = "false" },
        };
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
