using System.Globalization;
using System.Text;

namespace Outreach.Core.Accounts;

/// <summary>Sends a text message (verification codes). A provider (Aliyun, Tencent Cloud SMS) plugs in here later.</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct = default);
}

/// <summary>Writes each message as a UTF-8 text file to <c>&lt;DataDir&gt;/sms-pickup</c>, like the mail pickup folder.</summary>
public sealed class PickupSmsSender(string folder, TimeProvider clock) : ISmsSender
{
    public string Folder => folder;

    public async Task SendAsync(string phone, string text, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var name = clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var temp = Path.Combine(folder, name + ".tmp");
        await File.WriteAllTextAsync(temp, $"To: {phone}\n\n{text}\n", new UTF8Encoding(false), ct);
        File.Move(temp, Path.Combine(folder, name + ".txt")); // readers never see half a message
    }
}
