using Aoi.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// Standalone silo: same storage and grains as the co-hosted mode; ports from Aoi:Orleans:SiloPort / GatewayPort.
var builder = Host.CreateApplicationBuilder(args);
builder.AddAoiSilo();
await builder.Build().RunAsync();
