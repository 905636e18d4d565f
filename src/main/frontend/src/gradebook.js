// The instructor's gradebook: students × exercises, one student's submissions, one submission in full
// (source, output, checks, timeline), re-grading with progress, per-exercise score distribution and the
// checks failed most often, and the CSV/JSON export. Reached at #/gradebook (or ?view=instructor).
import { ApiError } from './api.js';
import { fill, h, points, seconds, STATUS_WORDS, statusBadge, when } from './dom.js';
import { timelineSvg } from './timeline.js';

const TOKEN_KEY = 'async-grader.instructor';
const PAGE_SIZE = 20;

// The token lives in memory (an LMS launch hands it over so; web storage throws inside an LMS iframe) and, where
// the browser allows it, in this tab's sessionStorage so a reload keeps the instructor signed in.
let memoryToken = null;

/** Hands an instructor session token to the page (e.g. from an LTI launch). */
export function setInstructorToken(token) {
  memoryToken = token;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage is refused in a cross-site iframe: memory it is.
  }
}

function token() {
  if (memoryToken) return memoryToken;
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) throw new ApiError(res.status, data?.message ?? `The grader answered ${res.status}.`);
  return data;
}

const esc = encodeURIComponent;

/** Shows the gradebook view named by `hash` (#/gradebook, #/gradebook/s/<student>/<exercise>, #/gradebook/sub/<id>). */
export async function showGradebook(app, crumbs, hash) {
  document.title = 'Gradebook · async-grader';
  const home = h('a', { href: '#/gradebook' }, 'Gradebook');
  fill(crumbs, h('span.crumb-current', 'Gradebook'));
  if (!token()) return signInForm(app, () => showGradebook(app, crumbs, hash));
  try {
    const sub = /^#\/gradebook\/sub\/([^/]+)$/.exec(hash);
    const st = /^#\/gradebook\/s\/([^/]+)\/([^/]+)$/.exec(hash);
    if (sub) {
      fill(crumbs, home, h('span.crumb-sep', '/'), h('span.crumb-current', 'Submission'));
      await submissionView(app, decodeURIComponent(sub[1]));
    } else if (st) {
      const [student, exercise] = [decodeURIComponent(st[1]), decodeURIComponent(st[2])];
      fill(crumbs, home, h('span.crumb-sep', '/'), h('span.crumb-current', `${student} · ${exercise}`));
      await studentView(app, student, exercise);
    } else {
      await tableView(app);
    }
  } catch (e) {
    if (e.status === 401) {
      setInstructorToken(null);
      return signInForm(app, () => showGradebook(app, crumbs, hash), 'Your instructor session has ended; sign in again.');
    }
    fill(app, h('section.cell.cell-error', { id: 'gradebook-error' }, h('div.cell-body', h('p', e.message), h('a', { href: '#/' }, 'Back to the exercises'))));
  }
}

function signInForm(app, then, note = '') {
  const input = h('input', { id: 'instructor-key', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p.form-error', { role: 'alert' }, note);
  const button = h('button.primary', { type: 'submit', id: 'instructor-signin' }, 'Sign in');
  fill(
    app,
    h(
      'section.cell.instructor-signin',
      h(
        'form.cell-body',
        {
          onsubmit: async (e) => {
            e.preventDefault();
            button.disabled = true;
            try {
              const s = await call('POST', '/api/v1/instructor/session', { key: input.value });
              setInstructorToken(s.token);
              then();
            } catch (err) {
              error.textContent = err.message;
              button.disabled = false;
            }
          },
        },
        h('h1', 'Instructor sign-in'),
        h('p.muted', 'The instructor key from this server’s grader-config (server.instructorKeys). In an LMS, launch as an instructor instead.'),
        h('label', { for: 'instructor-key' }, 'Instructor key'),
        input,
        error,
        h('div.dialog-actions', button),
      ),
    ),
  );
  input.focus();
}

// ---------------------------------------------------------------- re-grading

/** Starts a re-grading and shows "Re-graded n of m" in `where` until it is done; then calls `after`. */
async function regrade(body, where, after) {
  where.classList.remove('finished');
  fill(where, 'Starting the re-grade…');
  let r;
  try {
    r = await call('POST', '/api/v1/regrades', body);
  } catch (e) {
    fill(where, h('span.bad', e.message));
    return;
  }
  for (;;) {
    const p = await call('GET', r.progress);
    fill(where, h('progress', { max: p.total || 1, value: p.done }), ` Re-graded ${p.done} of ${p.total}`);
    where.dataset.done = String(p.done);
    where.dataset.total = String(p.total);
    if (p.done >= p.total) break;
    await new Promise((res) => setTimeout(res, 400));
  }
  where.classList.add('finished');
  // The view is drawn again with the new scores; it keeps the finished progress line.
  after?.(where.cloneNode(true));
}

/** The progress line of a view: empty, or the finished one of the re-grading that drew the view again. */
function progressLine(finished) {
  return finished ?? h('p.regrade-progress', { id: 'regrade-progress', 'aria-live': 'polite' });
}

// ---------------------------------------------------------------- table

async function tableView(app, finished) {
  const book = await call('GET', '/api/v1/gradebook?format=json');
  const state = { sort: 'student', dir: 1, filter: '', page: 0 };
  const table = h('div.gradebook-scroll');
  const pager = h('div.pager');
  const progress = progressLine(finished);
  const filter = h('input', { id: 'gradebook-filter', type: 'search', placeholder: 'Filter students…', 'aria-label': 'Filter students' });
  filter.addEventListener('input', () => {
    state.filter = filter.value.trim().toLowerCase();
    state.page = 0;
    draw();
  });
  // The CSV's column layout: this grader's own, or what Canvas's or Moodle's grade import reads.
  const layout = h(
    'select',
    { id: 'csv-layout', 'aria-label': 'CSV layout' },
    h('option', { value: 'generic' }, 'CSV'),
    h('option', { value: 'canvas' }, 'Canvas CSV'),
    h('option', { value: 'moodle' }, 'Moodle CSV'),
  );
  const download = h('a.button.secondary', { id: 'csv-download', href: '#', download: 'gradebook.csv' }, 'Download');
  download.addEventListener('click', async (e) => {
    if (download.dataset.ready) return; // the second, synthetic click follows the blob URL
    e.preventDefault();
    download.download = layout.value === 'generic' ? 'gradebook.csv' : `gradebook-${layout.value}.csv`;
    const res = await fetch(`/api/v1/gradebook?format=csv&csvFormat=${layout.value}`, { headers: { Authorization: `Bearer ${token()}` } });
    const blob = await res.blob();
    download.href = URL.createObjectURL(blob);
    download.dataset.ready = '1';
    download.click();
    delete download.dataset.ready;
  });

  const value = (row, ex) => row.exercises[ex]?.best ?? -1;
  function rows() {
    const list = book.students.filter((s) => !state.filter || s.student.toLowerCase().includes(state.filter));
    list.sort((a, b) =>
      state.sort === 'student' ? state.dir * a.student.localeCompare(b.student) : state.dir * (value(a, state.sort) - value(b, state.sort)),
    );
    return list;
  }
  function sortButton(key, label) {
    const active = state.sort === key;
    return h(
      'button.link.sort',
      {
        type: 'button',
        'data-sort': key,
        'aria-sort': active ? (state.dir > 0 ? 'ascending' : 'descending') : 'none',
        onclick: () => {
          state.dir = active ? -state.dir : key === 'student' ? 1 : -1;
          state.sort = key;
          draw();
        },
      },
      label,
      active ? (state.dir > 0 ? ' ▲' : ' ▼') : '',
    );
  }
  function draw() {
    const all = rows();
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    const shown = all.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
    fill(
      table,
      h(
        'table.gradebook',
        { id: 'gradebook' },
        h('thead', h('tr', h('th', sortButton('student', 'Student')), book.exercises.map((e) => h('th', { 'data-exercise': e.id }, sortButton(e.id, e.title), h('code.gb-id', e.id))))),
        h(
          'tbody',
          shown.map((s) =>
            h(
              'tr',
              { 'data-student': s.student },
              h('th', { scope: 'row' }, s.student),
              book.exercises.map((e) => {
                const c = s.exercises[e.id];
                if (!c) return h('td.empty', { 'data-exercise': e.id }, '—');
                const full = c.best !== null && c.best >= c.maxScore && c.maxScore > 0;
                return h(
                  'td',
                  { 'data-exercise': e.id },
                  h(
                    'a.gb-cell',
                    { href: `#/gradebook/s/${esc(s.student)}/${esc(e.id)}` },
                    h(`span.gb-best${full ? '.full' : ''}`, { title: 'best score' }, c.best === null ? '…' : `${points(c.best)} / ${points(c.maxScore)}`),
                    h('span.gb-meta', `latest ${points(c.latest)} · ${c.attempts} attempt${c.attempts === 1 ? '' : 's'}`),
                    h('span.gb-meta', statusBadge(c.status, c.latest, c.maxScore), ' ', when(c.lastSubmittedAt)),
                  ),
                );
              }),
            ),
          ),
        ),
      ),
    );
    fill(
      pager,
      h('button.ghost', { type: 'button', id: 'page-prev', disabled: state.page === 0, onclick: () => { state.page--; draw(); } }, '← Previous'),
      h('span.muted', { id: 'page-info' }, `Page ${state.page + 1} of ${pages} · ${all.length} student${all.length === 1 ? '' : 's'}`),
      h('button.ghost', { type: 'button', id: 'page-next', disabled: state.page >= pages - 1, onclick: () => { state.page++; draw(); } }, 'Next →'),
    );
  }
  draw();

  const stats = book.exercises.map((e) => {
    const most = Math.max(1, ...e.distribution.map((b) => b.students));
    return h(
      'section.cell.exercise-stats',
      { 'data-exercise': e.id },
      h('header.cell-head', h('span.cell-label', e.title, ' ', h('code.gb-id', e.id)), h('div.cell-head-right', h('button.secondary', { type: 'button', 'data-regrade-exercise': e.id, onclick: () => regrade({ exerciseId: e.id }, progress, (done) => tableView(app, done)) }, 'Re-grade all'))),
      h(
        'div.cell-body.stats-body',
        h(
          'figure.distribution',
          h('figcaption.muted', 'Latest score of each student'),
          h(
            'div.bars',
            e.distribution.map((b) =>
              h('div.bar-col', { title: `${b.students} student(s) at ${b.fromPercent}–${b.toPercent} %` }, h('span.bar-n', String(b.students)), h('span.bar', { style: `height:${(b.students / most) * 60}px` }), h('span.bar-label', `${b.fromPercent}–${b.toPercent}%`)),
            ),
          ),
        ),
        h(
          'div.most-failed',
          h('p.muted', 'Checks failed most often'),
          e.mostFailedChecks.length
            ? h('ol', e.mostFailedChecks.map((c) => h('li', { 'data-check': c.check }, c.title ?? c.check, ' ', h('code.check-id', c.check), ` — ${c.students} student${c.students === 1 ? '' : 's'}`)))
            : h('p.muted', 'None failed yet.'),
        ),
      ),
    );
  });

  fill(
    app,
    h('div.exercise-head', h('div', h('p.eyebrow', 'Instructor'), h('h1', 'Gradebook')), h('div.gb-actions', filter, layout, download, h('a.button.ghost', { href: '/api/v1/gradebook?format=json', id: 'json-link', onclick: async (e) => { e.preventDefault(); const data = await call('GET', '/api/v1/gradebook?format=json'); const a = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })), download: 'gradebook.json' }); a.click(); } }, 'JSON'))),
    progress,
    book.students.length ? table : h('p.placeholder', { id: 'gradebook-empty' }, 'No submissions yet.'),
    book.students.length ? pager : null,
    h('div.stats-grid', stats),
  );
}

// ---------------------------------------------------------------- one student on one exercise

async function studentView(app, student, exercise, finished) {
  const list = h('table.history', { id: 'student-submissions' }, h('thead', h('tr', h('th', 'Submitted'), h('th', 'Status'), h('th.num', 'Score'), h('th', ''))));
  const body = h('tbody');
  list.append(body);
  const more = h('button.ghost', { type: 'button', id: 'more-submissions' }, 'Older submissions');
  const progress = progressLine(finished);
  let cursor = null;
  async function load() {
    const page = await call('GET', `/api/v1/gradebook/submissions?student=${esc(student)}&exercise=${esc(exercise)}&limit=20${cursor ? `&cursor=${esc(cursor)}` : ''}`);
    for (const s of page.items) {
      const st = s.status === 'done' ? s.gradeStatus : s.status;
      body.append(
        h(
          'tr',
          { 'data-submission': s.id },
          h('td', { title: s.createdAt }, when(s.createdAt)),
          h('td', statusBadge(st, s.score, s.maxScore)),
          h('td.num', s.score === undefined ? '…' : `${points(s.score)} / ${points(s.maxScore)}`),
          h('td.num', h('a', { href: `#/gradebook/sub/${esc(s.id)}` }, 'View')),
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener('click', load);
  fill(
    app,
    h('div.exercise-head', h('div', h('p.eyebrow', 'Submissions'), h('h1', student), h('code.muted', exercise)), h('div.gb-actions', h('button.secondary', { type: 'button', id: 'regrade-student', onclick: () => regrade({ student, exerciseId: exercise }, progress, (done) => studentView(app, student, exercise, done)) }, 'Re-grade these'))),
    progress,
    h('section.cell', h('div.cell-body', list, more)),
  );
  await load();
}

// ---------------------------------------------------------------- one submission

async function submissionView(app, id, finished) {
  const [s, f] = await Promise.all([call('GET', `/api/v1/submissions/${esc(id)}`), call('GET', `/api/v1/submissions/${esc(id)}/files`)]);
  const r = s.result;
  const progress = progressLine(finished);
  const source = Object.entries(f.files).map(([name, text]) => h('figure.source', h('figcaption', h('code', name)), h('pre.source-code', { id: 'source-code' }, text)));
  const runs = (r?.runs ?? []).map((run) =>
    h(
      'div.run.has-lines',
      { 'data-run': run.name },
      h('div.run-head', h('span.run-name', run.name), h('code.run-args', `java Main ${(run.args ?? []).join(' ')}`), run.hidden ? h('span.chip', 'hidden') : null),
      h('div.lines', (run.lines ?? []).map((l) => h(`div.line.${l.stream === 'err' ? 'err' : 'out'}`, h('span.t', seconds(l.t)), h('span.text', l.text)))),
    ),
  );
  const checks = (r?.checks ?? []).map((c) =>
    h(`li.check.${c.passed ? 'pass' : 'fail'}`, { 'data-check': c.name }, h('span.check-icon', c.passed ? '✓' : '✗'), h('span.check-name', c.title ?? c.name), c.run ? h('span.check-run', `on run ${c.run}`) : null, h('span.check-points', `${points(c.points)} / ${points(c.maxPoints)}`), c.feedback && !c.passed ? h('p.check-feedback', c.feedback) : null),
  );
  const timelines = (r?.runs ?? []).filter((run) => (run.tasks ?? []).length).map((run) => h('figure.timeline-figure', h('figcaption', h('span.run-name', run.name)), h('div.timeline-scroll', timelineSvg([{ title: s.student, tone: 'student', run }]))));
  fill(
    app,
    h(
      'div.exercise-head',
      h('div', h('p.eyebrow', `${s.student} · ${s.exerciseId}`), h('h1', { id: 'submission-score' }, r ? `${points(r.score)} / ${points(r.maxScore)}` : STATUS_WORDS[s.status] ?? s.status), h('span.muted', when(s.createdAt))),
      h('div.gb-actions', h('a.button.ghost', { href: `#/gradebook/s/${esc(s.student)}/${esc(s.exerciseId)}` }, 'All submissions'), h('button.secondary', { type: 'button', id: 'regrade-submission', onclick: () => regrade({ submissionId: id }, progress, (done) => submissionView(app, id, done)) }, 'Re-grade')),
    ),
    progress,
    h(
      'div.notebook',
    h('section.cell', h('header.cell-head', h('span.cell-label', 'Source code')), h('div.cell-body', source)),
    h('section.cell', h('header.cell-head', h('span.cell-label', 'Checks')), h('div.cell-body', r ? [(r.feedback ?? []).length ? h(`ul.feedback${(r.checks ?? []).every((c) => c.passed) ? '.calm' : ''}`, r.feedback.map((x) => h('li', x))) : null, h('ol.checks', { id: 'checks' }, checks)] : h('p.placeholder', 'Not graded yet.'))),
    h('section.cell', h('header.cell-head', h('span.cell-label', 'Output')), h('div.output', runs)),
    timelines.length ? h('section.cell', h('header.cell-head', h('span.cell-label', 'Timeline')), h('div.cell-body', timelines)) : null,
    ),
  );
}
