using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Outreach.Registration.Tests;

public sealed class RegisterTests(RegistrationFixture f) : IClassFixture<RegistrationFixture>
{
    [Fact]
    public async Task Registering_confirms_and_queues_the_ticket_mail_with_qr_code_and_calendar()
    {
        var (id, _) = await f.Site.CreateEventAsync(new { options = new[] { new { name = "上午场", capacity = 10 } } });
        var option = await f.Site.FirstOptionAsync(id);
        var response = await f.App.CreatePlainClient().RegisterAsync(id, option, email: "xiaoming@example.cn");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("confirmed", body!["status"]!.GetValue<string>());
        Assert.Matches("^[0-9A-Z]{10}$", body["ticketCode"]!.GetValue<string>());
        Assert.Contains("/fair/registrations/", body["manageUrl"]!.GetValue<string>());

        var mail = Assert.Single(await f.Site.MailsToAsync("xiaoming@example.cn"));
        Assert.StartsWith("报名成功", mail.Subject);
        Assert.Contains(body["ticketCode"]!.GetValue<string>(), mail.HtmlBody);
        Assert.Contains("ticket-" + body["ticketCode"]!.GetValue<string>() + ".png", mail.AttachmentsJson);
        Assert.Contains("event.ics", mail.AttachmentsJson);
        Assert.DoesNotContain("13900", mail.HtmlBody); // no phone in the mail's link

        var remaining = (await f.Site.OptionsAsync(id))[0]!["remaining"]!.GetValue<int>();
        Assert.Equal(9, remaining);
    }
}
