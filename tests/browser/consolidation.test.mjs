// Report as Excel and consolidation (issue 5 points 3 and 7). Sở Tài chính's officer cv.stc
// downloads the monthly HCM-KTXH report as a pre-filled workbook (a ZIP with the XLSX content
// type), uploads a file that is not a workbook (clear error), a workbook with text in a number
// cell (the per-cell list, "Đến ô" selects the cell, nothing saved), a correct edit (saved,
// the count of changed cells) and an edit of a cell someone saved after the download (the
// conflict dialog, nothing saved). Two wards that report to the Sở get their reports through the
// whole workflow over the API (users created by the administrator, agency signature) and
// accepted by an aggregator of the Sở; the consolidation screen then shows "2/N đơn vị", the
// missing units, the sums, a drill-down per unit (sortable), and the officer pulls the
// aggregates into the Sở's own report.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, PASSWORD, startServer, launchBrowser, newPage, login, shoot, getJson, apiFromPage } from './helpers.mjs';

let server;
let browser;
let ca;
let tmp;
const pages = {};
let key; // the Sở's own monthly report
let stc; // unit id of Sở Tài chính
let period;
let wards = []; // [{unit, key, user}]

before(async () => {
  ca = mkdtempSync(path.join(tmpdir(), 'baocao-ca-'));
  tmp = mkdtempSync(path.join(tmpdir(), 'baocao-xlsx-'));
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
  for (const d of [ca, tmp]) if (d) rmSync(d, { recursive: true, force: true });
});

async function as(user) {
  if (!pages[user]) {
    const p = await newPage(browser, server.url);
    await login(p.page, user);
    await p.page.waitForURL((u) => !u.pathname.endsWith('/'));
    pages[user] = p;
  }
  return pages[user].page;
}

const enc = encodeURIComponent;
async function api(page, method, url, body, expected = 200) {
  const r = await apiFromPage(page, method, url, body);
  assert.equal(r.status, expected, `${method} ${url}: ${r.text.slice(0, 400)}`);
  return r.json;
}

/** a new account of a ward with every internal role, its first password changed over the API */
async function wardUser(admin, unit, username) {
  const u = await api(admin, 'POST', '/api/v1/users', { username, full_name: `Cán bộ ${username}`, unit_id: unit, password: 'Tam@thoi2026x' }, 201);
  for (const role of ['data_entry', 'reviewer', 'approver', 'sender'])
    await api(admin, 'POST', `/api/v1/users/${u.id}/grants`, { role, unit_id: unit, include_subtree: false }, 201);
  const p = await newPage(browser, server.url);
  pages[username] = p;
  await p.page.goto('/');
  const status = await p.page.evaluate(
    async ({ username, PASSWORD }) => {
      const login = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: 'Tam@thoi2026x' }),
      }).then((r) => r.json());
      const r = await fetch('/api/v1/auth/change-password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': login.csrf_token },
        body: JSON.stringify({ current_password: 'Tam@thoi2026x', new_password: PASSWORD }),
      });
      return r.status;
    },
    { username, PASSWORD },
  );
  assert.equal(status, 200);
  return p.page;
}

/** the ward fills its report, submits, checks, signs with the agency key and sends it */
async function sendUp(page, k, values) {
  let r = await api(page, 'GET', `/api/v1/reports/${enc(k)}`);
  const narrative = Object.fromEntries(r.sections.filter((s) => s.required).map((s) => [s.code, 'Tình hình ổn định.']));
  r = await api(page, 'PATCH', `/api/v1/reports/${enc(k)}/draft`, { base_revision: r.revision, values, narrative });
  assert.ok(r.validation.can_submit, JSON.stringify(r.validation.items));
  for (const step of ['submit', 'check', 'sign', 'approve', 'send']) {
    const ids = r.actions.map((a) => a.id);
    if (step === 'sign') {
      if (ids.includes('sign')) r = await api(page, 'POST', `/api/v1/reports/${enc(k)}/sign`, { method: 'agency' });
      continue;
    }
    if (!ids.includes(step)) continue;
    r = await api(page, 'POST', `/api/v1/reports/${enc(k)}/actions/${step}`, { version: r.obligation.version });
  }
  assert.equal(r.state, 'sent', `state after sending: ${r.state}`);
}

test('setup: the Sở\'s monthly report; two wards send theirs and an aggregator of the Sở accepts them', async () => {
  const cv = await as('cv.stc');
  const { json: owed } = await getJson(cv, '/api/v1/me/obligations');
  const mine = owed.items.find((i) => i.regime_code === 'HCM-KTXH' && i.period?.type === 'monthly' && !i.done);
  assert.ok(mine, 'a monthly HCM-KTXH report of Sở Tài chính');
  key = mine.key;
  period = mine.period.id;
  const own = await api(cv, 'GET', `/api/v1/reports/${enc(key)}`);
  stc = own.obligation.unit.id;
  const before = await api(cv, 'GET', `/api/v1/consolidation?unit=${stc}&regime=HCM-KTXH&period=${period}`);
  assert.equal(before.accepted, 0);
  assert.ok(before.missing.length >= 3, 'wards report to the Sở');

  const admin = await as('quantri');
  const th = await api(admin, 'POST', '/api/v1/users', { username: 'th.stc', full_name: 'Lý Thị Tổng Hợp', unit_id: stc, password: 'Tam@thoi2026x' }, 201);
  await api(admin, 'POST', `/api/v1/users/${th.id}/grants`, { role: 'aggregator', unit_id: stc, include_subtree: false }, 201);
  const sums = [
    { 'B01/HCM_THU_NS.TH': '1000', 'B01/HCM_XK.TH': '1.25' },
    { 'B01/HCM_THU_NS.TH': '2500', 'B01/HCM_XK.TH': '0.75' },
  ];
  for (let i = 0; i < 2; i++) {
    const m = before.missing[i];
    const page = await wardUser(admin, m.id, `px${m.id}`);
    await sendUp(page, m.report_key, sums[i]);
    wards.push({ unit: m, key: m.report_key });
  }
  // the aggregator (first login: changes the password, then accepts both)
  const p = await newPage(browser, server.url);
  pages['th.stc'] = p;
  await p.page.goto('/');
  await p.page.evaluate(async (PASSWORD) => {
    const login = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'th.stc', password: 'Tam@thoi2026x' }),
    }).then((r) => r.json());
    await fetch('/api/v1/auth/change-password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': login.csrf_token },
      body: JSON.stringify({ current_password: 'Tam@thoi2026x', new_password: PASSWORD }),
    });
  }, PASSWORD);
  for (const w of wards) {
    const r = await api(p.page, 'GET', `/api/v1/reports/${enc(w.key)}`);
    assert.ok(r.actions.some((a) => a.id === 'accept'), `the aggregator may accept: ${JSON.stringify(r.actions)}`);
    const a = await api(p.page, 'POST', `/api/v1/reports/${enc(w.key)}/actions/accept`, { version: r.obligation.version });
    assert.equal(a.state, 'accepted');
  }
});

test('Excel: download the pre-filled workbook, a non-workbook and a bad cell are refused with clear errors, a good edit is saved', async () => {
  const cv = await as('cv.stc');
  await cv.goto(`/bao-cao/${enc(key)}`);
  await cv.getByRole('grid').first().waitFor();
  const toolbar = cv.locator('.rp-excel');
  assert.ok(await toolbar.getByText('Nạp Excel').isVisible(), 'the officer may upload');

  // download: a ZIP (PK) served as an XLSX
  const [download] = await Promise.all([cv.waitForEvent('download'), toolbar.getByRole('link', { name: 'Tải Excel' }).click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(tmp, 'bao-cao.xlsx');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  const head = await cv.request.get(`/api/v1/reports/${enc(key)}/xlsx`);
  assert.equal(head.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  // a file that is not .xlsx: refused before sending
  const csv = path.join(tmp, 'so-lieu.csv');
  writeFileSync(csv, 'a;b\n1;2\n');
  await cv.setInputFiles('#rp-excel-file', csv);
  await cv.locator('.rp-excel-error', { hasText: 'không phải tệp Excel (.xlsx)' }).waitFor();
  // named .xlsx but not a workbook: the server's reason
  const fake = path.join(tmp, 'gia.xlsx');
  writeFileSync(fake, 'đây không phải tệp Excel');
  await cv.setInputFiles('#rp-excel-file', fake);
  // (the server's 422 names the file: shown in the error dialog, or as an alert without errors[])
  const serverError = cv.locator('.rp-excel-error .alert, dialog[open]');
  await serverError.waitFor();
  const reason = await serverError.innerText();
  assert.match(reason, /xlsx|Excel|tệp/i, reason);
  assert.doesNotMatch(reason, /đã được lưu/);
  if (await cv.locator('dialog[open]').count()) await cv.locator('dialog[open]').getByRole('button', { name: 'Đóng' }).first().click();

  // text in a number cell and a good number: the whole file is refused, the cell named
  const bad = path.join(tmp, 'sai.xlsx');
  const refs = execFileSync('python3', [path.join(ROOT, 'tests/browser/xlsx_edit.py'), file, bad, 'HCM_THU_NS.TH=khoảng 50 nghìn', 'HCM_THU_NS.KH=#777'], { encoding: 'utf8' });
  const at = /HCM_THU_NS\.TH (\S+)/.exec(refs)[1];
  await cv.setInputFiles('#rp-excel-file', bad);
  const dlg = cv.getByRole('dialog', { name: 'Tệp Excel có lỗi, chưa lưu gì' });
  await dlg.waitFor();
  const items = dlg.getByRole('list', { name: 'Các lỗi trong tệp Excel' }).getByRole('listitem');
  assert.equal(await items.count(), 1);
  assert.equal(
    (await items.first().locator('span').innerText()).trim(),
    `Biểu B01, ô ${at} (HCM_THU_NS.TH): 'khoảng 50 nghìn' không phải là số`,
  );
  await shoot(cv, 'report-xlsx-errors');
  await items.first().getByRole('button', { name: 'Đến ô' }).click();
  const focused = cv.locator('[data-cell="B01/HCM_THU_NS.TH"]');
  await cv.waitForFunction(() => document.activeElement?.getAttribute('data-cell') === 'B01/HCM_THU_NS.TH');
  assert.equal(await focused.getAttribute('aria-selected'), 'true');
  const still = await api(cv, 'GET', `/api/v1/reports/${enc(key)}`);
  assert.equal(still.cells['B01/HCM_THU_NS.KH'].value, null, 'nothing saved, not even the good cell');

  // a good edit: saved, counted
  const good = path.join(tmp, 'dung.xlsx');
  execFileSync('python3', [path.join(ROOT, 'tests/browser/xlsx_edit.py'), file, good, 'HCM_THU_NS.KH=#777000'], { encoding: 'utf8' });
  await cv.setInputFiles('#rp-excel-file', good);
  await cv.getByText('Đã nạp tệp Excel: 1 ô, mục thay đổi đã được lưu.').waitFor();
  const after = await api(cv, 'GET', `/api/v1/reports/${enc(key)}`);
  assert.equal(after.cells['B01/HCM_THU_NS.KH'].value, '777000');

  // someone saves the same cell after this download: the upload is a conflict, nothing saved
  const fresh = path.join(tmp, 'moi.xlsx');
  writeFileSync(fresh, await (await cv.request.get(`/api/v1/reports/${enc(key)}/xlsx`)).body());
  await api(cv, 'PATCH', `/api/v1/reports/${enc(key)}/draft`, { base_revision: after.revision, values: { 'B01/HCM_THU_NS.KH': '888000' } });
  const late = path.join(tmp, 'muon.xlsx');
  execFileSync('python3', [path.join(ROOT, 'tests/browser/xlsx_edit.py'), fresh, late, 'HCM_THU_NS.KH=#999000'], { encoding: 'utf8' });
  await cv.setInputFiles('#rp-excel-file', late);
  const conflict = cv.getByRole('dialog', { name: 'Người khác đã sửa cùng ô, chưa lưu gì' });
  await conflict.waitFor();
  const text = await conflict.innerText();
  assert.match(text, /Tổng thu ngân sách nhà nước trên địa bàn — Kế hoạch năm/);
  assert.match(text, /Phạm Văn Khoa đã sửa thành 888\.000/);
  assert.match(text, /trong tệp của bạn: 999\.000/);
  await conflict.getByRole('button', { name: 'Đóng' }).last().click();
  assert.equal((await api(cv, 'GET', `/api/v1/reports/${enc(key)}`)).cells['B01/HCM_THU_NS.KH'].value, '888000');
});

test('consolidation: completeness, missing units, sums with their rule, drill-down per unit, pull into the Sở\'s report', async () => {
  const th = pages['th.stc'].page;
  // from the receiver's list: a link per regime/period group
  await th.goto('/owed');
  const link = th.locator(`a.received-consolidate[href*="period=${period}"]`).first();
  await link.click();
  await th.waitForURL((u) => u.pathname === '/tong-hop');
  await th.getByRole('heading', { level: 1, name: 'Tổng hợp số liệu' }).waitFor();
  const c = await api(th, 'GET', `/api/v1/consolidation?unit=${stc}&regime=HCM-KTXH&period=${period}`);
  assert.equal(c.accepted, 2);
  assert.equal((await th.getByTestId('completeness').innerText()).trim(), `2/${c.expected} đơn vị`);
  await th.getByText(/Chưa có báo cáo được tiếp nhận/).click(); // unfolds the list of missing units
  const missing = th.getByRole('list', { name: 'Đơn vị chưa có báo cáo được tiếp nhận' }).getByRole('listitem');
  assert.ok((await missing.count()) >= 1);
  assert.match(await missing.first().innerText(), /Đang nhập/);

  // the sum of the two wards, formatted the Vietnamese way, its rule in the tooltip
  const thu = th.locator('[data-cell="B01/HCM_THU_NS.TH"]');
  assert.equal((await thu.innerText()).trim(), '3.500');
  assert.match(await thu.getAttribute('title'), /2\/2 đơn vị có số liệu/);
  const xk = th.locator('[data-cell="B01/HCM_XK.TH"]');
  assert.match((await xk.innerText()).trim(), /^2(,00?)?$/);

  // drill-down: each ward's value, sortable, linking to its report
  await thu.click();
  const drill = th.getByRole('table', { name: /Số liệu từng đơn vị/ });
  await drill.waitFor();
  const values = async () => (await drill.locator('tbody td.num').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual((await values()).sort(), ['1.000', '2.500']);
  await drill.getByRole('button', { name: /Giá trị/ }).click(); // largest first
  assert.deepEqual(await values(), ['2.500', '1.000']);
  await drill.getByRole('button', { name: /Giá trị/ }).click();
  assert.deepEqual(await values(), ['1.000', '2.500']);
  const unitLink = drill.getByRole('link').first();
  assert.ok((await unitLink.getAttribute('href')).startsWith('/bao-cao/'));
  await shoot(th, 'consolidation', { fullPage: false });

  // the officer pulls the aggregates into the Sở's own report (from the report's link)
  const cv = await as('cv.stc');
  await cv.goto(`/bao-cao/${enc(key)}`);
  await cv.getByRole('link', { name: /Tổng hợp số liệu \(2\// }).click();
  await cv.waitForURL((u) => u.pathname === '/tong-hop');
  await cv.getByRole('button', { name: 'Đưa vào báo cáo của đơn vị' }).click();
  await cv.getByText(/Đã đưa số liệu tổng hợp/).waitFor();
  await shoot(cv, 'consolidation-pulled');
  await cv.getByRole('link', { name: 'Mở báo cáo của đơn vị' }).click();
  await cv.getByRole('grid').first().waitFor();
  const mine = await api(cv, 'GET', `/api/v1/reports/${enc(key)}`);
  assert.equal(mine.cells['B01/HCM_THU_NS.TH'].value, '3500');
  assert.equal(mine.cells['B01/HCM_XK.TH'].value, '2');
  for (const p of Object.values(pages)) assert.deepEqual(p.problems, []);
});
