// Danh mục chỉ tiêu and Chỉ tiêu kế hoạch: an indicator found by its name typed without
// diacritics and opened with every field; a computed indicator created in the editor, then a
// formula that would close a cycle through the catalog refused with the cycle named; an import
// whose bad row is named; a set's published version; and the target flow — Sở Tài chính's
// leader registers, the city's aggregator assigns another value (both in the history), the
// result is recorded and the achievement shows as a coloured percentage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, login, shoot, apiFromPage, getJson } from './helpers.mjs';

const env = serverAndBrowser();

async function openNav(page, name) {
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

test('find an indicator without diacritics, open it, and a formula cycle is refused', async () => {
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await openNav(page, 'Danh mục chỉ tiêu');
    await page.getByText(/1–37 trong 37 chỉ tiêu/).waitFor();
    await page.getByLabel('Tìm theo mã hoặc tên').fill('ty le that nghiep');
    await page.getByText(/1–1 trong 1 chỉ tiêu/).waitFor();
    const link = page.getByRole('link', { name: 'Tỷ lệ thất nghiệp' });
    await link.waitFor();
    await shoot(page, 'catalog-search');
    await link.click();
    await page.getByRole('heading', { name: 'Tỷ lệ thất nghiệp', level: 1 }).waitFor();
    const dl = await page.locator('.ind-dl').innerText();
    assert.match(dl, /Mã chỉ tiêu\s+HCM_THAT_NGHIEP/);
    assert.match(dl, /Đơn vị tính\s+%/);
    assert.match(dl, /Kiểu giá trị\s+Tỷ lệ \(%\)/);
    assert.match(dl, /Chiều đánh giá\s+Càng thấp càng tốt/);
    assert.match(dl, /Tổng hợp giữa các đơn vị\s+Không tổng hợp/);
    await shoot(page, 'catalog-detail', { fullPage: true });

    // level and sector filters: no commune indicator is published; the province sets hold 37
    await openNav(page, 'Danh mục chỉ tiêu');
    await page.getByLabel('Cấp').selectOption('commune');
    await page.getByText('Không có chỉ tiêu nào khớp với điều kiện tìm.').waitFor();
    await page.getByLabel('Cấp').selectOption('province');
    await page.getByLabel('Lĩnh vực').selectOption('Xã hội');
    await page.getByText(/1–4 trong 4 chỉ tiêu/).waitFor();

    // a computed indicator created in the editor
    await page.getByRole('link', { name: 'Thêm chỉ tiêu' }).click();
    await page.getByRole('heading', { name: 'Thêm chỉ tiêu', level: 1 }).waitFor();
    await page.getByLabel('Mã chỉ tiêu').fill('CT_THU_NS_GRDP');
    await page.getByLabel('Tên chỉ tiêu').fill('Tỷ lệ thu ngân sách trên GRDP');
    await page.getByLabel('Đơn vị tính').fill('%');
    await page.getByLabel('Kiểu giá trị').selectOption('percent');
    await page.getByLabel('Số chữ số thập phân').selectOption('1');
    await page.getByLabel('Tổng hợp giữa các đơn vị').selectOption('none');
    await page.getByLabel('Tổng hợp theo thời gian').selectOption('none');
    await page.getByLabel('Công thức (chỉ tiêu tính)').fill('[HCM_THU_NS] / [HCM_GRDP_QM] * 100');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByRole('heading', { name: 'Tỷ lệ thu ngân sách trên GRDP', level: 1 }).waitFor();
    assert.match(await page.locator('.ind-dl').innerText(), /Công thức\s+\[HCM_THU_NS\] \/ \[HCM_GRDP_QM\] \* 100/);

    // another computed indicator reads it; making the first read the second closes a cycle
    const other = await apiFromPage(page, 'POST', '/api/v1/indicators', {
      code: 'CT_KIEM_TRA',
      name: 'Chỉ tiêu kiểm tra vòng lặp',
      formula: '[CT_THU_NS_GRDP] * 2',
    });
    assert.equal(other.status, 201, other.text);
    await page.getByRole('button', { name: 'Sửa chỉ tiêu' }).click();
    await page.getByLabel('Công thức (chỉ tiêu tính)').fill('[CT_KIEM_TRA] / 2');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Công thức tạo vòng lặp: CT_THU_NS_GRDP → CT_KIEM_TRA → CT_THU_NS_GRDP/);
    assert.equal(await page.getByLabel('Công thức (chỉ tiêu tính)').getAttribute('aria-invalid'), 'true');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'catalog-cycle');
    const stored = await getJson(page, '/api/v1/indicators?q=CT_THU_NS_GRDP');
    assert.equal(stored.json.items[0].formula, '[HCM_THU_NS] / [HCM_GRDP_QM] * 100', 'nothing saved');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an import names its bad row; a set shows its published version', async () => {
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await openNav(page, 'Danh mục chỉ tiêu');
    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const dlg = page.getByRole('dialog');
    const bad = 'ma,ten,kieu_gia_tri,chieu\nNK_TOT,Chỉ tiêu nhập tốt,number,higher\nNK_LOI,Chỉ tiêu nhập lỗi,so,higher\n';
    await dlg.getByLabel('Tệp dữ liệu').setInputFiles({ name: 'loi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await dlg.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    const alert = dlg.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    // the file's row 3 and column are named; nothing is written
    assert.match(text, /Dòng 3, cột 'kieu_gia_tri': giá trị 'so' không hợp lệ/);
    await shoot(page, 'catalog-import-error');
    assert.equal((await getJson(page, '/api/v1/indicators?q=NK_TOT')).json.total, 0, 'all-or-nothing');
    const good = 'ma,ten,kieu_gia_tri,chieu\nNK_TOT,Chỉ tiêu nhập tốt,number,higher\n';
    await dlg.getByLabel('Tệp dữ liệu').setInputFiles({ name: 'tot.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await dlg.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await dlg.getByText('Đã nhập: 1 chỉ tiêu mới, 0 chỉ tiêu cập nhật, 0 chỉ tiêu không đổi.').waitFor();
    await dlg.getByRole('button', { name: 'Đóng', exact: true }).first().click();

    await page.getByRole('navigation', { name: 'Danh mục chỉ tiêu' }).getByRole('link', { name: 'Bộ chỉ tiêu' }).click();
    await page.getByRole('heading', { name: 'Bộ chỉ tiêu', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Chỉ tiêu chủ yếu phát triển kinh tế - xã hội TP. Hồ Chí Minh năm 2026' }).click();
    await page.getByRole('heading', { name: 'Phiên bản 1: 20 chỉ tiêu' }).waitFor();
    // publish version 2 with one more indicator
    await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
    const members = page.getByLabel('Các chỉ tiêu của phiên bản');
    await members.fill((await members.inputValue()) + '\nNK_TOT');
    await page.getByLabel('Nội dung thay đổi').fill('Thêm chỉ tiêu nhập thử');
    await page.getByRole('button', { name: 'Công bố (21 chỉ tiêu)' }).click();
    await page.getByText('Đã công bố phiên bản 2 gồm 21 chỉ tiêu.').waitFor();
    await page.getByRole('heading', { name: 'Phiên bản 2: 21 chỉ tiêu' }).waitFor();
    await page.getByRole('button', { name: 'Phiên bản 1' }).click();
    await page.getByRole('heading', { name: 'Phiên bản 1: 20 chỉ tiêu' }).waitFor();
    await shoot(page, 'catalog-set', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** a fresh session of `username` on "Chỉ tiêu kế hoạch"; no page error or failed request */
async function onTargets(username, fn) {
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, username);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await openNav(page, 'Chỉ tiêu kế hoạch');
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('a unit registers a target, the city assigns it, the result gives the achievement', async () => {
  const label = 'Số doanh nghiệp thành lập mới – Sở Tài chính';
  // Sở Tài chính's leader registers 1.200 new enterprises for 2026
  await onTargets('ld.stc', async (page) => {
    await page.getByRole('button', { name: 'Đăng ký chỉ tiêu' }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Đơn vị đăng ký').fill('so tai chinh');
    await dlg.getByRole('option', { name: /Sở Tài chính/ }).first().click();
    await dlg.getByRole('searchbox', { name: 'Chỉ tiêu', exact: true }).fill('doanh nghiep thanh lap');
    await dlg.getByRole('button', { name: /Số doanh nghiệp thành lập mới/ }).click();
    await dlg.getByLabel(/Giá trị đăng ký/).fill('1.200');
    await dlg.getByLabel('Thuyết minh').fill('Theo dự báo của Sở');
    await dlg.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText(/Đã đăng ký chỉ tiêu “Số doanh nghiệp thành lập mới” của Sở Tài chính: 1\.200/).waitFor();
    const row = page.getByRole('row', { name: /Số doanh nghiệp thành lập mới/ }).filter({ hasText: 'Sở Tài chính' });
    assert.match(await row.innerText(), /Đã đăng ký, chờ giao/);
    await shoot(page, 'targets-registered');
  });

  // the city's aggregator assigns 1.500; both changes are in the history
  await onTargets('th.vp', async (page) => {
    await page.getByRole('button', { name: `Giao: ${label}` }).click();
    const dlg = page.getByRole('dialog');
    assert.equal(await dlg.getByLabel('Giá trị giao').inputValue(), '1.200');
    await dlg.getByLabel('Giá trị giao').fill('1.500');
    await dlg.getByLabel('Ý kiến, căn cứ giao').fill('Theo Nghị quyết HĐND');
    await dlg.getByRole('button', { name: 'Giao chỉ tiêu' }).click();
    await page.getByText('Đã giao chỉ tiêu “Số doanh nghiệp thành lập mới” cho Sở Tài chính: 1.500.').waitFor();
    await page.getByRole('button', { name: `Lịch sử: ${label}` }).click();
    const hist = page.getByRole('list', { name: 'Lịch sử thay đổi' });
    await hist.getByText('Theo Nghị quyết HĐND').waitFor();
    const h = await hist.innerText();
    assert.match(h, /Đăng ký\s+1\.200 · ld\.stc/);
    assert.match(h, /Giao\s+1\.500 · th\.vp/);
    // th.vp may not record Sở Tài chính's result
    assert.equal(await page.getByRole('button', { name: `Cập nhật kết quả: ${label}` }).count(), 0);
    await shoot(page, 'targets-assigned');
  });

  // the result 1.650 > 1.500: 110 %, exceeded (green)
  await onTargets('ld.stc', async (page) => {
    await page.getByRole('button', { name: `Cập nhật kết quả: ${label}` }).click();
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel(/Giá trị thực hiện/).fill('1.650');
    await dlg.getByLabel('Nguồn số liệu').fill('Đăng ký doanh nghiệp');
    await dlg.getByRole('button', { name: 'Lưu kết quả' }).click();
    await page.getByText('Đã cập nhật kết quả năm 2026 của “Số doanh nghiệp thành lập mới”.').waitFor();
    const row = page.getByRole('row', { name: /Số doanh nghiệp thành lập mới/ }).filter({ hasText: 'Sở Tài chính' });
    const badge = row.locator('.tg-ach .badge');
    assert.equal(await badge.innerText(), '110%');
    assert.match(await badge.getAttribute('class'), /badge-ok/);
    assert.match(await row.innerText(), /Vượt kế hoạch/);
    // the city's own 2026 targets have no result yet
    assert.ok((await page.getByText('chưa có kết quả năm 2026').count()) > 0);
    await shoot(page, 'targets-achievement', { fullPage: true });
  });
});
