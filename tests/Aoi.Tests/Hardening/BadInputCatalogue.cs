using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aoi.Tests.Http;

namespace Aoi.Tests.Hardening;

/// <summary>
/// The bad-input catalogue of issue 6: every entry is a request a broken or hostile client might send, with the
/// status and legacy error text it must get. None may be a 500, and none may change the product root, the
/// product's stored configuration or the audit log (<see cref="BadInputCatalogueTests"/>).
/// </summary>
public static class BadInputCatalogue
{
    private const string ValidRoi1 =
        """{"idx": 1, "type": 4, "coords": [100, 100, 200, 200], "expected_color": [255, 0, 0]}""";

    public static readonly IReadOnlyDictionary<string, BadRequest> Cases = Build();

    private static Dictionary<string, BadRequest> Build()
    {
        var cases = new Dictionary<string, BadRequest>();
        void Add(string name, BadRequest request) => cases.Add(name, request);

        // --- JSON bodies: malformed, not an object, wrong types, missing fields --------------------------------
        Add("json-truncated", Post("/api/session/create", Json("""{"product_name": "x" """), 400, "Invalid JSON body"));
        Add("json-array-body", Post("/api/session/create", Json("[1, 2]"), 400, "Invalid JSON body"));
        Add("json-string-body", Post("/api/session/create", Json("\"text\""), 400, "Invalid JSON body"));
        Add("json-nested-too-deep", Post("/api/session/create", Json(new string('[', 5000) + new string(']', 5000)), 400, "Invalid JSON body"));
        Add("json-invalid-utf8", Post("/api/session/create", _ => Bytes([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "application/json"), 400, "Invalid JSON body"));
        Add("json-text-plain", Post("/api/session/create", _ => WebRequests.Raw("{}", "text/plain"), 415, "Unsupported media type: text/plain"));
        Add("json-product-name-object", Post("/api/session/create", Json("""{"product_name": {"a": 1}}"""), 400, "Product name is required"));
        Add("json-product-name-traversal", Post("/api/session/create", Json("""{"product_name": "../../etc"}"""), 404, "Product not found: ../../etc"));
        Add("json-num-devices-string", Post("/api/products/create", Json("""{"product_name": "NEWP", "num_devices": "four"}"""), 400, "num_devices must be between 1 and 4"));
        Add("json-num-devices-overflow", Post("/api/products/create", Json("""{"product_name": "NEWP", "num_devices": 1e400}"""), 400, "num_devices must be between 1 and 4"));
        Add("json-product-name-only-symbols", Post("/api/products/create", Json("""{"product_name": "/../!!"}"""), 400, "Invalid product name"));
        Add("json-create-existing", Post("/api/products/create", s => Json($$"""{"product_name": "{{s.Product}}"}""")(s), 400, "Product already exists"));
        Add("json-rois-missing", Post("/api/products/{p}/rois", Json("""{"roi": []}"""), 400, "rois field is required"));
        Add("json-rois-object", Post("/api/products/{p}/rois", Json("""{"rois": {"idx": 1}}"""), 400, "rois must be an array"));
        Add("json-rois-string", Post("/api/products/{p}/rois", Json("""{"rois": "[]"}"""), 400, "rois must be an array"));
        Add("json-grouped-session-number", Post("/process_grouped_inspection", Json("""{"session_id": 12345}"""), 404, "Invalid session ID"));
        Add("json-grouped-captured-string", Post("/process_grouped_inspection", s => Json($$"""{"session_id": "{{s.Session}}", "captured_images": "x"}""")(s), 400, "No captured images provided"));
        Add("json-grouped-captured-empty", Post("/api/session/{s}/grouped_inspect", Json("""{"captured_images": {}}"""), 400, "No captured images provided"));
        Add("json-grouped-session-mismatch", Post("/api/session/{s}/grouped_inspect", Json($$$"""{"session_id": "{{{Guid.NewGuid()}}}", "captured_images": {"210,500": {} } }"""), 400, "session_id does not match URL"));
        Add("json-inspect-image-number", Post("/api/session/{s}/inspect", Json("""{"image": 42}"""), 400, "Image data is required (image_path, image_filename, image or multipart image)"));
        Add("json-inspect-empty-object", Post("/api/session/{s}/inspect", Json("{}"), 400, "Request data is required"));
        Add("json-promote-missing-sample", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1}""")(s), 400, "Product name, ROI ID, and sample name are required"));
        Add("json-promote-roi-id-object", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": {"x": 1}, "sample_name": "best_golden.jpg"}""")(s), 400, "Product name, ROI ID, and sample name are required"));
        Add("json-promote-roi-id-fraction", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1.5, "sample_name": "best_golden.jpg"}""")(s), 400, "Invalid ROI ID"));
        Add("json-restore-empty", Post("/api/golden-sample/restore", Json("{}"), 400, "Product name, ROI ID, and backup filename are required"));
        Add("json-rename-mapping-array", Post("/api/golden-sample/rename-folders", s => Json($$"""{"product_name": "{{s.Product}}", "roi_mapping": [1, 2]}""")(s), 400, "Invalid ROI mapping"));
        Add("json-rename-two-to-one", Post("/api/golden-sample/rename-folders", s => Json($$$"""{"product_name": "{{{s.Product}}}", "roi_mapping": {"1": 3, "2": 3}}""")(s), 400, "Invalid ROI mapping"));
        Add("json-rename-zero-id", Post("/api/golden-sample/rename-folders", s => Json($$$"""{"product_name": "{{{s.Product}}}", "roi_mapping": {"1": 0}}""")(s), 400, "Invalid ROI mapping"));
        Add("json-legacy-golden-image-number", Post("/api/products/{p}/golden/1", Json("""{"image": 5}"""), 400, "Invalid base64 image data"));
        Add("json-legacy-golden-image-object", Post("/api/products/{p}/golden/1", Json("""{"image": {"data": "x"}}"""), 400, "No image data provided"));
        Add("json-legacy-golden-bad-base64", Post("/api/products/{p}/golden/1", Json("""{"image": "%%%"}"""), 400, "Invalid base64 image data"));

        // --- Spec 2.4: every ROI rule, each refused with 422 and its message; nothing on disk changes -------------
        Roi("roi-not-object", "42", "ROI must be an object or an array");
        Roi("roi-array-too-short", "[2, 1]", "Unsupported array length 2 (expected 3..12 elements)");
        Roi("roi-array-too-long", "[2, 1, [0, 0, 9, 9], 1, 1, 0.5, \"x\", 0, 1, null, null, {}, 13]", "Unsupported array length 13 (expected 3..12 elements)");
        Roi("roi-missing-idx", """{"type": 1, "coords": [0, 0, 9, 9]}""", "Missing required field: idx");
        Roi("roi-missing-type", """{"idx": 2, "coords": [0, 0, 9, 9]}""", "Missing required field: type");
        Roi("roi-missing-coords", """{"idx": 2, "type": 1}""", "Missing required field: coords");
        Roi("roi-idx-not-integer", """{"idx": "two", "type": 1, "coords": [0, 0, 9, 9]}""", "Invalid field value: idx must be an integer");
        Roi("roi-idx-fraction", """{"idx": 2.5, "type": 1, "coords": [0, 0, 9, 9]}""", "Invalid field value: idx must be an integer");
        Roi("roi-idx-zero", """{"idx": 0, "type": 1, "coords": [0, 0, 9, 9]}""", "idx must be >= 1");
        Roi("roi-idx-duplicate", """{"idx": 1, "type": 1, "coords": [0, 0, 9, 9]}""", "Duplicate idx 1 (also at ROI 0)");
        Roi("roi-type-out-of-range", """{"idx": 2, "type": 7, "coords": [0, 0, 9, 9]}""", "Invalid ROI type: 7. Must be 1 (Barcode), 2 (Compare), 3 (OCR), or 4 (Color)");
        Roi("roi-coords-three", """{"idx": 2, "type": 1, "coords": [0, 0, 9]}""", "coords must be 4 integers [x1, y1, x2, y2]");
        Roi("roi-coords-string", """{"idx": 2, "type": 1, "coords": "0,0,9,9"}""", "coords must be 4 integers [x1, y1, x2, y2]");
        Roi("roi-coords-reversed", """{"idx": 2, "type": 1, "coords": [50, 10, 40, 20]}""", "coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2");
        Roi("roi-coords-negative", """{"idx": 2, "type": 1, "coords": [-5, 0, 9, 9]}""", "coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2");
        Roi("roi-focus-negative", """{"idx": 2, "type": 1, "coords": [0, 0, 9, 9], "focus": -1}""", "focus must be an integer >= 0");
        Roi("roi-exposure-zero", """{"idx": 2, "type": 1, "coords": [0, 0, 9, 9], "exposure": 0}""", "exposure must be an integer > 0");
        Roi("roi-device-five", """{"idx": 2, "type": 1, "coords": [0, 0, 9, 9], "device_location": 5}""", "device_location must be between 1 and 4");
        Roi("roi-device-id-contradicts", """{"idx": 2, "type": 1, "coords": [0, 0, 9, 9], "device_location": 3, "device_id": 2}""", "device_id (2) contradicts device_location (3)");
        Roi("roi-rotation-45", """{"idx": 2, "type": 3, "coords": [0, 0, 9, 9], "rotation": 45}""", "rotation must be one of 0, 90, 180, 270");
        Roi("roi-threshold-above-one", """{"idx": 2, "type": 2, "coords": [0, 0, 9, 9], "ai_threshold": 1.5}""", "ai_threshold must be between 0 and 1");
        Roi("roi-pattern-invalid", """{"idx": 2, "type": 1, "coords": [0, 0, 9, 9], "expected_pattern": "(["}""", "expected_pattern is not a valid regular expression: ", prefix: true);
        Roi("roi-colour-without-config", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9]}""", "Color ROI (type 4) must have 'expected_color' or 'color_ranges'", withoutColourFile: true);
        Roi("roi-colour-two-values", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "expected_color": [1, 2]}""", "'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'");
        Roi("roi-colour-bad-hex", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "expected_color": "#GG0000"}""", "'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'");
        Roi("roi-colour-value-300", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "expected_color": [300, 0, 0]}""", "Invalid color values: [300, 0, 0]");
        Roi("roi-tolerance-300", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "expected_color": [1, 2, 3], "color_tolerance": 300}""", "color_tolerance must be an integer between 0 and 255");
        Roi("roi-min-percentage-150", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "expected_color": [1, 2, 3], "min_pixel_percentage": 150}""", "min_pixel_percentage must be between 0 and 100");
        Roi("roi-range-missing-name", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "color_ranges": [{"lower": [0, 0, 0], "upper": [9, 9, 9]}]}""", "Color range 0 missing field: name");
        Roi("roi-range-bad-space", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "color_ranges": [{"name": "a", "lower": [0, 0, 0], "upper": [9, 9, 9], "color_space": "LAB"}]}""", "Invalid color_space for range 0. Must be RGB or HSV");
        Roi("roi-range-lower-short", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "color_ranges": [{"name": "a", "lower": [0, 0], "upper": [9, 9, 9]}]}""", "Color range 0 lower must be array of 3 numbers");
        Roi("roi-range-hsv-hue-200", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "color_ranges": [{"name": "a", "lower": [0, 0, 0], "upper": [200, 9, 9], "color_space": "HSV"}]}""", "Color range 0 bounds out of range for HSV");
        Roi("roi-range-lower-above-upper", """{"idx": 2, "type": 4, "coords": [0, 0, 9, 9], "color_ranges": [{"name": "a", "lower": [9, 0, 0], "upper": [1, 9, 9]}]}""", "Color range 0 lower must not exceed upper");

        // --- Product colour configuration with bad ranges -----------------------------------------------------------
        Add("colors-missing", Post("/api/products/{p}/colors", Json("""{"ranges": []}"""), 400, "color_ranges field is required"));
        Add("colors-not-array", Post("/api/products/{p}/colors", Json("""{"color_ranges": {"name": "a"}}"""), 400, "color_ranges must be an array"));
        Colours("colors-entry-not-object", "[\"red\"]", "Color range 0 must be an object");
        Colours("colors-missing-upper", """[{"name": "a", "lower": [0, 0, 0]}]""", "Color range 0 missing field: upper");
        Colours("colors-rgb-over-255", """[{"name": "a", "lower": [0, 0, 0], "upper": [256, 9, 9]}]""", "Color range 0 bounds out of range for RGB");
        Colours("colors-second-reversed", """[{"name": "a", "lower": [0, 0, 0], "upper": [9, 9, 9]}, {"name": "b", "lower": [5, 5, 5], "upper": [4, 9, 9]}]""", "Color range 1 lower must not exceed upper");
        Colours("colors-threshold-200", """[{"name": "a", "lower": [0, 0, 0], "upper": [9, 9, 9], "threshold": 200}]""", "Color range 0 threshold must be between 0 and 100");
        Add("colors-unknown-product", Post("/api/products/NOPE-404/colors", Json("""{"color_ranges": []}"""), 404, "Product not found: NOPE-404"));

        // --- Paths and file names: traversal, absolute, links out, encodings, backslashes ------------------------------
        const string outside = "Invalid image path: outside shared folder";
        Add("path-prefix-dotdot", Inspect("""{"image_path": "/mnt/visual-aoi-shared/../x.jpg"}""", 400, outside));
        Add("path-absolute-etc", Inspect("""{"image_path": "/etc/passwd"}""", 400, outside));
        Add("path-relative-dotdot", Inspect("""{"image_path": "sessions/../../../etc/passwd"}""", 400, outside));
        Add("path-symlink-file-out", Inspect("""{"image_path": "/mnt/visual-aoi-shared/leak.jpg"}""", 400, outside));
        Add("path-symlink-dir-out", Inspect("""{"image_path": "/mnt/visual-aoi-shared/outside-dir/board.jpg"}""", 400, outside));
        Add("path-double-slash-root", Inspect("""{"image_path": "/mnt/visual-aoi-shared//etc/passwd"}""", 404, "Image file not found: /mnt/visual-aoi-shared//etc/passwd"));
        Add("path-url-encoded-dots", Inspect("""{"image_path": "/mnt/visual-aoi-shared/%2e%2e/%2e%2e/etc/passwd"}""", 404, "Image file not found: /mnt/visual-aoi-shared/%2e%2e/%2e%2e/etc/passwd"));
        Add("path-backslashes", Inspect("""{"image_path": "..\\..\\etc\\passwd"}""", 404, "Image file not found: ..\\..\\etc\\passwd"));
        Add("path-nul-byte", Inspect("""{"image_path": "good.jpg\u0000.png"}""", 400, outside));
        Add("filename-dotdot", Inspect("""{"image_filename": "../../x.jpg"}""", 400, "Invalid image filename"));
        Add("filename-absolute", Inspect("""{"image_filename": "/etc/passwd"}""", 400, "Invalid image filename"));
        Add("filename-missing", Inspect("""{"image_filename": "never-written.jpg"}""", 404, "Image file not found: never-written.jpg"));
        Add("grouped-path-out-rejects-all", Post("/api/session/{s}/grouped_inspect", Json("""{"captured_images": {"210,500": {"image_path": "/mnt/visual-aoi-shared/good.jpg"}, "230,650": {"image_path": "/etc/passwd"}}}"""), 400, outside));
        Add("shared-encoded-dotdot", Get("/shared/..%2F..%2Fetc%2Fpasswd", 400, "Invalid path: outside shared folder"));
        Add("shared-encoded-backslash", Get("/shared/sessions%5C..%5C..%5C..%5Cetc%5Cpasswd", 400, "Invalid path: outside shared folder"));
        Add("shared-symlink-out", Get("/shared/leak.jpg", 400, "Invalid path: outside shared folder"));
        Add("shared-golden-dotdot", Get("/shared/golden/{p}/golden_rois/roi_1/..%2F..%2F..%2Frois_config_{p}.json", 400, "Invalid path: outside shared folder"));
        Add("download-encoded-dotdot", Get("/api/golden-sample/{p}/1/download/..%2F..%2Frois_config_{p}.json", 400, "Invalid filename"));
        Add("download-backslash", Get("/api/golden-sample/{p}/1/download/..%5C..%5Cx", 400, "Invalid filename"));
        Add("promote-dotdot", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1, "sample_name": "../roi_2/x.jpg"}""")(s), 400, "Invalid filename"));
        Add("delete-config-by-traversal", Delete("/api/golden-sample/delete", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1, "sample_name": "../../rois_config_{{s.Product}}.json"}""")(s), 400, "Invalid filename"));
        Add("restore-wrong-pattern", Post("/api/golden-sample/restore", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1, "backup_filename": "best_golden.jpg"}""")(s), 400, "Invalid backup filename format. Must be original_*_old_best.jpg"));
        Add("restore-traversal", Post("/api/golden-sample/restore", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1, "backup_filename": "original_1_/../../x_old_best.jpg"}""")(s), 400, "Invalid filename"));
        Add("import-outside", Post("/api/products/import", Json("""{"path": "/etc"}"""), 400, "Invalid path: outside shared folder"));
        Add("import-symlink-out", Post("/api/products/import", Json("""{"path": "/mnt/visual-aoi-shared/outside-dir"}"""), 400, "Invalid path: outside shared folder"));
        Add("product-name-encoded-dotdot", Get("/api/products/..%2F..%2Fetc/rois", 400, "Invalid product name"));
        Add("product-name-dot-start", Get("/api/products/.hidden/rois", 400, "Invalid product name"));

        // --- Unknown ids ---------------------------------------------------------------------------------------
        Add("unknown-session-status", Get($"/api/session/{Guid.NewGuid()}", 404, "Session not found"));
        Add("unknown-session-not-uuid", Get("/api/session/not-a-uuid", 404, "Session not found"));
        Add("unknown-session-inspect", Post($"/api/session/{Guid.NewGuid()}/inspect", Json("""{"image_path": "good.jpg"}"""), 404, "Session not found"));
        Add("unknown-session-grouped", Post("/process_grouped_inspection", Json($$$"""{"session_id": "{{{Guid.NewGuid()}}}", "captured_images": {"1,1": {} } }"""), 404, "Invalid session ID"));
        Add("unknown-session-close", Post($"/api/session/{Guid.NewGuid()}/close", _ => null, 404, "Session not found"));
        Add("unknown-product-rois", Get("/api/products/NOPE-404/rois", 404, "Product not found: NOPE-404"));
        Add("unknown-product-groups", Get("/get_roi_groups/NOPE-404", 404, "No ROIs found for product: NOPE-404"));
        Add("unknown-product-session", Post("/api/session/create", Json("""{"product_name": "NOPE-404"}"""), 404, "Product not found: NOPE-404"));
        Add("unknown-product-golden", Get("/api/golden-sample/NOPE-404/1", 404, "Product not found: NOPE-404"));
        Add("unknown-roi-id-text", Get("/api/golden-sample/{p}/abc", 400, "Invalid ROI ID"));
        Add("unknown-roi-id-zero", Get("/api/golden-sample/{p}/0/metadata", 400, "Invalid ROI ID"));
        Add("unknown-sample-promote", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 1, "sample_name": "nope.jpg"}""")(s), 404, "Sample file not found"));
        Add("unknown-roi-folder-promote", Post("/api/golden-sample/promote", s => Json($$"""{"product_name": "{{s.Product}}", "roi_id": 99, "sample_name": "a.jpg"}""")(s), 404, "Golden ROI directory not found"));
        Add("unknown-legacy-golden-delete", Delete("/api/products/{p}/golden/2", _ => null, 404, "Golden sample not found"));

        // --- Pictures: corrupt, truncated, zero-byte, non-image, enormous (decompression bombs), unknown formats --------
        const string corrupt = "Unsupported image format or corrupt image";
        Add("image-zero-byte-file", Inspect("""{"image_path": "empty.jpg"}""", 415, corrupt));
        Add("image-text-base64", Base64("text", _ => Encoding.UTF8.GetBytes("hello, this is not a picture"), 415, corrupt));
        Add("image-truncated-jpeg", Base64("truncated", _ => HostileImages.TruncatedJpeg(SyntheticProduct.GoodImage()), 415, corrupt));
        Add("image-cut-header-jpeg", Base64("cut", _ => HostileImages.CutHeaderJpeg(SyntheticProduct.GoodImage()), 415, corrupt));
        Add("image-jpeg-signature-only", Base64("signature", _ => [0xFF, 0xD8, 0xFF, 0xE0], 415, corrupt));
        Add("image-bomb-png", Base64("png", _ => HostileImages.PngHeader(100_000, 100_000), 413, "Image too large: 100000x100000 (limit 100 megapixels)"));
        Add("image-bomb-jpeg", Base64("jpeg", _ => HostileImages.JpegHeader(65_000, 65_000), 413, "Image too large: 65000x65000 (limit 100 megapixels)"));
        Add("image-bomb-webp", Base64("webp", _ => HostileImages.WebPHeader(16_000, 16_000), 413, "Image too large: 16000x16000 (limit 100 megapixels)"));
        Add("image-bomb-bmp", Base64("bmp", _ => HostileImages.BmpHeader(50_000, -50_000), 413, "Image too large: 50000x50000 (limit 100 megapixels)"));
        Add("image-bomb-gif", Base64("gif", _ => HostileImages.GifHeader(65_535, 65_535), 413, "Image too large: 65535x65535 (limit 100 megapixels)"));
        Add("image-bomb-tiff", Base64("tiff", _ => HostileImages.TiffHeader(30_000, 30_000), 413, "Image too large: 30000x30000 (limit 100 megapixels)"));
        Add("image-bomb-unknown-format", Base64("ppm", _ => HostileImages.PpmHeader(60_000, 60_000), 415, corrupt));
        Add("image-unparsed-format", Base64("small-ppm", _ => HostileImages.SmallPpm(), 415, corrupt));
        Add("image-base64-garbage", Inspect("""{"image": "%%%"}""", 400, "Invalid base64 image data"));
        Add("image-base64-prefix-only", Inspect("""{"image": "data:image/jpeg;base64,"}""", 400, "Invalid base64 image data"));
        Add("golden-upload-bomb", GoldenUpload(HostileImages.PngHeader(20_000, 20_000), 413, "Image too large: 20000x20000 (limit 100 megapixels)"));
        Add("golden-upload-text", GoldenUpload(Encoding.UTF8.GetBytes("plain text"), 415, corrupt));
        Add("golden-upload-unknown-format", GoldenUpload(HostileImages.PpmHeader(60_000, 60_000), 415, corrupt));
        Add("legacy-golden-bomb", Post("/api/products/{p}/golden/1", _ => JsonBody(new { image = Convert.ToBase64String(HostileImages.JpegHeader(60_000, 60_000)) }), 413, "Image too large: 60000x60000 (limit 100 megapixels)"));

        // --- device_barcodes of every wrong shape (spec 6.6) ------------------------------------------------------
        Barcodes("barcodes-string", "\"M\"", "Invalid device_barcodes: expected an object or a list");
        Barcodes("barcodes-number", "7", "Invalid device_barcodes: expected an object or a list");
        Barcodes("barcodes-bool", "true", "Invalid device_barcodes: expected an object or a list");
        Barcodes("barcodes-key-not-number", """{"x": "M"}""", "Invalid device_barcodes: key 'x' is not a device id 1..4");
        Barcodes("barcodes-key-five", """{"5": "M"}""", "Invalid device_barcodes: key '5' is not a device id 1..4");
        Barcodes("barcodes-key-fraction", """{"1.5": "M"}""", "Invalid device_barcodes: key '1.5' is not a device id 1..4");
        Barcodes("barcodes-value-object", """{"1": {"barcode": "M"}}""", "Invalid device_barcodes: value for device 1 must be a string");
        Barcodes("barcodes-list-of-strings", """["M"]""", "Invalid device_barcodes: entry 0 is not an object");
        Barcodes("barcodes-list-no-device", """[{"barcode": "M"}]""", "Invalid device_barcodes: entry 0 device_id is not a device id 1..4");
        Barcodes("barcodes-list-device-zero", """[{"device_id": 0, "barcode": "M"}]""", "Invalid device_barcodes: entry 0 device_id is not a device id 1..4");
        Barcodes("barcodes-list-barcode-array", """[{"device_id": 1, "barcode": ["M"]}]""", "Invalid device_barcodes: entry 0 barcode must be a string");
        Add("barcodes-grouped-bad", Post("/api/session/{s}/grouped_inspect", Json("""{"captured_images": {"210,500": {"image_path": "good.jpg"}}, "device_barcodes": {"9": "M"}}"""), 400, "Invalid device_barcodes: key '9' is not a device id 1..4"));
        Add("barcodes-multipart-not-json", Multipart("barcodes-form", form =>
        {
            form.Add(ImagePart(SyntheticProduct.GoodImage()), "image", "board.jpg");
            form.Add(new StringContent("{not json"), "device_barcodes");
        }, 400, "Invalid device_barcodes: not valid JSON"));

        // --- Multipart abuse ---------------------------------------------------------------------------------------
        Add("multipart-missing-boundary", Post("/api/session/{s}/inspect", _ => Bytes(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc\r\n--x--\r\n"), "multipart/form-data"), 400, "Invalid multipart/form-data body"));
        Add("multipart-wrong-boundary", Post("/api/session/{s}/inspect", _ => Bytes(Encoding.ASCII.GetBytes("--y\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc\r\n--y--\r\n"), "multipart/form-data; boundary=x"), 400, "Invalid multipart/form-data body"));
        // A body that ends inside the file part (a station that lost its connection): the same 400 on the synchronous
        // and the live endpoint, which read it alike (the live one answered 500).
        foreach (var (name, url) in new[] { ("multipart-truncated", "/api/session/{s}/inspect"), ("multipart-truncated-live", "/api/session/{s}/inspections") })
        {
            Add(name, Post(url, _ => Bytes(TruncatedMultipart(), "multipart/form-data; boundary=x"), 400, "Invalid multipart/form-data body"));
        }

        Add("multipart-wrong-part-name", Multipart("wrong-name", form => form.Add(ImagePart(SyntheticProduct.GoodImage()), "file", "board.jpg"), 400, "Image data is required (image_path, image_filename, image or multipart image)"));
        Add("multipart-empty-file", Multipart("empty-file", form => form.Add(ImagePart([]), "image", "board.jpg"), 400, "Image data is required (image_path, image_filename, image or multipart image)"));
        Add("multipart-many-parts", Multipart("many-parts", form =>
        {
            for (var i = 0; i < 3000; i++)
            {
                form.Add(new StringContent("x"), $"f{i}");
            }
        }, 400, "Invalid multipart/form-data body"));
        Add("multipart-image-is-text", Multipart("text-image", form => form.Add(ImagePart(Encoding.UTF8.GetBytes("not an image")), "image", "board.jpg"), 415, corrupt));
        Add("multipart-golden-wrong-part", Post("/api/golden-sample/save", s =>
        {
            var form = new MultipartFormDataContent { { new StringContent(s.Product), "product_name" }, { new StringContent("1"), "roi_id" } };
            form.Add(ImagePart(SyntheticProduct.GoodImage()), "image", "g.jpg");
            return form;
        }, 400, "No image file provided"));
        Add("multipart-golden-json", Post("/api/golden-sample/save", Json("""{"product_name": "x", "roi_id": 1}"""), 415, "Unsupported media type: application/json"));
        return cases;

        void Roi(string name, string roi, string message, bool prefix = false, bool withoutColourFile = false)
        {
            // With the product colour file a type-4 ROI without its own colours is valid (spec 2.4), so that rule
            // is shown on a product without one: the same request under a fresh product name creates nothing.
            var url = withoutColourFile ? "/api/products/NOCOLOUR-NEW/rois" : "/api/products/{p}/rois";
            Add(name, new BadRequest(HttpMethod.Post, url, Json($$"""{"rois": [{{ValidRoi1}}, {{roi}}]}"""),
                HttpStatusCode.UnprocessableEntity, "ROI validation failed", ValidationError: (prefix ? "~" : "") + message));
        }

        void Colours(string name, string ranges, string message) =>
            Add(name, new BadRequest(HttpMethod.Post, "/api/products/{p}/colors", Json($$"""{"color_ranges": {{ranges}}}"""),
                HttpStatusCode.UnprocessableEntity, "Color configuration validation failed", ValidationError: message));

        void Barcodes(string name, string barcodes, string error) =>
            Add(name, Inspect($$"""{"image_path": "good.jpg", "device_barcodes": {{barcodes}}}""", 400, error));
    }

    public static TheoryData<string> Names() => new(Cases.Keys);

    private static Func<HardeningServer, HttpContent?> Json(string json) =>
        _ => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpContent JsonBody(object value) =>
        new StringContent(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static HttpContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent ImagePart(byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        return part;
    }

    private static BadRequest Post(string url, Func<HardeningServer, HttpContent?> body, int status, string error) =>
        new(HttpMethod.Post, url, body, (HttpStatusCode)status, error);

    private static BadRequest Delete(string url, Func<HardeningServer, HttpContent?> body, int status, string error) =>
        new(HttpMethod.Delete, url, body, (HttpStatusCode)status, error);

    private static BadRequest Get(string url, int status, string error) =>
        new(HttpMethod.Get, url, _ => null, (HttpStatusCode)status, error);

    private static BadRequest Inspect(string json, int status, string error) =>
        Post("/api/session/{s}/inspect", Json(json), status, error);

    private static BadRequest Base64(string name, Func<HardeningServer, byte[]> bytes, int status, string error) =>
        Post("/api/session/{s}/inspect", s => JsonBody(new { image = Convert.ToBase64String(bytes(s)) }), status, error);

    private static byte[] TruncatedMultipart() =>
        [.. Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"image\"; filename=\"board.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"),
            .. SyntheticProduct.GoodImage().AsSpan(0, 512)];

    private static BadRequest Multipart(string name, Action<MultipartFormDataContent> fill, int status, string error) =>
        Post("/api/session/{s}/inspect", _ =>
        {
            var form = new MultipartFormDataContent();
            fill(form);
            return form;
        }, status, error);

    private static BadRequest GoldenUpload(byte[] image, int status, string error) =>
        Post("/api/golden-sample/save", s =>
        {
            var form = new MultipartFormDataContent { { new StringContent(s.Product), "product_name" }, { new StringContent("1"), "roi_id" } };
            form.Add(ImagePart(image), "golden_image", "g.jpg");
            return form;
        }, status, error);
}
