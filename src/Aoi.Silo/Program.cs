using Aoi.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// Standalone silo: same storage, grains and engines as the co-hosted mode; ports from Aoi:Orleans:SiloPort /
// GatewayPort, clustering and storage from Aoi:Orleans:Clustering / Storage (README). `--install-schema` prepares the
// database only.
var builder = Host.CreateApplicationBuilder(args);
if (SchemaInstallCommand.IsRequested(args))
{
    return await SchemaInstallCommand.RunAsync(builder.Configuration, Console.Out, Console.Error);
}

builder.AddAoiSilo();
await builder.Build().RunAsync();
return 0;
