// Small DOM helpers: h('div.cell.output', {onclick}, children...) builds elements without innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, props, children) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function parseTag(tag) {
  const [name, ...classes] = tag.split('.');
  return { name: name || 'div', classes };
}

function isProps(x) {
  return x && typeof x === 'object' && !(x instanceof Node) && !Array.isArray(x);
}

/** An HTML element: h('button.primary', {type: 'button'}, 'Submit'). */
export function h(tag, props, ...children) {
  if (!isProps(props)) {
    if (props !== undefined) children.unshift(props);
    props = {};
  }
  const { name, classes } = parseTag(tag);
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  return build(el, props, children);
}

/** An SVG element: s('rect', {x: 1, y: 2, width: 3, height: 4}). */
export function s(tag, props, ...children) {
  if (!isProps(props)) {
    if (props !== undefined) children.unshift(props);
    props = {};
  }
  const { name, classes } = parseTag(tag);
  const el = document.createElementNS(SVG_NS, name);
  if (classes.length) el.setAttribute('class', classes.join(' '));
  return build(el, props, children);
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Milliseconds as seconds with two decimals: 1010 → "1.01 s". */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A score without needless decimals: 10 → "10", 7.5 → "7.5". */
export function points(x) {
  if (x === undefined || x === null) return '–';
  return Number.isInteger(x) ? String(x) : x.toFixed(1).replace(/\.0$/, '');
}

/** An ISO time as the student's local date and time, e.g. "22 Nov, 14:03:12". */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const today = new Date();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (d.toDateString() === today.toDateString()) return `today, ${time}`;
  return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

/** Words for a grade status from the API. */
export const STATUS_WORDS = {
  graded: 'Graded',
  compile_error: 'Compile error',
  timeout: 'Timed out',
  crashed: 'Crashed',
  output_limit: 'Too much output',
  rejected: 'Rejected',
  internal_error: 'Grader error',
  queued: 'Queued',
  compiling: 'Compiling',
  running: 'Running',
  testing: 'Testing',
  checking: 'Checking',
  stopped: 'Stopped',
  done: 'Done',
};

/**
 * A grade status as a badge; "Graded" with fewer than full points is amber and says so, so that 3 / 14 never
 * reads like success.
 */
export function statusBadge(status, score, maxScore, props = {}) {
  const partial = status === 'graded' && typeof score === 'number' && typeof maxScore === 'number' && score < maxScore;
  return h(
    `span.badge.status-${status}${partial ? '.partial' : ''}`,
    props,
    partial ? (score <= 0 ? 'Graded: no points yet' : 'Graded: not all checks pass') : STATUS_WORDS[status] ?? status,
  );
}
