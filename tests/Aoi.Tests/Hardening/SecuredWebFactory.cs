using System.Net;
using Aoi.Tests.Http;
using Aoi.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Hardening;

/// <summary>
/// A server with access control configured as in a hall: three API keys (one per role) and station networks.
/// Requests carry no remote address unless <see cref="RemoteHeader"/> names one (the test server has no sockets), and
/// a missing address is NOT treated as loopback here, so anonymous really is anonymous.
/// </summary>
public class SecuredWebFactory : AoiWebFactory
{
    public const string OperatorKey = "op-3f9c1e7a-station-key";
    public const string EngineerKey = "eng-51d0b6c2-editor-key";
    public const string AdminKey = "adm-9a7e44d1-root-key";

    /// <summary>Test-only header that sets the connection's remote address.</summary>
    public const string RemoteHeader = "X-Test-Remote-Address";

    // Hashed once per run with few iterations: the hashes are real (salted PBKDF2), only cheaper to verify.
    private static readonly string OperatorHash = ApiKeyHasher.Hash(OperatorKey, 1000);
    private static readonly string EngineerHash = ApiKeyHasher.Hash(EngineerKey, 1000);
    private static readonly string AdminHash = ApiKeyHasher.Hash(AdminKey, 1000);

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Aoi:Security:MissingRemoteAddressIsLoopback"] = "false";
        settings["Aoi:Security:ApiKeys:0:Name"] = "line-op";
        settings["Aoi:Security:ApiKeys:0:Role"] = "operator";
        settings["Aoi:Security:ApiKeys:0:Hash"] = OperatorHash;
        settings["Aoi:Security:ApiKeys:1:Name"] = "editor";
        settings["Aoi:Security:ApiKeys:1:Role"] = "engineer";
        settings["Aoi:Security:ApiKeys:1:Hash"] = EngineerHash;
        settings["Aoi:Security:ApiKeys:2:Name"] = "root";
        settings["Aoi:Security:ApiKeys:2:Role"] = "admin";
        settings["Aoi:Security:ApiKeys:2:Hash"] = AdminHash;
        settings["Aoi:Security:TrustedNetworks:0:Cidr"] = "10.1.0.0/16";
        settings["Aoi:Security:TrustedNetworks:0:Role"] = "operator";
        settings["Aoi:Security:TrustedNetworks:1:Cidr"] = "10.1.2.0/24";
        settings["Aoi:Security:TrustedNetworks:1:Role"] = "engineer";
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    public HttpClient Client(string? key = null, string? remote = null)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(CallerResolver.ApiKeyHeader, key);
        }

        if (remote is not null)
        {
            client.DefaultRequestHeaders.Add(RemoteHeader, remote);
        }

        return client;
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredCollection : ICollectionFixture<SecuredWebFactory>
{
    public const string Name = "aoi-secured";
}
