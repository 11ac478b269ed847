using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Outreach.Core.Security;

/// <summary>
/// ASVS 5 V6: at most 128 characters (at least 64 must be allowed) and not one of the commonly used
/// passwords shipped in <c>Security/common-passwords.txt</c>.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<OutreachUser>
{
    public const int MaxLength = 128;

    static readonly HashSet<string> Common = Load();

    static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Outreach.Core.Security.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(line.Trim());
        return set;
    }

    public static bool IsCommon(string password) => Common.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<OutreachUser> manager, OutreachUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaxLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"密码不能超过 {MaxLength} 个字符。" }));
        if (IsCommon(password) || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "这个密码太常见，很容易被猜到，请换一个。" }));
        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = "该邮箱已注册。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = "该账号已存在。" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "邮箱格式不正确。" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "链接无效或已过期，请重新申请。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未能完成，请稍后再试。" };
}
