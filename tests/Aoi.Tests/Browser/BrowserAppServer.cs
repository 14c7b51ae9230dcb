using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aoi.Tests.Browser;

/// <summary>
/// The real server on a real Kestrel port (a browser cannot reach WebApplicationFactory's in-memory TestServer), with
/// the demo product seeded, on a private temporary data root and private Orleans ports.
/// </summary>
public sealed class BrowserAppServer : Http.AoiWebFactory
{
    public BrowserAppServer()
        : base(Directory.CreateTempSubdirectory("aoi-ui-tests-").FullName, "ui-tests-" + Guid.NewGuid().ToString("N"), true)
    {
        // Port 0 on the IPv4 loopback: Kestrel picks a free port, reported by the server addresses feature.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Aoi:SeedDemo"] = "true";
        settings["Aoi:SharedRoot"] = SharedRoot;
        settings["Aoi:ProductRoot"] = ProductRoot;
        // The review station draws a failed board on its kept frame.
        settings["Aoi:History:KeepFullFrameOnNg"] = "true";
        return settings;
    }

    /// <summary>Starts the host (once) and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().TrimEnd('/');
        }
    }
}
