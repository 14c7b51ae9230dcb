using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using Aoi.Silo.Hosting;
using Aoi.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Aoi.Tests.Hosting;

/// <summary>What the front end registers, composed as Program composes it, in both Orleans modes.</summary>
public sealed class WebCompositionTests : IDisposable
{
    private readonly TempFolder dataRoot = new();

    public void Dispose() => dataRoot.Dispose();

    [Fact]
    public void ClientModeCarriesNoEnginesAndNoWarmup()
    {
        var client = Compose("client");
        Assert.DoesNotContain(client, d => d.ServiceType == typeof(IRoiEvaluator));
        Assert.DoesNotContain(client, d => d.ServiceType == typeof(EngineWarmup));
        Assert.DoesNotContain(client, d => d.ImplementationType == typeof(EngineWarmupService));
        Assert.DoesNotContain(client, d => d.ServiceType == typeof(ProductWarmup));

        // The co-hosted silo does carry them, warm-up included.
        var cohosted = Compose("cohosted");
        Assert.Contains(cohosted, d => d.ServiceType == typeof(IRoiEvaluator));
        Assert.Contains(cohosted, d => d.ImplementationType == typeof(EngineWarmupService));
    }

    [Theory]
    [InlineData("Aoi:Inspection:BudgetSeconds", "0", "BudgetSeconds")]
    [InlineData("Aoi:RoiTimeoutSeconds", "60", "Aoi:RoiTimeoutSeconds (60) must not exceed Aoi:Inspection:BudgetSeconds (50)")]
    [InlineData("AoiWeb:InspectionGraceSeconds", "0", "InspectionGraceSeconds")]
    [InlineData("Aoi:Imaging:MaxConcurrentDecodes", "0", "MaxConcurrentDecodes")]
    [InlineData("Aoi:History:NgRetentionDays", "-1", "NgRetentionDays")]
    public void EveryOptionsClassIsValidatedAtStartNamingTheKey(string key, string value, string named)
    {
        var builder = Builder("cohosted", (key, value));
        using var app = builder.Build();
        var startup = app.Services.GetRequiredService<IStartupValidator>();
        var error = Assert.ThrowsAny<OptionsValidationException>(startup.Validate);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void LibraryChatterIsFilteredToWarnings()
    {
        using var app = Builder("client").Build();
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(logs.CreateLogger("Polly").IsEnabled(LogLevel.Information));
        Assert.False(logs.CreateLogger("Orleans.Runtime.Catalog").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Polly").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger("Aoi.Grains.Grains.InspectionSessionGrain").IsEnabled(LogLevel.Information));
    }

    private IServiceCollection Compose(string mode) => Builder(mode).Services;

    /// <summary>Program's composition: Orleans (with the dashboard) once, then the front end.</summary>
    private WebApplicationBuilder Builder(string mode, params (string Key, string Value)[] extra)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>
        {
            ["Aoi:DataRoot"] = dataRoot.Path,
            ["Aoi:Orleans:Mode"] = mode,
            ["Aoi:SeedDemo"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAoiOrleans(silo: silo => silo.AddDashboard(), client: client => client.AddDashboard());
        builder.AddAoiWeb();
        return builder;
    }
}
