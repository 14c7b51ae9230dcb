import { api, el, say, describe, previewUrl, fillProducts, fillPictures, query, setQuery } from './api.js';
import { header } from './layout.js';
import { TYPES, DEFAULTS, validateAll, captureGroups, parseServerMessage } from './roi-rules.js';

header('editor');

const $ = id => document.getElementById(id);
const productSelect = $('product');
const pictureSelect = $('picture');
const canvas = $('canvas');
const ctx = canvas.getContext('2d');
const message = $('message');
const COLOURS = { 1: '#1f6feb', 2: '#1a9e4b', 3: '#b05cc9', 4: '#e07b00' };
const HANDLE = 10;

const state = {
  rois: [], selected: -1, image: null, width: 0, height: 0, problems: [], serverErrors: new Map(), drag: null,
};

// ---------- loading ----------

async function loadProduct() {
  const product = productSelect.value;
  setQuery({ product });
  state.serverErrors.clear();
  if (!product) {
    state.rois = [];
  } else {
    try {
      state.rois = (await api(`/api/products/${encodeURIComponent(product)}/rois`)).rois;
    } catch (error) {
      state.rois = [];
      say(message, describe(error), false);
    }
  }
  state.selected = state.rois.length ? 0 : -1;
  const remembered = localStorage.getItem(`aoi-editor-picture:${product}`);
  const fallback = product === 'DEMO-BOARD' ? 'demo/demo_board.jpg' : '';
  const wanted = query('picture') ?? remembered ?? fallback;
  if ([...pictureSelect.options].some(o => o.value === wanted)) pictureSelect.value = wanted;
  await loadPicture();
}

async function loadPicture() {
  const picture = pictureSelect.value;
  localStorage.setItem(`aoi-editor-picture:${productSelect.value}`, picture);
  state.image = null;
  if (picture) {
    try {
      const response = await fetch(previewUrl(picture, 1600));
      if (!response.ok) throw new Error(`preview ${response.status}`);
      state.width = Number(response.headers.get('X-Image-Width'));
      state.height = Number(response.headers.get('X-Image-Height'));
      state.image = await createImageBitmap(await response.blob());
    } catch (error) {
      say(message, `Reference picture: ${describe(error)}`, false);
    }
  }
  if (!state.image) {
    // No picture: a frame just large enough for the ROIs.
    const coords = state.rois.map(r => r.coords).filter(Array.isArray);
    state.width = Math.max(1000, ...coords.map(c => Number(c[2]) * 1.1 || 0));
    state.height = Math.max(700, ...coords.map(c => Number(c[3]) * 1.1 || 0));
  }
  canvas.width = 1600;
  canvas.height = Math.round(1600 * state.height / state.width);
  refresh();
}

// ---------- drawing ----------

const scale = () => canvas.width / state.width;

function draw() {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (state.image) ctx.drawImage(state.image, 0, 0, canvas.width, canvas.height);
  else {
    ctx.fillStyle = '#3a3f47';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  const s = scale();
  state.rois.forEach((roi, i) => {
    if (!Array.isArray(roi.coords) || roi.coords.length !== 4) return;
    const [x1, y1, x2, y2] = roi.coords.map(Number);
    const bad = state.problems[i]?.length || state.serverErrors.get(i)?.length;
    ctx.strokeStyle = bad ? '#ff3b3b' : COLOURS[roi.type] ?? '#ccc';
    ctx.lineWidth = i === state.selected ? 3 : 2;
    ctx.setLineDash(roi.enabled === false ? [6, 4] : []);
    ctx.strokeRect(x1 * s, y1 * s, (x2 - x1) * s, (y2 - y1) * s);
    ctx.setLineDash([]);
    ctx.font = 'bold 16px system-ui';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#000';
    ctx.strokeText(String(roi.idx), x1 * s + 3, y1 * s + 17);
    ctx.fillStyle = '#fff';
    ctx.fillText(String(roi.idx), x1 * s + 3, y1 * s + 17);
    if (i === state.selected) {
      ctx.fillStyle = '#fff';
      for (const [hx, hy] of corners(roi.coords)) ctx.fillRect(hx * s - 4, hy * s - 4, 8, 8);
    }
  });
  if (state.drag?.kind === 'draw' && state.drag.rect) {
    const [x1, y1, x2, y2] = state.drag.rect;
    ctx.strokeStyle = '#fff';
    ctx.setLineDash([5, 3]);
    ctx.strokeRect(x1 * s, y1 * s, (x2 - x1) * s, (y2 - y1) * s);
    ctx.setLineDash([]);
  }
}

const corners = ([x1, y1, x2, y2]) => [[x1, y1], [x2, y1], [x1, y2], [x2, y2]].map(p => p.map(Number));

// ---------- mouse: draw, move, resize ----------

function toImage(event) {
  const bounds = canvas.getBoundingClientRect();
  const f = state.width / bounds.width;
  return [Math.round((event.clientX - bounds.left) * f), Math.round((event.clientY - bounds.top) * f)];
}

const clampX = x => Math.max(0, Math.min(state.width, x));
const clampY = y => Math.max(0, Math.min(state.height, y));

function hit([x, y]) {
  const bounds = canvas.getBoundingClientRect();
  const tolerance = HANDLE * state.width / bounds.width;
  const selected = state.rois[state.selected];
  if (selected && Array.isArray(selected.coords)) {
    const corner = corners(selected.coords).findIndex(([cx, cy]) => Math.abs(cx - x) <= tolerance && Math.abs(cy - y) <= tolerance);
    if (corner >= 0) return { kind: 'resize', index: state.selected, corner };
  }
  for (let i = state.rois.length - 1; i >= 0; i--) {
    const c = state.rois[i].coords;
    if (Array.isArray(c) && x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3]) return { kind: 'move', index: i };
  }
  return { kind: 'draw' };
}

canvas.addEventListener('mousedown', event => {
  const point = toImage(event);
  const target = hit(point);
  state.drag = { ...target, start: point, original: target.index >= 0 ? state.rois[target.index].coords.map(Number) : null };
  if (target.index !== undefined) select(target.index);
});

window.addEventListener('mousemove', event => {
  const drag = state.drag;
  if (!drag) return;
  const [x, y] = toImage(event);
  const [dx, dy] = [x - drag.start[0], y - drag.start[1]];
  if (drag.kind === 'draw') {
    drag.rect = [clampX(Math.min(x, drag.start[0])), clampY(Math.min(y, drag.start[1])), clampX(Math.max(x, drag.start[0])), clampY(Math.max(y, drag.start[1]))];
  } else if (drag.kind === 'move') {
    const [x1, y1, x2, y2] = drag.original;
    const mx = Math.max(-x1, Math.min(state.width - x2, dx));
    const my = Math.max(-y1, Math.min(state.height - y2, dy));
    state.rois[drag.index].coords = [x1 + mx, y1 + my, x2 + mx, y2 + my];
  } else if (drag.kind === 'resize') {
    const c = [...drag.original];
    if (drag.corner === 0 || drag.corner === 2) c[0] = clampX(drag.original[0] + dx); else c[2] = clampX(drag.original[2] + dx);
    if (drag.corner === 0 || drag.corner === 1) c[1] = clampY(drag.original[1] + dy); else c[3] = clampY(drag.original[3] + dy);
    state.rois[drag.index].coords = [Math.min(c[0], c[2]), Math.min(c[1], c[3]), Math.max(c[0], c[2]), Math.max(c[1], c[3])];
  }
  if (drag.kind === 'draw') draw(); else refresh(false);
});

window.addEventListener('mouseup', () => {
  const drag = state.drag;
  state.drag = null;
  if (drag?.kind === 'draw' && drag.rect && drag.rect[2] - drag.rect[0] >= 4 && drag.rect[3] - drag.rect[1] >= 4) {
    addRoi(drag.rect);
  } else if (drag && drag.kind !== 'draw') {
    state.serverErrors.delete(drag.index);
    refresh();
  } else {
    draw();
  }
});

// ---------- ROI list and form ----------

function nextIdx() {
  return Math.max(0, ...state.rois.map(r => Number(r.idx) || 0)) + 1;
}

function addRoi(coords) {
  const type = Number($('new-type').value);
  const roi = { idx: nextIdx(), type, coords, focus: DEFAULTS.focus, exposure: DEFAULTS.exposure, device_location: 1 };
  if (type === 2) Object.assign(roi, { ai_threshold: DEFAULTS.ai_threshold, feature_method: DEFAULTS.feature_method });
  if (type === 4) Object.assign(roi, { expected_color: [255, 0, 0], color_tolerance: DEFAULTS.color_tolerance, min_pixel_percentage: DEFAULTS.min_pixel_percentage });
  const last = state.rois.at(-1);
  if (last) Object.assign(roi, { focus: last.focus ?? DEFAULTS.focus, exposure: last.exposure ?? DEFAULTS.exposure, device_location: last.device_location ?? 1 });
  state.rois.push(roi);
  state.selected = state.rois.length - 1;
  refresh();
}

function select(index) {
  state.selected = index;
  refresh();
}

function refresh(rebuildForm = true) {
  state.problems = validateAll(state.rois);
  draw();
  renderList();
  renderGroups();
  if (rebuildForm) renderForm(); else updateCoordsInputs();
}

function renderList() {
  $('list').replaceChildren(...state.rois.map((roi, i) => {
    const errors = [...(state.serverErrors.get(i) ?? []), ...(state.problems[i] ?? []).map(p => p.text)];
    return el('tr', { class: `clickable ${i === state.selected ? 'selected' : ''}`, onclick: () => select(i), dataset: { index: i, idx: roi.idx } },
      el('td', {}, i), el('td', {}, roi.idx), el('td', {}, TYPES[roi.type] ?? roi.type), el('td', {}, roi.device_location ?? 1),
      el('td', {}, el('span', { class: 'mono' }, JSON.stringify(roi.coords)),
        el('ul', { class: 'roi-errors', testid: 'roi-errors' }, [...new Set(errors)].map(text => el('li', {}, text)))));
  }));
}

function renderGroups() {
  $('groups').replaceChildren(...captureGroups(state.rois).map(g =>
    el('li', {}, el('span', { class: 'mono' }, g.key), ` — focus ${g.focus}, exposure ${g.exposure} µs: ROIs ${g.rois.join(', ')}`)));
}

/** Field definitions: every key of spec 2.1 with the ROI types that use it. */
const FIELDS = [
  { key: 'idx', label: 'idx', kind: 'int' },
  { key: 'type', label: 'type', kind: 'select', options: [[1, '1 Barcode'], [2, '2 Compare'], [3, '3 OCR'], [4, '4 Color']], int: true },
  { key: 'coords', label: 'coords', kind: 'coords' },
  { key: 'focus', label: 'focus', kind: 'int', placeholder: DEFAULTS.focus },
  { key: 'exposure', label: 'exposure (µs)', kind: 'int', placeholder: DEFAULTS.exposure },
  { key: 'device_location', label: 'device_location', kind: 'select', options: [[1, '1'], [2, '2'], [3, '3'], [4, '4']], int: true },
  { key: 'enabled', label: 'enabled', kind: 'bool3', options: [['', 'true (default)'], ['true', 'true'], ['false', 'false']] },
  { key: 'ai_threshold', label: 'ai_threshold', kind: 'number', types: [2], placeholder: '0.9 (default)', step: 0.01 },
  { key: 'feature_method', label: 'feature_method', kind: 'method', types: [2] },
  { key: 'rotation', label: 'rotation', kind: 'select', options: [[0, '0'], [90, '90'], [180, '180'], [270, '270']], int: true, types: [3] },
  { key: 'expected_text', label: 'expected_text', kind: 'text', types: [3] },
  { key: 'is_device_barcode', label: 'is_device_barcode', kind: 'bool3', options: [['', '(not set)'], ['true', 'true'], ['false', 'false']], types: [1] },
  { key: 'expected_pattern', label: 'expected_pattern', kind: 'text', types: [1], placeholder: 'regular expression' },
  { key: 'expected_color', label: 'expected_color', kind: 'colour', types: [4] },
  { key: 'color_tolerance', label: 'color_tolerance', kind: 'int', types: [4], placeholder: DEFAULTS.color_tolerance },
  { key: 'min_pixel_percentage', label: 'min_pixel_percentage', kind: 'number', types: [4], placeholder: DEFAULTS.min_pixel_percentage, step: 0.1 },
  { key: 'color_ranges', label: 'color_ranges (JSON)', kind: 'json', types: [4] },
  { key: 'notes', label: 'notes', kind: 'text' },
];

function setField(key, value) {
  const roi = state.rois[state.selected];
  if (value === undefined) delete roi[key]; else roi[key] = value;
  state.serverErrors.delete(state.selected);
  refresh(key === 'type');
  if (key !== 'type') renderFieldErrors();
}

function numberOrText(text, integer) {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && (!integer || Number.isInteger(n)) ? n : text;
}

function input(field, roi) {
  const value = roi[field.key];
  const attrs = { 'data-field': field.key, name: field.key };
  switch (field.kind) {
    case 'int':
    case 'number':
      return el('input', { ...attrs, type: 'number', step: field.step ?? 1, placeholder: field.placeholder ?? '', value: value ?? '',
        oninput: e => setField(field.key, numberOrText(e.target.value, field.kind === 'int')) });
    case 'text':
      return el('input', { ...attrs, type: 'text', placeholder: field.placeholder ?? '', value: value ?? '',
        oninput: e => setField(field.key, e.target.value === '' ? undefined : e.target.value) });
    case 'select': {
      const select = el('select', { ...attrs, onchange: e => setField(field.key, field.int ? Number(e.target.value) : e.target.value) },
        field.options.map(([v, label]) => el('option', { value: v }, label)));
      select.value = String(value ?? field.options[0][0]);
      return select;
    }
    case 'bool3': {
      const select = el('select', { ...attrs, onchange: e => setField(field.key, e.target.value === '' ? undefined : e.target.value === 'true') },
        field.options.map(([v, label]) => el('option', { value: v }, label)));
      select.value = value === true ? 'true' : value === false ? 'false' : '';
      return select;
    }
    case 'method': {
      const options = [['', 'mobilenet (default when missing)'], ['mobilenet', 'mobilenet (deep features)'], ['resnet18', 'resnet18 (deep features)'],
        ['sift', 'sift (OpenCV descriptors)'], ['orb', 'orb (OpenCV descriptors)'], ['opencv', 'opencv (OpenCV descriptors)'], ['null', 'null (OpenCV descriptors)']];
      const select = el('select', { ...attrs, onchange: e => setField(field.key, e.target.value === '' ? undefined : e.target.value === 'null' ? null : e.target.value) },
        options.map(([v, label]) => el('option', { value: v }, label)));
      select.value = value === null ? 'null' : options.some(([v]) => v === value) ? value : '';
      return select;
    }
    case 'coords': {
      const c = Array.isArray(value) ? value : ['', '', '', ''];
      return el('div', { class: 'coords' }, ['x1', 'y1', 'x2', 'y2'].map((name, i) => el('input', {
        type: 'text', inputmode: 'numeric', 'data-field': `coords-${i}`, title: name, placeholder: name, value: c[i] ?? '',
        oninput: e => {
          const next = [...(Array.isArray(roi.coords) ? roi.coords : ['', '', '', ''])];
          next[i] = numberOrText(e.target.value, true) ?? '';
          setField('coords', next);
        },
      })));
    }
    case 'colour': {
      const hex = Array.isArray(value) ? '#' + value.map(v => Number(v).toString(16).padStart(2, '0')).join('') : typeof value === 'string' ? value : '#ff0000';
      return el('div', { class: 'controls' },
        el('input', { type: 'color', value: /^#[0-9a-f]{6}$/i.test(hex) ? hex : '#ff0000', onchange: e => {
          const h = e.target.value;
          setField('expected_color', [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)));
          renderForm();
        } }),
        el('input', { ...attrs, type: 'text', value: value === undefined ? '' : JSON.stringify(value), placeholder: '[R, G, B] or "#RRGGBB"',
          oninput: e => setField('expected_color', parseJson(e.target.value)) }));
    }
    case 'json':
      return el('textarea', { ...attrs, rows: 4, placeholder: '[{"name": "red", "lower": [150, 0, 0], "upper": [255, 80, 80], "color_space": "RGB", "threshold": 50}]',
        value: value === undefined ? '' : JSON.stringify(value), oninput: e => setField(field.key, parseJson(e.target.value)) });
    default:
      return el('span', {}, String(value));
  }
}

/** JSON when it parses, else the raw text (which then fails validation visibly instead of being lost). */
function parseJson(text) {
  if (text.trim() === '') return undefined;
  try { return JSON.parse(text); } catch { return text.trim().startsWith('#') ? text.trim() : text; }
}

function renderForm() {
  const roi = state.rois[state.selected];
  const form = $('form');
  if (!roi) {
    $('form-title').textContent = 'ROI';
    form.replaceChildren(el('p', { class: 'muted' }, 'No ROI selected: draw one on the picture or press "Add ROI".'));
    return;
  }
  $('form-title').textContent = `ROI ${roi.idx} (position ${state.selected})`;
  const type = Number(roi.type);
  const rows = FIELDS.flatMap(field => {
    const relevant = !field.types || field.types.includes(type);
    return [
      el('label', { for: field.key, title: relevant ? '' : `not used by ${TYPES[type] ?? 'this type'}`, style: relevant ? '' : 'opacity: .55' }, field.label),
      input(field, roi),
      el('div', { class: 'field-error', 'data-error-for': field.key }),
    ];
  });
  form.replaceChildren(el('div', { class: 'form-grid', testid: 'roi-form' }, rows),
    el('ul', { class: 'roi-errors', id: 'server-errors', testid: 'server-errors' }));
  renderFieldErrors();
}

function updateCoordsInputs() {
  const roi = state.rois[state.selected];
  if (!roi || !Array.isArray(roi.coords)) return;
  roi.coords.forEach((v, i) => {
    const box = document.querySelector(`[data-field="coords-${i}"]`);
    if (box) box.value = v;
  });
  $('form-title').textContent = `ROI ${roi.idx} (position ${state.selected})`;
  renderFieldErrors();
}

function renderFieldErrors() {
  const problems = state.problems[state.selected] ?? [];
  for (const slot of document.querySelectorAll('[data-error-for]')) {
    slot.textContent = problems.filter(p => p.field === slot.dataset.errorFor).map(p => p.text).join(' · ');
  }
  const server = $('server-errors');
  if (server) server.replaceChildren(...(state.serverErrors.get(state.selected) ?? []).map(text => el('li', {}, `server: ${text}`)));
}

// ---------- saving ----------

async function save() {
  const product = productSelect.value;
  if (!product) return say(message, 'Choose or create a product first.', false);
  state.serverErrors.clear();
  try {
    const answer = await api(`/api/products/${encodeURIComponent(product)}/rois`, { method: 'POST', json: { rois: state.rois } });
    const selected = state.selected;
    state.rois = (await api(`/api/products/${encodeURIComponent(product)}/rois`)).rois;
    state.selected = Math.min(selected, state.rois.length - 1);
    say(message, answer.message, true);
  } catch (error) {
    const general = [];
    for (const line of error.validationErrors ?? []) {
      const { index, text } = parseServerMessage(line);
      if (index === null) general.push(text);
      else state.serverErrors.set(index, [...(state.serverErrors.get(index) ?? []), text]);
    }
    const count = error.validationErrors?.length ?? 0;
    say(message, `${describe(error)}${count ? ` — ${count} problem(s), shown at each ROI` : ''}${general.length ? ': ' + general.join('; ') : ''}`, false);
    const first = [...state.serverErrors.keys()].sort((a, b) => a - b)[0];
    if (first !== undefined) state.selected = first;
  }
  refresh();
}

async function createProduct(event) {
  event.preventDefault();
  const name = $('new-name').value.trim();
  try {
    const answer = await api('/api/products/create', { method: 'POST', json: { product_name: name, num_devices: Number($('new-devices').value) } });
    await fillProducts(productSelect, answer.product_name);
    $('new-name').value = '';
    await loadProduct();
    say(message, answer.message, true);
  } catch (error) {
    say(message, describe(error), false);
  }
}

async function init() {
  await fillProducts(productSelect, query('product'));
  await fillPictures(pictureSelect, null, '(no picture: plain frame)');
  productSelect.addEventListener('change', () => { setQuery({ picture: null }); loadProduct(); });
  pictureSelect.addEventListener('change', () => { setQuery({ picture: pictureSelect.value }); loadPicture(); });
  $('add').addEventListener('click', () => {
    const w = Math.round(state.width / 10);
    const h = Math.round(state.height / 10);
    addRoi([Math.round(state.width / 2 - w / 2), Math.round(state.height / 2 - h / 2), Math.round(state.width / 2 + w / 2), Math.round(state.height / 2 + h / 2)]);
  });
  $('remove').addEventListener('click', () => {
    if (state.selected < 0) return;
    state.rois.splice(state.selected, 1);
    state.serverErrors.clear();
    state.selected = Math.min(state.selected, state.rois.length - 1);
    refresh();
  });
  $('revert').addEventListener('click', loadProduct);
  $('save').addEventListener('click', save);
  $('create-form').addEventListener('submit', createProduct);
  await loadProduct();
}

init().catch(error => say(message, describe(error), false));
