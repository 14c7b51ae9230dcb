import { api, el, svg, say, describe, fillProducts, query, setQuery, fmt, meter } from './api.js';
import { header } from './layout.js';

header('review');

// The review station: one failed ROI at a time, keyboard first. A verdict removes the item and the next one is shown
// at once (its pictures were fetched while the previous one was on screen); the queue refills in the background.
const $ = id => document.getElementById(id);
const productSelect = $('product');
const stationInput = $('station');
const message = $('message');
const learnToggle = $('learn');
const PAGE_SIZE = 100;
const PREFETCH = 3;

const state = { items: [], pos: 0, total: 0, mayLearn: false, busy: false, learnSet: false, boardToken: 0 };
const details = new Map();
const prefetched = new Set();

function filters() {
  const params = new URLSearchParams();
  if (productSelect.value) params.set('product', productSelect.value);
  if (stationInput.value.trim()) params.set('station', stationInput.value.trim());
  return params;
}

async function loadQueue({ keepCurrent = false } = {}) {
  const params = filters();
  params.set('page_size', PAGE_SIZE);
  const queue = await api(`/api/review/queue?${params}`);
  const current = keepCurrent ? state.items[state.pos] : null;
  state.items = queue.items;
  state.total = queue.total;
  state.mayLearn = queue.may_learn;
  if (!state.learnSet) {
    learnToggle.checked = queue.learn_default && queue.may_learn;
    state.learnSet = true;
  }
  learnToggle.disabled = !queue.may_learn;
  $('learn-hint').textContent = queue.may_learn ? '' : 'learning needs the engineer role';
  const again = current ? state.items.findIndex(i => same(i, current)) : -1;
  state.pos = again >= 0 ? again : Math.min(state.pos, Math.max(0, state.items.length - 1));
  show();
}

const same = (a, b) => a.inspection_id === b.inspection_id && a.roi_id === b.roi_id;

function show() {
  const item = state.items[state.pos];
  const box = $('item');
  $('position').textContent = item ? `item ${state.pos + 1} of ${state.total} unreviewed` : `${state.total} unreviewed`;
  if (!item) {
    box.removeAttribute('data-inspection-id');
    box.removeAttribute('data-roi-id');
    $('head').replaceChildren(el('p', { class: 'muted' }, 'Nothing to review: every failed ROI matching the filters has a verdict.'));
    for (const id of ['pictures', 'measure', 'reason', 'board']) $(id).replaceChildren();
    $('board-note').textContent = '';
    setButtons(false);
    return;
  }
  box.dataset.inspectionId = item.inspection_id;
  box.dataset.roiId = item.roi_id;
  setButtons(true);
  $('head').replaceChildren(
    el('h2', {}, `${item.product} · ROI ${item.roi_id} (${item.roi_type_name}) · device ${item.device_id}`),
    facts([['Barcode', item.barcode ?? '—'], ['Inspected', new Date(item.inspected_at).toLocaleString()], ['Station', item.station ?? '—'],
      ['Inspection', el('a', { href: item.inspection_url }, item.inspection_id)]]));
  $('pictures').replaceChildren(
    figure(item.crop_url, 'inspected crop', 'review-crop'),
    figure(item.golden_url, item.roi_type_name === 'compare' ? 'closest golden' : 'no golden for this type', 'review-golden'));
  $('measure').replaceChildren(...measure(item));
  $('reason').replaceChildren(...reason(item));
  $('defect-kind').value = item.defect ?? '';
  $('note').value = '';
  drawBoard(item);
  prefetch();
}

function facts(pairs) {
  return el('dl', { class: 'kv' }, pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function figure(url, caption, testid) {
  return el('figure', {}, url ? el('img', { src: url, alt: caption, testid }) : el('div', { class: 'no-picture' }, 'not kept'),
    el('figcaption', {}, caption));
}

function measure(item) {
  if (item.roi_type_name === 'compare' && typeof item.ai_similarity === 'number') {
    return [el('div', { class: 'muted' }, `similarity ${fmt.num(item.ai_similarity, 4)} against threshold ${fmt.num(item.threshold, 3)}`),
      meter(item.ai_similarity, item.threshold ?? 1)];
  }
  if (item.roi_type_name === 'color' && typeof item.match_percentage === 'number') {
    return [el('div', { class: 'muted' }, `${item.detected_color}: ${fmt.num(item.match_percentage, 1)}% matching`),
      meter(item.match_percentage, item.threshold ?? 50, 100, v => `${fmt.num(v, 1)}%`)];
  }
  return [];
}

function reason(item) {
  const parts = [];
  if (item.defect) parts.push(el('div', { class: 'defect', testid: 'review-defect' }, `Engine says: ${item.defect.replace('_', ' ')}`));
  if (item.checks && typeof item.checks === 'object') {
    parts.push(el('table', { class: 'checks' }, el('thead', {}, el('tr', {}, el('th', {}, 'check'), el('th', {}, 'value'), el('th', {}, 'limit'), el('th', {}, ''))),
      el('tbody', {}, Object.entries(item.checks).map(([name, c]) => el('tr', { class: c?.passed ? '' : 'failed' },
        el('td', {}, name), el('td', {}, fmt.num(c?.value)), el('td', {}, fmt.num(c?.limit)), el('td', {}, c?.passed ? 'ok' : 'failed'))))));
  }
  if (item.error) parts.push(el('div', { class: 'defect' }, `Error: ${item.error}`));
  if (item.roi_type_name === 'barcode') parts.push(el('div', {}, `Read: ${(item.barcode_values ?? []).join(', ') || '(nothing)'}`));
  if (item.roi_type_name === 'ocr') parts.push(el('div', {}, `Text: ${item.ocr_text || '(none)'}`));
  if (!parts.length && item.roi_type_name === 'compare') parts.push(el('div', { class: 'muted' }, 'Not like any golden sample.'));
  return parts;
}

/** The ROI on a downscaled board: the kept frame when there is one, else the inspection's kept crops at their places. */
async function drawBoard(item) {
  const token = ++state.boardToken;
  const board = $('board');
  const note = $('board-note');
  try {
    const detail = await inspection(item.inspection_id);
    if (token !== state.boardToken) return;
    const rois = detail.roi_results.filter(r => Array.isArray(r.coordinates));
    const current = rois.find(r => r.roi_id === item.roi_id);
    let frame = null;
    if (item.frame_url && detail.frame_urls?.length === 1 && !detail.grouped) {
      const response = await fetch(`${item.frame_url}?width=800`);
      if (response.ok) {
        frame = { url: URL.createObjectURL(await response.blob()), width: Number(response.headers.get('X-Image-Width')),
          height: Number(response.headers.get('X-Image-Height')) };
      }
      if (token !== state.boardToken) return;
    }
    if (!frame && !rois.length) {
      board.replaceChildren();
      note.textContent = 'No board picture: neither the frame nor ROI positions were kept for this inspection.';
      return;
    }
    const [x0, y0, x1, y1] = frame ? [0, 0, frame.width, frame.height] : bounds(rois.map(r => r.coordinates));
    const margin = frame ? 0 : Math.round(Math.max(x1 - x0, y1 - y0) * 0.03);
    const root = svg('svg', { viewBox: `${x0 - margin} ${y0 - margin} ${x1 - x0 + 2 * margin} ${y1 - y0 + 2 * margin}`,
      preserveAspectRatio: 'xMidYMid meet' });
    if (frame) {
      root.append(svg('image', { href: frame.url, x: 0, y: 0, width: frame.width, height: frame.height }));
    } else {
      for (const r of rois) {
        const [a, b, c, d] = r.coordinates;
        if (r.image_url) root.append(svg('image', { href: r.image_url, x: a, y: b, width: c - a, height: d - b, preserveAspectRatio: 'none' }));
      }
    }
    for (const r of rois) {
      const [a, b, c, d] = r.coordinates;
      const isCurrent = r.roi_id === item.roi_id;
      root.append(svg('rect', { x: a, y: b, width: c - a, height: d - b,
        class: isCurrent ? 'board-current' : r.passed ? 'board-pass' : 'board-fail', testid: isCurrent ? 'board-roi' : null }));
    }
    board.replaceChildren(root);
    note.textContent = frame ? 'Kept frame, downscaled.' : 'Drawn from the inspection\'s kept ROI crops at their positions (full frames are kept with Aoi:History:KeepFullFrameOnNg).';
    if (!current) note.textContent += ' This ROI has no stored position.';
  } catch (error) {
    if (token === state.boardToken) note.textContent = `Board unavailable: ${describe(error)}`;
  }
}

function bounds(rects) {
  return [Math.min(...rects.map(r => r[0])), Math.min(...rects.map(r => r[1])), Math.max(...rects.map(r => r[2])), Math.max(...rects.map(r => r[3]))];
}

function inspection(id) {
  if (!details.has(id)) details.set(id, api(`/api/inspections/${encodeURIComponent(id)}`).catch(error => { details.delete(id); throw error; }));
  return details.get(id);
}

/** Fetches the next items' pictures and inspection details so the next verdict shows them at once. */
function prefetch() {
  for (const item of state.items.slice(state.pos + 1, state.pos + 1 + PREFETCH)) {
    for (const url of [item.crop_url, item.golden_url]) {
      if (url && !prefetched.has(url)) {
        prefetched.add(url);
        new Image().src = url;
      }
    }
    inspection(item.inspection_id).catch(() => {});
  }
}

function setButtons(enabled) {
  for (const id of ['false-call', 'defect']) $(id).disabled = !enabled || state.busy;
}

async function give(verdict) {
  const item = state.items[state.pos];
  if (!item || state.busy) return;
  state.busy = true;
  setButtons(true);
  const body = { verdict };
  const kind = $('defect-kind').value.trim();
  const note = $('note').value.trim();
  if (verdict === 'defect' && kind) body.defect_kind = kind;
  if (note) body.note = note;
  if (verdict === 'false_call' && state.mayLearn) body.learn = learnToggle.checked;
  try {
    const answer = await api(`/api/review/${encodeURIComponent(item.inspection_id)}/rois/${item.roi_id}`, { method: 'POST', json: body });
    const learned = answer.learned ? ` · learned as ${answer.golden_file}` : '';
    say(message, `ROI ${item.roi_id} of ${item.barcode ?? item.inspection_id}: ${verdict.replace('_', ' ')}${learned}${answer.reason ? ` · ${answer.reason}` : ''}`, true);
    const at = state.items.findIndex(i => same(i, item));
    if (at >= 0) state.items.splice(at, 1);
    state.total = Math.max(0, state.total - 1);
    state.pos = Math.min(state.pos, Math.max(0, state.items.length - 1));
    state.busy = false;
    show();
    loadStats();
    if (state.items.length - state.pos < PREFETCH + 2 && state.total > state.items.length) loadQueue({ keepCurrent: true }).catch(e => say(message, describe(e), false));
  } catch (error) {
    state.busy = false;
    setButtons(true);
    say(message, describe(error), false);
  }
}

function move(step) {
  if (!state.items.length) return;
  state.pos = Math.max(0, Math.min(state.items.length - 1, state.pos + step));
  show();
}

function toggleLearn() {
  if (learnToggle.disabled) {
    say(message, 'Learning a golden needs the engineer role.', false);
    return;
  }
  learnToggle.checked = !learnToggle.checked;
}

async function loadStats() {
  const params = new URLSearchParams();
  if (productSelect.value) params.set('product', productSelect.value);
  try {
    const stats = await api(`/api/review/stats?${params}`);
    const pct = v => fmt.pct(v);
    const products = stats.products.map(p => el('tr', { dataset: { product: p.product } },
      el('td', {}, p.product), el('td', {}, 'all'), el('td', {}, p.rois_inspected), el('td', {}, p.rois_failed), el('td', {}, p.rois_reviewed),
      el('td', {}, p.confirmed_defects), el('td', {}, p.false_calls), el('td', {}, fmt.num(p.false_call_ppm, 0)),
      el('td', {}, `${pct(p.first_pass_yield)} (boards)`), el('td', {}, `${pct(p.yield_after_review)} (boards)`)));
    const rois = stats.rois.filter(r => r.failed > 0).map(r => el('tr', { dataset: { product: r.product, roiId: r.roi_id } },
      el('td', {}, r.product), el('td', {}, `ROI ${r.roi_id} (${r.roi_type_name})`), el('td', {}, r.inspected), el('td', {}, r.failed),
      el('td', {}, r.reviewed), el('td', {}, r.confirmed_defects), el('td', {}, r.false_calls), el('td', {}, fmt.num(r.false_call_ppm, 0)),
      el('td', {}, pct(r.first_pass_yield)), el('td', {}, pct(r.yield_after_review))));
    $('stats').replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ['Product', 'ROI', 'Inspected', 'Failed', 'Reviewed', 'Defects', 'False calls', 'False calls (ppm)',
        'First-pass yield', 'Yield after review'].map(h => el('th', {}, h)))),
      el('tbody', {}, products, rois)));
  } catch (error) {
    $('stats').replaceChildren(el('p', { class: 'muted' }, describe(error)));
  }
}

document.addEventListener('keydown', event => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target instanceof HTMLInputElement && event.target.type !== 'checkbox'
    || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
  if (event.key === 'Escape') {
    document.activeElement?.blur();
    return;
  }
  if (typing) return;
  const action = {
    f: () => give('false_call'), F: () => give('false_call'), d: () => give('defect'), D: () => give('defect'),
    l: toggleLearn, L: toggleLearn, ArrowRight: () => move(1), ArrowDown: () => move(1), ArrowLeft: () => move(-1), ArrowUp: () => move(-1),
  }[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

async function init() {
  await fillProducts(productSelect, query('product'));
  productSelect.prepend(el('option', { value: '' }, 'all products'));
  productSelect.value = query('product') ?? '';
  stationInput.value = query('station') ?? '';
  const reload = () => {
    setQuery({ product: productSelect.value, station: stationInput.value.trim() });
    state.pos = 0;
    loadQueue().catch(error => say(message, describe(error), false));
    loadStats();
  };
  productSelect.addEventListener('change', reload);
  stationInput.addEventListener('change', reload);
  $('false-call').addEventListener('click', () => give('false_call'));
  $('defect').addEventListener('click', () => give('defect'));
  await Promise.all([loadQueue(), loadStats()]);
}

init().catch(error => say(message, describe(error), false));
