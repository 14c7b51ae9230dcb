using Aoi.Grains.Linking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Linking;

/// <summary>AddBarcodeLinking: settings of spec 1.4 decide which linker the host gets.</summary>
public sealed class LinkingRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Defaults_MatchTheSpec()
    {
        using var provider = Provider([]);

        var options = provider.GetRequiredService<IOptions<LinkingOptions>>().Value;

        Assert.Null(options.Url);
        Assert.False(options.IsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(300), options.CacheTime);
        Assert.IsType<DisabledBarcodeLinker>(provider.GetRequiredService<IBarcodeLinker>());
    }

    [Fact]
    public void Url_EnablesTheHttpLinker_AndBindsTheSettings()
    {
        using var provider = Provider(new()
        {
            ["Aoi:Linking:Url"] = "http://127.0.0.1:9/link",
            ["Aoi:Linking:TimeoutSeconds"] = "1.5",
            ["Aoi:Linking:CacheSeconds"] = "60",
        });

        var options = provider.GetRequiredService<IOptions<LinkingOptions>>().Value;

        Assert.True(options.IsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CacheTime);
        Assert.IsType<HttpBarcodeLinker>(provider.GetRequiredService<IBarcodeLinker>());
    }

    [Fact]
    public void EnabledWithoutUrl_StaysDisabled()
    {
        using var provider = Provider(new() { ["Aoi:Linking:Enabled"] = "true" });

        Assert.IsType<DisabledBarcodeLinker>(provider.GetRequiredService<IBarcodeLinker>());
    }

    [Fact]
    public void Registration_ReplacesALinkerRegisteredBefore()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IBarcodeLinker, DisabledBarcodeLinker>();
        services.AddBarcodeLinking(Configuration(new() { ["Aoi:Linking:Url"] = "http://127.0.0.1:9/link" }));
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IBarcodeLinker));
        Assert.IsType<HttpBarcodeLinker>(provider.GetRequiredService<IBarcodeLinker>());
    }

    [Fact]
    public async Task SwitchedOff_MakesNoCall()
    {
        await using var stub = await StubLinkingService.StartAsync();
        using var provider = Provider(new() { ["Aoi:Linking:Url"] = stub.Url.ToString(), ["Aoi:Linking:Enabled"] = "false" });

        var linker = provider.GetRequiredService<IBarcodeLinker>();

        Assert.IsType<DisabledBarcodeLinker>(linker);
        Assert.Null(await linker.LinkAsync("1897848 S/N: 65514 3969 1006 V", Ct));
        Assert.Empty(stub.Calls);
    }

    [Fact]
    public async Task Enabled_LinksThroughTheConfiguredService()
    {
        await using var stub = await StubLinkingService.StartAsync();
        using var provider = Provider(new() { ["Aoi:Linking:Url"] = stub.Url.ToString() });

        var linked = await provider.GetRequiredService<IBarcodeLinker>().LinkAsync("2907912062542P1087", Ct);

        Assert.Equal("20004157-0003285-1022823-101", linked);
        Assert.Single(stub.Calls);
    }

    [Theory]
    [InlineData("Aoi:Linking:Url", "not a url", "Aoi:Linking:Url")]
    [InlineData("Aoi:Linking:Url", "ftp://host/link", "Aoi:Linking:Url")]
    [InlineData("Aoi:Linking:TimeoutSeconds", "0", "Aoi:Linking:TimeoutSeconds")]
    [InlineData("Aoi:Linking:CacheSeconds", "-1", "Aoi:Linking:CacheSeconds")]
    public void BadSetting_FailsValidation_NamingTheKey(string key, string value, string named)
    {
        using var provider = Provider(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LinkingOptions>>().Value);

        Assert.Contains(named, error.Message);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddBarcodeLinking(Configuration(settings)).BuildServiceProvider();

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
