using Aoi.Web.Ui.Progress;
using Microsoft.Net.Http.Headers;

namespace Aoi.Web.Ui;

/// <summary>The operator and engineer pages (static files under /ui/), their helper endpoints and live progress.</summary>
public static class UiHostingExtensions
{
    public static IServiceCollection AddAoiUi(this IServiceCollection services)
    {
        services.AddSingleton<SharedPictures>();
        services.AddSingleton<PicturePreviews>();
        services.AddSingleton<InspectionRunRegistry>();
        services.AddSingleton<InspectionRunner>();
        return services;
    }

    /// <summary>Static pages; placed before routing so a page request never reaches the API's 404 handling.</summary>
    public static WebApplication UseAoiUiFiles(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The pages change with the server version; a stale cached module would call endpoints that moved.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
