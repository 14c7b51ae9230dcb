import { api, el, say, describe } from './api.js';
import { header } from './layout.js';

header('overview');
const message = document.getElementById('message');

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function verdictBadge(run) {
  if (run.state === 'running') return el('span', { class: 'badge running' }, 'RUNNING');
  if (run.state === 'failed') return el('span', { class: 'badge error', title: run.error }, `ERROR ${run.status}`);
  return el('span', { class: `badge ${run.verdict === 'PASS' ? 'pass' : 'fail'}` }, run.verdict);
}

async function loadProducts() {
  const [{ products }, golden] = await Promise.all([api('/api/products'), api('/api/golden-sample/products').catch(() => null)]);
  const goldenByName = new Map((golden?.products ?? []).map(p => [p.product_name, p]));
  const rows = products.map(p => {
    const g = goldenByName.get(p.product_name);
    const q = `?product=${encodeURIComponent(p.product_name)}`;
    return el('tr', {},
      el('td', {}, el('strong', {}, p.product_name), el('div', { class: 'muted' }, p.config_file)),
      el('td', {}, g ? `${g.total_samples} in ${g.total_rois} ROI folder(s)` : '—'),
      el('td', {},
        el('a', { href: `/ui/inspect.html${q}` }, 'Inspect'), ' · ',
        el('a', { href: `/ui/golden.html${q}` }, 'Goldens'), ' · ',
        el('a', { href: `/ui/editor.html${q}` }, 'ROIs'), ' · ',
        el('a', { href: `/ui/health.html${q}` }, 'Health')));
  });
  document.getElementById('products').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 3 }, 'No products yet: create one in the ROI editor.'))]));
}

async function loadSessions() {
  const { sessions } = await api('/api/sessions');
  const rows = sessions.map(s => el('tr', {},
    el('td', { class: 'mono' }, s.session_id.slice(0, 8)),
    el('td', {}, s.product_name),
    el('td', {}, s.inspection_count),
    el('td', {}, time(s.last_activity)),
    el('td', {}, s.busy ? el('span', { class: 'badge running' }, 'BUSY') : 'idle')));
  document.getElementById('sessions').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5 }, 'No open sessions.'))]));
}

async function loadInspections() {
  const { inspections } = await api('/api/live-inspections');
  const rows = inspections.map(run => el('tr', {},
    el('td', {}, time(run.started_at)),
    el('td', {}, run.product_name),
    el('td', { class: 'mono' }, run.picture ?? '(outside the shared folder)'),
    el('td', {}, verdictBadge(run)),
    el('td', {}, run.overall_result ? `${run.overall_result.passed_rois}/${run.overall_result.total_rois} passed` : `${run.rois_reported} reported`),
    el('td', {}, el('a', { href: `/ui/inspect.html?product=${encodeURIComponent(run.product_name)}&inspection=${run.inspection_id}` }, 'Show'))));
  document.getElementById('inspections').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 6 }, 'No inspections yet: run one on the Inspect page.'))]));
}

async function refresh() {
  try {
    await Promise.all([loadSessions(), loadInspections()]);
  } catch (error) {
    say(message, describe(error), false);
  }
}

loadProducts().catch(error => say(message, describe(error), false));
refresh();
setInterval(refresh, 5000);
