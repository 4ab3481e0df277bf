// Báo cáo (issue 5 points 3–6, 10): one monthly report of Sở Tài chính (HCM-KTXH, reported up
// to UBND Thành phố) walked from assignment to acceptance by four people — the officer
// cv.stc enters it (keyboard, a block pasted from Excel, autosave through a network drop), the
// division head tp.stc checks it, the leader ld.stc signs it with the agency key and sends it,
// recalls it, sends it again, the receiver th.vp returns it with a reason, and after the fix
// accepts it; the signature is shown as valid and two versions are compared side by side.
// Two pages editing the same cell: the later save gets the 409 and shows the other's change.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, newPage, login, shoot, getJson, apiFromPage } from './helpers.mjs';

let server;
let browser;
let key; // the obligation key of the report walked through
const pages = {};

let ca; // demo CA, agency key and a leader's PKCS#12 (scripts/demo-ca.sh)
before(async () => {
  ca = mkdtempSync(path.join(tmpdir(), 'baocao-ca-'));
  execFileSync(path.join(ROOT, 'scripts/demo-ca.sh'), [ca], { stdio: 'ignore' });
  server = await startServer({
    extraArgs: ['--signing-dir', ca, '--trust-store', path.join(ca, 'trust.pem'), '--signing-password', 'baocao-demo'],
  });
  browser = await launchBrowser();
});
after(async () => {
  for (const p of Object.values(pages)) await p.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (ca) rmSync(ca, { recursive: true, force: true });
});

/** a logged-in page per user, kept for the whole file (each its own cookies) */
async function as(user) {
  if (!pages[user]) {
    const p = await newPage(browser, server.url);
    await login(p.page, user);
    await p.page.waitForURL((u) => !u.pathname.endsWith('/'));
    pages[user] = p;
  }
  return pages[user].page;
}

const reportUrl = () => `/bao-cao/${encodeURIComponent(key)}`;

async function openReport(page) {
  await page.goto(reportUrl());
  await page.getByRole('heading', { level: 1, name: /tháng/i }).waitFor();
  await page.getByRole('grid').first().waitFor();
}

/** the grid cell of a row label and a column label */
function cell(page, row, col) {
  return page.getByRole('gridcell', { name: `${row} — ${col}`, exact: true });
}

async function state(page) {
  return (await page.locator('.rp-state').innerText()).trim();
}

async function apiReport(page) {
  const r = await getJson(page, `/api/v1/reports/${encodeURIComponent(key)}`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

async function waitSaved(page) {
  await page.locator('[data-save="saved"]').waitFor();
}

/** clicks a workflow button (only those the API allows are shown) and waits for the new state */
async function act(page, label, expectedState, reason) {
  await page.getByRole('group', { name: 'Thao tác' }).getByRole('button', { name: label, exact: true }).click();
  if (reason) {
    const dlg = page.getByRole('dialog');
    await dlg.getByLabel('Lý do').fill(reason);
    await dlg.getByRole('button', { name: label, exact: true }).click();
  }
  await page.locator('.rp-state', { hasText: expectedState }).waitFor();
}

async function buttons(page) {
  const group = page.getByRole('group', { name: 'Thao tác' });
  if (!(await group.count())) return [];
  return (await group.getByRole('button').allInnerTexts()).map((t) => t.trim());
}

const ROW = {
  thu: 'Tổng thu ngân sách nhà nước trên địa bàn',
  bl: 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng',
  xnk: 'Tổng kim ngạch xuất nhập khẩu hàng hóa',
  xk: 'Kim ngạch xuất khẩu hàng hóa',
  nk: 'Kim ngạch nhập khẩu hàng hóa',
  fdi: 'Vốn đầu tư trực tiếp nước ngoài (FDI) thu hút',
  dn: 'Số doanh nghiệp thành lập mới',
  dl: 'Doanh thu du lịch',
};
const COL = { kh: 'Kế hoạch năm', th: 'Thực hiện kỳ báo cáo', lk: 'Lũy kế từ đầu năm', ck: 'Cùng kỳ năm trước', ss: 'So cùng kỳ' };
const code = (row, col) => `B01/${row}.${col}`;

test('the officer opens the monthly report from "Việc cần làm" and moves through the grid with the keyboard', async () => {
  const page = await as('cv.stc');
  const { json: owed } = await getJson(page, '/api/v1/me/obligations');
  const mine = owed.items.find((i) => i.regime_code === 'HCM-KTXH' && i.period?.type === 'monthly' && !i.done);
  assert.ok(mine, `a monthly HCM-KTXH obligation for the officer: ${JSON.stringify(owed.items.map((i) => i.key))}`);
  key = mine.key;
  await page.goto('/owed');
  await page.locator(`a[href="${reportUrl()}"]`).click();
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/bao-cao/${key}`);
  await page.getByRole('grid').first().waitFor();
  assert.equal(await state(page), 'Đang nhập');
  assert.deepEqual(await buttons(page), ['Trình']);

  // type into a cell: the number is shown the Vietnamese way and Enter moves down
  await cell(page, ROW.fdi, COL.kh).click();
  await page.keyboard.type('12,5');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, ROW.fdi, COL.kh).innerText(), '12,5');
  assert.equal(await cell(page, ROW.dn, COL.kh).getAttribute('aria-selected'), 'true');
  await page.keyboard.type('1500');
  await page.keyboard.press('Tab'); // commits and moves right
  assert.equal(await cell(page, ROW.dn, COL.kh).innerText(), '1.500');
  assert.equal(await cell(page, ROW.dn, COL.th).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await cell(page, ROW.dn, COL.kh).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  assert.equal(await cell(page, ROW.fdi, COL.th).getAttribute('aria-selected'), 'true');
  // F2 edits the value in place, Esc cancels
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('F2');
  await page.keyboard.type('99');
  await page.keyboard.press('Escape');
  assert.equal(await cell(page, ROW.fdi, COL.kh).innerText(), '12,5');
  // text that is not a number is refused with the cell and the character named
  await page.keyboard.type('12a');
  await page.keyboard.press('Enter');
  await page.getByText(/Dòng “Vốn đầu tư trực tiếp nước ngoài \(FDI\) thu hút”, cột “Kế hoạch năm”: ký tự “a”/).waitFor();
  await page.keyboard.press('Escape');
  // Delete clears
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  assert.equal(await cell(page, ROW.dn, COL.kh).innerText(), '');
  // a computed cell can be focused but not edited; the side panel shows its formula
  await cell(page, ROW.thu, COL.ss).click();
  await page.keyboard.type('5');
  assert.equal(await page.locator('.rp-editor').count(), 0);
  await page.getByRole('complementary', { name: 'Ô đang chọn' }).getByText('Tự tính: [LK] / [CK] * 100').waitFor();

  await waitSaved(page);
  const r = await apiReport(page);
  assert.equal(r.cells[code('HCM_FDI', 'KH')].value, '12.5');
  assert.ok(!r.cells[code('HCM_DN_MOI', 'KH')].value, 'cleared with Delete');
});

test('a block pasted from Excel lands from the focused cell, skips computed cells and lists the bad ones', async () => {
  const page = await as('cv.stc');
  await openReport(page);
  await cell(page, ROW.thu, COL.kh).click();
  const tsv = [
    '500.000\t45.000\t380.000\t350.000\t999', // the 5th value falls on "So cùng kỳ" (computed)
    '1.200.000\t110.000\t900.000\tabc',
    '1\t2\t3\t4', // the subtotal row (computed)
    '50,25\t4,5\t40.5\t38,125', // 2 decimals at most in this row
    '',
  ].join('\r\n');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await page.getByText('Đã dán 10 ô; 2 ô không hợp lệ, không dán; bỏ qua 5 ô tự tính.').waitFor();
  const bad = page.getByRole('list', { name: 'Các ô không dán được' });
  await bad
    .getByText('Dòng “Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng”, cột “Cùng kỳ năm trước”: “abc” — ký tự “a” không dùng được trong số')
    .waitFor();
  await bad.getByText('Dòng “Kim ngạch xuất khẩu hàng hóa”, cột “Cùng kỳ năm trước”: “38,125” — có 3 chữ số thập phân, tối đa 2').waitFor();
  assert.equal(await cell(page, ROW.thu, COL.th).innerText(), '45.000');
  assert.equal(await cell(page, ROW.xk, COL.lk).innerText(), '40,5');
  // computed cells follow at once: 380.000 / 350.000 * 100 = 108,6 %
  await cell(page, ROW.thu, COL.ss).filter({ hasText: '108,6' }).waitFor();
  await waitSaved(page);
  const r = await apiReport(page);
  assert.equal(r.cells[code('HCM_THU_NS', 'KH')].value, '500000');
  assert.equal(r.cells[code('HCM_THU_NS', 'TH')].value, '45000');
  assert.ok(!r.cells[code('HCM_XK', 'CK')].value, 'too many decimals: not written');
  assert.equal(r.cells[code('HCM_XK', 'KH')].value, '50.25');
  assert.equal(r.cells[code('HCM_XK', 'LK')].value, '40.5');
  assert.ok(!r.cells[code('HCM_BLHH', 'CK')].value, 'the bad cell stays empty');
  assert.equal(await cell(page, ROW.xnk, COL.kh).innerText(), '50,25'); // subtotal from the server
  await shoot(page, 'report-entry');
});

test('typing survives a network drop: pending changes wait, the status says so, and are saved when back', async () => {
  const page = await as('cv.stc');
  await openReport(page);
  const ctx = pages['cv.stc'].context;
  await ctx.setOffline(true);
  await cell(page, ROW.dl, COL.kh).click();
  await page.keyboard.type('70.000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6.500');
  await page.keyboard.press('Enter');
  await page.locator('[data-save="offline"]', { hasText: 'Mất kết nối, sẽ thử lại' }).waitFor();
  const stored = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.endsWith(k)).map((x) => localStorage.getItem(x)), key);
  assert.equal(stored.length, 1);
  assert.deepEqual(JSON.parse(stored[0]).patch.values, { [code('HCM_DL', 'KH')]: '70000', [code('HCM_DL', 'TH')]: '6500' });
  await ctx.setOffline(false);
  await page.locator('[data-save="offline"] button', { hasText: 'Thử ngay' }).click().catch(() => {});
  await waitSaved(page);
  const r = await apiReport(page);
  assert.equal(r.cells[code('HCM_DL', 'KH')].value, '70000');
  assert.equal(r.cells[code('HCM_DL', 'TH')].value, '6500');
  assert.equal(await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.endsWith(k)).length, key), 0);
  // the failed requests while offline are expected; nothing else may have gone wrong
  const problems = pages['cv.stc'].problems;
  const rest = problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'));
  assert.ok(rest.length < problems.length, 'saves were tried while offline');
  problems.splice(0, problems.length, ...rest);
});

test('two pages editing the same cell: the later save shows the other change and lets the user choose', async () => {
  const a = await as('cv.stc');
  await openReport(a);
  const other = await newPage(browser, server.url);
  try {
    const b = other.page;
    await login(b, 'cv.stc');
    await b.waitForURL(/\/owed$/);
    await openReport(b);
    // page B saves first
    await cell(b, ROW.bl, COL.ck).click();
    await b.keyboard.type('850.000');
    await b.keyboard.press('Enter');
    await waitSaved(b);
    // page A, still on the old revision, types into the same cell
    await cell(a, ROW.bl, COL.ck).click();
    await a.keyboard.type('820.000');
    await a.keyboard.press('Enter');
    const dlg = a.getByRole('dialog', { name: 'Người khác vừa sửa cùng ô' });
    await dlg.waitFor();
    const text = await dlg.innerText();
    assert.match(text, /Phạm Văn Khoa đã sửa thành 850\.000 lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    assert.match(text, /giá trị của bạn: 820\.000/);
    assert.equal(await cell(a, ROW.bl, COL.ck).getAttribute('class').then((c) => c.includes('rp-conflict')), true);
    await shoot(a, 'report-conflict');
    // nothing was overwritten while the question is open
    assert.equal((await apiReport(a)).cells[code('HCM_BLHH', 'CK')].value, '850000');
    await dlg.getByRole('button', { name: 'Giữ tất cả của tôi' }).click();
    await waitSaved(a);
    assert.equal((await apiReport(a)).cells[code('HCM_BLHH', 'CK')].value, '820000');
    assert.equal(await cell(a, ROW.bl, COL.ck).innerText(), '820.000');
    assert.deepEqual(other.problems, []);
  } finally {
    await other.context.close();
  }
});

test('attachments: type and size checked before upload, a PDF is listed, downloaded and removed', async () => {
  const page = await as('cv.stc');
  await openReport(page);
  await page.getByRole('tab', { name: /Đính kèm/ }).click();
  const input = page.getByLabel('Thêm tệp đính kèm');
  const big = path.join(ca, 'qua-lon.pdf'); // 21 MB, sparse
  writeFileSync(big, '%PDF-1.4\n');
  truncateSync(big, 21 * 1024 * 1024);
  const txt = path.join(ca, 'ghi-chu.txt');
  writeFileSync(txt, 'không phải PDF');
  await input.setInputFiles([txt, big]);
  await page.getByText('Tệp “ghi-chu.txt”: chỉ đính kèm được PDF, DOCX, XLSX, PNG hoặc JPEG.').waitFor();
  await page.getByText(/Tệp “qua-lon.pdf” nặng 21,0 MB, vượt quá 20 MB./).waitFor();
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await input.setInputFiles([
    { name: 'phu-luc-thu-ngan-sach.pdf', mimeType: 'application/pdf', buffer: pdf },
    { name: 'xoa-di.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  const list = page.getByRole('list', { name: 'Tệp đính kèm' });
  await list.getByRole('link', { name: 'xoa-di.pdf' }).waitFor();
  await list.getByRole('link', { name: 'phu-luc-thu-ngan-sach.pdf' }).waitFor();
  const dl = page.waitForEvent('download');
  await list.getByRole('link', { name: 'phu-luc-thu-ngan-sach.pdf' }).click();
  assert.equal((await dl).suggestedFilename(), 'phu-luc-thu-ngan-sach.pdf');
  await list.getByRole('button', { name: 'Gỡ tệp xoa-di.pdf' }).click();
  await list.getByRole('link', { name: 'xoa-di.pdf' }).waitFor({ state: 'detached' });
  const r = await apiReport(page);
  assert.deepEqual(r.attachments.map((a) => a.name), ['phu-luc-thu-ngan-sach.pdf']);
  await shoot(page, 'report-files');
});

async function fillNarrative(page, suffix = '') {
  // an empty required section is an error that leads to the section
  await page.locator('.rp-val-error', { hasText: /Mục I «Tình hình kinh tế - xã hội trong kỳ» chưa có nội dung/ }).getByRole('button', { name: 'Viết mục này' }).click();
  assert.equal(await page.getByRole('tab', { name: 'Thuyết minh' }).getAttribute('aria-selected'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'rp-sec-I');
  const areas = page.locator('.rp-narrative textarea');
  const n = await areas.count();
  assert.ok(n >= 3, 'the outline sections and the form note');
  for (let i = 0; i < n; i++) await areas.nth(i).fill(`Nội dung mục ${i + 1}: thu ngân sách đạt 108,6% cùng kỳ.${suffix}`);
  await waitSaved(page);
  await page.getByRole('tab', { name: 'Số liệu' }).click();
}

/** the officer changes one value and submits again; the division head checks it */
async function fixAndSubmit(row, col, text) {
  const cv = await as('cv.stc');
  await openReport(cv);
  await cell(cv, row, col).click();
  await cv.keyboard.type(text);
  await cv.keyboard.press('Enter');
  await waitSaved(cv);
  await act(cv, 'Trình', 'Chờ kiểm tra');
  const tp = await as('tp.stc');
  await openReport(tp);
  await act(tp, 'Kiểm tra, trình duyệt', 'Đã kiểm tra, chờ duyệt');
}

/** the leader's "Duyệt và ký số" opens the signature dialog */
async function openSign(ld) {
  await openReport(ld);
  await ld.getByRole('group', { name: 'Thao tác' }).getByRole('button', { name: 'Duyệt và ký số' }).click();
  const dlg = ld.getByRole('dialog', { name: 'Ký số và duyệt báo cáo' });
  await dlg.waitFor();
  return dlg;
}

async function explainWarnings(page) {
  const boxes = page.getByLabel('Giải trình');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill('Nguồn thu tăng do thu tiền sử dụng đất.');
}

test('the workflow: submit, check, sign and send, recall, return with a reason, accept; signature valid; versions compared', async () => {
  const cv = await as('cv.stc');
  await openReport(cv);
  await fillNarrative(cv);
  await explainWarnings(cv);
  await waitSaved(cv);
  await act(cv, 'Trình', 'Chờ kiểm tra');
  assert.deepEqual(await buttons(cv), []);
  await cv.getByText('Báo cáo đang ở trạng thái “Chờ kiểm tra”: bạn chỉ xem, không có thao tác nào.').waitFor();

  const tp = await as('tp.stc');
  await openReport(tp);
  assert.deepEqual((await buttons(tp)).sort(), ['Kiểm tra, trình duyệt', 'Trả lại người nhập'].sort());
  await act(tp, 'Kiểm tra, trình duyệt', 'Đã kiểm tra, chờ duyệt');

  // the leader signs with the agency key and sends (two internal steps: approval sends)
  const ld = await as('ld.stc');
  const sign = await openSign(ld);
  await shoot(ld, 'report-sign');
  await sign.getByLabel(/Khóa của cơ quan/).check();
  await sign.getByRole('button', { name: 'Ký số và duyệt' }).click();
  await ld.locator('.rp-state', { hasText: 'Đã gửi' }).waitFor();
  await ld.getByRole('tab', { name: /Phiên bản/ }).click();
  await ld.locator('.rp-sig-ok', { hasText: /^Chữ ký hợp lệ: CN=.+, ký lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).waitFor();

  // recall before acceptance: back to the officer
  await act(ld, 'Thu hồi', 'Đang nhập');
  await fixAndSubmit(ROW.fdi, COL.th, '3,25');
  // this time the leader signs with a personal certificate (PKCS#12); a wrong password is named
  const dlg2 = await openSign(ld);
  await dlg2.getByLabel(/Tệp chứng thư số cá nhân/).check();
  await dlg2.locator('input[type=file]').setInputFiles(path.join(ca, 'leader.p12'));
  await dlg2.getByLabel('Mật khẩu của tệp').fill('sai-mat-khau');
  await dlg2.getByRole('button', { name: 'Ký số và duyệt' }).click();
  await dlg2.getByRole('alert').filter({ hasText: /mật khẩu/i }).waitFor();
  assert.equal(await state(ld), 'Đã kiểm tra, chờ duyệt');
  await dlg2.getByLabel('Mật khẩu của tệp').fill('baocao-demo');
  await dlg2.getByRole('button', { name: 'Ký số và duyệt' }).click();
  await ld.locator('.rp-state', { hasText: 'Đã gửi' }).waitFor();
  await ld.getByRole('tab', { name: /Phiên bản/ }).click();
  await ld.locator('.rp-sig-ok', { hasText: 'CN=Nguyễn Văn An' }).first().waitFor();

  // the receiver returns it with a reason
  const th = await as('th.vp');
  await openReport(th);
  assert.deepEqual((await buttons(th)).sort(), ['Tiếp nhận', 'Trả lại'].sort());
  await th.getByText(/Bạn đang xem nội dung đã gửi đến đơn vị mình \(phiên bản 2, /).waitFor();
  await act(th, 'Trả lại', 'Bị trả lại', 'Số doanh nghiệp thành lập mới còn trống, đề nghị bổ sung.');

  // the officer sees the reason, completes the report and it goes up again
  await openReport(cv);
  assert.equal(await state(cv), 'Bị trả lại');
  await cv.getByRole('tab', { name: 'Lịch sử' }).click();
  await cv.getByText('Lý do: Số doanh nghiệp thành lập mới còn trống, đề nghị bổ sung.').waitFor();
  await fixAndSubmit(ROW.dn, COL.th, '4.120');
  await (await openSign(ld)).getByRole('button', { name: 'Ký số và duyệt' }).click();
  await ld.locator('.rp-state', { hasText: 'Đã gửi' }).waitFor();

  // the receiver checks the signature, compares the versions and accepts
  await openReport(th);
  await th.getByRole('tab', { name: /Phiên bản/ }).click();
  const ok = th.locator('.rp-sig-ok').first();
  await ok.waitFor();
  assert.match(await ok.innerText(), /^Chữ ký hợp lệ: CN=.+, ký lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  const api = await apiReport(th);
  const last = api.versions[api.versions.length - 1].number;
  assert.ok(last >= 3, `three submissions, three versions: ${last}`);
  const verify = await getJson(th, `/api/v1/reports/${encodeURIComponent(key)}/versions/${last}/verify`);
  assert.equal(verify.json.ok, true);
  await th.getByLabel('Phiên bản cũ').selectOption(String(api.versions[0].number));
  await th.getByLabel('Phiên bản mới').selectOption(String(last));
  await th.getByRole('button', { name: 'So sánh', exact: true }).click();
  const table = th.locator('.rp-compare-table');
  await table.waitFor();
  const dnRow = table.locator('tr', { hasText: 'Số doanh nghiệp thành lập mới — Thực hiện kỳ báo cáo' });
  assert.equal(await dnRow.getAttribute('data-diff'), '1');
  assert.match(await dnRow.innerText(), /4\.120/);
  const same = table.locator('tr', { hasText: 'Tổng thu ngân sách nhà nước trên địa bàn — Kế hoạch năm' });
  assert.equal(await same.getAttribute('data-diff'), null);
  await shoot(th, 'report-versions', { fullPage: true });
  const pkg = th.waitForEvent('download');
  await th.getByRole('link', { name: 'Tải gói đã ký' }).first().click();
  assert.match((await pkg).suggestedFilename(), /\.zip$/);
  await act(th, 'Tiếp nhận', 'Đã tiếp nhận');
  assert.deepEqual(await buttons(th), []);
  await th.getByRole('tab', { name: 'Lịch sử' }).click();
  const hist = await th.locator('.rp-history').innerText();
  for (const a of ['Trình', 'Kiểm tra, trình duyệt', 'Duyệt và ký số', 'Thu hồi', 'Trả lại', 'Tiếp nhận']) assert.ok(hist.includes(a), a);

  // the officer's home shows it as accepted, the report is read-only
  await openReport(cv);
  assert.equal(await state(cv), 'Đã tiếp nhận');
  await cell(cv, ROW.dl, COL.kh).click();
  await cv.keyboard.type('1');
  assert.equal(await cv.locator('.rp-editor').count(), 0);
  await shoot(cv, 'report-accepted');
  for (const p of Object.values(pages)) assert.deepEqual(p.problems, []);
});

test('comments on a value and attachments with type and size checks', async () => {
  const th = await as('th.vp');
  await openReport(th);
  await cell(th, ROW.thu, COL.th).click();
  const panel = th.getByRole('complementary', { name: 'Ô đang chọn' });
  await panel.getByLabel('Ý kiến về ô này').fill('Số thu tháng này cao bất thường, đề nghị kiểm tra lại.');
  await panel.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await panel.getByText('Số thu tháng này cao bất thường, đề nghị kiểm tra lại.').waitFor();
  assert.match(await cell(th, ROW.thu, COL.th).getAttribute('class'), /rp-commented/);
  const res = await apiFromPage(th, 'GET', `/api/v1/reports/${encodeURIComponent(key)}/comments`);
  assert.equal(res.json.items.at(-1).cell, code('HCM_THU_NS', 'TH'));
});
