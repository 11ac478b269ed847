using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Security;
using Outreach.Tests.Infrastructure;

namespace Outreach.Tests.Security;

/// <summary>
/// The key ring is in the database beside the ciphertext it opens (issue 12, item 4): a dump of the database alone
/// must not be enough. Payloads are protected with the real app's Data Protection, as ID-card numbers are.
/// </summary>
public sealed class KeyRingTests
{
    const string Purpose = "Outreach.Registration.IdCard"; // any purpose; the key ring is what is under test
    const string Secret = "440106199001011234";

    static Task<List<DataProtectionKey>> KeyRowsAsync(OutreachFactory app) =>
        app.WithSiteAsync(null, db => db.DataProtectionKeys.AsNoTracking().ToListAsync());

    static string Protect(OutreachFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(Secret);

    static string Unprotect(OutreachFactory app, string payload) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);

    /// <summary>A consistent copy of the app's database file (and nothing else) in a new data folder.</summary>
    static string CopyDatabase(OutreachFactory app)
    {
        var dir = Directory.CreateTempSubdirectory("outreach-test-copy-").FullName;
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "outreach.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"VACUUM INTO '{Path.Combine(dir, "outreach.db")}'";
        command.ExecuteNonQuery();
        return dir;
    }

    static bool HasPlainMasterKey(string xml) => XElement.Parse(xml).Descendants().Any(e => e.Name.LocalName == "masterKey");

    [Fact]
    public async Task Every_key_row_in_the_database_carries_an_encrypted_secret()
    {
        await using var app = new OutreachFactory();
        _ = Protect(app); // makes the first key
        var rows = await KeyRowsAsync(app);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.False(HasPlainMasterKey(row.Xml!), row.Xml);
            Assert.Contains("encryptedSecret", row.Xml);
            Assert.Contains("AES-256-GCM", row.Xml);
        }
    }

    [Fact]
    public async Task The_embedded_default_generates_its_key_file_readable_by_the_owner_only()
    {
        await using var app = new OutreachFactory();
        _ = Protect(app);
        var file = Path.Combine(app.DataDir, "keys", "data-protection.key");
        Assert.True(File.Exists(file), file);
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(file)).Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task A_copy_of_the_database_without_the_key_cannot_unprotect_a_payload()
    {
        string payload, copyWithoutKey, copyWithKey;
        await using (var original = new OutreachFactory())
        {
            payload = Protect(original);
            Assert.Equal(Secret, Unprotect(original, payload));
            copyWithoutKey = CopyDatabase(original);
            copyWithKey = CopyDatabase(original);
            Directory.CreateDirectory(Path.Combine(copyWithKey, "keys"));
            File.Copy(Path.Combine(original.DataDir, "keys", "data-protection.key"), Path.Combine(copyWithKey, "keys", "data-protection.key"));
        }

        // The dump alone: the app starts (with a key of its own) but the old keys do not open.
        await using (var thief = new OutreachFactory { DataDir = copyWithoutKey })
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(thief, payload));

        // Positive control: the same dump with the key file opens the payload.
        await using (var restored = new OutreachFactory { DataDir = copyWithKey })
            Assert.Equal(Secret, Unprotect(restored, payload));
    }

    [Fact]
    public async Task Plain_key_rows_written_before_are_wrapped_at_start_and_still_open_old_payloads()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string> { ["Outreach:DataProtection:Key"] = key };

        // A key as the platform wrote it until now: plain XML (Linux has no default encryptor).
        var legacyDir = Directory.CreateTempSubdirectory("outreach-legacy-keys-");
        var legacy = DataProtectionProvider.Create(legacyDir, b => b.SetApplicationName("Outreach"));
        var payload = legacy.CreateProtector(Purpose).Protect(Secret);
        var legacyXml = await File.ReadAllTextAsync(Assert.Single(legacyDir.GetFiles("key-*.xml")).FullName);
        Assert.True(HasPlainMasterKey(legacyXml));

        string copy;
        await using (var before = new OutreachFactory { Settings = settings })
        {
            _ = before.Server;
            await before.WithSiteAsync(null, async db =>
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "legacy", Xml = XElement.Parse(legacyXml).ToString(SaveOptions.DisableFormatting) });
                return await db.SaveChangesAsync();
            });
            copy = CopyDatabase(before);
        }
        legacyDir.Delete(recursive: true);

        await using var after = new OutreachFactory { DataDir = copy, Settings = settings };
        _ = after.Server; // start-up wraps the plain row
        var row = Assert.Single(await KeyRowsAsync(after), r => r.FriendlyName == "legacy");
        Assert.False(HasPlainMasterKey(row.Xml!), row.Xml);
        Assert.Contains("encryptedSecret", row.Xml);
        Assert.Equal(Secret, Unprotect(after, payload));
    }
}
