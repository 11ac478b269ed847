using Fluid;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Themes;

namespace Outreach.Core.Accounts;

/// <summary>What the account pages (<c>account-*.liquid</c>) read.</summary>
public sealed class AccountPage
{
    public string Title { get; init; } = "";
    public string Message { get; init; } = "";
    public string Error { get; init; } = "";
    public Dictionary<string, string> Errors { get; init; } = [];
    public Dictionary<string, string> Values { get; init; } = [];
    public FormToken Antiforgery { get; init; } = new("", "");
    public string ReturnUrl { get; init; } = "";
    /// <summary>The sign-in page: "1" to offer resending the confirmation code.</summary>
    public bool Sent { get; init; }
}

/// <summary>What the personal area (<c>my.liquid</c>) reads.</summary>
public sealed class MyPage
{
    public string Title { get; init; } = "我的";
    public AccountInfo Account { get; init; } = null!;
    public IReadOnlyList<PersonalAreaBlock> Sections { get; init; } = [];
    public FormToken Antiforgery { get; init; } = new("", "");
    public string Message { get; init; } = "";
    public string Error { get; init; } = "";
    public Dictionary<string, string> Errors { get; init; } = [];
    public bool VerifyPhone { get; init; }
    public bool Admin { get; init; }
}

public sealed record FormToken(string Name, string Value)
{
    public static FormToken For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }
}

/// <summary>The account view models are the types templates may read.</summary>
public sealed class AccountViews : ILiquidExtension
{
    public void Register(TemplateOptions options)
    {
        options.MemberAccessStrategy.Register<AccountPage>();
        options.MemberAccessStrategy.Register<MyPage>();
        options.MemberAccessStrategy.Register<FormToken>();
        options.MemberAccessStrategy.Register<AccountInfo>();
        options.MemberAccessStrategy.Register<PersonalAreaBlock>();
        options.MemberAccessStrategy.Register<AccountMailModel>();
    }
}
