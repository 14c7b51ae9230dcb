using System.Net;

namespace Aoi.Tests.Hardening;

/// <summary>
/// One hostile or broken request of the catalogue and the exact answer it must get. <see cref="Url"/> may hold
/// {p} (the arranged product) and {s} (the open session). <see cref="ValidationError"/>, when set, must be among
/// the answer's validation_errors (an entry ending with it).
/// </summary>
public sealed record BadRequest(
    HttpMethod Method,
    string Url,
    Func<HardeningServer, HttpContent?> Body,
    HttpStatusCode Status,
    string Error,
    bool ErrorIsPrefix = false,
    string? ValidationError = null);
