using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Aoi.Tests.Http;

/// <summary>
/// The real web host (co-hosted silo included) on a private temporary data root. Orleans gets free ports and its own
/// cluster id so that test runs of several engineers on one machine never join each other's cluster.
/// </summary>
public class AoiWebFactory : WebApplicationFactory<Program>
{
    public AoiWebFactory()
        : this(Directory.CreateTempSubdirectory("aoi-web-tests-").FullName, "web-tests-" + Guid.NewGuid().ToString("N"), true)
    {
    }

    /// <summary>A host on a given data root and service id: two hosts built in turn on the same pair see the same
    /// persisted grain state, like a server restart.</summary>
    protected AoiWebFactory(string dataRoot, string serviceId, bool deleteDataRootOnDispose)
    {
        DataRoot = dataRoot;
        ServiceId = serviceId;
        DeleteDataRootOnDispose = deleteDataRootOnDispose;
        Directory.CreateDirectory(SharedRoot);
        Directory.CreateDirectory(ProductRoot);
    }

    public string DataRoot { get; }
    public string ServiceId { get; }
    private bool DeleteDataRootOnDispose { get; }
    public string SharedRoot => Path.Combine(DataRoot, "shared");
    public string ProductRoot => Path.Combine(DataRoot, "products");

    /// <summary>Configuration of the host; subclasses add or change keys.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Aoi:DataRoot"] = DataRoot,
        ["Aoi:SeedDemo"] = "false",
        ["Aoi:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AoiWeb:WarmUpOnStart"] = "false",
        // TestServer requests have no remote address; count them as the loopback the co-hosted default trusts.
        ["Aoi:Security:MissingRemoteAddressIsLoopback"] = "true",
    };

    /// <summary>Request body limit; a subclass lowers it to test 413 cheaply.</summary>
    protected virtual long MaxRequestBodyBytes => 200L * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting reaches the configuration before Program builds the host (settings read while building, such
        // as the Orleans mode, see it), unlike ConfigureAppConfiguration.
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            var siloPort = FreePort();
            var gatewayPort = FreePort();
            services.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
                o.AdvertisedIPAddress = IPAddress.Loopback;
            });
            services.Configure<DevelopmentClusterMembershipOptions>(o => o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort));
            services.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ServiceId + "-" + Guid.NewGuid().ToString("N");
                o.ServiceId = ServiceId;
            });
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!DeleteDataRootOnDispose)
        {
            GC.SuppressFinalize(this);
            return;
        }

        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing request; the temp folder is cleaned by the OS eventually.
        }

        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A host on a data root that outlives it (restart tests); the caller deletes the folder.</summary>
public sealed class RestartableAoiWebFactory(string dataRoot, string serviceId) : AoiWebFactory(dataRoot, serviceId, false);

/// <summary>A host with a 64 KiB body limit, for the 413 rules.</summary>
public sealed class SmallBodyAoiWebFactory : AoiWebFactory
{
    public const long Limit = 64 * 1024;

    protected override long MaxRequestBodyBytes => Limit;
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<AoiWebFactory>
{
    public const string Name = "aoi-web";
}
