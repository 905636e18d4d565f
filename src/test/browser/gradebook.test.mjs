#!/usr/bin/env node
// Browser test of the instructor's gradebook in real headless Chromium (Debian's, driven by playwright-core).
//
//   EXERCISES=DIR node src/test/browser/gradebook.test.mjs BASE_URL SCREENSHOT_DIR LMS_KEY INSTRUCTOR_KEY
//
// Three students submit to two quick exercises (copies of hello-wait) through the LMS API; a student session is
// refused the gradebook (API 403, and the page says so); an instructor signs in with the instructor key, reads
// the gradebook (scores as the API has them), sorts and filters it, downloads the CSV and compares it with the
// API, opens one submission with its source code, and re-grades a whole exercise watching the progress.
// Exit status 0 when every step passed; otherwise 1, naming the failed step.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, launchChromium, root, steps } from './harness.mjs';

const [baseUrl, shotDir = join(root, 'target/screenshots'), lmsKey, instructorKey] = process.argv.slice(2);
if (!baseUrl || !lmsKey || !instructorKey || !process.env.EXERCISES) {
  console.error('usage: EXERCISES=DIR node src/test/browser/gradebook.test.mjs BASE_URL SCREENSHOT_DIR LMS_KEY INSTRUCTOR_KEY');
  process.exit(2);
}
mkdirSync(shotDir, { recursive: true });
const exercisesDir = process.env.EXERCISES;
const solution = readFileSync(join(exercisesDir, 'hello-wait/solution/Main.java'), 'utf8');
const noWait = readFileSync(join(exercisesDir, 'hello-wait/variants/no-wait/Main.java'), 'utf8');
const EXERCISES = ['hello-again', 'hello-wait'];
// '+carol' starts like a spreadsheet formula: the CSV must keep it text.
const STUDENTS = ['alice', 'bob', '+carol'];
const GRADING_MS = 120_000;

const { log, step, counter } = steps();
async function api(method, path, token, body) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text && text.startsWith('{') ? JSON.parse(text) : null };
}
async function waitDone(id) {
  const until = Date.now() + GRADING_MS;
  for (;;) {
    const r = await api('GET', `/api/v1/submissions/${id}`, lmsKey);
    if (r.json?.status === 'done') return r.json;
    expect(Date.now() < until, `submission ${id} not graded in time`);
    await new Promise((res) => setTimeout(res, 300));
  }
}

const browser = await launchChromium();
const pageErrors = [];
let failed = null;
let page;
try {
  const submitted = [];
  await step('three students submit to two exercises through the LMS API', async () => {
    for (const student of STUDENTS) {
      for (const exerciseId of EXERCISES) {
        // bob's hello-wait waits for nothing: a lower score to tell cells apart.
        const code = student === 'bob' && exerciseId === 'hello-wait' ? noWait : solution;
        const r = await api('POST', '/api/v1/submissions', lmsKey, { exerciseId, student, files: { 'Main.java': code } });
        expect(r.status === 202, `submit answered ${r.status}: ${r.text}`);
        submitted.push({ student, exerciseId, id: r.json.id });
      }
    }
    // A second attempt by alice: attempts and latest/best are counted.
    const again = await api('POST', '/api/v1/submissions', lmsKey, { exerciseId: 'hello-wait', student: 'alice', files: { 'Main.java': noWait } });
    submitted.push({ student: 'alice', exerciseId: 'hello-wait', id: again.json.id });
    for (const s of submitted) s.result = (await waitDone(s.id)).result;
    const bob = submitted.find((s) => s.student === 'bob' && s.exerciseId === 'hello-wait').result;
    expect(bob.score < bob.maxScore, `bob's no-wait variant scored ${bob.score} / ${bob.maxScore}`);
  });

  let book;
  await step('the gradebook API has best, latest, attempts and status per cell', async () => {
    const r = await api('GET', '/api/v1/gradebook?format=json', lmsKey);
    expect(r.status === 200, `gradebook answered ${r.status}`);
    book = r.json;
    expect(book.students.length === 3, `${book.students.length} students`);
    const alice = book.students.find((s) => s.student === 'alice').exercises['hello-wait'];
    expect(alice.attempts === 2, `alice has ${alice.attempts} attempts on hello-wait`);
    expect(alice.best > alice.latest, `alice best ${alice.best} latest ${alice.latest}`);
    const hw = book.exercises.find((e) => e.id === 'hello-wait');
    expect(hw.distribution.reduce((n, b) => n + b.students, 0) === 3, `distribution ${JSON.stringify(hw.distribution)}`);
    expect(hw.mostFailedChecks[0]?.check === 'waits', `most failed ${JSON.stringify(hw.mostFailedChecks)}`);
    const page1 = await api('GET', '/api/v1/gradebook/submissions?limit=4', lmsKey);
    const page2 = await api('GET', `/api/v1/gradebook/submissions?limit=4&cursor=${encodeURIComponent(page1.json.nextCursor)}`, lmsKey);
    const ids = [...page1.json.items, ...page2.json.items].map((s) => s.id);
    expect(new Set(ids).size === 7 && page2.json.nextCursor === null, `cursor pages gave ${ids.length} (${new Set(ids).size} distinct)`);
    const files = await api('GET', `/api/v1/submissions/${submitted[0].id}/files`, lmsKey);
    expect(files.json.files['Main.java'] === solution, 'the files API does not return the submitted source');
  });

  await step('a student session is refused the gradebook (API and page)', async () => {
    const s = await (await fetch(`${baseUrl}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ student: 'alice' }) })).json();
    for (const path of ['/api/v1/gradebook?format=json', '/api/v1/gradebook?format=csv', '/api/v1/gradebook/submissions']) {
      const r = await api('GET', path, s.token);
      expect(r.status === 403, `${path} answered ${r.status} to a student`);
    }
    const rg = await api('POST', '/api/v1/regrades', s.token, { exerciseId: 'hello-wait' });
    expect(rg.status === 403, `re-grade answered ${rg.status} to a student`);
    const other = submitted.find((x) => x.student === 'bob');
    const f = await api('GET', `/api/v1/submissions/${other.id}/files`, s.token);
    expect(f.status === 403, `another student's files answered ${f.status}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await context.newPage();
    await p.goto(`${baseUrl}/`);
    await p.evaluate((t) => sessionStorage.setItem('async-grader.instructor', t), s.token);
    await p.goto(`${baseUrl}/#/gradebook`);
    await p.locator('#gradebook-error').waitFor();
    expect((await p.textContent('#gradebook-error')).includes('instructors'), 'the page does not say the gradebook is for instructors');
    expect((await p.locator('#gradebook').count()) === 0, 'a student saw the gradebook table');
    await context.close();
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // The wrong key below is answered 401 on purpose; Chromium logs every such answer.
    if (m.type() === 'error' && !m.text().includes('401')) pageErrors.push(`console: ${m.text()}`);
  });

  await step('an instructor signs in with the key and sees three students × two exercises', async () => {
    await page.goto(`${baseUrl}/?view=instructor`);
    await page.locator('#instructor-key').waitFor();
    expect(!(await page.locator('#signin').count()), 'the student sign-in was asked in the instructor view');
    await page.fill('#instructor-key', 'wrong');
    await page.click('#instructor-signin');
    await page.locator('.form-error', { hasText: 'not an instructor key' }).waitFor();
    await page.fill('#instructor-key', instructorKey);
    await page.click('#instructor-signin');
    await page.locator('#gradebook').waitFor();
    expect((await page.locator('#gradebook tbody tr').count()) === 3, 'not three rows');
    expect((await page.locator('#gradebook thead th[data-exercise]').count()) === 2, 'not two exercise columns');
    for (const s of book.students) {
      for (const [ex, c] of Object.entries(s.exercises)) {
        const cell = await page.textContent(`#gradebook tr[data-student="${s.student}"] td[data-exercise="${ex}"]`);
        expect(cell.includes(`${c.best} / ${c.maxScore}`), `cell ${s.student}/${ex} "${cell}" lacks ${c.best} / ${c.maxScore}`);
        expect(cell.includes(`${c.attempts} attempt`), `cell ${s.student}/${ex} "${cell}" lacks the attempts`);
      }
    }
    await page.locator('.exercise-stats[data-exercise="hello-wait"] .most-failed li[data-check="waits"]').waitFor();
    await page.screenshot({ path: join(shotDir, 'gradebook.png'), fullPage: true });
  });

  await step('sorting by an exercise and filtering by student', async () => {
    await page.click('#gradebook thead th[data-exercise="hello-wait"] button');
    const first = await page.getAttribute('#gradebook tbody tr:first-child', 'data-student');
    const bestOf = (st) => book.students.find((s) => s.student === st).exercises['hello-wait'].best;
    const top = Math.max(...book.students.map((s) => s.exercises['hello-wait'].best));
    expect(bestOf(first) === top, `sorted descending, first is ${first} with ${bestOf(first)}, top is ${top}`);
    await page.click('#gradebook thead th[data-exercise="hello-wait"] button');
    const firstAsc = await page.getAttribute('#gradebook tbody tr:first-child', 'data-student');
    expect(firstAsc === 'bob', `sorted ascending, first is ${firstAsc}`);
    await page.fill('#gradebook-filter', 'car');
    expect((await page.locator('#gradebook tbody tr').count()) === 1, 'the filter left more than one row');
    await page.fill('#gradebook-filter', '');
  });

  await step('the CSV download is the API CSV, one row per student, formula-safe', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    const bytes = readFileSync(await download.path());
    const res = await fetch(`${baseUrl}/api/v1/gradebook?format=csv`, { headers: { Authorization: `Bearer ${lmsKey}` } });
    expect(/^text\/csv; ?charset=utf-8$/i.test(res.headers.get('content-type')), `content type ${res.headers.get('content-type')}`);
    const apiBytes = Buffer.from(await res.arrayBuffer());
    // Byte for byte, with the UTF-8 mark that makes spreadsheet programs read it as UTF-8 (text() would drop it).
    expect(apiBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the CSV lacks the UTF-8 byte order mark');
    const file = bytes.toString('utf8');
    const fromApi = apiBytes.toString('utf8');
    expect(bytes.equals(apiBytes), `the downloaded CSV differs from the API CSV: ${JSON.stringify(file)} vs ${JSON.stringify(fromApi)}`);
    const lines = file.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0] === `student,${EXERCISES.join(',')}`, `header "${lines[0]}"`);
    expect(lines.length === 4, `${lines.length - 1} student rows`);
    expect(lines.some((l) => l.startsWith("'+carol,")), `+carol is not kept as text: ${lines.join(' | ')}`);
    for (const s of book.students) {
      const name = s.student.startsWith('+') ? `'${s.student}` : s.student;
      const row = lines.find((l) => l.split(',')[0] === name);
      expect(row, `no row for ${s.student}`);
      const cells = row.split(',').slice(1).map(Number);
      EXERCISES.forEach((ex, i) => expect(cells[i] === s.exercises[ex].best, `CSV ${s.student}/${ex} = ${cells[i]}, API best ${s.exercises[ex].best}`));
    }
  });

  await step('the Canvas CSV download is the API’s Canvas layout: identity columns, then a Points Possible row', async () => {
    await page.selectOption('#csv-layout', 'canvas');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-download')]);
    expect(download.suggestedFilename() === 'gradebook-canvas.csv', `file name ${download.suggestedFilename()}`);
    const bytes = readFileSync(await download.path());
    const res = await fetch(`${baseUrl}/api/v1/gradebook?format=csv&csvFormat=canvas`, { headers: { Authorization: `Bearer ${lmsKey}` } });
    const apiBytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(apiBytes), `the downloaded CSV differs from the API CSV: ${JSON.stringify(bytes.toString('utf8'))}`);
    const lines = bytes.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0].startsWith('Student,ID,SIS User ID,SIS Login ID,Section,'), `header "${lines[0]}"`);
    expect(lines[1].startsWith('Points Possible,,,,,'), `second row "${lines[1]}"`);
    expect(lines.length === 5, `${lines.length - 2} student rows`);
    await page.selectOption('#csv-layout', 'generic');
  });

  await step('a cell opens the student’s submissions, and one submission with its source, checks and output', async () => {
    await page.click('#gradebook tr[data-student="alice"] td[data-exercise="hello-wait"] a');
    await page.locator('#student-submissions tbody tr').nth(1).waitFor();
    await page.locator('#student-submissions tbody tr:last-child a').click();
    await page.locator('#source-code').waitFor();
    expect((await page.textContent('#source-code')).includes('Thread.sleep'), 'the source code is not shown');
    await page.locator('#checks .check[data-check="waits"].pass').waitFor();
    await page.locator('.run[data-run="hidden"] .line').first().waitFor();
    await page.screenshot({ path: join(shotDir, 'gradebook-submission.png'), fullPage: true });
  });

  await step('re-grading a whole exercise shows its progress and grades every submission again', async () => {
    const before = new Map();
    for (const s of submitted.filter((x) => x.exerciseId === 'hello-again')) {
      before.set(s.id, (await api('GET', `/api/v1/submissions/${s.id}`, lmsKey)).json.finishedAt);
    }
    await page.goto(`${baseUrl}/#/gradebook`);
    await page.locator('#gradebook').waitFor();
    await page.evaluate(() => {
      window.seen = [];
      new MutationObserver(() => window.seen.push(document.getElementById('regrade-progress')?.textContent ?? '')).observe(document.getElementById('app'), { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-regrade-exercise="hello-again"]');
    await page.locator('#regrade-progress.finished').waitFor({ timeout: GRADING_MS });
    const text = await page.textContent('#regrade-progress');
    expect(text.includes('Re-graded 3 of 3'), `progress says "${text}"`);
    const seen = await page.evaluate(() => window.seen);
    expect(seen.some((t) => /Re-graded [0-2] of 3/.test(t)), `no progress before the end: ${JSON.stringify([...new Set(seen)])}`);
    for (const [id, finished] of before) {
      const now = await api('GET', `/api/v1/submissions/${id}`, lmsKey);
      expect(now.json.status === 'done' && now.json.finishedAt > finished, `${id} was not graded again (${finished} → ${now.json.finishedAt})`);
      expect(now.json.result.score === now.json.result.maxScore, `${id} re-graded to ${now.json.result.score}`);
    }
  });

  await step('on a phone (400 px) the gradebook page does not scroll sideways', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await page.goto(`${baseUrl}/#/gradebook`);
    await page.locator('#gradebook').waitFor();
    const wide = await page.evaluate(() => document.scrollingElement.scrollWidth);
    await page.screenshot({ path: join(shotDir, 'gradebook-phone.png'), fullPage: true });
    expect(wide <= 400, `the page is ${wide} px wide at 400 px`);
  });

  expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
} catch (e) {
  failed = e;
  if (page) {
    await page.screenshot({ path: join(shotDir, 'gradebook-failure.png'), fullPage: true }).catch(() => {});
    log(`screenshot of the failure: ${join(shotDir, 'gradebook-failure.png')}`);
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
