using System.Net;
using System.Net.Sockets;

namespace Aoi.Benchmarks.Performance;

/// <summary>A loopback TCP port nobody listens on right now (other engineers' servers share this machine).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
