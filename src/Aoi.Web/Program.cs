using Aoi.Silo.Hosting;
using Aoi.Web.Hosting;
using Aoi.Web.Security;
using Orleans.Dashboard;

if (ApiKeyHashCommand.TryRun(args, Console.In, Console.Out))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
// The dashboard needs ASP.NET Core, so only the front end carries it: the co-hosted silo collects for it; in client
// mode it shows what the client sees (standalone silos have no collector).
builder.AddAoiOrleans(silo: silo => silo.AddDashboard(), client: client => client.AddDashboard());
builder.AddAoiWeb();

var app = builder.Build();
app.MapAoiApi();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
