using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Outreach.Core.Security;

namespace Outreach.Web;

/// <summary>
/// What the OpenAPI document says that the handlers' typed results cannot: how a caller authenticates (a bearer
/// token — a platform API token <c>otk_…</c> or an account access token — or the sign-in cookie) on the operations
/// that need it, and the answers every such operation can give (401, 403, 429, 400 for a body that does not parse).
/// The handlers declare their own answers (typed results and <c>ProducesProblem</c>); this only adds the shared ones.
/// </summary>
public static class OpenApiConventions
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";
    const string Problem = "ProblemDetails";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            EnsureComponents(document);
            document.Info.Title = "Outreach API";
            document.Info.Description = "广东科协学会服务平台的公开与管理接口。每个站点在 /{site}/api/v1/… 下（门户无前缀）；错误为 RFC 9457 问题详情（application/problem+json），中文在前。";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var document = context.Document!;
            EnsureComponents(document);
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Responses ??= new OpenApiResponses();

            var authorize = metadata.OfType<IAuthorizeData>().ToList();
            if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
            {
                // An endpoint that names the API-token scheme takes only tokens; the rest take a bearer token or the cookie.
                var tokensOnly = authorize.Any(a => a.AuthenticationSchemes == ApiTokenAuthenticationHandler.SchemeName);
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
                if (!tokensOnly)
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, document)] = [] });
                Add(operation, document, "401", "未登录或令牌无效（Unauthorized）");
                // Site permissions ("site:…" policies) can refuse a signed-in caller.
                if (authorize.Any(a => a.Policy?.StartsWith(SitePermissionPolicyProvider.Prefix, StringComparison.Ordinal) == true))
                    Add(operation, document, "403", "没有本站的相应权限（Forbidden）");
            }
            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
                Add(operation, document, "429", "请求过于频繁（Too Many Requests）");
            if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
                Add(operation, document, "400", "请求无法解析或参数有误（Bad Request）");
            foreach (var header in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "Idempotency-Key") ?? [])
                header.Description = "可选。客户端为一次报名生成的唯一值（如 UUID）：重试时带同一个值，返回原来那条报名（200，Idempotent-Replayed: true）；同一值配不同内容为 422。";
            return Task.CompletedTask;
        });
    }

    static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
            },
        };
    }

    /// <summary>The two ways to authenticate, and RFC 9457's problem details (present even when no handler names it).</summary>
    static void EnsureComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "平台 API 令牌（otk_…，由 `tokens create` 生成，限本站、限角色）或个人账号的访问令牌（POST /api/v1/account/login）。",
        });
        document.Components.SecuritySchemes.TryAdd(Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = ".Outreach.Auth",
            Description = "浏览器登录后的会话 Cookie；修改数据的请求还须带 X-CSRF-TOKEN 头。",
        });
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(Problem, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        });
    }
}
