using Aoi.Silo.Hosting;
using Aoi.Web.Hosting;
using Aoi.Web.Security;

if (ApiKeyHashCommand.TryRun(args, Console.In, Console.Out))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAoiOrleans();
builder.AddAoiWeb();

var app = builder.Build();
app.MapAoiApi();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
