// What every browser test script shares: the project root, Debian's Chromium driven by playwright-core (from
// src/main/frontend/node_modules, which the Maven build installs with npm ci), named steps with a log, and
// pasting into the CodeMirror editor as a student does.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { chromium } = createRequire(join(root, 'src/main/frontend/package.json'))('playwright-core');

/** Headless Chromium as this machine runs it: Debian's build, no sandbox (root), no background traffic. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Fails the current step with `message` unless `cond` holds. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** A log stamped with seconds since the script began, and named steps that count what passed. */
export function steps() {
  const started = Date.now();
  const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);
  const counter = { passed: 0 };
  async function step(name, fn) {
    log(`… ${name}`);
    try {
      await fn();
    } catch (e) {
      e.message = `step "${name}" failed: ${e.message}`;
      throw e;
    }
    counter.passed++;
    log(`ok ${name}`);
  }
  return { log, step, counter };
}

/** Puts `text` into the editor of `target` (a page or a frame) the way a student pastes it. */
export async function pasteInto(target, text) {
  await target.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document
      .querySelector('.cm-content')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}
