#!/usr/bin/env node
// Browser test of the student page's newer parts in real headless Chromium (Debian's, via playwright-core).
//
//   EXERCISES=DIR node src/test/browser/student.test.mjs BASE_URL SCREENSHOT_DIR PART
//
// PART `stop-and-phone`: a scratch run shows a countdown to the time limit and a Stop button, and Stop ends the
// program (its last line never comes, the result says Stopped); the previous submission's result is shown again
// after a reload and its code goes back into the editor; switching student clears the page and the drafts; at
// 400 px nothing scrolls sideways.
// PART `live-checks`: a submission's checks appear while its longer run is still going, before the score, with a
// progress line "run i of n" (the grading core sends `check` events as their runs finish).
// Exit status 0 when every step passed; otherwise 1, naming the failed step.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, launchChromium, pasteInto, root, steps } from './harness.mjs';

const [baseUrl, shotDir = join(root, 'target/screenshots'), part] = process.argv.slice(2);
if (!baseUrl || !part || !process.env.EXERCISES) {
  console.error('usage: EXERCISES=DIR node src/test/browser/student.test.mjs BASE_URL SCREENSHOT_DIR stop-and-phone|live-checks');
  process.exit(2);
}
mkdirSync(shotDir, { recursive: true });
// live-checks needs a check decided by a fast run while a slow one goes on (two-speeds: 2 s and 4.5 s).
const EXERCISE = part === 'live-checks' ? 'two-speeds' : 'hello-wait';
const solution = readFileSync(join(process.env.EXERCISES, EXERCISE, 'solution/Main.java'), 'utf8');
// Prints hello, then waits 3.5 s (inside the 4 s limit) before its last line: long enough to be stopped.
const slow = solution.replace('Thread.sleep(Long.parseLong(args[0]));', 'Thread.sleep(3500);');
const GRADING_MS = 90_000;

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

  async function paste(text) {
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await pasteInto(page, text);
  }
  async function signInAs(student) {
    await page.locator('#signin').waitFor();
    await page.fill('#student-id', student);
    await page.click('#signin-continue');
    await page.locator('#student-name', { hasText: student }).waitFor();
  }

  await page.goto(`${baseUrl}/#/e/${EXERCISE}`);
  await signInAs(`stu-${Date.now().toString(36)}`);
  await page.locator('.cm-line', { hasText: 'public class Main' }).waitFor();

  if (part === 'stop-and-phone') {
    await step('a running program shows a countdown and a Stop button, and Stop ends it', async () => {
      await paste(slow);
      await page.click('#run-button');
      await page.locator('#stop-button:not([hidden])').waitFor();
      await page.locator('#output .line', { hasText: 'hello' }).waitFor({ timeout: GRADING_MS });
      await page.locator('#countdown', { hasText: /\d+\.\d s/ }).waitFor();
      const first = parseFloat((await page.textContent('#countdown')).replace(/[^\d.]/g, ''));
      await page.waitForTimeout(600);
      const later = parseFloat((await page.textContent('#countdown')).replace(/[^\d.]/g, ''));
      expect(later < first && first <= 4, `countdown went ${first} → ${later} (limit 4 s)`);
      await page.click('#stop-button');
      await page.locator('#result .badge', { hasText: 'Stopped' }).waitFor({ timeout: GRADING_MS });
      expect(!(await page.locator('#output .line', { hasText: 'bye' }).count()), 'the stopped program still printed its last line');
      expect(await page.locator('#stop-button').isHidden(), 'Stop is still shown after the run ended');
      expect((await page.textContent('#countdown')).trim() === '', 'the countdown is still running');
    });

    await step('after a reload the last result is shown, and its code can go back into the editor', async () => {
      await paste(solution);
      await page.click('#submit-button');
      await page.locator('#score').waitFor({ timeout: GRADING_MS });
      const top = await page.evaluate(() => document.getElementById('score').getBoundingClientRect().top);
      const bar = await page.evaluate(() => document.querySelector('.topbar').getBoundingClientRect().bottom);
      await page.waitForTimeout(800); // the smooth scroll settles
      const settled = await page.evaluate(() => document.getElementById('score').getBoundingClientRect().top);
      expect(settled >= bar, `the score is under the top bar (score at ${settled}, bar ends at ${bar}; first ${top})`);
      await paste('// something else\n');
      await page.reload();
      await page.locator('#score').waitFor({ timeout: 15_000 });
      await page.locator('#load-code').click();
      await page.locator('.cm-line', { hasText: 'Thread.sleep(Long.parseLong' }).waitFor();
    });

    await step('the prompt leaves the editor above the fold at 1280×900', async () => {
      const box = await page.locator('#editor').boundingBox();
      expect(box.y < 900 - 120, `the editor starts at ${box.y} px`);
      await page.screenshot({ path: join(shotDir, 'student-desktop.png') });
    });

    await step('on a phone (400 px) nothing scrolls sideways', async () => {
      await page.setViewportSize({ width: 400, height: 860 });
      for (const hash of ['#/', `#/e/${EXERCISE}`]) {
        await page.goto(`${baseUrl}/${hash}`);
        await page.locator(hash === '#/' ? '.exercise-card' : '#score').first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(300);
        const wide = await page.evaluate(() => document.scrollingElement.scrollWidth);
        await page.screenshot({ path: join(shotDir, `student-phone${hash === '#/' ? '-list' : ''}.png`), fullPage: true });
        expect(wide <= 400, `${hash} is ${wide} px wide at 400 px`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await step('switching student clears the previous student’s code, output, result and drafts', async () => {
      await page.goto(`${baseUrl}/#/e/${EXERCISE}`);
      await page.locator('#score').waitFor({ timeout: 15_000 });
      await paste('// a draft of the first student\n');
      await page.click('#who button');
      await page.fill('#student-id', `next-${Date.now().toString(36)}`);
      await page.click('#signin-continue');
      await page.locator('#history-empty').waitFor({ timeout: 15_000 });
      expect(!(await page.locator('#score').count()), 'the previous student’s score is still shown');
      expect(!(await page.locator('#output .line').count()), 'the previous student’s output is still shown');
      expect(!(await page.locator('.cm-line', { hasText: 'a draft of the first student' }).count()), 'the previous draft is in the editor');
      const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('async-grader.draft.stu-')));
      expect(drafts.length === 0, `drafts left in storage: ${drafts}`);
    });
  } else if (part === 'live-checks') {
    await step('checks arrive while the longer run goes on, before the score, with "run i of n"', async () => {
      await paste(solution);
      await page.evaluate(() => {
        window.seen = { progress: [] };
        new MutationObserver(() => {
          const now = performance.now();
          if (!window.seen.check && document.querySelector('#checks .check')) window.seen.check = now;
          if (!window.seen.score && document.querySelector('#score')) window.seen.score = now;
          const p = document.getElementById('progress-line')?.textContent;
          if (p) window.seen.progress.push(p);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await page.click('#submit-button');
      await page.locator('#score').waitFor({ timeout: GRADING_MS });
      const seen = await page.evaluate(() => window.seen);
      expect(seen.check, 'no check was shown');
      // The example run (2 s) ends 2.5 s before the hidden one (4.5 s): the check of the example alone comes first.
      expect(seen.score - seen.check >= 400, `the first check came only ${Math.round(seen.score - seen.check)} ms before the score`);
      expect(seen.progress.some((p) => /run \d of \d/.test(p)), `no "run i of n" progress line: ${JSON.stringify([...new Set(seen.progress)])}`);
    });
  }
  expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
} catch (e) {
  failed = e;
  if (page) {
    await page.screenshot({ path: join(shotDir, `student-${part}-failure.png`), fullPage: true }).catch(() => {});
    log(`screenshot of the failure: ${join(shotDir, `student-${part}-failure.png`)}`);
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
