using Aoi.Grains.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Http;

/// <summary>
/// Rejects bodies above <see cref="AoiOptions.MaxRequestBodyBytes"/> with 413 before anything reads them: a declared
/// length is checked at once; for chunked bodies the server's own limit (Kestrel) is set per request.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<AoiOptions> options)
{
    private readonly long limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "Request body too large");
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
