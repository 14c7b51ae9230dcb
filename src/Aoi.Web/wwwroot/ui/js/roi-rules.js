// The ROI rules of spec 2.1–2.4 and 2.7, used by the editor to show problems while the engineer types. The server
// validates again on save (its 422 answer is authoritative); the texts here are the spec's texts.

export const TYPES = { 1: 'Barcode', 2: 'Compare', 3: 'OCR', 4: 'Color' };

export const DEFAULTS = {
  focus: 305, exposure: 3000, rotation: 0, device_location: 1, color_tolerance: 10, min_pixel_percentage: 5.0,
  ai_threshold: 0.9, feature_method: 'mobilenet',
};

/** Integer-valued per spec 2.3: integers, integral floats and numeric strings. */
function asInt(value) {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : null;
}

function asNumber(value) {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

const present = (roi, key) => roi[key] !== undefined && roi[key] !== null;

/** Messages of one ROI keyed by field (the field the editor shows it under). */
export function validateRoi(roi, index, all) {
  const problems = [];
  const add = (field, text) => problems.push({ field, text });
  for (const key of ['idx', 'type', 'coords']) {
    if (!present(roi, key)) add(key, `Missing required field: ${key}`);
  }
  for (const key of ['idx', 'type', 'focus', 'exposure', 'rotation', 'device_location', 'color_tolerance']) {
    if (present(roi, key) && asInt(roi[key]) === null) add(key, `Invalid field value: ${key} must be an integer`);
  }
  const idx = asInt(roi.idx);
  if (idx !== null) {
    if (idx < 1) add('idx', 'idx must be >= 1');
    const other = all.findIndex((r, j) => j !== index && asInt(r.idx) === idx);
    if (other >= 0 && other < index) add('idx', `Duplicate idx ${idx} (also at ROI ${other})`);
  }
  const type = asInt(roi.type);
  if (type !== null && !(type >= 1 && type <= 4)) {
    add('type', `Invalid ROI type: ${type}. Must be 1 (Barcode), 2 (Compare), 3 (OCR), or 4 (Color)`);
  }
  if (present(roi, 'coords')) {
    const c = Array.isArray(roi.coords) ? roi.coords.map(asInt) : [];
    if (c.length !== 4 || c.some(v => v === null)) add('coords', 'coords must be 4 integers [x1, y1, x2, y2]');
    else if (!(c[0] >= 0 && c[0] < c[2] && c[1] >= 0 && c[1] < c[3])) add('coords', 'coords must satisfy 0 <= x1 < x2 and 0 <= y1 < y2');
  }
  if (asInt(roi.focus) !== null && asInt(roi.focus) < 0) add('focus', 'focus must be an integer >= 0');
  if (asInt(roi.exposure) !== null && asInt(roi.exposure) <= 0) add('exposure', 'exposure must be an integer > 0');
  const device = asInt(roi.device_location);
  if (device !== null && !(device >= 1 && device <= 4)) add('device_location', 'device_location must be between 1 and 4');
  if (device !== null && present(roi, 'device_id') && asInt(roi.device_id) !== device) {
    add('device_location', `device_id (${roi.device_id}) contradicts device_location (${device})`);
  }
  const rotation = asInt(roi.rotation);
  if (rotation !== null && ![0, 90, 180, 270].includes(rotation)) add('rotation', 'rotation must be one of 0, 90, 180, 270');
  if (present(roi, 'ai_threshold')) {
    const t = asNumber(roi.ai_threshold);
    if (t === null || t < 0 || t > 1) add('ai_threshold', 'ai_threshold must be between 0 and 1');
  }
  if (typeof roi.expected_pattern === 'string' && roi.expected_pattern.trim() !== '') {
    // JavaScript's syntax is close to .NET's; the server has the final word.
    try { new RegExp(roi.expected_pattern); } catch (error) { add('expected_pattern', `expected_pattern is not a valid regular expression: ${error.message}`); }
  }
  if (type === 4) validateColour(roi, add);
  return problems;
}

function validateColour(roi, add) {
  const hasRanges = Array.isArray(roi.color_ranges) && roi.color_ranges.length > 0;
  if (!present(roi, 'expected_color') && !hasRanges) {
    add('expected_color', "Color ROI (type 4) must have 'expected_color' or 'color_ranges' (unless the product colour file has ranges)");
  }
  if (present(roi, 'expected_color')) {
    const value = roi.expected_color;
    if (typeof value === 'string') {
      if (!/^#[0-9a-fA-F]{6}$/.test(value)) add('expected_color', "'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'");
    } else if (!Array.isArray(value) || value.length !== 3) {
      add('expected_color', "'expected_color' must be an array of 3 RGB values [R, G, B] or '#RRGGBB'");
    } else if (value.some(v => asInt(v) === null || asInt(v) < 0 || asInt(v) > 255)) {
      add('expected_color', `Invalid color values: ${JSON.stringify(value)}`);
    }
  }
  const tolerance = asInt(roi.color_tolerance);
  if (present(roi, 'color_tolerance') && (tolerance === null || tolerance < 0 || tolerance > 255)) {
    add('color_tolerance', 'color_tolerance must be an integer between 0 and 255');
  }
  if (present(roi, 'min_pixel_percentage')) {
    const share = asNumber(roi.min_pixel_percentage);
    if (share === null || share < 0 || share > 100) add('min_pixel_percentage', 'min_pixel_percentage must be between 0 and 100');
  }
  (Array.isArray(roi.color_ranges) ? roi.color_ranges : []).forEach((range, k) => {
    for (const field of ['name', 'lower', 'upper']) {
      if (range?.[field] === undefined || range?.[field] === null) add('color_ranges', `Color range ${k} missing field: ${field}`);
    }
    const space = range?.color_space ?? 'RGB';
    if (space !== 'RGB' && space !== 'HSV') add('color_ranges', `Invalid color_space for range ${k}. Must be RGB or HSV`);
    const triple = field => Array.isArray(range?.[field]) && range[field].length === 3 && range[field].every(v => asNumber(v) !== null);
    for (const field of ['lower', 'upper']) {
      if (range?.[field] !== undefined && !triple(field)) add('color_ranges', `Color range ${k} ${field} must be array of 3 numbers`);
    }
    if (triple('lower') && triple('upper')) {
      const max = space === 'HSV' ? [179, 255, 255] : [255, 255, 255];
      if ([...range.lower, ...range.upper].some((v, i) => v < 0 || v > max[i % 3])) add('color_ranges', `Color range ${k} bounds out of range for ${space}`);
      if (range.lower.some((v, i) => v > range.upper[i])) add('color_ranges', `Color range ${k} lower must not exceed upper`);
    }
  });
}

/** Every message of the list, as the server words it: "ROI <i> (idx=<idx>): <message>". */
export function validateAll(rois) {
  return rois.map((roi, i) => validateRoi(roi, i, rois));
}

/** Spec 2.7: enabled ROIs grouped by (focus, exposure) in order of first appearance. */
export function captureGroups(rois) {
  const groups = new Map();
  for (const roi of rois) {
    if (roi.enabled === false) continue;
    const focus = asInt(roi.focus ?? DEFAULTS.focus);
    const exposure = asInt(roi.exposure ?? DEFAULTS.exposure);
    const key = `${focus},${exposure}`;
    if (!groups.has(key)) groups.set(key, { key, focus, exposure, rois: [] });
    groups.get(key).rois.push(roi.idx);
  }
  return [...groups.values()];
}

/** "ROI 2 (idx=3): message" → {index: 2, text: "message"}; other texts keep index null. */
export function parseServerMessage(line) {
  const match = /^ROI (\d+) \(idx=[^)]*\): (.*)$/.exec(line);
  return match ? { index: Number(match[1]), text: match[2] } : { index: null, text: line };
}
