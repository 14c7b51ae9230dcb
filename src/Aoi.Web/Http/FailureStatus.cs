namespace Aoi.Web.Http;

/// <summary>The legacy contract's HTTP answer to a request a grain refused (spec 7.0: the status, and the text as <c>error</c>).</summary>
public static class FailureStatus
{
    public static int Of(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Busy or FailureKind.AlreadyExists or FailureKind.RegressionRefused => StatusCodes.Status409Conflict,
        FailureKind.ValidationFailed => StatusCodes.Status422UnprocessableEntity,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.UnreadableImage => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The refusal as the exception the error middleware writes; <paramref name="status"/> keeps a legacy exception to the mapping.</summary>
    public static ApiException ToApiException(this Failure failure, int? status = null) =>
        new(status ?? Of(failure.Kind), failure.Error, failure.ValidationErrors);
}
