// Cơ cấu tổ chức as quantri: create a unit under Sở Tài chính, find it by searching without
// diacritics, edit it, and see the 409 "Dữ liệu đã được người khác thay đổi" with a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, apiFromPage, getJson, waitForValue } from './helpers.mjs';

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

const SEARCH = 'Tìm đơn vị (có thể gõ không dấu)';

async function openUnit(page, query, name) {
  await page.getByPlaceholder(SEARCH).fill(query);
  await page.getByRole('button', { name }).first().click();
  await page.getByRole('article').getByRole('heading', { name, level: 2 }).waitFor();
}

test('create a unit under Sở Tài chính and find it without diacritics', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await openUnit(page, 'so tai chinh', /^Sở Tài chính/);
    const parentUrl = page.url();

    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.waitFor();
    const code = `TEST${Date.now() % 100000}`;
    const name = 'Phòng Kiểm thử Điện tử và Đường truyền';
    await dlg.getByLabel('Mã đơn vị').fill(code);
    await dlg.getByLabel('Tên đơn vị').fill(name);
    await dlg.getByLabel('Loại đơn vị').selectOption('division');
    await dlg.getByLabel('Hiệu lực từ ngày').fill('01/07/2025');
    await shoot(page, 'orgs-create');
    // Escape closes the dialog, nothing is created
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    assert.equal(page.url(), parentUrl);

    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    await dlg.getByLabel('Mã đơn vị').fill(code);
    await dlg.getByLabel('Tên đơn vị').fill(name);
    await dlg.getByLabel('Loại đơn vị').selectOption('division');
    await dlg.getByLabel('Hiệu lực từ ngày').fill('01/07/2025');
    await dlg.getByLabel('Tên đơn vị').press('Enter');
    await dlg.waitFor({ state: 'detached' });
    await page.getByText(`Đã tạo đơn vị “${name}”`).waitFor();
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name, level: 2 }).waitFor();
    await detail.getByText('từ 01/07/2025').waitFor();
    // its path runs through Sở Tài chính
    await detail.getByRole('navigation', { name: 'Đường dẫn đơn vị' }).getByRole('link', { name: /^Sở Tài chính/ }).waitFor();

    // search without diacritics
    await page.getByPlaceholder(SEARCH).fill('phong kiem thu dien tu');
    const hit = page.getByRole('button', { name: new RegExp(name) });
    await hit.waitFor();
    await shoot(page, 'orgs-search');
    const api = await getJson(page, `/api/v1/orgs?q=${encodeURIComponent('duong truyen')}`);
    assert.ok(api.json.items.some((u) => u.code === code), 'API search without accents finds the unit');

    // it shows in the tree under Sở Tài chính once the search is cleared
    await page.getByPlaceholder(SEARCH).fill('');
    await page.getByRole('tree').getByRole('treeitem', { name, exact: true }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a stale edit gets 409 "Dữ liệu đã được người khác thay đổi" and can reload', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await openUnit(page, 'so tai chinh', /^Sở Tài chính/);
    // create a child to edit (not touching the demo's own units)
    const parentId = Number(/\/orgs\/(\d+)/.exec(page.url())[1]);
    const code = `EDIT${Date.now() % 100000}`;
    const created = await apiFromPage(page, 'POST', '/api/v1/orgs', {
      code,
      name: 'Phòng Thử sửa',
      type: 'division',
      parent_id: parentId,
    });
    assert.equal(created.status, 201, created.text);
    await page.goto(`/orgs/${created.json.id}`);
    const detail = page.getByRole('article');
    await detail.getByRole('heading', { name: 'Phòng Thử sửa', level: 2 }).waitFor();

    await detail.getByRole('button', { name: 'Sửa thông tin' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Tên đơn vị').fill('Phòng Thử sửa lần một');

    // meanwhile somebody else changes the unit
    const other = await apiFromPage(page, 'PATCH', `/api/v1/orgs/${created.json.id}`, {
      version: created.json.version,
      name: 'Phòng Thử sửa (người khác)',
    });
    assert.equal(other.status, 200, other.text);

    await dlg.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await dlg.getByText('Dữ liệu đã được người khác thay đổi').waitFor();
    await shoot(page, 'orgs-conflict');
    await dlg.getByRole('button', { name: 'Tải lại dữ liệu mới nhất' }).click();
    await waitForValue(dlg.getByLabel('Tên đơn vị'), 'Phòng Thử sửa (người khác)');
    await dlg.getByLabel('Tên đơn vị').fill('Phòng Thử sửa lần hai');
    await dlg.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await dlg.waitFor({ state: 'detached' });
    await detail.getByRole('heading', { name: 'Phòng Thử sửa lần hai', level: 2 }).waitFor();

    // a stale PATCH straight to the API: 409 E3002_CONFLICT with the current object
    const stale = await apiFromPage(page, 'PATCH', `/api/v1/orgs/${created.json.id}`, {
      version: created.json.version,
      name: 'cũ',
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.code, 'E3002_CONFLICT');
    assert.equal(stale.json.current?.name, 'Phòng Thử sửa lần hai');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('import with bad rows lists the row errors; export downloads a file', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await page.getByRole('button', { name: 'Xuất dữ liệu' }).click();
    let dlg = page.getByRole('dialog');
    await dlg.getByLabel('CSV').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dlg.getByRole('button', { name: 'Tải tệp xuống' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    await dlg.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    dlg = page.getByRole('dialog');
    // the export's own columns; row 2 lacks a name, row 3 has an unknown type: nothing is imported
    const head = 'ma,ten,loai,ma_cap_tren,hieu_luc_tu,hieu_luc_den,ke_thua\n';
    const bad = head + 'IMP.X1,,division,79.STC,2025-07-01,,\nIMP.X2,Phòng Nhập lỗi,khong_co_loai,79.STC,2025-07-01,,\n';
    await dlg.getByLabel('Tệp dữ liệu').setInputFiles({ name: 'loi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await dlg.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    const alert = dlg.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    // the server names the offending row (and column) in Vietnamese
    assert.match(text, /Dòng \d+/, `row errors are shown: ${text}`);
    await shoot(page, 'orgs-import-error');
    const none = await getJson(page, '/api/v1/orgs?q=IMP.X');
    assert.equal(none.json.items.length, 0, 'all-or-nothing: no row was imported');

    // a valid file is imported and its unit can be found
    const good = head + 'IMP.OK,Phòng Nhập thử nghiệm,division,79.STC,2025-07-01,,\n';
    await dlg.getByLabel('Tệp dữ liệu').setInputFiles({ name: 'dung.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await dlg.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await dlg.getByText(/Đã nhập 1 đơn vị/).waitFor();
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    await page.getByPlaceholder(SEARCH).fill('phong nhap thu nghiem');
    await page.getByRole('button', { name: /Phòng Nhập thử nghiệm/ }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
