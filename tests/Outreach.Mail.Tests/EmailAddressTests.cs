using Outreach.Core.Mail;

namespace Outreach.Mail.Tests;

/// <summary>The one address check every entry point uses (MimeKit's strict parser, exactly one plain mailbox).</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("li.ming@example.cn", "li.ming@example.cn")]
    [InlineData("  Teacher.Wang@School.EDU.cn ", "teacher.wang@school.edu.cn")]
    [InlineData("a+tag@mail.example.com", "a+tag@mail.example.com")]
    public void Plain_mailboxes_are_accepted_and_lower_cased(string input, string expected) =>
        Assert.Equal(expected, EmailAddress.Normalise(input));

    [Theory]
    [InlineData("a.b,c@evil.example")]
    [InlineData("a@b.cn, c@d.cn")]
    [InlineData("Victim <victim@example.cn>")]
    [InlineData("\"x\" <x@example.cn>")]
    [InlineData("x@example.cn\r\nBcc: y@example.cn")]
    [InlineData("x@localhost")]
    [InlineData("x@@example.cn")]
    [InlineData("x y@example.cn")]
    [InlineData("group: a@b.cn;")]
    [InlineData("x@example..cn")]
    [InlineData("")]
    public void Lists_display_names_groups_and_control_characters_are_refused(string input) =>
        Assert.Null(EmailAddress.Normalise(input));
}
