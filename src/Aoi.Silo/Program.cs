using Aoi.Silo.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddAoiOrleans();
await builder.Build().RunAsync();
