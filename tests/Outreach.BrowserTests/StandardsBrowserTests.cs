using System.Text.Json;

namespace Outreach.BrowserTests;

/// <summary>
/// The running demo's OpenAPI document and HTML, checked by validators that are not ours: swagger-parser (npm)
/// and the Nu HTML Checker (vnu-jar from npm, on Java).
/// </summary>
public sealed class StandardsBrowserTests(RunningApp app) : IClassFixture<RunningApp>
{
    const string ValidateOpenApi = """
        const parser = require(process.argv[2]);
        parser.validate(process.argv[3])
          .then(api => console.log('valid OpenAPI ' + api.openapi))
          .catch(e => { console.error(e.message); process.exit(1); });
        """;

    static async Task<(int ExitCode, string Output)> SwaggerParserAsync(string document)
    {
        var node = NpmTools.Program("node", "nodejs");
        var parser = NpmTools.Package("@apidevtools/swagger-parser");
        var folder = Directory.CreateTempSubdirectory("outreach-openapi-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "validate.js"), ValidateOpenApi);
            await File.WriteAllTextAsync(Path.Combine(folder, "openapi.json"), document);
            return await NpmTools.RunAsync(node, Path.Combine(folder, "validate.js"), parser, Path.Combine(folder, "openapi.json"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    async Task<JsonElement> OpenApiAsync()
    {
        using var http = new HttpClient();
        return JsonSerializer.Deserialize<JsonElement>(await http.GetStringAsync(app.BaseUrl + "/openapi/v1.json"));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_valid_for_swagger_parser_and_a_broken_one_is_not()
    {
        using var http = new HttpClient();
        var document = await http.GetStringAsync(app.BaseUrl + "/openapi/v1.json");
        var (code, output) = await SwaggerParserAsync(document);
        Assert.True(code == 0, output);
        Assert.Contains("valid OpenAPI 3.", output);

        // Control: the same validator refuses the document once a reference points nowhere.
        var broken = document.Replace("#/components/schemas/ProblemDetails", "#/components/schemas/NoSuchSchema", StringComparison.Ordinal);
        Assert.NotEqual(document, broken);
        Assert.NotEqual(0, (await SwaggerParserAsync(broken)).ExitCode);
    }

    [Fact]
    public async Task Protected_operations_name_the_bearer_and_cookie_schemes_and_document_401_and_403()
    {
        var doc = await OpenApiAsync();
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        Assert.Equal(".Outreach.Auth", schemes.GetProperty("cookie").GetProperty("name").GetString());

        var admin = 0;
        foreach (var (path, method, op) in Operations(doc))
        {
            var secured = op.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (path.StartsWith("/api/v1/admin/", StringComparison.Ordinal))
            {
                admin++;
                Assert.True(secured, $"{method} {path} has no security requirement");
                Assert.Contains(security.EnumerateArray(), r => r.TryGetProperty("bearer", out _));
                Assert.True(Responses(op).IsSupersetOf(["401", "403"]), $"{method} {path}: {string.Join(",", Responses(op))}");
            }
            else if (path.StartsWith("/api/v1/account/manage", StringComparison.Ordinal))
            {
                Assert.True(secured, $"{method} {path} has no security requirement");
                Assert.Contains(security.EnumerateArray(), r => r.TryGetProperty("cookie", out _));
                Assert.Contains("401", Responses(op));
            }
            else if ((path.StartsWith("/api/v1/my/", StringComparison.Ordinal) || path == "/api/v1/lecturers/applications") && secured)
            {
                // A person's own things (a lecturer's dispatches, an application to lecture): signed in, with a token or the cookie.
                Assert.Contains(security.EnumerateArray(), r => r.TryGetProperty("bearer", out _));
                Assert.Contains("401", Responses(op));
            }
            // Public reading needs no credentials, and the document says so.
            else Assert.False(secured, $"{method} {path} is public but asks for credentials");
        }
        Assert.True(admin >= 10, $"only {admin} admin operations in the document");
    }

    [Fact]
    public async Task The_registration_post_documents_each_answer_and_the_Idempotency_Key_header()
    {
        var doc = await OpenApiAsync();
        var post = doc.GetProperty("paths").GetProperty("/api/v1/events/{id}/registrations").GetProperty("post");
        var responses = Responses(post);
        foreach (var status in new[] { "201", "200", "400", "404", "409", "410", "422", "429", "503" })
            Assert.True(responses.Contains(status), $"{status} missing: {string.Join(",", responses)}");
        foreach (var problem in new[] { "400", "404", "409", "422", "429" })
            Assert.True(post.GetProperty("responses").GetProperty(problem).GetProperty("content").TryGetProperty("application/problem+json", out _),
                problem + " is not problem details");
        var header = post.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.Equal("string", header.GetProperty("schema").GetProperty("type").GetString());
        // Created carries the registration's body schema.
        Assert.Equal("#/components/schemas/RegistrationCreated",
            post.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task Main_pages_of_both_themes_have_no_Nu_HTML_Checker_errors()
    {
        var java = NpmTools.Program("java", "openjdk-17-jre-headless");
        var vnu = Path.Combine(NpmTools.Package("vnu-jar"), "build", "dist", "vnu.jar");
        var folder = Directory.CreateTempSubdirectory("outreach-vnu-").FullName;
        try
        {
            using var http = new HttpClient();
            var files = new List<string>();
            foreach (var (site, slug) in new[] { ("laokexie", "laokexie-smartphone-class-2027"), ("carnival", "carnival-2026") })
            {
                var manage = await DemoRegistration.ManageUrlAsync(app, site, slug);
                string[] pages = ["/", "/?mode=elder", "/events", $"/events/{slug}", $"/events/{slug}/register", "/search?q=%E7%A7%91%E6%99%AE",
                    "/account/register", "/account/login"];
                foreach (var (url, i) in pages.Select(p => $"{app.BaseUrl}/{site}{p}").Append(manage).Select((u, i) => (u, i)))
                {
                    var file = Path.Combine(folder, $"{site}-{i}.html");
                    await File.WriteAllTextAsync(file, $"<!-- {url} -->\n" + await http.GetStringAsync(url));
                    files.Add(file);
                }
            }
            var (code, output) = await NpmTools.RunAsync(java, ["-jar", vnu, "--errors-only", .. files]);
            Assert.True(code == 0, output.Replace(folder, "", StringComparison.Ordinal));

            // Control: the checker does report an error it should (an element not allowed where it is).
            var broken = Path.Combine(folder, "broken.html");
            await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(files[0])).Replace("</main>", "<li>孤立的列表项</li></main>", StringComparison.Ordinal));
            var (brokenCode, brokenOutput) = await NpmTools.RunAsync(java, "-jar", vnu, "--errors-only", broken);
            Assert.NotEqual(0, brokenCode);
            Assert.Contains("error", brokenOutput);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name.ToUpperInvariant(), m.Value)));

    static HashSet<string> Responses(JsonElement op) => op.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
}
