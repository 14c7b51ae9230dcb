import { api, el, say, describe, settings, sharedUrl, cropUrl, fillProducts, fillPictures, query, setQuery, fmt, meter } from './api.js';
import { header } from './layout.js';
import { PictureView } from './picture-view.js';

header('inspect');

const $ = id => document.getElementById(id);
const productSelect = $('product');
const pictureSelect = $('picture');
const upload = $('upload');
const message = $('message');
const verdict = $('verdict');
const progress = $('progress');
const view = new PictureView($('viewer'), { onSelect: id => select(id, true) });

const state = { results: new Map(), selected: null, run: null, expected: 0, source: null, prefix: '/mnt/visual-aoi-shared/' };
let events = null;

function setVerdict(text, kind) {
  verdict.textContent = text;
  verdict.className = `verdict ${kind}`;
}

/** One session per product for this browser tab; re-created when the server no longer knows it. */
async function sessionFor(product) {
  const key = `aoi-session:${product}`;
  const remembered = sessionStorage.getItem(key);
  if (remembered) {
    const { sessions } = await api('/api/sessions');
    if (sessions.some(s => s.session_id === remembered && s.product_name === product)) return remembered;
  }
  const created = await api('/api/session/create', { method: 'POST', json: { product_name: product, client_info: { client_id: 'web-ui' } } });
  sessionStorage.setItem(key, created.session_id);
  return created.session_id;
}

async function run(event) {
  event.preventDefault();
  const product = productSelect.value;
  const file = upload.files[0];
  const picture = pictureSelect.value;
  if (!product) return say(message, 'Choose a product first.', false);
  if (!file && !picture) return say(message, 'Choose a picture from the shared folder or upload one.', false);

  events?.close();
  $('run').disabled = true;
  say(message, '');
  setVerdict('RUNNING', 'running');
  progress.textContent = '';
  state.results.clear();
  state.selected = null;
  $('devices').replaceChildren();
  $('results').replaceChildren();
  $('detail').replaceChildren(el('p', { class: 'muted' }, 'Select a ROI.'));
  try {
    const session = await sessionFor(product);
    const barcode = $('barcode').value.trim();
    let started;
    if (file) {
      const form = new FormData();
      form.append('image', file, file.name);
      if (barcode) form.append('device_barcode', barcode);
      started = await api(`/api/session/${session}/inspections`, { method: 'POST', form });
    } else {
      const body = { image_path: state.prefix + picture };
      if (barcode) body.device_barcode = barcode;
      started = await api(`/api/session/${session}/inspections`, { method: 'POST', json: body });
    }
    state.run = started;
    setQuery({ product, inspection: started.inspection_id });
    await showPicture(started.picture, product);
    follow(started.events_url);
  } catch (error) {
    setVerdict('ERROR', 'error');
    say(message, describe(error), false);
    $('run').disabled = false;
  }
}

/** The picture (server-side preview) with dashed boxes for the product's enabled ROIs. */
async function showPicture(picture, product) {
  state.source = picture;
  $('picture-title').textContent = picture ? `Picture: ${picture}` : 'Picture';
  let rois = [];
  try {
    rois = (await api(`/api/products/${encodeURIComponent(product)}/rois`)).rois.filter(r => r.enabled !== false && Array.isArray(r.coords));
  } catch { /* the inspection reports configuration problems itself */ }
  state.expected = rois.length;
  if (picture) {
    await view.show(picture);
  } else {
    view.showBlank(Math.max(1000, ...rois.map(r => r.coords[2])), Math.max(700, ...rois.map(r => r.coords[3])));
  }
  view.pending(rois);
  updateProgress();
}

/** Server-Sent Events: one `roi` per finished ROI, then `done` (verdict + full response) or `failed`. */
function follow(url) {
  events = new EventSource(url);
  events.addEventListener('roi', e => addResult(JSON.parse(e.data)));
  events.addEventListener('done', e => {
    events.close();
    finish(JSON.parse(e.data));
  });
  events.addEventListener('failed', e => {
    events.close();
    const data = JSON.parse(e.data);
    setVerdict('ERROR', 'error');
    say(message, `${data.status}: ${data.error}${data.validation_errors ? ' — ' + data.validation_errors.join('; ') : ''}`, false);
    $('run').disabled = false;
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) {
      say(message, 'Lost the connection to the progress stream.', false);
      $('run').disabled = false;
    }
  };
}

function addResult(result) {
  state.results.set(result.roi_id, result);
  view.result(result);
  renderTable();
  updateProgress();
  if (state.selected === result.roi_id) renderDetail(result);
}

function updateProgress() {
  progress.textContent = state.expected || state.results.size ? `${state.results.size} / ${Math.max(state.expected, state.results.size)} ROIs` : '';
}

function finish(done) {
  const response = done.response;
  for (const result of response.roi_results) {
    if (!state.results.has(result.roi_id)) addResult(result);
  }
  setVerdict(done.verdict, done.verdict === 'PASS' ? 'pass' : 'fail');
  renderDevices(response.device_summaries);
  const o = response.overall_result;
  progress.textContent = `${o.passed_rois}/${o.total_rois} passed · ${response.processing_time.toFixed(2)} s`;
  $('run').disabled = false;
  const firstFailed = response.roi_results.find(r => !r.passed);
  if (firstFailed && state.selected === null) select(firstFailed.roi_id, false);
}

function renderDevices(summaries) {
  $('devices').replaceChildren(...Object.values(summaries).map(d => el('div', {
    class: `device-card ${d.device_passed ? 'pass' : 'fail'}`, testid: 'device-card', dataset: { deviceId: d.device_id, passed: String(d.device_passed) },
  },
  el('div', {}, el('strong', {}, `Device ${d.device_id} `), el('span', { class: `badge ${d.device_passed ? 'pass' : 'fail'}` }, d.device_passed ? 'PASS' : 'FAIL')),
  el('div', { class: 'muted' }, `${d.passed_rois}/${d.total_rois} ROIs passed`),
  el('div', { class: 'barcode', title: `raw: ${d.barcode_raw}` }, d.barcode),
  el('div', { class: 'muted' }, `source: ${d.barcode_source}`))));
}

function valueOf(r) {
  switch (r.roi_type_name) {
    case 'barcode': return r.barcode_values.length ? r.barcode_values.join(', ') : 'no code';
    case 'compare': return `${fmt.num(r.ai_similarity)} vs ${fmt.num(r.threshold, 2)} (${r.match_result})`;
    case 'ocr': return r.ocr_text || '(no text)';
    case 'color': return `${fmt.num(r.match_percentage, 1)}% vs ${fmt.num(r.threshold, 1)}% (${r.detected_color})`;
    default: return r.error ?? '';
  }
}

function stateOf(r) {
  return r.passed ? 'pass' : r.error ? 'error' : 'fail';
}

function renderTable() {
  const rows = [...state.results.values()].sort((a, b) => a.roi_id - b.roi_id).map(r => el('tr', {
    class: `clickable ${state.selected === r.roi_id ? 'selected' : ''}`, onclick: () => select(r.roi_id, true),
  },
  el('td', {}, r.roi_id), el('td', {}, r.roi_type_name), el('td', {}, r.device_id),
  el('td', {}, el('span', { class: `badge ${stateOf(r)}` }, stateOf(r).toUpperCase())),
  el('td', {}, valueOf(r)), el('td', {}, fmt.num(r.processing_time_ms, 1))));
  $('results').replaceChildren(...rows);
}

function select(id, zoom) {
  state.selected = id;
  view.select(id);
  renderTable();
  const result = state.results.get(id);
  if (!result) return;
  renderDetail(result);
  if (zoom) {
    view.zoomTo(result.coordinates);
    $('zoom-out').disabled = false;
  }
}

function renderDetail(r) {
  const crop = sharedUrl(r.roi_image_path, state.prefix, true);
  const golden = sharedUrl(r.golden_image_path, state.prefix, true);
  const figures = [];
  if (crop) figures.push(el('figure', {}, el('img', { src: crop, alt: `ROI ${r.roi_id} crop` }), el('figcaption', {}, 'inspected crop')));
  else if (state.source) figures.push(el('figure', {}, el('img', { src: cropUrl(state.source, r.coordinates, 400), alt: `ROI ${r.roi_id} area` }), el('figcaption', {}, 'area in the picture')));
  if (golden) figures.push(el('figure', {}, el('img', { src: golden, alt: `ROI ${r.roi_id} golden` }), el('figcaption', {}, 'best matching golden')));

  const facts = [['ROI', `${r.roi_id} (${r.roi_type_name}, device ${r.device_id})`], ['Coordinates', JSON.stringify(r.coordinates)],
    ['Result', r.passed ? 'PASS' : 'FAIL'], ['Time', `${fmt.num(r.processing_time_ms, 1)} ms`]];
  const extra = [];
  switch (r.roi_type_name) {
    case 'compare':
      facts.push(['Similarity', `${fmt.num(r.ai_similarity, 4)} (${r.match_result})`], ['Threshold', fmt.num(r.threshold, 3)]);
      extra.push(meter(r.ai_similarity, r.threshold));
      break;
    case 'barcode':
      facts.push(['Decoded', r.barcode_values.join(', ') || '(nothing)'], ['Formats', r.barcode_formats.join(', ') || '—']);
      break;
    case 'ocr':
      facts.push(['OCR text', r.ocr_text || '(empty)'], ['Raw text', r.ocr_raw_text || '(empty)'], ['Confidence', fmt.num(r.ocr_confidence)]);
      break;
    case 'color': {
      const [R, G, B] = r.dominant_color ?? [0, 0, 0];
      facts.push(['Detected', r.detected_color], ['Match', `${fmt.num(r.match_percentage, 1)}% (threshold ${fmt.num(r.threshold, 1)}%)`],
        ['Dominant', el('span', {}, el('span', { style: `display:inline-block;width:1em;height:1em;vertical-align:middle;background:rgb(${R},${G},${B})` }), ` rgb(${R}, ${G}, ${B})`)],
        ['Colour result', JSON.stringify(r.color_result)]);
      extra.push(meter(r.match_percentage, r.threshold, 100, v => `${fmt.num(v, 1)}%`));
      break;
    }
  }
  if (r.detail) facts.push(['Detail', r.detail]);
  if (r.error) facts.push(['Error', r.error]);
  if (r.warning) facts.push(['Warning', r.warning]);

  const saveMessage = el('div', { class: 'message' });
  const product = productSelect.value;
  const save = crop && r.roi_type_name === 'compare'
    ? el('button', { type: 'button', class: 'secondary', testid: 'save-crop-as-golden', onclick: () => saveAsGolden(r, crop, product, saveMessage) }, 'Save this crop as golden')
    : null;
  $('detail').replaceChildren(
    el('div', { class: 'pair' }, figures),
    el('dl', { class: 'kv' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    ...extra,
    el('div', { class: 'controls' }, save, el('a', { href: `/ui/golden.html?product=${encodeURIComponent(product)}&roi=${r.roi_id}` }, 'Golden library of this ROI')),
    saveMessage);
}

/** The inspected crop becomes the ROI's best golden (the old best is backed up by the server, spec 4.4). */
async function saveAsGolden(r, cropUrlValue, product, target) {
  try {
    const blob = await (await fetch(cropUrlValue)).blob();
    const form = new FormData();
    form.append('product_name', product);
    form.append('roi_id', String(r.roi_id));
    form.append('golden_image', blob, `roi_${r.roi_id}.jpg`);
    const answer = await api('/api/golden-sample/save', { method: 'POST', form });
    say(target, answer.message, true);
  } catch (error) {
    say(target, describe(error), false);
  }
}

/** Shows an earlier inspection (link from the Overview). */
async function replay(id) {
  const run = await api(`/api/live-inspections/${encodeURIComponent(id)}`);
  state.run = run;
  await showPicture(run.picture, run.product_name);
  for (const result of run.roi_results) addResult(result);
  if (run.state === 'running') {
    setVerdict('RUNNING', 'running');
    follow(`/api/live-inspections/${run.inspection_id}/events`);
  } else if (run.response) {
    finish({ verdict: run.verdict, response: run.response });
  } else {
    setVerdict('ERROR', 'error');
    say(message, `${run.status}: ${run.error}`, false);
  }
}

async function init() {
  state.prefix = (await settings()).client_prefix;
  const products = await fillProducts(productSelect, query('product'));
  const pictures = await fillPictures(pictureSelect, query('picture'));
  if (!query('picture')) {
    // The demo picture is the natural first choice for the demo product.
    const demo = pictures.find(p => p.path === 'demo/demo_board.jpg');
    if (demo && productSelect.value === 'DEMO-BOARD') pictureSelect.value = demo.path;
  }
  productSelect.addEventListener('change', () => setQuery({ product: productSelect.value, inspection: null }));
  pictureSelect.addEventListener('change', () => { if (pictureSelect.value) upload.value = ''; });
  upload.addEventListener('change', () => { if (upload.files.length) pictureSelect.value = ''; });
  $('run-form').addEventListener('submit', run);
  $('zoom-out').addEventListener('click', () => { view.zoomOut(); $('zoom-out').disabled = true; });
  if (!products.length) say(message, 'No products yet: create one in the ROI editor.', false);
  const inspection = query('inspection');
  if (inspection) await replay(inspection).catch(error => say(message, describe(error), false));
}

init().catch(error => say(message, describe(error), false));
