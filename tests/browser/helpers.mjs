// Shared helpers for the browser tests: start a real `baocao serve` on port 0 with demo data,
// drive Debian's Chromium (/usr/bin/chromium) through playwright-core, take screenshots.
//
// BAOCAO_BIN (default build/baocao, relative to the repository root) names the server binary.
// The web UI must be built first (web/dist): `cd web && npm ci && npm run build`.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'tests/browser/screenshots');
export const PASSWORD = 'Baocao@2026';

// playwright-core is a devDependency of web/ (one `npm ci` installs the UI and the tests)
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts `$BAOCAO_BIN serve --db sqlite:<tmp>/t.db --port 0 --web web/dist --demo`, plus
 * `extraArgs` (e.g. `--signing-dir`).
 */
export async function startServer({ extraArgs = [] } = {}) {
  const bin = path.resolve(ROOT, process.env.BAOCAO_BIN || 'build/baocao');
  const web = path.join(ROOT, 'web/dist');
  if (!existsSync(path.join(web, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `cd web && npm ci && npm run build` first');
  }
  if (!existsSync(bin)) throw new Error(`server binary not found: ${bin} (set BAOCAO_BIN)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'baocao-browser-'));
  const args = ['serve', '--db', `sqlite:${path.join(dir, 't.db')}`, '--port', '0', '--web', web, '--demo',
    // the demo's reports in every state (make run) would take the periods the tests play with
    '--demo-reports', 'false', ...extraArgs];
  const cmd = bin.endsWith('.mjs') || bin.endsWith('.js') ? process.execPath : bin;
  const argv = cmd === bin ? args : [bin, ...args];
  const proc = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => {
    err += d;
    if (err.length > 20000) err = err.slice(-20000);
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not print "listening on" within 90 s\nstdout:\n${out}\nstderr:\n${err}`));
    }, 90_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${e.message}`));
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
  proc.stdout.resume();
  return {
    url,
    proc,
    logs: () => ({ stdout: out, stderr: err }),
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await Promise.race([
          new Promise((r) => proc.once('exit', r)),
          new Promise((r) => setTimeout(r, 5000)),
        ]);
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** a fresh context (own cookies) at desktop size, Vietnamese locale, HCMC time zone */
export async function newPage(browser, base, size = { width: 1440, height: 900 }) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: size,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  // the UI must never reach outside the server it is served from
  await context.route(/^(?!https?:\/\/127\.0\.0\.1)/, (route) => {
    const u = route.request().url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    problems.push(`external request: ${u}`);
    return route.abort();
  });
  return { page, context, problems };
}

export async function login(page, username, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
}

/** screenshot at 1440×900 and 390×844; returns the two file names */
export async function shoot(page, name, { fullPage = false } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const prev = page.viewportSize();
  const files = [];
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150);
    const file = path.join(SHOTS, `${name}-${w}.png`);
    await page.screenshot({ path: file, fullPage });
    files.push(file);
    if (w === 390) {
      // nothing may stick out sideways on a phone
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${name}: page is ${overflow}px wider than a 390px screen`);
    }
  }
  if (prev) await page.setViewportSize(prev);
  return files;
}

/** text with Vietnamese diacritics (at least one precomposed letter with a tone/hook mark) */
export const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** fetch from inside the page with the session cookie and the CSRF token of /auth/me */
export async function apiFromPage(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await fetch('/api/v1/auth/me', { credentials: 'same-origin' }).then((r) => r.json());
      const res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, contentType: res.headers.get('Content-Type'), json, text };
    },
    { method, url, body },
  );
}

/** GET a JSON API path from inside the page (cookie session) */
export async function getJson(page, url) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, json: await r.json().catch(() => null) };
  }, url);
}

/** waits until an input's value equals `expected` */
export async function waitForValue(locator, expected, timeout = 10_000) {
  const end = Date.now() + timeout;
  let v;
  while (Date.now() < end) {
    v = await locator.inputValue();
    if (v === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(v, expected);
}

/**
 * Starts the server and Chromium before the tests of the calling file and stops them after;
 * the returned object holds `server` and `browser` once started (instead of repeating the
 * before/after block in every file).
 */
export function serverAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
