import { api, el, say, describe, settings, sharedUrl, fillProducts, query, setQuery, fmt } from './api.js';
import { header } from './layout.js';

header('golden');

const $ = id => document.getElementById(id);
const productSelect = $('product');
const roiSelect = $('roi');
const message = $('message');
const gallery = $('gallery');
const TYPE_NAMES = { 1: 'barcode', 2: 'compare', 3: 'ocr', 4: 'color' };
const BACKUP = /^original_.*_old_best\.jpg$/;
let prefix = '/mnt/visual-aoi-shared/';

async function loadRois() {
  const product = productSelect.value;
  roiSelect.replaceChildren();
  if (!product) return;
  let rois = [];
  try {
    rois = (await api(`/api/products/${encodeURIComponent(product)}/rois`)).rois;
  } catch (error) {
    say(message, describe(error), false);
  }
  const withSamples = new Set((await api('/api/golden-sample/products')).products.find(p => p.product_name === product)?.rois ?? []);
  const ids = [...new Set([...rois.map(r => r.idx), ...withSamples])].sort((a, b) => a - b);
  const typeOf = new Map(rois.map(r => [r.idx, TYPE_NAMES[r.type] ?? '?']));
  roiSelect.replaceChildren(...ids.map(id => el('option', { value: id },
    `ROI ${id} · ${typeOf.get(id) ?? 'not configured'}${withSamples.has(id) ? '' : ' · no samples'}`)));
  const wanted = Number(query('roi'));
  const firstCompare = rois.find(r => r.type === 2)?.idx;
  roiSelect.value = String(ids.includes(wanted) ? wanted : firstCompare ?? ids[0] ?? '');
}

async function loadGallery() {
  const product = productSelect.value;
  const roi = roiSelect.value;
  setQuery({ product, roi });
  gallery.replaceChildren();
  if (!product || !roi) {
    $('gallery-title').textContent = 'Samples';
    return;
  }
  const { golden_samples: samples } = await api(`/api/golden-sample/${encodeURIComponent(product)}/${roi}`);
  $('gallery-title').textContent = `Samples of ROI ${roi} (${samples.length})`;
  if (!samples.length) {
    gallery.append(el('p', { class: 'muted' }, 'No golden samples yet: upload one, or save a crop from the Inspect page.'));
    return;
  }
  gallery.append(...samples.map(sample => card(product, Number(roi), sample)));
}

function card(product, roi, sample) {
  const url = sharedUrl(sample.file_path, prefix, true);
  const action = (label, testid, run, kind = 'secondary') =>
    el('button', { type: 'button', class: kind, testid, onclick: () => change(run) }, label);
  const actions = [];
  if (!sample.is_best) {
    actions.push(action('Promote', 'promote-golden', () => api('/api/golden-sample/promote', {
      method: 'POST', json: { product_name: product, roi_id: roi, sample_name: sample.name } })));
  }
  if (BACKUP.test(sample.name)) {
    actions.push(action('Restore', 'restore-golden', () => api('/api/golden-sample/restore', {
      method: 'POST', json: { product_name: product, roi_id: roi, backup_filename: sample.name } })));
  }
  actions.push(action('Delete', 'delete-golden', () => api('/api/golden-sample/delete', {
    method: 'DELETE', json: { product_name: product, roi_id: roi, sample_name: sample.name } }), 'danger'));
  return el('div', { class: `golden-sample ${sample.is_best ? 'best' : ''}`, testid: 'golden-sample', dataset: { name: sample.name, best: String(sample.is_best) } },
    el('img', { src: url, alt: sample.name, loading: 'lazy' }),
    el('div', {}, sample.is_best ? el('span', { class: 'badge best', testid: 'best-golden' }, 'BEST') : el('span', { class: 'muted' }, 'alternative')),
    el('div', { class: 'name' }, sample.name),
    el('div', { class: 'muted' }, `${sample.created_time} · ${fmt.bytes(sample.file_size)}`),
    el('div', { class: 'actions' }, actions,
      el('a', { href: `/api/golden-sample/${encodeURIComponent(product)}/${roi}/download/${encodeURIComponent(sample.name)}` }, 'download')));
}

async function change(run) {
  try {
    const answer = await run();
    say(message, answer.message, true);
  } catch (error) {
    say(message, describe(error), false);
  }
  await loadGallery().catch(error => say(message, describe(error), false));
}

async function uploadGolden(event) {
  event.preventDefault();
  const file = $('upload').files[0];
  if (!file) return say(message, 'Choose an image file first.', false);
  const form = new FormData();
  form.append('product_name', productSelect.value);
  form.append('roi_id', roiSelect.value);
  form.append('golden_image', file, file.name);
  await change(() => api('/api/golden-sample/save', { method: 'POST', form }));
  $('upload').value = '';
}

async function init() {
  prefix = (await settings()).client_prefix;
  await fillProducts(productSelect, query('product'));
  await loadRois();
  await loadGallery();
  productSelect.addEventListener('change', async () => {
    setQuery({ roi: null });
    await loadRois();
    await loadGallery();
  });
  roiSelect.addEventListener('change', () => loadGallery().catch(error => say(message, describe(error), false)));
  $('upload-form').addEventListener('submit', uploadGolden);
}

init().catch(error => say(message, describe(error), false));
