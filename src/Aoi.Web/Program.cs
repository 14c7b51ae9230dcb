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
// mode it shows what the client sees (standalone silos have no collector). It samples the runtime's counters every
// 10 s instead of its default 1 s: a sample walks the silo's activation and directory tables, and under load the
// 1 s sampling took 4 % of the server's CPU (perf, docs/benchmarks/builds-dashboard-sampling.md).
builder.AddAoiOrleans(silo: silo => silo.AddDashboard(SampleEveryTenSeconds), client: client => client.AddDashboard(SampleEveryTenSeconds));
builder.AddAoiWeb();

var app = builder.Build();
app.MapAoiApi();
app.Run();

static void SampleEveryTenSeconds(DashboardOptions options) => options.CounterUpdateIntervalMs = 10_000;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
