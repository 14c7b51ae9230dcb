import { api, el, svg, say, describe, fillProducts, query, setQuery, fmt } from './api.js';
import { header } from './layout.js';

header('health');

const $ = id => document.getElementById(id);
const productSelect = $('product');
const message = $('message');

const defectsOf = roi => Object.entries(roi.defects ?? {});

// escapes / false_calls are lists of the variants concerned ({variant, score, golden}); older reports gave counts.
const countOf = value => (Array.isArray(value) ? value.length : value ?? 0);
const variantsOf = value => (Array.isArray(value) ? value.map(v => `${v.variant}: ${fmt.num(v.score)}${v.golden ? ` (${v.golden})` : ''}`).join('\n') : '');

function worstDefect(roi) {
  const maxima = defectsOf(roi).map(([, d]) => d.max).filter(v => typeof v === 'number');
  return maxima.length ? Math.max(...maxima) : null;
}

function renderTable(report) {
  $('rows').replaceChildren(...report.rois.map(roi => {
    const worst = worstDefect(roi);
    const kinds = defectsOf(roi).map(([kind, d]) => `${kind}: max ${fmt.num(d.max)}, ${d.escapes} escape(s) of ${d.count}`).join('\n');
    return el('tr', { dataset: { roiId: roi.roi_id } },
      el('td', { title: [roi.method_name, roi.note, roi.error].filter(Boolean).join('\n') }, roi.roi_id,
        roi.error ? el('div', { class: 'badge error' }, 'error') : null),
      el('td', {}, fmt.num(roi.threshold)),
      el('td', {}, `${fmt.num(roi.genuine?.min)} / ${fmt.num(roi.genuine?.mean)}`),
      el('td', {}, `${fmt.pct(roi.genuine?.pass_rate)} of ${roi.genuine?.count ?? 0}`),
      el('td', {}, roi.unseen?.count ? `${fmt.num(roi.unseen.min)} / ${fmt.pct(roi.unseen.pass_rate)} of ${roi.unseen.count}` : '—'),
      el('td', { title: kinds }, fmt.num(worst)),
      el('td', { title: variantsOf(roi.escapes) }, el('span', { class: countOf(roi.escapes) ? 'badge fail' : '' }, countOf(roi.escapes))),
      el('td', { title: variantsOf(roi.false_calls) }, el('span', { class: countOf(roi.false_calls) ? 'badge fail' : '' }, countOf(roi.false_calls))),
      el('td', {}, fmt.num(roi.margin)),
      el('td', {}, fmt.num(roi.suggested_threshold)),
      el('td', {}, (roi.suspect_goldens ?? []).map(s => el('div', { class: 'mono', title: (s.reasons ?? []).join('; ') }, s.file))),
      el('td', { 'data-testid': 'model-exclusions' }, (roi.model_exclusions ?? []).map(e => el('div', { class: 'mono', title: e.reason }, `${e.file}: ${e.reason}`))),
      el('td', {}, fmt.num(roi.time_ms_per_score, 1)));
  }));
  $('totals').replaceChildren(...Object.entries(report.totals ?? {}).flatMap(([k, v]) =>
    [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v))]));
}

/**
 * One row per ROI on a shared score axis: the genuine range (min to 1, mean marked) in green, the range of the
 * defect kinds' maximum scores in red, the threshold in black and the suggested threshold in blue. A ROI is healthy
 * when the red ends left of the black line and the green starts right of it.
 */
function renderChart(report) {
  const rois = report.rois;
  if (!rois.length) {
    $('chart').replaceChildren(el('p', { class: 'muted' }, 'No compare ROIs were evaluated.'));
    return;
  }
  const values = rois.flatMap(r => [r.genuine?.min, r.threshold, r.suggested_threshold, ...defectsOf(r).map(([, d]) => d.max)])
    .filter(v => typeof v === 'number');
  const low = Math.max(0, Math.floor((Math.min(...values) - 0.02) * 20) / 20);
  const [left, right, rowHeight, top] = [70, 980, 26, 24];
  const x = v => left + ((v - low) / (1 - low)) * (right - left);
  const height = top + rois.length * rowHeight + 10;
  const ticks = [];
  for (let t = low; t <= 1.0001; t += (1 - low) / 10) {
    ticks.push(svg('line', { x1: x(t), x2: x(t), y1: top - 4, y2: height - 10, stroke: '#e3e6ea' }),
      svg('text', { x: x(t), y: top - 8, 'text-anchor': 'middle', fill: '#5d6672' }, t.toFixed(2)));
  }
  const rows = rois.map((r, i) => {
    const y = top + i * rowHeight;
    const parts = [svg('text', { x: left - 8, y: y + 16, 'text-anchor': 'end' }, `ROI ${r.roi_id}`)];
    const maxima = defectsOf(r).map(([, d]) => d.max).filter(v => typeof v === 'number');
    if (maxima.length) {
      const [a, b] = [Math.min(...maxima), Math.max(...maxima)];
      parts.push(svg('rect', { x: x(a), y: y + 3, width: Math.max(3, x(b) - x(a)), height: 8, fill: '#d62c2c', 'data-kind': 'defects' },
        svg('title', {}, defectsOf(r).map(([k, d]) => `${k}: max ${fmt.num(d.max)}`).join('\n'))));
    }
    if (typeof r.genuine?.min === 'number') {
      parts.push(svg('rect', { x: x(r.genuine.min), y: y + 13, width: Math.max(3, x(1) - x(r.genuine.min)), height: 8, fill: '#1a9e4b', 'data-kind': 'genuine' },
        svg('title', {}, `genuine min ${fmt.num(r.genuine.min)}, mean ${fmt.num(r.genuine.mean)}`)));
      if (typeof r.genuine.mean === 'number') parts.push(svg('line', { x1: x(r.genuine.mean), x2: x(r.genuine.mean), y1: y + 11, y2: y + 23, stroke: '#0b4f25', 'stroke-width': 2 }));
    }
    if (typeof r.threshold === 'number') parts.push(svg('line', { x1: x(r.threshold), x2: x(r.threshold), y1: y, y2: y + rowHeight - 2, stroke: '#000', 'stroke-width': 2, 'data-kind': 'threshold' }));
    if (typeof r.suggested_threshold === 'number') parts.push(svg('line', { x1: x(r.suggested_threshold), x2: x(r.suggested_threshold), y1: y, y2: y + rowHeight - 2, stroke: '#1f6feb', 'stroke-width': 2, 'stroke-dasharray': '3 2' }));
    return svg('g', { 'data-roi-id': r.roi_id }, parts);
  });
  $('chart').replaceChildren(svg('svg', { viewBox: `0 0 1000 ${height}` }, ticks, rows));
}

async function evaluate() {
  const product = productSelect.value;
  if (!product) return;
  const button = $('evaluate');
  button.disabled = true;
  $('status').textContent = 'Evaluating…';
  say(message, '');
  const started = performance.now();
  try {
    const report = await api(`/api/products/${encodeURIComponent(product)}/evaluate`, { method: 'POST', json: { method: $('method').value } });
    renderTable(report);
    renderChart(report);
    $('status').textContent = `${report.rois.length} ROI(s), method ${report.method ?? '?'}, ${((performance.now() - started) / 1000).toFixed(1)} s`;
  } catch (error) {
    $('status').textContent = '';
    say(message, describe(error), false);
  } finally {
    button.disabled = false;
  }
}

async function init() {
  await fillProducts(productSelect, query('product'));
  productSelect.addEventListener('change', () => {
    setQuery({ product: productSelect.value });
    $('rows').replaceChildren();
    $('totals').replaceChildren();
    $('chart').replaceChildren(el('p', { class: 'muted' }, 'Run an evaluation to see the chart.'));
  });
  $('evaluate').addEventListener('click', evaluate);
}

init().catch(error => say(message, describe(error), false));
