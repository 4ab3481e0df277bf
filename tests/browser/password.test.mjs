// Forced password change: `nguoimoi` must change the password before anything else; a weak
// password lists each unmet rule from errors[]; a strong one opens the application.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, getJson, PASSWORD } from './helpers.mjs';

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

test('nguoimoi must change the password; weak shows the rules, strong opens the app', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'nguoimoi');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    // nothing else is reachable: no navigation, and other routes show the same form
    assert.equal(await page.getByRole('navigation', { name: 'Chức năng' }).count(), 0);
    await page.goto('/orgs');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    assert.equal(await page.getByRole('tree').count(), 0);
    // the API itself answers 428 meanwhile
    const blocked = await getJson(page, '/api/v1/orgs?roots=1');
    assert.equal(blocked.status, 428);
    await shoot(page, 'password-forced');

    // weak password: one line per unmet rule
    await page.getByLabel('Mật khẩu hiện tại').fill(PASSWORD);
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill('abc');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('abc');
    await page.getByLabel('Nhập lại mật khẩu mới').press('Enter');
    const rules = page.locator('#pw-rules li');
    await rules.first().waitFor();
    const texts = await rules.allInnerTexts();
    assert.ok(texts.length >= 3, `expected several unmet rules, got: ${texts.join(' | ')}`);
    const all = texts.join(' | ');
    assert.match(all, /8/, 'the length rule is listed');
    assert.match(all, /hoa/, 'the upper-case rule is listed');
    await shoot(page, 'password-rules');

    // mismatch is caught before the server
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill('Vung#Tau2026xy');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Vung#Tau2026xz');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu nhập lại không khớp').waitFor();

    // strong password
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Vung#Tau2026xy');
    await page.getByLabel('Nhập lại mật khẩu mới').press('Enter');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Cơ cấu tổ chức' }).waitFor();
    // a data-entry officer's home page is what the unit owes (issue 5)
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const me = await getJson(page, '/api/v1/auth/me');
    assert.equal(me.json.must_change_password, false);

    // the new password works, the old one does not
    await page.getByRole('button', { name: /^Tài khoản:/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await login(page, 'nguoimoi', PASSWORD);
    await page.getByRole('alert').waitFor();
    await login(page, 'nguoimoi', 'Vung#Tau2026xy');
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
