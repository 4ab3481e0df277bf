// Chế độ báo cáo: the public catalog without login (/danh-muc-bao-cao), the regime list and the
// conflict check of the weekly draft (002 Đ3.4) as quantri, and a small form built in the
// designer — indicator rows (one a subtotal of two), measure columns including a computed "% so
// kế hoạch", a validation rule — saved, reloaded identical, then previewed: numbers typed and
// shown as 1.234,5, the subtotal and the percentage computed as one types.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, apiFromPage, getJson } from './helpers.mjs';

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

test('the published catalog is public and reachable from the login screen', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await page.goto('/');
    await page.getByRole('link', { name: 'Danh mục báo cáo định kỳ đã công bố' }).click();
    await page.getByRole('heading', { name: 'Danh mục báo cáo định kỳ', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Hằng tháng; quý, 6 tháng, 9 tháng, năm/);
    assert.match(await row.innerText(), /Sở Tài chính/);
    // the statistical regime is outside Decree 09's catalog
    assert.equal(await page.getByText('Báo cáo hệ thống chỉ tiêu thống kê cấp tỉnh').count(), 0);
    const pdf = await page.evaluate(async () => {
      const r = await fetch('/api/v1/public/catalog.pdf');
      return { status: r.status, type: r.headers.get('Content-Type') };
    });
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf' });
    await shoot(page, 'catalog-public', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('quantri sees the regimes and the Đ3.4 conflict of the weekly draft', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Chế độ báo cáo' }).click();
    await page.getByRole('heading', { name: 'Chế độ báo cáo', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Báo cáo nhanh tình hình kinh tế - xã hội hằng tuần của UBND phường' }).waitFor();
    await shoot(page, 'regimes-list');
    await page.getByRole('link', { name: 'Báo cáo nhanh tình hình kinh tế - xã hội hằng tuần của UBND phường' }).click();
    await page.getByRole('button', { name: 'Kiểm tra trùng lặp' }).click();
    const err = page.locator('.rg-findings .alert-error');
    await err.waitFor();
    assert.match(await err.innerText(), /Điều 3 khoản 4/);
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await page.locator('.rg-findings').getByText('Không được ban hành:').waitFor();
    assert.equal(await page.getByText('Đã ban hành').count(), 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'regimes-conflict');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a small form designed, saved, reloaded and previewed', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    const created = await apiFromPage(page, 'POST', '/api/v1/regimes', {
      code: 'THU-NS-NHANH',
      name: 'Báo cáo nhanh thu ngân sách',
      kind: 'periodic',
      reporting: { codes: ['79.STC'] },
      receiving: '79',
      schedule: { frequency: 'monthly' },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    await page.goto(`/regimes/${id}/forms/B01`);
    await page.getByRole('heading', { name: 'Biểu mẫu B01 (mới)', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Tên biểu', exact: true }).fill('Biểu 01: Thu ngân sách nhà nước');

    // rows: a total picked from the catalog, two parts typed, nested under it
    const pick = page.getByLabel('Thêm chỉ tiêu');
    for (const code of ['HCM_THU_NS', 'THU_ND', 'THU_XNK']) {
      await pick.fill(code);
      await pick.press('Enter');
    }
    await page.getByLabel('Tên dòng HCM_THU_NS').waitFor();
    assert.equal(await page.getByLabel('Tên dòng HCM_THU_NS').inputValue(), 'Tổng thu ngân sách nhà nước trên địa bàn');
    await page.getByLabel('Loại dòng HCM_THU_NS').selectOption('subtotal');
    await page.getByLabel('Tên dòng THU_ND').fill('Thu nội địa');
    await page.getByLabel('Đơn vị tính dòng THU_ND').fill('tỷ đồng');
    await page.getByLabel('Dòng cha của THU_ND').selectOption('HCM_THU_NS');
    await page.getByLabel('Số lẻ dòng THU_ND').fill('1');
    await page.getByLabel('Tên dòng THU_XNK').fill('Thu từ hoạt động xuất nhập khẩu');
    await page.getByLabel('Đơn vị tính dòng THU_XNK').fill('tỷ đồng');
    await page.getByLabel('Dòng cha của THU_XNK').selectOption('HCM_THU_NS');
    await page.getByLabel('Số lẻ dòng THU_XNK').fill('1');
    await page.getByLabel('Số lẻ dòng HCM_THU_NS').fill('1');

    // columns: plan, this period, year to date, % of plan (computed)
    for (const name of ['Kế hoạch năm', 'Thực hiện kỳ báo cáo', 'Lũy kế từ đầu năm', 'So kế hoạch năm']) {
      await page.getByRole('button', { name, exact: true }).click();
    }
    assert.equal(await page.getByLabel('Công thức cột SSKH').inputValue(), '[LK] / [KH] * 100');
    // a rule with severity
    await page.getByRole('button', { name: 'Thêm kiểm tra' }).click();
    await page.getByLabel('Điều kiện R1').fill('[LK] >= [TH]');
    await page.getByLabel('Thông báo R1').fill('Lũy kế không được nhỏ hơn thực hiện kỳ');
    await page.getByRole('button', { name: 'Lưu biểu mẫu' }).click();
    await page.getByText('Đã lưu biểu mẫu vào bản dự thảo').waitFor();
    await shoot(page, 'form-designer', { fullPage: true });

    // reloaded from the server: identical
    const saved = await getJson(page, `/api/v1/forms/${id}/B01`);
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.json.form.rows.map((r) => [r.code, r.parent, r.kind]), [
      ['HCM_THU_NS', '', 'subtotal'],
      ['THU_ND', 'HCM_THU_NS', 'input'],
      ['THU_XNK', 'HCM_THU_NS', 'input'],
    ]);
    await page.reload();
    await page.getByRole('heading', { name: 'Biểu mẫu B01', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Công thức cột SSKH').inputValue(), '[LK] / [KH] * 100');
    const again = await getJson(page, `/api/v1/forms/${id}/B01`);
    assert.deepEqual(again.json.form, saved.json.form);

    // preview as an officer fills it
    await page.getByRole('tab', { name: 'Xem trước' }).click();
    const sheet = page.getByLabel('Xem trước biểu mẫu');
    await sheet.getByRole('heading', { name: 'Biểu 01: Thu ngân sách nhà nước' }).waitFor();
    await sheet.getByLabel('Thu nội địa — Kế hoạch năm').fill('1000000');
    await sheet.getByLabel('Thu nội địa — Lũy kế từ đầu năm').fill('250000,5');
    await sheet.getByLabel('Thu từ hoạt động xuất nhập khẩu — Kế hoạch năm').fill('234567,8');
    await sheet.getByLabel('Thu từ hoạt động xuất nhập khẩu — Lũy kế từ đầu năm').fill('100000');
    await sheet.getByLabel('Thu nội địa — Thực hiện kỳ báo cáo').click();
    assert.equal(await sheet.getByLabel('Thu nội địa — Lũy kế từ đầu năm').inputValue(), '250.000,5');
    assert.equal(await sheet.getByLabel('Thu nội địa — Kế hoạch năm').inputValue(), '1.000.000,0');
    const cell = (key) => sheet.locator(`td[data-cell="${key}"]`);
    assert.equal(await cell('HCM_THU_NS.KH').innerText(), '1.234.567,8');
    assert.equal(await cell('HCM_THU_NS.LK').innerText(), '350.000,5');
    assert.equal(await cell('THU_ND.SSKH').innerText(), '25,0');
    assert.equal(await cell('HCM_THU_NS.SSKH').innerText(), '28,4');
    await sheet.getByText('Lũy kế không được nhỏ hơn thực hiện kỳ').waitFor();
    await shoot(page, 'form-preview', { fullPage: true });

    // the XLSX template downloads
    const x = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, magic: String.fromCharCode(b[0], b[1]) };
    }, `/api/v1/forms/${id}/B01/template.xlsx?period=2026Q1`);
    assert.deepEqual(x, { status: 200, magic: 'PK' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
