// The timeline picture: each task of a run as a bar from its start line to its end line, the student's run
// and the reference solution's on one time axis; runs without task bars show each output line as a tick.
import { s } from './dom.js';

const WIDTH = 880;
const LABEL_W = 132;
const RIGHT_PAD = 64;
const ROW_H = 20;
const ROW_GAP = 7;
const GROUP_HEAD = 26;
const GROUP_GAP = 18;
const AXIS_H = 26;

/** How long a run lasted as far as the picture is concerned (ms). */
export function runSpan(run) {
  if (!run) return 0;
  let end = run.durationMs ?? 0;
  for (const task of run.tasks ?? []) end = Math.max(end, task.endMs ?? task.startMs);
  for (const line of run.lines ?? []) end = Math.max(end, line.t);
  return end;
}

/** The largest number of tasks in flight at once, from the bars. */
export function maxInFlight(tasks) {
  const points = [];
  for (const task of tasks) {
    points.push([task.startMs, 1]);
    points.push([task.endMs ?? Infinity, -1]);
  }
  // Ends before starts at the same instant: back-to-back tasks do not overlap.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of points) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}

function niceStep(totalMs) {
  const steps = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 15000, 30000, 60000];
  return steps.find((st) => totalMs / st <= 10) ?? 120000;
}

/** An axis label: as few decimals as the step needs (0 s, 0.5 s, 1 s, 1.25 s). */
function fmt(ms) {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms % 100 === 0 ? 1 : 2)} s`;
}

/** A measured time: always two decimals, like the output cell (1.00 s). */
function dur(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * An SVG timeline of `groups`: [{title, tone: 'student'|'reference', run}], where `run` is a RunReport
 * ({tasks, lines, durationMs}). Groups without a run are left out.
 */
export function timelineSvg(groups) {
  groups = groups.filter((g) => g.run);
  const total = Math.max(1000, ...groups.map((g) => runSpan(g.run))) * 1.04;
  const step = niceStep(total);
  const axisEnd = Math.ceil(total / step) * step;
  const plotW = WIDTH - LABEL_W - RIGHT_PAD;
  const x = (ms) => LABEL_W + (Math.max(0, ms) / axisEnd) * plotW;

  const body = [];
  const grid = [];
  const gridLines = (top, bottom) => {
    for (let ms = 0; ms <= axisEnd + 1; ms += step) {
      grid.push(s('line.tl-grid', { x1: x(ms), x2: x(ms), y1: top, y2: bottom }));
    }
  };
  let y = 4;
  for (const g of groups) {
    const run = g.run;
    const tasks = run.tasks ?? [];
    const span = runSpan(run);
    body.push(
      s(
        'text.tl-group',
        { x: 0, y: y + 15 },
        s('tspan.tl-group-title', g.title),
        s('tspan.tl-group-meta', { dx: 8 }, `${dur(span)}${tasks.length ? '' : ' · output lines'}`),
      ),
    );
    y += GROUP_HEAD;
    const g0 = y;
    if (tasks.length) {
      for (const task of tasks) {
        const open = task.endMs === null || task.endMs === undefined;
        const end = open ? span : task.endMs;
        const x0 = x(task.startMs);
        const w = Math.max(3, x(end) - x0);
        body.push(s('text.tl-label', { x: LABEL_W - 10, y: y + ROW_H / 2 + 4, 'text-anchor': 'end' }, task.label));
        body.push(
          s(
            `rect.tl-bar.tl-${g.tone}${open ? '.tl-open' : ''}`,
            { x: x0, y, width: w, height: ROW_H, rx: 4, 'data-kind': 'bar', 'data-label': task.label },
            s('title', `${task.label}: ${dur(task.startMs)} → ${open ? 'never finished' : dur(end)}`),
          ),
        );
        body.push(
          s(
            'text.tl-duration',
            { x: x0 + w + 6, y: y + ROW_H / 2 + 4 },
            open ? 'never finished' : dur(end - task.startMs),
          ),
        );
        y += ROW_H + ROW_GAP;
      }
    } else {
      body.push(s('text.tl-label', { x: LABEL_W - 10, y: y + ROW_H / 2 + 4, 'text-anchor': 'end' }, 'output'));
      body.push(s('line.tl-track', { x1: x(0), x2: x(span), y1: y + ROW_H / 2, y2: y + ROW_H / 2 }));
      for (const line of run.lines ?? []) {
        body.push(
          s(
            `line.tl-tick.tl-${g.tone}${line.stream === 'err' ? '.tl-err' : ''}`,
            { x1: x(line.t), x2: x(line.t), y1: y + 2, y2: y + ROW_H - 2, 'data-kind': 'tick' },
            s('title', `${dur(line.t)}  ${line.text}`),
          ),
        );
      }
      y += ROW_H + ROW_GAP;
    }
    gridLines(g0 - 4, y - ROW_GAP + 4);
    // Where the run ended.
    body.push(s('line.tl-end', { x1: x(span), x2: x(span), y1: g0 - 4, y2: y - ROW_GAP + 4 }));
    y += GROUP_GAP;
  }
  y -= GROUP_GAP;

  grid.push(s('line.tl-baseline', { x1: x(0), x2: x(axisEnd), y1: y + 4, y2: y + 4 }));
  for (let ms = 0; ms <= axisEnd + 1; ms += step) {
    grid.push(s('line.tl-axis-tick', { x1: x(ms), x2: x(ms), y1: y + 4, y2: y + 8 }));
    grid.push(s('text.tl-axis', { x: x(ms), y: y + 21, 'text-anchor': 'middle' }, fmt(ms)));
  }
  const height = y + AXIS_H;
  return s(
    'svg.timeline',
    {
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: '100%',
      role: 'img',
      'aria-label': 'Timeline of tasks: ' + groups.map((g) => g.title).join(' and '),
      preserveAspectRatio: 'xMinYMin meet',
    },
    grid,
    body,
  );
}
