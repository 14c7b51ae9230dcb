// HTTP helpers shared by the pages: every error answer of the server carries `error` (spec 1.3), so that is what
// the pages show; validation failures add `validation_errors`.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.validationErrors = body?.validation_errors ?? [];
  }
}

/** fetch + JSON; `json` sends a JSON body, `form` a FormData. Throws ApiError on any non-2xx answer. */
export async function api(path, { method = 'GET', json, form } = {}) {
  const init = { method, headers: {} };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch { body = { error: text }; }
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

let settingsPromise;
/** Server settings the pages need (client prefix of the shared folder, default compare threshold). */
export function settings() {
  settingsPromise ??= api('/api/ui/settings');
  return settingsPromise;
}

/** URL under /shared/ for a path the server reports with the client prefix; null when there is none. */
export function sharedUrl(clientPath, prefix, bust = false) {
  if (!clientPath || !clientPath.startsWith(prefix)) return null;
  const url = '/shared/' + clientPath.slice(prefix.length).split('/').map(encodeURIComponent).join('/');
  // Output crops keep their names across inspections; a new query string makes the browser fetch the new one.
  return bust ? `${url}?t=${Date.now()}` : url;
}

export function previewUrl(picture, width = 1600) {
  return `/api/ui/preview?path=${encodeURIComponent(picture)}&width=${width}`;
}

export function cropUrl(picture, [x1, y1, x2, y2], size = 640) {
  return `/api/ui/crop?path=${encodeURIComponent(picture)}&x1=${x1}&y1=${y1}&x2=${x2}&y2=${y2}&size=${size}`;
}

/** Small DOM builder: el('td', {class: 'x', dataset: {roiId: 3}}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'testid') node.setAttribute('data-testid', value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === 'testid') node.setAttribute('data-testid', value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Shows a success or error text in a .message element. */
export function say(target, text, ok = true) {
  target.textContent = text ?? '';
  target.className = `message ${ok ? 'ok' : 'bad'}`;
}

export function describe(error) {
  return error instanceof ApiError ? `${error.status}: ${error.message}` : String(error?.message ?? error);
}

/** Fills a <select> with the products (GET /api/products) and selects the wanted one if present. */
export async function fillProducts(select, wanted) {
  const { products } = await api('/api/products');
  select.replaceChildren(...products.map(p => el('option', { value: p.product_name }, p.product_name)));
  if (wanted && products.some(p => p.product_name === wanted)) select.value = wanted;
  return products.map(p => p.product_name);
}

/** Fills a <select> with the shared-root pictures (GET /api/ui/pictures); the first option is "none". */
export async function fillPictures(select, wanted, noneLabel = '(choose a picture)') {
  const { pictures } = await api('/api/ui/pictures');
  select.replaceChildren(el('option', { value: '' }, noneLabel),
    ...pictures.map(p => el('option', { value: p.path }, p.path)));
  if (wanted && pictures.some(p => p.path === wanted)) select.value = wanted;
  return pictures;
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

/** Keeps the page's choices in the address bar so a reload or a shared link shows the same thing. */
export function setQuery(values) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') params.delete(key); else params.set(key, value);
  }
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

export const fmt = {
  num: (value, digits = 3) => (typeof value === 'number' ? value.toFixed(digits) : '—'),
  pct: value => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '—'),
  bytes: value => (value >= 1048576 ? `${(value / 1048576).toFixed(1)} MB` : `${Math.round(value / 1024)} kB`),
};

/** A horizontal bar of a value against its pass threshold. */
export function meter(value, threshold, max = 1, labels = v => fmt.num(v)) {
  const pct = v => `${Math.max(0, Math.min(100, (v / max) * 100))}%`;
  return el('div', { class: 'meter' },
    el('div', { class: 'value', style: `width: ${pct(value)}; background: ${value >= threshold ? 'var(--pass)' : 'var(--fail)'}` }),
    el('div', { class: 'mark', style: `left: ${pct(threshold)}`, title: 'threshold' }),
    el('div', { class: 'label', style: `left: ${pct(threshold)}` }, `threshold ${labels(threshold)}`));
}
