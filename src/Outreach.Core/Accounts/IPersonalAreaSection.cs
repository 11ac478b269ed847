using Microsoft.AspNetCore.Http;

namespace Outreach.Core.Accounts;

/// <summary>
/// A part of the personal area "我的" (<c>/my</c>) that a module contributes, with what it holds of the person for
/// the data download and what it does when the account is deleted. Accounts are platform-wide, so a section shows
/// on every site when its module is enabled on at least one site (it lists the person's things across sites).
/// Register as scoped: <c>services.AddScoped&lt;IPersonalAreaSection, MySection&gt;()</c>.
/// </summary>
public interface IPersonalAreaSection
{
    /// <summary>The section's key in the data download and its anchor on the page ("registrations" → <c>/my#registrations</c>).</summary>
    string Key { get; }

    /// <summary>The block on the page: the template is included with <c>model</c> set to <see cref="PersonalAreaBlock.Model"/>.</summary>
    Task<PersonalAreaBlock?> BuildAsync(HttpContext http, int userId, CancellationToken ct);

    /// <summary>What the module holds of the person, as plain JSON-serialisable data (PIPL Art. 45).</summary>
    Task<object?> ExportAsync(int userId, CancellationToken ct);

    /// <summary>The account is being deleted (PIPL Art. 47): remove or unlink the module's data of this person.
    /// Runs in the deletion's transaction on the request's DbContext.</summary>
    Task ForgetAsync(int userId, CancellationToken ct);
}

/// <summary>A section as the page renders it.</summary>
public sealed record PersonalAreaBlock(string Key, string Title, string Template, object Model, int Order = 0);
