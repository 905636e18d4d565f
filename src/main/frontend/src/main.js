// The browser page of async-grader: exercise list, and per exercise a notebook of cells (prompt, code,
// output, result, timeline, history) fed by the REST API and its Server-Sent Events.
import { api, follow, launch, session, signIn, storage } from './api.js';

/** Student text without Java exception class names ("AssertionFailedError: expected …" → "expected …"). */
const plain = (text) => String(text ?? '').replace(/\b(?:[\w$]+\.)*[A-Z]\w*(?:Error|Exception):\s*/g, '');
import { fill, h, points, seconds, STATUS_WORDS, statusBadge, when } from './dom.js';
import { createEditor } from './editor.js';
import { setInstructorToken, showGradebook } from './gradebook.js';
import { maxInFlight, runSpan, timelineSvg } from './timeline.js';

const app = document.getElementById('app');
const crumbs = document.getElementById('crumbs');
const who = document.getElementById('who');
const PHASES = ['queued', 'compiling', 'running', 'testing', 'checking', 'done'];
const draftKey = (id) => `async-grader.draft.${session.get()?.student ?? ''}.${id}`;

let page = null; // the open exercise page, with its cleanup

// ---------------------------------------------------------------- sign-in

let signInWaiters = [];

function renderWho() {
  const s = session.get();
  fill(
    who,
    s
      ? [
          h('span.who-avatar', { 'aria-hidden': 'true' }, (s.name ?? s.student ?? '?').slice(0, 1).toUpperCase()),
          h('span.who-name', { id: 'student-name', title: 'Signed in as this student' }, s.name ?? s.student),
          launch ? null : h('button.link', { type: 'button', onclick: () => askStudent(true) }, 'Switch'),
        ]
      : h('button.link', { type: 'button', onclick: () => askStudent(true) }, 'Sign in'),
  );
}

/**
 * Shared computers: when another student signs in, the previous one's drafts leave this browser's storage and
 * the page is drawn again, so no code, output or result of theirs stays on screen.
 */
function forgetStudent(previous) {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`async-grader.draft.${previous}.`)) localStorage.removeItem(key);
    }
  } catch {
    // No storage (e.g. inside an LMS iframe): nothing was kept there.
  }
  route();
}

/** Asks for the student id once (a modal); resolves with the session. */
function askStudent(force = false) {
  const existing = session.get();
  if (existing && !force) return Promise.resolve(existing);
  return new Promise((resolve) => {
    signInWaiters.push(resolve);
    if (document.getElementById('signin')) return;
    const input = h('input', {
      id: 'student-id',
      name: 'student',
      autocomplete: 'username',
      placeholder: 'e.g. alice',
      required: true,
      spellcheck: 'false',
      value: existing?.student ?? '',
    });
    const error = h('p.form-error', { role: 'alert' });
    const button = h('button.primary', { type: 'submit', id: 'signin-continue' }, 'Continue');
    const dialog = h(
      'dialog.signin',
      { id: 'signin', 'aria-labelledby': 'signin-title' },
      h(
        'form',
        {
          method: 'dialog',
          onsubmit: async (e) => {
            e.preventDefault();
            button.disabled = true;
            error.textContent = '';
            try {
              const previous = session.get()?.student;
              const s = await signIn(input.value.trim());
              if (previous && previous !== s.student) forgetStudent(previous);
              dialog.close();
              dialog.remove();
              renderWho();
              const waiters = signInWaiters;
              signInWaiters = [];
              waiters.forEach((w) => w(s));
              window.dispatchEvent(new CustomEvent('signed-in'));
            } catch (err) {
              error.textContent = err.message;
              button.disabled = false;
              input.focus();
            }
          },
        },
        h('div.signin-mark', 'ag'),
        h('h2', { id: 'signin-title' }, 'Who is working?'),
        h('p.muted', 'Your student id (your login name). Your submissions are kept under it; this browser remembers it.'),
        h('label', { for: 'student-id' }, 'Student id'),
        input,
        error,
        h('div.dialog-actions', existing ? h('button.ghost', { type: 'button', onclick: () => dialog.close() }, 'Cancel') : null, button),
      ),
    );
    dialog.addEventListener('close', () => dialog.remove());
    dialog.addEventListener('cancel', (e) => {
      if (!session.get()) e.preventDefault();
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

// ---------------------------------------------------------------- routing

/** An instructor's view: #/gradebook…, or ?view=instructor as an LMS launch opens it. */
function instructorView() {
  return location.hash.startsWith('#/gradebook') || new URLSearchParams(location.search).get('view') === 'instructor';
}

/** An instructor's LMS launch (LTI injects graderLaunch; an embedding page may set asyncGraderLaunch). */
const instructorLaunch = [window.asyncGraderLaunch, globalThis.graderLaunch].find((l) => l?.role === 'instructor') ?? null;

function route() {
  page?.close();
  page = null;
  if (instructorView()) {
    fill(who, h('span.who-name', instructorLaunch?.name ? `${instructorLaunch.name} · instructor` : 'Instructor'));
    showGradebook(app, crumbs, location.hash.startsWith('#/gradebook') ? location.hash : '#/gradebook');
    return;
  }
  renderWho();
  const m = /^#\/e\/([^/]+)$/.exec(location.hash);
  if (m) showExercise(decodeURIComponent(m[1]));
  else showList();
}

function errorCell(message) {
  return h('section.cell.cell-error', h('div.cell-body', h('p', message), h('a', { href: '#/' }, 'Back to the exercises')));
}

// ---------------------------------------------------------------- exercise list

async function showList() {
  document.title = 'Exercises · async-grader';
  fill(crumbs, h('span.crumb-current', 'Exercises'));
  const grid = h('div.exercise-grid', { id: 'exercise-list' }, h('p.muted.loading', 'Loading exercises…'));
  fill(
    app,
    h(
      'section.hero',
      h('h1', 'Concurrency exercises'),
      h(
        'p.lead',
        'Write Java that waits well. Each exercise runs your program with the example from its prompt and with hidden arguments, stamps every line it prints, and checks what came out, in what order and when.',
      ),
    ),
    grid,
  );
  let exercises;
  try {
    exercises = await api.exercises();
  } catch (e) {
    fill(grid, h('p.form-error', e.message));
    return;
  }
  const best = new Map();
  if (session.get()) {
    try {
      for (const s of await api.history()) {
        if (s.score === undefined || s.score === null) continue;
        const b = best.get(s.exerciseId);
        if (!b || s.score > b.score) best.set(s.exerciseId, s);
      }
    } catch {
      // The list is useful without scores.
    }
  }
  fill(
    grid,
    exercises.map((e, i) => {
      const b = best.get(e.id);
      const full = b && b.score >= b.maxScore;
      return h(
        'a.exercise-card',
        { href: `#/e/${encodeURIComponent(e.id)}`, 'data-exercise': e.id },
        h('span.card-index', String(i + 1).padStart(2, '0')),
        h('span.card-title', e.title),
        h('code.card-id', e.id),
        e.description ? h('span.card-description', e.description) : null,
        e.difficulty ? h(`span.card-difficulty.difficulty-${e.difficulty}`, e.difficulty) : null,
        h(
          'span.card-foot',
          h('span', `${points(e.maxPoints)} points`),
          b
            ? h(`span.card-best${full ? '.full' : ''}`, full ? '✓ ' : '', `best ${points(b.score)} / ${points(b.maxScore)}`)
            : h('span.card-open', 'Open →'),
        ),
      );
    }),
  );
}

// ---------------------------------------------------------------- exercise page

function cell(kind, label, ...children) {
  return h(`section.cell.cell-${kind}`, { id: `cell-${kind}`, 'aria-label': label }, ...children);
}

function cellHead(label, ...right) {
  return h('header.cell-head', h('span.cell-label', label), h('div.cell-head-right', ...right));
}

async function showExercise(id) {
  fill(crumbs, h('a', { href: '#/' }, 'Exercises'), h('span.crumb-sep', '/'), h('span.crumb-current', id));
  fill(app, h('p.muted.loading', 'Loading exercise…'));
  let exercise;
  try {
    exercise = await api.exercise(id);
  } catch (e) {
    fill(app, errorCell(e.message));
    return;
  }
  document.title = `${exercise.title} · async-grader`;
  fill(crumbs, h('a', { href: '#/' }, 'Exercises'), h('span.crumb-sep', '/'), h('span.crumb-current', exercise.title));

  const state = { exercise, stop: null, busy: false, reference: null, lastRuns: null, selected: null };
  const closers = [];
  page = {
    close() {
      state.stop?.();
      closers.forEach((c) => c());
    },
  };

  // Prompt
  const prompt = h('div.prose');
  prompt.innerHTML = exercise.promptHtml; // rendered by the server from Markdown with HTML escaped
  const examples = exercise.exampleRuns.map((r) => h('code.argline', `java Main ${r.args.join(' ')}`));
  const promptToggle = h('button.link', { type: 'button', id: 'prompt-toggle', 'aria-expanded': 'true' }, 'Collapse');
  const promptCell = cell(
    'prompt',
    'Prompt',
    cellHead(
      'Prompt',
      h('span.chip', `${points(exercise.maxPoints)} points`),
      h('span.chip', `${exercise.checks.length} checks`),
      h('span.chip', `${exercise.exampleRuns.length} example + ${exercise.hiddenRuns} hidden runs`),
      promptToggle,
    ),
    h('div.cell-body', prompt),
  );

  promptToggle.addEventListener('click', () => {
    const collapsed = promptCell.classList.toggle('collapsed');
    promptToggle.textContent = collapsed ? 'Expand' : 'Collapse';
    promptToggle.setAttribute('aria-expanded', String(!collapsed));
  });

  // Code
  const fileName = Object.keys(exercise.starterFiles)[0] ?? 'Main.java';
  const starter = exercise.starterFiles[fileName] ?? '';
  const editorHost = h('div.editor', { id: 'editor' });
  const runButton = h('button.secondary', { type: 'button', id: 'run-button', title: 'Run the example (Ctrl+Enter)' }, h('span.icon-play', { 'aria-hidden': 'true' }), 'Run');
  const submitButton = h('button.primary', { type: 'button', id: 'submit-button', title: 'Submit for grading (Ctrl+Shift+Enter)' }, 'Submit');
  const resetButton = h('button.ghost', { type: 'button', id: 'reset-button', title: 'Put the starter code back (Ctrl+Z undoes it)' }, 'Reset');
  const stopButton = h('button.danger', { type: 'button', id: 'stop-button', hidden: true, title: 'Stop the running program' }, '■ Stop');
  const countdown = h('span.countdown', { id: 'countdown', 'aria-live': 'off' });
  const phase = h('div.phases', { id: 'phase', 'aria-live': 'polite' });
  const progressLine = h('span.progress-line', { id: 'progress-line', 'aria-live': 'polite' });
  const codeCell = cell(
    'code',
    'Code',
    cellHead(
      'Code',
      h('span.file-tab', fileName),
      h('span.spacer'),
      h('span.kbd-hint', h('kbd', 'Ctrl'), '+', h('kbd', 'Enter'), ' run'),
      resetButton,
      countdown,
      stopButton,
      runButton,
      submitButton,
    ),
    editorHost,
  );

  // Output, result, timeline, history
  const outputBody = h('div.output', { id: 'output' }, h('p.placeholder', 'Run your program (the example from the prompt) or submit it: its output appears here line by line, with the time of each line since the first.'));
  const outputTitle = h('span.cell-sub', { id: 'output-title' });
  const outputCell = cell('output', 'Output', cellHead('Output', outputTitle, h('span.spacer'), progressLine, phase), outputBody);
  const resultBody = h('div.cell-body', { id: 'result' }, h('p.placeholder', 'Submit to have your program graded: every check with its points and what to fix.'));
  const resultCell = cell('result', 'Result', cellHead('Result', h('span.cell-sub', { id: 'result-title' })), resultBody);
  const timelineBody = h('div.cell-body', { id: 'timeline' }, h('p.placeholder', 'Loading the reference solution’s timeline…'));
  const timelineCell = cell('timeline', 'Timeline', cellHead('Timeline', h('span.cell-sub', 'each task from its start line to its end line')), timelineBody);
  const historyBody = h('div.cell-body', { id: 'history' });
  const historyCell = cell('history', 'Submissions', cellHead('Your submissions', h('button.link', { type: 'button', onclick: () => loadHistory() }, 'Refresh')), historyBody);

  fill(
    app,
    h(
      'div.exercise-head',
      h('div', h('p.eyebrow', 'Exercise'), h('h1', exercise.title), h('code.muted', exercise.id)),
      h('div.exercise-args', examples),
    ),
    h('div.notebook', promptCell, codeCell, outputCell, resultCell, timelineCell, historyCell),
  );

  const editor = createEditor(editorHost, {
    doc: storage.get(draftKey(id)) ?? starter,
    onRun: () => start('run'),
    onSubmit: () => start('grade'),
    onChange: (text) => {
      if (text === starter) storage.remove(draftKey(id));
      else storage.set(draftKey(id), text);
    },
  });
  closers.push(() => editor.view.destroy());
  runButton.addEventListener('click', () => start('run'));
  submitButton.addEventListener('click', () => start('grade'));
  resetButton.addEventListener('click', () => {
    editor.setText(starter);
    editor.showErrors([]);
  });

  // ---- phases
  let timer = null;
  function stopCountdown() {
    clearInterval(timer);
    timer = null;
    fill(countdown);
  }
  closers.push(stopCountdown);
  /** Counts down to the time limit of the run that is going on (each run has the exercise's limit). */
  function startCountdown() {
    stopCountdown();
    const limit = (exercise.wallSeconds ?? 0) * 1000;
    if (!limit) return;
    const begun = performance.now();
    const tick = () => {
      const left = Math.max(0, limit - (performance.now() - begun));
      fill(countdown, h('span.muted', 'time limit '), `${(left / 1000).toFixed(1)} s`);
      countdown.classList.toggle('low', left < limit * 0.2);
    };
    tick();
    timer = setInterval(tick, 100);
  }

  function showProgress(d) {
    if ((d.status === 'running' || d.status === 'testing') && d.runs) {
      fill(progressLine, `${d.status === 'testing' ? 'test run' : 'run'} ${d.run} of ${d.runs}`);
    } else if (d.status === 'running' || d.status === 'testing') {
      fill(progressLine, d.status === 'testing' ? 'hidden tests' : '');
    } else {
      fill(progressLine);
    }
    const key = `${d.status}:${d.run ?? ''}`;
    if ((d.status === 'running' || d.status === 'testing') && key !== showProgress.last) startCountdown();
    if (d.status !== 'running' && d.status !== 'testing') stopCountdown();
    showProgress.last = key;
  }

  function showPhase(current, kind) {
    if (!current) {
      fill(phase);
      fill(progressLine);
      stopCountdown();
      return;
    }
    const at = PHASES.indexOf(current);
    fill(
      phase,
      h('span.phase-kind', kind === 'run' ? 'Scratch run' : 'Submission'),
      PHASES.map((p, i) =>
        h(
          `span.phase${i < at || current === 'done' ? '.past' : i === at ? '.now' : ''}`,
          { 'data-phase': p },
          i === at && current !== 'done' ? h('span.spinner', { 'aria-hidden': 'true' }) : null,
          STATUS_WORDS[p],
        ),
      ),
    );
  }

  // ---- output
  const runArgs = new Map(exercise.exampleRuns.map((r) => [r.name, r.args]));
  let runSections = new Map();

  function clearOutput() {
    runSections = new Map();
    fill(outputBody);
  }

  function runSection(name, hidden) {
    let sec = runSections.get(name);
    if (!sec) {
      const args = runArgs.get(name);
      const meta = h('span.run-meta');
      const lines = h('div.lines');
      const el = h(
        `div.run${hidden ? '.hidden-run' : ''}`,
        { 'data-run': name },
        h(
          'div.run-head',
          h('span.run-name', name),
          hidden ? h('span.run-args.muted', 'hidden run: its arguments and output are not shown') : h('code.run-args', `java Main ${(args ?? []).join(' ')}`),
          h('span.spacer'),
          meta,
        ),
        lines,
      );
      outputBody.querySelector('.placeholder')?.remove();
      outputBody.append(el);
      sec = { el, lines, meta, count: 0 };
      runSections.set(name, sec);
    }
    return sec;
  }

  function addLine(run, line) {
    const sec = runSection(run, false);
    sec.count++;
    sec.lines.append(
      h(
        `div.line.${line.stream === 'err' ? 'err' : 'out'}`,
        h('span.t', seconds(line.t)),
        h('span.text', line.text === '' ? '\u00a0' : line.text),
      ),
    );
    if (sec.count > 0) sec.el.classList.add('has-lines');
  }

  function finishOutput(result) {
    for (const r of result.runs ?? []) {
      const sec = runSection(r.name, r.hidden);
      if (!r.hidden && sec.count === 0) {
        // Nothing was streamed (e.g. a result shown from history): the stored lines.
        for (const line of r.lines ?? []) addLine(r.name, line);
        if (!(r.lines ?? []).length) sec.lines.append(h('div.line.none', h('span.t', ''), h('span.text.muted', 'no output')));
      }
      const outcome =
        r.outcome === 'exited' ? `exit ${r.exitCode}` : r.outcome === 'timed_out' ? 'timed out' : (r.outcome ?? '').replaceAll('_', ' ');
      fill(
        sec.meta,
        h(`span.run-outcome${r.outcome === 'exited' && r.exitCode === 0 ? '.ok' : '.bad'}`, outcome),
        ` · ${seconds(r.durationMs ?? runSpan(r))}`,
        r.truncated ? ' · output cut' : '',
      );
    }
    if (result.status === 'compile_error' && !(result.runs ?? []).length) {
      outputBody.querySelector('.placeholder')?.remove();
      outputBody.append(h('p.placeholder.bad', 'It did not compile, so it did not run. The errors are marked in the editor.'));
    }
  }

  // ---- result
  // Checks are titled in the exercise's plain words ("All tasks start before any finishes"), the name beside.
  const titles = new Map((exercise.checks ?? []).map((c) => [c.name, c.title ?? c.name]));
  const title = (c) => c.title ?? titles.get(c.name) ?? c.name;

  /** `shared`: feedback said once above the list (e.g. "does not compile"), not repeated on each check. */
  function renderChecks(checks, shared = new Set()) {
    return h(
      'ol.checks',
      { id: 'checks' },
      checks.map((c) => {
        // `outcome` (passed, failed, not_run) where the grader sends it; else from `passed`.
        const outcome = c.outcome ?? (c.passed ? 'passed' : 'failed');
        const cls = outcome === 'passed' ? 'pass' : outcome === 'not_run' ? 'notrun' : 'fail';
        const icon = outcome === 'passed' ? '✓' : outcome === 'not_run' ? '–' : '✗';
        const label = outcome === 'passed' ? 'passed' : outcome === 'not_run' ? 'not run' : 'failed';
        return h(
          `li.check.${cls}`,
          { 'data-check': c.name, 'data-outcome': outcome },
          h('span.check-icon', { 'aria-label': label }, icon),
          h('span.check-name', title(c), title(c) !== c.name ? h('code.check-id', c.name) : null),
          c.run && outcome === 'failed' ? h('span.check-run', `on run ${c.run}`) : null,
          outcome === 'not_run' ? h('span.check-run', 'not run') : null,
          h('span.check-points', `${points(c.points)} / ${points(c.maxPoints)}`),
          c.feedback && outcome === 'failed' && !shared.has(c.feedback) ? h('p.check-feedback', plain(c.feedback)) : null,
        );
      }),
    );
  }

  /** Shows a result; `live` marks its compile errors in the editor (a past submission's code may differ). */
  function renderResult(result, kind, live = true) {
    const checks = result.checks ?? [];
    const seen = new Map();
    for (const c of checks) if (c.outcome !== 'not_run' && !c.passed && c.feedback) seen.set(c.feedback, (seen.get(c.feedback) ?? 0) + 1);
    const shared = new Set([...seen].filter(([, n]) => n > 1).map(([f]) => f));
    const checkFeedback = new Set([...seen.keys()].filter((f) => !shared.has(f)));
    const feedback = [...new Set([...(result.feedback ?? []), ...shared])].filter((f) => !checkFeedback.has(f));
    const errors = result.compileErrors ?? [];
    const full = result.status === 'graded' && result.score >= result.maxScore;
    const ratio = result.maxScore ? Math.max(0, Math.min(1, result.score / result.maxScore)) : 0;
    const status =
      kind === 'run' && result.status === 'graded'
        ? h('span.badge.status-graded', 'Checked')
        : statusBadge(result.status, result.score, result.maxScore);
    const diagnosis = full || kind === 'run' ? null : diagnose(result, checks);
    const head =
      kind === 'run'
        ? h(
            'div.score-head',
            h('div.score-note', h('strong', 'Scratch run'), ' — the example run only, not scored. Submit to be graded on the hidden runs too.'),
            status,
          )
        : h(
            'div.score-head',
            h('div.score', { id: 'score' }, h('span.score-big', points(result.score)), h('span.score-of', `/ ${points(result.maxScore)}`)),
            h(
              'div.score-side',
              h('div.meter', h(`div.meter-fill${full ? '.full' : ratio >= 0.5 ? '.mid' : '.low'}`, { style: `width:${(ratio * 100).toFixed(1)}%` })),
              h('div.score-meta', status, result.gradingMillis ? h('span.muted', `graded in ${seconds(result.gradingMillis)}`) : null),
            ),
          );
    fill(
      resultBody,
      head,
      full && kind !== 'run' ? h('p.banner.success', { id: 'full-marks' }, 'Full marks. Every check passed on every run, hidden ones included.') : null,
      diagnosis ? h('p.diagnosis', { id: 'diagnosis' }, diagnosis) : null,
      // A compile error is said once: by the list of errors below, not again as feedback.
      feedback.length && !full && !errors.length
        ? h(`ul.feedback${checks.some((c) => (c.outcome ?? (c.passed ? 'passed' : 'failed')) === 'failed') ? '' : '.calm'}`, feedback.filter((f) => plain(f) !== diagnosis).map((f) => h('li', plain(f))))
        : null,
      errors.length
        ? h(
            'div.compile-errors',
            { id: 'compile-errors' },
            h('h3', `${errors.length} compile error${errors.length > 1 ? 's' : ''}`),
            h(
              'ul',
              errors.map((e) =>
                h(
                  'li',
                  h('button.link.mono', { type: 'button', onclick: () => editor.goTo(e.line) }, `${e.file}:${e.line}:${e.column}`),
                  h('span', e.message),
                ),
              ),
            ),
          )
        : null,
      checks.length && !errors.length ? renderChecks(checks, shared) : null,
    );
    if (live) editor.showErrors(errors.filter((e) => !e.file || e.file === fileName));
  }

  /** The one sentence that explains most failures, shown above the checks: the timeline's, else the commonest. */
  function diagnose(result, checks) {
    if ((result.compileErrors ?? []).length) return null;
    const visible = (result.runs ?? []).filter((r) => !r.hidden && (r.tasks ?? []).length >= 2);
    for (const run of visible) {
      if (maxInFlight(run.tasks) <= 1) {
        const ref = (state.reference?.runs ?? []).find((r) => r.name === run.name);
        return `Your tasks ran one after another: ${seconds(runSpan(run))}${ref ? ` instead of about ${seconds(runSpan(ref))}` : ''}. Start them all before waiting for any.`;
      }
    }
    const counts = new Map();
    for (const c of checks) if (!c.passed && c.feedback) counts.set(plain(c.feedback), (counts.get(plain(c.feedback)) ?? 0) + 1);
    const [top] = [...counts].sort((a, b) => b[1] - a[1]);
    if (top && top[1] > 1) return top[0];
    return (result.feedback ?? []).length ? plain(result.feedback[0]) : null;
  }

  // ---- timeline
  function renderTimeline() {
    const refRuns = state.reference?.runs ?? [];
    const mine = (state.lastRuns ?? []).filter((r) => !r.hidden);
    const names = mine.length ? mine.map((r) => r.name) : refRuns.filter((r) => !r.hidden).map((r) => r.name);
    if (!names.length) {
      if (state.reference?.error) fill(timelineBody, h('p.placeholder.bad', state.reference.error));
      return;
    }
    fill(
      timelineBody,
      names.map((name) => {
        const my = mine.find((r) => r.name === name);
        const ref = refRuns.find((r) => r.name === name);
        const groups = [
          { title: 'Your program', tone: 'student', run: my },
          { title: 'Reference solution', tone: 'reference', run: ref },
        ];
        return h(
          'figure.timeline-figure',
          { 'data-run': name },
          h('figcaption', h('span.run-name', name), h('code.run-args', `java Main ${(runArgs.get(name) ?? []).join(' ')}`)),
          h('div.timeline-scroll', timelineSvg(groups)),
          h(
            'div.legend',
            my ? h('span.key.key-student', 'Your program') : h('span.muted', 'Run or submit to see your program here.'),
            ref ? h('span.key.key-reference', 'Reference solution') : state.reference?.error ? h('span.bad', state.reference.error) : h('span.muted', 'Reference loading…'),
          ),
          insight(my, ref),
        );
      }),
    );
  }

  function insight(my, ref) {
    if (!my) return null;
    const tasks = my.tasks ?? [];
    const mySpan = runSpan(my);
    const refSpan = ref ? runSpan(ref) : null;
    const refText = refSpan ? `; the reference solution took ${seconds(refSpan)}` : '';
    if (tasks.length < 2) return h('p.insight', `Your program ran for ${seconds(mySpan)}${refText}.`);
    const most = maxInFlight(tasks);
    if (most <= 1)
      return h('p.insight.bad', h('strong', 'Your tasks ran one after another'), `: ${seconds(mySpan)} in total${refText}, with its tasks at the same time.`);
    if (most >= tasks.length)
      return h('p.insight.good', h('strong', `All ${tasks.length} tasks were in flight at once`), `: ${seconds(mySpan)} in total${refText}.`);
    return h('p.insight', h('strong', `At most ${most} of ${tasks.length} tasks were in flight at once`), `: ${seconds(mySpan)} in total${refText}.`);
  }

  api
    .referenceRun(id)
    .then((r) => {
      state.reference = r;
      renderTimeline();
    })
    .catch((e) => {
      state.reference = { error: `The reference timeline is not available: ${e.message}` };
      renderTimeline();
    });

  // ---- history
  async function loadHistory() {
    if (!session.get()) {
      fill(historyBody, h('p.placeholder', 'Sign in to see your earlier submissions.'));
      return;
    }
    let list;
    try {
      list = await api.history(id);
    } catch (e) {
      fill(historyBody, h('p.placeholder.bad', e.message));
      return;
    }
    if (!list.length) {
      fill(historyBody, h('p.placeholder', { id: 'history-empty' }, 'No submissions yet for this exercise.'));
      return;
    }
    // After a reload the last result is shown again rather than an empty page.
    if (!state.shownOnce && !state.busy && !state.selected && !state.started) {
      state.shownOnce = true;
      if (list[0].status === 'done') openSubmission(list[0].id, false);
    }
    fill(
      historyBody,
      h(
        'table.history',
        { id: 'history-table' },
        h('thead', h('tr', h('th', '#'), h('th', 'Submitted'), h('th', 'Status'), h('th.num', 'Score'), h('th', ''))),
        h(
          'tbody',
          list.map((s, i) => {
            const done = s.status === 'done';
            const st = done ? s.gradeStatus : s.status;
            const full = done && s.score >= s.maxScore && s.gradeStatus === 'graded';
            return h(
              `tr${state.selected === s.id ? '.selected' : ''}`,
              { 'data-submission': s.id, tabindex: 0, onclick: () => openSubmission(s.id), onkeydown: (e) => e.key === 'Enter' && openSubmission(s.id) },
              h('td.muted', String(list.length - i)),
              h('td', { title: s.createdAt }, when(s.createdAt)),
              h('td', statusBadge(st, s.score, s.maxScore)),
              h('td.num', done ? h(`span.hist-score${full ? '.full' : ''}`, `${points(s.score)} / ${points(s.maxScore)}`) : '…'),
              h('td.num', h('span.open-link', 'View')),
            );
          }),
        ),
      ),
    );
  }

  async function loadCode(subId) {
    try {
      const f = await api.files(subId);
      const text = f.files[fileName] ?? Object.values(f.files)[0] ?? '';
      editor.setText(text);
      editorHost.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    } catch (e) {
      fill(resultBody, h('p.placeholder.bad', e.message));
    }
  }

  async function openSubmission(subId, scroll = true) {
    if (state.busy) return;
    try {
      const s = await api.submission(subId);
      if (!s.result) {
        // Still being graded: follow it live like a fresh submission.
        setBusy(true);
        clearOutput();
        fill(outputTitle, `submission of ${when(s.createdAt)}`);
        state.stop = follow(`/api/v1/submissions/${encodeURIComponent(s.id)}/events`, handlersFor('grade'));
        return;
      }
      state.selected = subId;
      state.selectedCode = null;
      clearOutput();
      showPhase(null);
      fill(outputTitle, `submission of ${when(s.createdAt)}`);
      fill(document.getElementById('result-title'), `submission of ${when(s.createdAt)}`);
      finishOutput(s.result);
      renderResult(s.result, 'grade', false);
      resultBody.prepend(
        h(
          'div.past-note',
          h('span.muted', `Submission of ${when(s.createdAt)}.`),
          h('button.link', { type: 'button', id: 'load-code', onclick: () => loadCode(subId) }, 'Put this submission’s code in the editor'),
        ),
      );
      state.lastRuns = s.result.runs;
      renderTimeline();
      loadHistory();
      if (scroll) resultCell.scrollIntoView({ behavior: 'smooth', block: 'start' });
    } catch (e) {
      fill(resultBody, h('p.placeholder.bad', e.message));
    }
  }

  // ---- run and submit
  function setBusy(b) {
    state.busy = b;
    runButton.disabled = b;
    submitButton.disabled = b;
    codeCell.classList.toggle('busy', b);
  }

  function handlersFor(kind) {
    const liveChecks = [];
    return {
      restart() {
        clearOutput();
        liveChecks.length = 0;
      },
      status: (d) => {
        showPhase(d.status, kind);
        showProgress(d);
      },
      stream: (d) => addLine(d.run, d),
      check(c) {
        const at = liveChecks.findIndex((x) => x.name === c.name && x.run === c.run);
        if (at >= 0) liveChecks[at] = c;
        else liveChecks.push(c);
        fill(resultBody, h('p.placeholder', { id: 'checks-live' }, 'Checks decided so far; the score follows when every run is done.'), renderChecks(liveChecks));
      },
      result(r) {
        showPhase('done', kind);
        showProgress({ status: 'done' });
        stopButton.hidden = true;
        state.running = null;
        finishOutput(r);
        renderResult(r, kind);
        state.lastRuns = r.runs;
        renderTimeline();
        setBusy(false);
        state.stop = null;
        // The score in view, below the sticky top bar (its scroll-margin-top), not under it.
        if (kind === 'grade') document.getElementById('score')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        if (kind === 'grade') loadHistory();
      },
      error(message) {
        stopButton.hidden = true;
        state.running = null;
        outputBody.querySelector('.placeholder')?.remove();
        outputBody.append(h('p.placeholder.bad', message));
        showPhase(null);
        setBusy(false);
        state.stop = null;
      },
    };
  }

  stopButton.addEventListener('click', async () => {
    if (!state.running) return;
    stopButton.disabled = true;
    try {
      await api.stopRun(state.running);
    } catch (e) {
      stopButton.disabled = false;
      fill(resultBody, h('p.placeholder.bad', e.message));
    }
  });

  async function start(kind) {
    if (state.busy) return;
    state.started = true;
    await askStudent();
    setBusy(true);
    state.stop?.();
    state.selected = null;
    editor.showErrors([]);
    clearOutput();
    fill(outputTitle, kind === 'run' ? 'scratch run of the example' : 'graded submission');
    fill(document.getElementById('result-title'), kind === 'run' ? 'scratch run' : 'submission');
    fill(resultBody, h('p.placeholder', kind === 'run' ? 'Running the example…' : 'Grading: compiling, then every run, then the checks…'));
    showPhase('queued', kind);
    try {
      const files = { [fileName]: editor.text() };
      const accepted = kind === 'run' ? await api.run(id, files) : await api.submit(id, files);
      state.stop = follow(accepted.events, handlersFor(kind));
      if (kind === 'run') {
        state.running = accepted.id;
        stopButton.hidden = false;
        stopButton.disabled = false;
      }
      if (kind === 'grade') loadHistory();
      (kind === 'grade' ? resultCell : outputCell).scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    } catch (e) {
      handlersFor(kind).error(e.message);
    }
  }

  const onSignedIn = () => loadHistory();
  window.addEventListener('signed-in', onSignedIn);
  closers.push(() => window.removeEventListener('signed-in', onSignedIn));
  loadHistory();
}

// ---------------------------------------------------------------- start

// An LMS launch (LTI) hands an instructor's session token to the page in memory, since web storage and cookies
// are refused inside the LMS's iframe: either as window.asyncGraderLaunch = {role: 'instructor', token} set
// before this script runs, or later through window.asyncGrader.setInstructorToken(token).
window.asyncGrader = { setInstructorToken: (t) => { setInstructorToken(t); route(); } };
if (instructorLaunch?.token) setInstructorToken(instructorLaunch.token);
window.addEventListener('hashchange', route);
route();
if (!session.get() && !instructorView()) askStudent();
