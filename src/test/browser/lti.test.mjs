#!/usr/bin/env node
// LTI end to end in real headless Chromium: a course page of the platform simulator (src/test/python) frames
// the tool cross-site (localhost vs 127.0.0.1), as an LMS does; the launch goes login -> platform auth ->
// form_post launch inside the iframe, and the exercise page must work there without cookies or web storage.
//
//   node src/test/browser/lti.test.mjs COURSE_BASE EXERCISE SOLUTION_FILE SCREENSHOT_DIR
//
// A learner writes a solution in the framed editor (role textbox) and presses Submit until the result shows;
// an instructor's launch lands on the instructor view; an instructor adds an exercise by deep linking. The Java side (LtiBrowserTest) then checks the score
// the platform received. Exit status 0 when every step passed; otherwise 1, naming the failed step.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, launchChromium, pasteInto, root, steps } from './harness.mjs';

const [course, exercise, solutionFile, shotDir = join(root, 'target/screenshots')] = process.argv.slice(2);
mkdirSync(shotDir, { recursive: true });
const solution = readFileSync(solutionFile, 'utf8');
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
const GRADING_MS = 150_000;

const { log, step } = steps();

const browser = await launchChromium();
const pageErrors = [];
let failed = null;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));

  await step('a learner launched from the course sees the exercise with its editor and Submit, framed', async () => {
    await page.goto(`${course}/course?user=gwen&name=Gwen%20Learner&exercise=${exercise}`);
    const tool = page.frameLocator('#tool');
    await tool.getByRole('textbox').first().waitFor({ timeout: 30_000 });
    await tool.getByRole('button', { name: 'Submit' }).waitFor();
    await tool.locator('#student-name', { hasText: 'Gwen Learner' }).waitFor();
    const frame = page.frames().find((f) => f.url().includes(`#/e/${exercise}`));
    expect(frame, `no frame shows the exercise: ${page.frames().map((f) => f.url()).join(', ')}`);
    const storage = await frame.evaluate(() => {
      try {
        localStorage.getItem('x');
        return 'available';
      } catch (e) {
        return e.name;
      }
    });
    log(`web storage in the LMS frame: ${storage}`);
    expect(!(await tool.locator('#signin').isVisible()), 'the self-declared sign-in dialog opened in the frame');
  });

  await step('Submit in the frame grades the solution and shows the result', async () => {
    const tool = page.frameLocator('#tool');
    const frame = page.frames().find((f) => f.url().includes(`#/e/${exercise}`));
    await tool.locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await pasteInto(frame, solution);
    await tool.getByRole('button', { name: 'Submit' }).click();
    await tool.locator('#result .score-head').waitFor({ timeout: GRADING_MS });
    const got = await tool.locator('#score .score-big').textContent();
    const max = (await tool.locator('#score .score-of').textContent()).replace('/', '').trim();
    log(`score shown in the frame: ${got} / ${max}`);
    if (got !== max) {
      // Say which checks failed and why, so a failure here can be diagnosed from the log alone.
      const checks = await tool.locator('#result').innerText().catch(() => '(no result text)');
      await page.screenshot({ path: join(shotDir, 'lti-learner-failure.png'), fullPage: true }).catch(() => {});
      log(`result in the frame:\n${checks}`);
    }
    expect(got === max, `the reference solution scored ${got} of ${max}`);
    await page.screenshot({ path: join(shotDir, 'lti-learner.png') });
  });

  await step('an instructor launched from the course lands on the instructor view', async () => {
    await page.goto(`${course}/course?user=pat&name=Pat%20Teacher&roles=${encodeURIComponent(INSTRUCTOR)}`);
    const tool = page.frameLocator('#tool');
    await tool.locator('#who').waitFor({ timeout: 30_000 });
    let frame = null;
    for (let i = 0; i < 100 && !frame; i++) {
      frame = page.frames().find((f) => f.url().includes('view=instructor'));
      if (!frame) await page.waitForTimeout(100);
    }
    expect(frame, `no frame on the instructor view: ${page.frames().map((f) => f.url()).join(', ')}`);
    const role = await frame.evaluate(() => window.graderLaunch?.role);
    expect(role === 'instructor', `the frame holds a ${role} session`);
    await page.screenshot({ path: join(shotDir, 'lti-instructor.png') });
  });
  await step('deep linking: the instructor adds the exercise to the course from the picker in the frame', async () => {
    await page.goto(`${course}/course?user=pat&name=Pat%20Teacher&deep=1&roles=${encodeURIComponent(INSTRUCTOR)}`);
    const tool = page.frameLocator('#tool');
    await tool.getByRole('heading', { name: 'Add an exercise to the course' }).waitFor({ timeout: 30_000 });
    await tool.getByRole('button', { name: 'Add Finish order' }).click();
    await tool.locator('#added', { hasText: 'Finish order' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shotDir, 'lti-deep-link.png') });
  });
  expect(pageErrors.length === 0, `errors on the page: ${pageErrors.join(' | ')}`);
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
if (failed) {
  console.error(failed.message);
  process.exit(1);
}
log('all LTI browser steps passed');
