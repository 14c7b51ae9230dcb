namespace Aoi.Web.Http;

/// <summary>
/// A client error with its legacy status and <c>error</c> text. Thrown by request parsing so that the strict check
/// order of the legacy contract reads top to bottom in each endpoint; the error middleware writes it as JSON.
/// </summary>
public sealed class ApiException(int status, string error, IReadOnlyList<string>? validationErrors = null)
    : Exception(error)
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public IReadOnlyList<string>? ValidationErrors { get; } = validationErrors;
}
