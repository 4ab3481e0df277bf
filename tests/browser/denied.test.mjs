// Denied actions: cv.stc (data entry at Sở Tài chính) sees no Users or Audit menu, and a direct
// PATCH of a unit outside its scope answers 403 with a Vietnamese message; qt.stc (unit admin
// of Sở Tài chính) sees the server's 403 message when editing another agency in the UI.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, apiFromPage, getJson, VIETNAMESE } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** a department outside Sở Tài chính (Sở Y tế, else any other department) */
async function outsideUnit(page) {
  for (const q of ['so y te', 'so noi vu', 'so']) {
    const r = await getJson(page, `/api/v1/orgs?q=${encodeURIComponent(q)}&type=department&limit=20`);
    const u = r.json?.items?.find((x) => !/Tài chính/.test(x.name));
    if (u) return u;
  }
  throw new Error('no department outside Sở Tài chính found');
}

test('cv.stc has no Users menu and gets 403 patching a unit outside its scope', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'cv.stc');
    // an officer's home page is what the unit owes (issue 5); the tree is one click away
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    await nav.getByRole('link', { name: 'Cơ cấu tổ chức' }).click();
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Người dùng và phân quyền' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Nhật ký hệ thống' }).count(), 0);
    // no write buttons on a unit for a data-entry officer
    await page.getByPlaceholder('Tìm đơn vị (có thể gõ không dấu)').fill('so tai chinh');
    await page.getByRole('button', { name: /^Sở Tài chính/ }).first().click();
    await page.getByRole('article').getByText('Mã đơn vị').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sửa thông tin' }).count(), 0);
    await shoot(page, 'denied-menu');

    // typing the address of the Users screen shows a refusal, not the screen
    await page.goto('/users');
    await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();

    // the server refuses too
    const users = await getJson(page, '/api/v1/users');
    assert.equal(users.status, 403);

    const unit = await outsideUnit(page);
    const res = await apiFromPage(page, 'PATCH', `/api/v1/orgs/${unit.id}`, {
      version: unit.version,
      name: `${unit.name} (sửa trái phép)`,
    });
    assert.equal(res.status, 403, res.text);
    assert.match(res.contentType || '', /application\/problem\+json/);
    assert.match(res.json.detail, VIETNAMESE, `Vietnamese detail: ${res.json.detail}`);
    const after = await getJson(page, `/api/v1/orgs/${unit.id}`);
    assert.equal(after.json.name, unit.name, 'nothing changed');

    // without the CSRF header the same session is refused as well
    const noCsrf = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/orgs/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ version: 1, name: 'x' }),
      });
      return r.status;
    }, unit.id);
    assert.equal(noCsrf, 403);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('qt.stc editing another agency sees the server 403 message in the form', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'qt.stc');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    const unit = await outsideUnit(page);
    await page.goto(`/orgs/${unit.id}`);
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name: unit.name, level: 2 }).waitFor();
    await detail.getByRole('button', { name: 'Sửa thông tin' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Tên đơn vị').fill(`${unit.name} (thử)`);
    await dlg.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const alert = dlg.getByRole('alert');
    await alert.waitFor();
    const msg = await alert.innerText();
    assert.match(msg, VIETNAMESE, msg);
    await shoot(page, 'denied-edit');
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
