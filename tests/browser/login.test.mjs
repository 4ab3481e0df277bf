// Đăng nhập: a wrong password shows the server's Vietnamese error; the right one lands on the
// organisation tree, which is keyboard navigable. Screenshots of login, tree and audit screens.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, VIETNAMESE } from './helpers.mjs';

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

test('wrong password shows the Vietnamese error detail, then login lands on the tree', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    assert.equal(await page.title(), 'Báo cáo định kỳ');
    await shoot(page, 'login');

    // Enter submits the form
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('Sai#MatKhau1');
    await page.getByLabel('Mật khẩu').press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const msg = (await alert.innerText()).trim();
    assert.match(msg, VIETNAMESE, `error should be Vietnamese: ${msg}`);
    assert.doesNotMatch(msg, /E2002|Error|undefined/);
    await shoot(page, 'login-error');

    await login(page, 'quantri');
    await page.waitForURL(/\/orgs/);
    const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
    await tree.waitFor();
    await tree.getByRole('treeitem', { name: 'Thành phố Hồ Chí Minh', exact: true }).first().waitFor();
    // the header shows the product name and the user menu; the nav follows Me.permissions
    await page.getByRole('banner').getByText('Báo cáo định kỳ').waitFor();
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    for (const item of ['Cơ cấu tổ chức', 'Người dùng và phân quyền', 'Nhật ký hệ thống']) {
      await nav.getByRole('link', { name: item }).waitFor();
    }
    // the root opens by itself and lists the city's agencies and communes
    await tree.getByRole('treeitem', { name: /^Sở Tài chính/ }).first().waitFor();
    await shoot(page, 'orgs-tree');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the tree is navigable with the keyboard and the detail panel follows', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    const tree = page.getByRole('tree', { name: 'Cây đơn vị' });
    const rootItem = tree.getByRole('treeitem', { name: 'Thành phố Hồ Chí Minh', exact: true }).first();
    await tree.getByRole('treeitem', { name: /^Sở Tài chính/ }).first().waitFor();
    await rootItem.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/orgs\/\d+$/);
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name: 'Thành phố Hồ Chí Minh' }).waitFor();
    // ← collapses the root, → opens it again, ↓ moves to the first child
    await rootItem.focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await rootItem.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    assert.equal(await rootItem.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-level'));
    assert.equal(focused, '2');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.crumbs li a')?.textContent === 'Thành phố Hồ Chí Minh');

    // select Sở Tài chính through the search and look at its detail
    await page.getByPlaceholder('Tìm đơn vị (có thể gõ không dấu)').fill('so tai chinh');
    await page.getByRole('button', { name: /^Sở Tài chính/ }).first().click();
    await detail.getByRole('heading', { name: 'Sở Tài chính' }).waitFor();
    await detail.getByText('Mã đơn vị').waitFor();
    await shoot(page, 'orgs-detail');

    // historic units (before the 2025 reorganisation) appear with the toggle
    await page.getByPlaceholder('Tìm đơn vị (có thể gõ không dấu)').fill('');
    await page.getByLabel(/Hiện cả đơn vị đã hết hiệu lực/).check();
    await tree.getByRole('treeitem', { name: /hết hiệu lực/ }).first().waitFor();
    const hist = tree.getByRole('treeitem', { name: /hết hiệu lực/ }).first();
    await hist.locator('.tree-row').first().click();
    await detail.getByText('Đã hết hiệu lực').waitFor();
    await shoot(page, 'orgs-historic');
    // predecessor/successor links are navigable
    const succ = detail.locator('ul.links a').first();
    if (await succ.count()) {
      const name = await succ.innerText();
      await succ.click();
      await detail.getByRole('heading', { name }).waitFor();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an inspector reads the audit log and verifies its integrity', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'thanhtra');
    await page.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
    await page.getByRole('heading', { name: 'Nhật ký hệ thống' }).waitFor();
    const table = page.locator('table.audit-table');
    await table.waitFor();
    await table.getByText('auth.login', { exact: true }).first().waitFor();
    // dates are shown as dd/mm/yyyy hh:mm
    const when = await table.locator('tbody tr td').nth(1).innerText();
    assert.match(when, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByLabel('Loại thao tác').selectOption('auth.');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForTimeout(300);
    const actions = await table.locator('code.action-code').allInnerTexts();
    assert.ok(actions.length > 0 && actions.every((a) => a.startsWith('auth.')), actions.join(','));
    const diffBtn = table.getByRole('button', { name: 'Xem thay đổi' }).first();
    if (await diffBtn.count()) await diffBtn.click();
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).click();
    await page.getByText(/Chuỗi nhật ký toàn vẹn/).waitFor();
    await shoot(page, 'audit');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
