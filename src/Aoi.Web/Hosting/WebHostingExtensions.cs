using Aoi.Grains.Cfx;
using Aoi.Grains.Engines;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Grains.Review;
using Aoi.Web.Apis;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Aoi.Web.Inspection;
using Aoi.Web.Metrics;
using Aoi.Web.Security;
using Aoi.Web.Security.Audit;
using Aoi.Web.SystemInfo;
using Aoi.Web.Ui;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Hosting;

public static class WebHostingExtensions
{
    /// <summary>Front-end services: request limits, path and upload handling, warm-up, OpenAPI.</summary>
    public static WebApplicationBuilder AddAoiWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerClock>();
        services.AddOptions<WebOptions>().ValidateDataAnnotations().ValidateOnStart();
        // A co-hosted silo warms its engines at start like a standalone one; the front end's own switch decides.
        services.AddOptions<EngineWarmupOptions>().PostConfigure<IOptions<WebOptions>>((warmup, web) =>
            warmup.OnStart = web.Value.WarmUpOnStart);
        services.AddSingleton<SessionOverview>();
        services.AddSingleton<SharedPathResolver>();
        services.AddSingleton<UploadedImageWriter>();
        services.AddSingleton<ImageInputResolver>();
        services.AddSingleton<CaptureGroupsParser>();
        services.AddSingleton<SingleInspectionReader>();
        services.AddSingleton<SessionInspections>();
        services.AddSingleton<IAnswerRehearsal, LegacyAnswerRehearsal>(); // a co-hosted silo's start-up rehearsal renders its answer
        services.AddAoiInspectionOptions();
        services.AddOpenApi(DocsApi.OpenApiDocumentName);
        services.AddAoiUi();
        services.AddAoiReviewVerdicts();
        services.AddAoiCfxReviewVerdicts();
        builder.AddAoiInsight();
        builder.AddAoiSecurity();

        // Body limits of spec 1.4: Kestrel for raw bodies, the form reader for multipart uploads.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<AoiOptions>>((kestrel, aoi) =>
            kestrel.Limits.MaxRequestBodySize = aoi.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<AoiOptions>>((form, aoi) =>
        {
            form.MultipartBodyLengthLimit = aoi.Value.MaxRequestBodyBytes;
            form.ValueLengthLimit = (int)Math.Min(aoi.Value.MaxRequestBodyBytes, int.MaxValue);
        });

        // Last, so every other hosted service (the co-hosted silo, demo seeding) has started when it waits.
        services.AddHostedService<ListenWhenWarm>();
        return builder;
    }

    /// <summary>The HTTP surface: error handling first, then access control, then every endpoint group.</summary>
    public static WebApplication MapAoiApi(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAoiUiFiles();
        // Explicit so that route matching itself runs inside the error handling.
        app.UseRouting();
        // Callers are identified and authorised before any endpoint, the Orleans Dashboard included.
        app.UseAoiSecurity();
        app.MapSystemApi()
            .MapDocsApi()
            .MapSchemaApi()
            .MapProductsApi()
            .MapEvaluationApi()
            .MapSessionsApi()
            .MapInspectionApi()
            .MapInspectionsAsyncApi()
            .MapSharedFilesApi()
            .MapGoldenSamplesApi()
            .MapLegacyGoldenApi()
            .MapReviewApi()
            .MapHistoryApi()
            .MapUiApi()
            .MapAuditApi()
            .MapAoiInsight()
            .MapNotProvidedApi();
        return app;
    }
}
