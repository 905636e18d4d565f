#!/usr/bin/env node
// Browser test of the grader's page in real headless Chromium (Debian's, driven by playwright-core from
// src/main/frontend/node_modules, which the Maven build installs with npm ci).
//
//   node src/test/browser/page.test.mjs BASE_URL SCREENSHOT_DIR
//
// A student signs in, opens finish-order, runs a correct (concurrent) solution as a scratch run and sees its
// output stream in line by line, submits it and gets full marks with the timeline picture, then submits a
// sequential solution and sees the failing checks with their feedback, then a compile error marked in the
// editor. Exit status 0 when every step passed; otherwise 1, naming the failed step.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, launchChromium, pasteInto, root, steps } from './harness.mjs';

const [baseUrl, shotDir = join(root, 'target/screenshots')] = process.argv.slice(2);
if (!baseUrl) {
  console.error('usage: node src/test/browser/page.test.mjs BASE_URL [SCREENSHOT_DIR]');
  process.exit(2);
}
mkdirSync(shotDir, { recursive: true });

const EXERCISE = 'finish-order';
const STUDENT = `browser-${Date.now().toString(36)}`;
const correct = readFileSync(join(root, 'exercises', EXERCISE, 'solution/Main.java'), 'utf8');
const sequential = readFileSync(join(root, 'exercises', EXERCISE, 'variants/sequential/Main.java'), 'utf8');
const broken = correct.replace('tasks.add(parts);', 'tasks.add(parts)');
const GRADING_MS = 150_000;

const { log, step, counter } = steps();

const browser = await launchChromium();
const pageErrors = [];
let failed = null;
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
  });
  // Anything but the server under test is a mistake: the page must be self-contained (no CDN).
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:')) return route.continue();
    pageErrors.push(`request outside the server: ${url}`);
    return route.abort();
  });

  /** Replaces the editor's text the way a student pastes: select all, then a paste event. */
  async function paste(text) {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await pasteInto(page, text);
    const firstLine = text.split('\n')[0];
    await page.locator('.cm-line', { hasText: firstLine }).first().waitFor();
  }

  /** Clicks Run or Submit; resolves when that run's result is shown (not an earlier one still on the page). */
  async function clickAndWaitForResult(button) {
    const earlier = await page.$('#result .score-head');
    await page.click(button);
    if (earlier) await page.waitForFunction((el) => !el.isConnected, earlier);
    await page.locator('#submit-button:not([disabled])').waitFor({ timeout: GRADING_MS });
    await page.locator('#result .score-head').waitFor({ timeout: 5_000 });
  }

  const reference = await (await fetch(`${baseUrl}/api/v1/exercises/${EXERCISE}/reference-run`)).json();
  const expectBars = (reference.runs ?? []).some((r) => (r.tasks ?? []).length > 0);
  if (!expectBars) {
    log(`NOTE: ${EXERCISE} declares no timeline (reference run has no tasks): expecting output ticks, not bars`);
  }

  await step('the page asks for the student id once', async () => {
    await page.goto(`${baseUrl}/`);
    await page.locator('#signin').waitFor();
    await page.fill('#student-id', STUDENT);
    await page.click('#signin-continue');
    await page.locator('#student-name', { hasText: STUDENT }).waitFor();
    expect(!(await page.locator('#signin').isVisible()), 'the sign-in dialog stayed open');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('async-grader.session')));
    expect(stored?.student === STUDENT && stored?.token, `localStorage has ${JSON.stringify(stored)}`);
  });

  await step('the exercise list shows finish-order', async () => {
    const cards = page.locator('.exercise-card');
    await cards.first().waitFor();
    expect((await cards.count()) >= 2, 'fewer than two exercises listed');
    await page.screenshot({ path: join(shotDir, 'exercise-list.png') });
    await page.click(`[data-exercise="${EXERCISE}"]`);
  });

  await step('the exercise page shows the prompt and the starter code in a Java editor', async () => {
    await page.locator('#cell-prompt .prose h2').first().waitFor();
    expect((await page.textContent('#cell-prompt')).includes('started'), 'prompt text missing');
    await page.locator('.cm-line', { hasText: 'public class Main' }).waitFor();
    // Java highlighting: keywords and strings have colours of their own, unlike plain text.
    const colours = await page.evaluate(() => {
      const plain = getComputedStyle(document.querySelector('.cm-content')).color;
      const colourOf = (text) => {
        const el = [...document.querySelectorAll('.cm-line span')].find((e) => e.textContent === text);
        return el ? getComputedStyle(el).color : null;
      };
      return { plain, keyword: colourOf('class'), type: colourOf('String') };
    });
    expect(
      colours.keyword && colours.keyword !== colours.plain && colours.type && colours.type !== colours.keyword,
      `no Java highlighting: ${JSON.stringify(colours)}`,
    );
    // The history is fetched after the page renders: wait for its answer rather than look at once.
    await page.locator('#history-empty').waitFor({ state: 'visible', timeout: 15_000 });
  });

  await step('Run (scratch) streams the output line by line, with times', async () => {
    await paste(correct);
    const result = clickAndWaitForResult('#run-button');
    result.catch(() => {}); // awaited below; this only keeps an early failure from being unhandled
    const lines = page.locator('#output .run[data-run="example"] .line');
    await lines.first().waitFor({ timeout: GRADING_MS });
    const firstSeen = Date.now();
    // The first line is there while the program still runs (A waits 3 s): output is streamed, not batched.
    expect(!(await page.locator('#result .score-head').isVisible()), 'the result came with the first line');
    await page.locator('#output .line', { hasText: 'A finished after 3s' }).waitFor({ timeout: GRADING_MS });
    const lastSeen = Date.now();
    expect(lastSeen - firstSeen > 1500, `all lines arrived within ${lastSeen - firstSeen} ms: not streamed`);
    expect((await lines.count()) === 6, `expected 6 output lines, got ${await lines.count()}`);
    const b = page.locator('#output .line', { hasText: 'B finished after 1s' });
    const t = await b.locator('.t').textContent();
    expect(/^\d+\.\d\d s$/.test(t), `time label "${t}" is not like "1.01 s"`);
    const sec = parseFloat(t);
    expect(sec > 0.7 && sec < 1.6, `B finished at ${t}, expected about 1 s`);
    await result;
    expect((await page.textContent('#result')).includes('not scored'), 'a scratch run should say it is not scored');
    // The hidden tests are not run on a scratch run: shown as not run, neither passed nor failed.
    for (const name of ['hidden-finish-order', 'hidden-waits-together']) {
      const outcome = await page.getAttribute(`#checks .check[data-check="${name}"]`, 'data-outcome');
      expect(outcome === 'not_run', `check ${name} on a scratch run is "${outcome}", not "not_run"`);
    }
    expect(await page.locator('#history-empty').isVisible(), 'a scratch run must not appear among submissions');
  });

  await step('Submit a concurrent solution: full marks, checks and the timeline', async () => {
    await clickAndWaitForResult('#submit-button');
    const got = await page.textContent('#score .score-big');
    const max = (await page.textContent('#score .score-of')).replace('/', '').trim();
    const score = `${got} / ${max}`;
    const checks = page.locator('#checks .check');
    const failing = await page.locator('#checks .check.fail').allTextContents();
    expect(failing.length === 0, `failing checks: ${failing.join(' | ')} (score ${score})`);
    expect((await checks.count()) >= 5, `only ${await checks.count()} checks shown`);
    await page.locator('#full-marks').waitFor();
    expect(got === max && Number(max) > 0, `score ${score} is not full marks`);
    // The timeline: the student's run and the reference solution's, on one axis.
    await page.locator('#timeline .legend .key-reference').waitFor({ timeout: GRADING_MS });
    const svg = page.locator('#timeline svg.timeline').first();
    await svg.waitFor();
    const kind = expectBars ? 'bar' : 'tick';
    const mine = await svg.locator(`[data-kind="${kind}"].tl-student`).count();
    const ref = await svg.locator(`[data-kind="${kind}"].tl-reference`).count();
    expect(mine >= 3 && ref >= 3, `timeline has ${mine} student and ${ref} reference ${kind}s`);
    if (expectBars) {
      expect(
        (await page.textContent('#timeline .insight')).includes('in flight at once'),
        'the timeline should say all tasks were in flight at once',
      );
    }
    await page.locator('#history-table tbody tr').first().waitFor();
    const row = await page.textContent('#history-table tbody tr:first-child');
    expect(row.includes(score), `history row "${row}" lacks the score ${score}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotDir, 'exercise-solved.png'), fullPage: true });
  });

  await step('Submit a sequential solution: failing checks with their feedback', async () => {
    await paste(sequential);
    await clickAndWaitForResult('#submit-button');
    const failing = page.locator('#checks .check.fail');
    expect((await failing.count()) >= 1, 'no failing check');
    const early = page.locator('#checks .check.fail[data-check="all-start-first"] .check-feedback');
    const text = await early.textContent();
    expect(text.includes('Start all tasks first'), `feedback of all-start-first: "${text}"`);
    expect(!(await page.locator('#full-marks').isVisible()), 'full marks for a sequential solution');
    // It fails on the hidden runs too, and the page names them without a word of their arguments.
    const shown = await page.textContent('body');
    expect(shown.includes('A:3') && shown.includes('B finished after 1s'), 'the page should show the example run, arguments and output');
    for (const arg of ['slow:2.5', 'fast:0.5', 'mid:1.5', 'W:1.5', 'X:3.5', 'Y:0.5', 'Z:2.5', 'slow started', 'slow finished', 'mid started', 'X finished']) {
      expect(!shown.includes(arg), `the page shows the hidden argument "${arg}"`);
    }
    if (expectBars) {
      const insight = await page.textContent('#timeline .insight');
      expect(insight.includes('one after another'), `timeline insight: "${insight}"`);
    }
    await page.locator('#history-table tbody tr:nth-child(2)').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shotDir, 'exercise-failed.png'), fullPage: true });
  });

  await step('a compile error is marked at its line in the editor', async () => {
    await paste(broken);
    await clickAndWaitForResult('#run-button');
    await page.locator('#compile-errors').waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    const marked = await page.locator('.cm-gutter-lint .cm-lint-marker-error').count();
    expect(marked >= 1, 'no error marker in the lint gutter');
    await page.locator('#cell-code').screenshot({ path: join(shotDir, 'exercise-compile-error.png') });
  });

  await step('after a reload the student is remembered with the submissions', async () => {
    await page.reload();
    await page.locator('#history-table tbody tr:nth-child(2)').waitFor();
    expect(!(await page.locator('#signin').isVisible()), 'asked for the student id again');
    await page.locator('#history-table tbody tr:first-child').click();
    await page.locator('#checks .check.fail').first().waitFor();
  });

  expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
} catch (e) {
  failed = e;
  if (page) {
    await page.screenshot({ path: join(shotDir, 'failure.png'), fullPage: true }).catch(() => {});
    log(`screenshot of the failure: ${join(shotDir, 'failure.png')}`);
  }
  if (pageErrors.length) log(`errors in the page: ${pageErrors.join('; ')}`);
} finally {
  await browser.close();
}
if (failed) {
  console.log(`FAILED: ${failed.stack ?? failed}`);
  console.log(`${counter.passed} passed, 1 failed`);
  process.exit(1);
}
console.log(`${counter.passed} passed, 0 failed`);
