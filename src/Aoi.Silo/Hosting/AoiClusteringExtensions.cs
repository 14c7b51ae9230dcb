using System.Net;
using Aoi.Silo.Storage;
using Orleans.Configuration;

namespace Aoi.Silo.Hosting;

/// <summary>How silos find each other and clients find silos, as chosen by Aoi:Orleans:Clustering.</summary>
public static class AoiClusteringExtensions
{
    /// <summary>
    /// "localhost": the silo is its own seed (one machine). "adonet": membership in the cluster's PostgreSQL database,
    /// so any number of silos join under the fixed ServiceId/ClusterId and a dead silo is voted out by the others.
    /// </summary>
    public static ISiloBuilder UseAoiClustering(this ISiloBuilder silo, AoiOrleansOptions orleans)
    {
        if (!orleans.UsesAdoNetClustering)
        {
            return silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, null, orleans.ServiceId, orleans.ClusterId);
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = orleans.ServiceId;
            o.ClusterId = orleans.ClusterId;
        });
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariants.PostgreSql;
            o.ConnectionString = orleans.ConnectionString;
        });

        // Listen on every interface but publish one address: the one other silos and clients must dial.
        return string.IsNullOrWhiteSpace(orleans.AdvertisedAddress)
            ? silo.ConfigureEndpoints(orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true)
            : silo.ConfigureEndpoints(IPAddress.Parse(orleans.AdvertisedAddress), orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);
    }

    /// <summary>
    /// "localhost": the gateway of a silo on this machine. "adonet": the gateway list is read from the cluster's
    /// database, so the client follows silos as they join and leave.
    /// </summary>
    public static IClientBuilder UseAoiClustering(this IClientBuilder client, AoiOrleansOptions orleans)
    {
        if (!orleans.UsesAdoNetClustering)
        {
            return client.UseLocalhostClustering(orleans.GatewayPort, orleans.ServiceId, orleans.ClusterId);
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = orleans.ServiceId;
            o.ClusterId = orleans.ClusterId;
        });
        return client.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariants.PostgreSql;
            o.ConnectionString = orleans.ConnectionString;
        });
    }
}
