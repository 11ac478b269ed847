using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;

namespace Outreach.Core.Security;

/// <summary>
/// The Data Protection key ring lives in the database beside what it protects (ID-card numbers, sign-in cookies,
/// reset and manage links), so a database dump alone must not open it: every key's secret is wrapped with an
/// AES-256-GCM key that is not in the database — <c>Outreach:DataProtection:Key</c> (base64, e.g. from an
/// environment variable or secret store), else a key file (a mounted secret, or for the embedded default one
/// generated on first start into the data directory, readable by the owner only).
/// </summary>
public static class KeyRingProtection
{
    static readonly XNamespace Ns = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Keys in the database shared by every node, their secrets wrapped by <see cref="KeyRingKey"/>.</summary>
    public static void AddOutreachDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Outreach").PersistKeysToDbContext<OutreachDbContext>();
        services.AddSingleton(sp => KeyRingKey.Load(
            sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtection))));
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlEncryptor = new AesGcmXmlEncryptor(sp.GetRequiredService<KeyRingKey>()));
    }

    /// <summary>
    /// A start-up step: key rows written before the key ring was protected (a plain <c>&lt;masterKey&gt;</c>) are
    /// wrapped now, the same way new keys are, so existing cookies, links and encrypted ID-card numbers stay
    /// readable. Returns how many rows were re-protected.
    /// </summary>
    public static async Task<int> ReprotectAsync(OutreachDbContext db, KeyRingKey key, CancellationToken ct = default)
    {
        var encryptor = new AesGcmXmlEncryptor(key);
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (string.IsNullOrEmpty(row.Xml)) continue;
            var xml = XElement.Parse(row.Xml);
            var plain = xml.Descendants().Where(e => (string?)e.Attribute(Ns + "requiresEncryption") == "true").ToList();
            if (plain.Count == 0) continue;
            foreach (var element in plain)
            {
                // The shape Data Protection itself writes (XmlEncryptionExtensions.EncryptIfNecessary).
                var info = encryptor.Encrypt(new XElement(element));
                element.ReplaceWith(new XElement(Ns + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }
            row.Xml = xml.ToString(SaveOptions.DisableFormatting);
            changed++;
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>True when the key row's secret is wrapped (no plain master key in it).</summary>
    public static bool IsProtected(string xml)
    {
        var element = XElement.Parse(xml);
        return !element.Descendants().Any(e => e.Name.LocalName == "masterKey")
            && element.Descendants(Ns + "encryptedSecret").Any();
    }
}

/// <summary>The AES-256 key that wraps the key ring; <see cref="Id"/> names it without revealing it.</summary>
public sealed class KeyRingKey
{
    public const int Size = 32;

    public KeyRingKey(byte[] key)
    {
        if (key.Length != Size) throw new ArgumentException($"The key ring key must be {Size} bytes.", nameof(key));
        Bytes = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    internal byte[] Bytes { get; }

    public string Id { get; }

    /// <summary>Where the key comes from, first found: the setting, the configured file, the default file (created once).</summary>
    public static KeyRingKey Load(OutreachOptions options, IHostEnvironment env, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.DataProtection.Key)) return new KeyRingKey(Parse(options.DataProtection.Key, "Outreach:DataProtection:Key"));
        var file = options.DataProtection.KeyFile ?? DefaultFile(options, env);
        if (File.Exists(file)) return new KeyRingKey(Parse(File.ReadAllText(file), file));
        if (options.DataProtection.KeyFile is not null)
            throw new InvalidOperationException($"Outreach:DataProtection:KeyFile {file} does not exist.");
        var created = Create(file);
        logger.LogWarning("Generated a new key ring key in {File} (owner-only). Several nodes must share one: set Outreach:DataProtection:Key or KeyFile.", file);
        return created;
    }

    public static string DefaultFile(OutreachOptions options, IHostEnvironment env) =>
        Path.Combine(OutreachPaths.DataDir(options, env), "keys", "data-protection.key");

    static byte[] Parse(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == Size) return key;
        }
        catch (FormatException) { }
        throw new InvalidOperationException($"{source}: expected a base64 {Size * 8}-bit key (e.g. `openssl rand -base64 32`).");
    }

    static KeyRingKey Create(string file)
    {
        var dir = Path.GetDirectoryName(file)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = RandomNumberGenerator.GetBytes(Size);
        var stream = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) stream.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // chmod 600
        try
        {
            using var writer = new StreamWriter(file, Encoding.ASCII, stream);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process on this data directory created it first: use theirs.
            return new KeyRingKey(Parse(File.ReadAllText(file), file));
        }
        return new KeyRingKey(key);
    }
}

/// <summary>Wraps a key's secret with AES-256-GCM (random nonce, authenticated; the key's id is recorded).</summary>
public sealed class AesGcmXmlEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[AesGcmXmlDecryptor.NonceSize + AesGcmXmlDecryptor.TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcmXmlDecryptor.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, AesGcmXmlDecryptor.TagSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(AesGcmXmlDecryptor.NonceSize + AesGcmXmlDecryptor.TagSize),
                sealedBytes.AsSpan(AesGcmXmlDecryptor.NonceSize, AesGcmXmlDecryptor.TagSize));
        var element = new XElement("encryptedKey",
            new XAttribute("alg", "AES-256-GCM"),
            new XAttribute("keyId", key.Id),
            new XComment(" Wrapped with Outreach:DataProtection:Key (or its key file). "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Unwraps what <see cref="AesGcmXmlEncryptor"/> wrapped; Data Protection creates it with the app's services.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingKey>();
        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (keyId != key.Id)
            throw new CryptographicException($"This key ring entry was protected with key {keyId}, not the configured key {key.Id} (Outreach:DataProtection:Key).");
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("Truncated key ring entry.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
