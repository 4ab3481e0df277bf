// Lịch báo cáo: the 2026 year view (Tết, lunar 1/1, legend, holiday list), the monthly periods
// with cut-off window and deadlines (202603 replaced by 2026Q1), and the official schedule
// editor as quantri: import the official 2026 file (Tết 14/02–22/02), add a day off and see it
// on the grid, a CSV with a bad line shows the Vietnamese error naming the line. cv.stc sees the
// calendar but no editor.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, startServer, launchBrowser, newPage, login, shoot, getJson } from './helpers.mjs';

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

/** full-page screenshots from the top (the sticky header stays at the top of the image) */
async function shootTop(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return shoot(page, name, { fullPage: true });
}

const cell = (page, date) => page.locator(`.month-grid td[data-date="${date}"]`);
const kindOf = (page, date) => cell(page, date).getAttribute('data-kind');

async function openCalendar(page) {
  const nav = page.getByRole('navigation', { name: 'Chức năng' });
  await nav.getByRole('link', { name: 'Lịch báo cáo' }).click();
  await page.getByRole('heading', { name: /^Lịch báo cáo năm \d{4}$/, level: 1 }).waitFor();
  if (!(await page.getByRole('heading', { name: 'Lịch báo cáo năm 2026' }).count())) {
    const year = page.getByLabel('Năm', { exact: true });
    await year.fill('2026');
    await year.press('Enter');
  }
  await page.getByRole('heading', { name: 'Lịch báo cáo năm 2026', level: 1 }).waitFor();
  await cell(page, '2026-02-17').waitFor();
}

test('year view, periods and the official schedule editor (quantri)', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
    await openCalendar(page);

    // what the API computes for 2026 without an official schedule (the demo stores none)
    const api = await getJson(page, '/api/v1/calendar/holidays?year=2026');
    assert.equal(api.status, 200);
    const tet1 = api.json.find((d) => d.date === '2026-02-17');
    assert.ok(tet1, 'the computed calendar has 17/02/2026');
    assert.match(tet1.name, /Tết Nguyên đán/);
    await page.getByText('Chưa có lịch nghỉ chính thức năm 2026').waitFor();

    // Tết: 17/02/2026 is mùng 1 (lunar 1/1), the computed days off 16/02–20/02 (giao thừa – mùng 4)
    await page.locator('.month-grid td[data-date="2026-02-17"] .d-lun').waitFor();
    assert.equal(await cell(page, '2026-02-17').locator('.d-lun').innerText(), '1/1');
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      assert.equal(await kindOf(page, d), 'statutory', d);
    assert.equal(await kindOf(page, '2026-02-14'), 'rest', 'Saturday 14/02 is a weekly rest day');
    assert.equal(await kindOf(page, '2026-02-23'), 'work');
    assert.equal(await kindOf(page, '2026-04-27'), 'compensatory', 'Hùng Kings on Sunday 26/4 → Monday 27/4 off');
    await page.getByText('Tết Nguyên đán Bính Ngọ: 17/02/2026, Thứ Ba.').waitFor();
    const tetItem = page.locator('.holiday-list li[data-date="2026-02-17"]');
    assert.match(await tetItem.innerText(), /17\/02\/2026, Thứ Ba[\s\S]*Tết Nguyên đán \(mùng 1\)[\s\S]*Nghỉ lễ/);
    const legend = page.getByRole('list', { name: 'Chú giải' });
    for (const k of ['Nghỉ lễ', 'Nghỉ bù', 'Nghỉ theo lịch chính thức', 'Làm bù', 'Nghỉ hằng tuần'])
      await legend.getByText(k, { exact: true }).waitFor();
    // the weekday header is Monday-first
    const heads = await page.locator('.month-grid').first().locator('thead th').allInnerTexts();
    assert.deepEqual(heads, ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']);
    await shootTop(page, 'calendar-year');

    // year switcher: button and keyboard
    await page.getByRole('button', { name: 'Năm sau (2027)' }).click();
    await page.getByRole('heading', { name: 'Lịch báo cáo năm 2027', level: 1 }).waitFor();
    await cell(page, '2027-02-06').waitFor();
    await page.getByLabel('Năm', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Lịch báo cáo năm 2026', level: 1 }).waitFor();
    await cell(page, '2026-02-17').waitFor();

    // periods: monthly 202603 = 15/02/2026 – 14/03/2026, unit deadline 18/03/2026, replaced by Quý I
    await page.getByRole('tab', { name: 'Kỳ báo cáo' }).click();
    await page.getByRole('radio', { name: 'Tháng', exact: true }).check();
    const row = page.locator('tr[data-period="202603"]');
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Tháng 3\/2026/);
    assert.match(text, /15\/02\/2026 – 14\/03\/2026/);
    assert.match(text, /Đơn vị báo cáo:\s*18\/03\/2026/);
    assert.match(text, /Cấp tổng hợp 1:\s*23\/03\/2026/);
    assert.match(text, /Không phải báo cáo[\s\S]*Quý I\/2026/);
    assert.match(await page.locator('tr[data-period="202602"]').innerText(), /Đơn vị báo cáo:\s*25\/02\/2026/);
    await shootTop(page, 'calendar-periods');
    // other types: quarterly
    await page.getByRole('radio', { name: 'Quý', exact: true }).check();
    await page.locator('tr[data-period="2026Q1"]').waitFor();
    assert.match(await page.locator('tr[data-period="2026Q1"]').innerText(), /15\/12\/2025 – 14\/03\/2026/);
    // the tabs follow the arrow keys
    await page.getByRole('tab', { name: 'Kỳ báo cáo' }).focus();
    await page.keyboard.press('ArrowLeft');
    await cell(page, '2026-02-17').waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Lịch năm' }).getAttribute('aria-selected'), 'true');

    // the official schedule editor: import the government's 2026 schedule
    await page.getByRole('tab', { name: 'Lịch nghỉ chính thức' }).click();
    await page.getByRole('heading', { name: 'Lịch nghỉ chính thức năm 2026' }).waitFor();
    await page.getByText('Năm 2026 chưa có lịch nghỉ chính thức.').waitFor();
    const csv = readFileSync(path.join(ROOT, 'tests/data/calendar/official_2026.csv'));
    await page.getByLabel('Tệp lịch nghỉ').setInputFiles({ name: 'official_2026.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Nhập lịch' }).click();
    await page.getByText('Đã nhập lịch nghỉ chính thức năm 2026: 25 ngày nghỉ, 2 ngày làm bù.').first().waitFor();
    await page.locator('.official-table tr[data-date="2026-02-14"]').waitFor();

    // add a day off to the draft and save
    const form = page.getByRole('form', { name: 'Thêm ngày vào lịch' });
    await form.getByLabel('Ngày', { exact: true }).fill('05/03/2026');
    await form.getByLabel('Loại ngày').selectOption('official');
    await form.getByLabel('Tên ngày').fill('Ngày nghỉ thử nghiệm đặc biệt');
    await form.getByRole('button', { name: 'Thêm ngày' }).click();
    await page.locator('.official-table tr[data-date="2026-03-05"]').waitFor();
    await page.getByText('Có thay đổi chưa lưu.').waitFor();
    await page.getByRole('button', { name: 'Lưu lịch chính thức' }).click();
    await page.getByText('Đã lưu lịch nghỉ chính thức năm 2026 (28 ngày).').waitFor();
    await shootTop(page, 'calendar-official');
    const stored = await getJson(page, '/api/v1/calendar/official/2026');
    assert.ok(stored.json.days.some((d) => d.date === '2026-03-05' && d.kind === 'official'));

    // a CSV with a bad line: the Vietnamese error names the line, nothing is stored
    const bad = 'date,kind,name\n2026-03-06,official,Ngày thử\n2026-03-32,official,Ngày sai\n';
    await page.getByLabel('Tệp lịch nghỉ').setInputFiles({ name: 'loi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Nhập lịch' }).click();
    const alert = page.locator('.official-side').getByRole('alert');
    await alert.waitFor();
    const msg = await alert.innerText();
    assert.match(msg, /Dòng 3/, msg);
    assert.match(msg, /không hợp lệ/, msg);
    await alert.scrollIntoViewIfNeeded();
    await shoot(page, 'calendar-import-error');
    // the error itself on a phone (shoot() keeps the scroll position of the desktop size)
    await page.setViewportSize({ width: 390, height: 844 });
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'calendar-import-error-alert-390.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    // export downloads the stored schedule
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'lich-nghi-2026.csv');
    const still = await getJson(page, '/api/v1/calendar/official/2026');
    assert.ok(!still.json.days.some((d) => d.date === '2026-03-06'), 'nothing imported');

    // the year view shows the official schedule: Tết 14/02–22/02, make-up Saturday 10/01, the added day
    await page.getByRole('tab', { name: 'Lịch năm' }).click();
    await page.getByText(/^Lịch nghỉ chính thức$/).first().waitFor();
    for (const d of ['2026-02-14', '2026-02-17', '2026-02-22'])
      assert.equal(await kindOf(page, d), 'official', d);
    assert.equal(await kindOf(page, '2026-02-23'), 'work');
    assert.equal(await kindOf(page, '2026-01-10'), 'workday', 'make-up Saturday 10/01/2026');
    assert.equal(await kindOf(page, '2026-03-05'), 'official');
    assert.match(await page.locator('.holiday-list li[data-date="2026-03-05"]').innerText(), /05\/03\/2026, Thứ Năm[\s\S]*Ngày nghỉ thử nghiệm đặc biệt/);
    assert.match(await page.locator('.holiday-list li[data-date="2026-01-10"]').innerText(), /10\/01\/2026, Thứ Bảy[\s\S]*Làm bù/);
    assert.equal(await cell(page, '2026-02-17').locator('.d-lun').innerText(), '1/1');
    await shootTop(page, 'calendar-year-official');

    // the deadlines follow the official schedule: 202602 cut-off 14/02, Tết off until 22/02
    // → 23, 24, 25/02 → 25/02/2026 (unchanged), and 202603 still 18/03 (05/03 is before the cut-off)
    const p = await getJson(page, '/api/v1/calendar/period?id=202603&levels=2');
    assert.deepEqual(p.json.deadlines, ['2026-03-18', '2026-03-23']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('cv.stc sees the calendar but not the official schedule editor', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'cv.stc');
    // an officer's home page is what the unit owes (issue 5)
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    await openCalendar(page);
    await page.getByRole('tab', { name: 'Kỳ báo cáo' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Lịch nghỉ chính thức' }).count(), 0);
    // the address of the editor tab falls back to the year view
    await page.goto('/calendar/2026?tab=chinh-thuc');
    await cell(page, '2026-02-17').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Lưu lịch chính thức' }).count(), 0);
    await page.getByRole('tab', { name: 'Kỳ báo cáo' }).click();
    await page.locator('tr[data-period="202603"]').waitFor();
    await shoot(page, 'calendar-periods-cvstc');
    // the server refuses a write as well
    const res = await page.evaluate(async () => {
      const me = await fetch('/api/v1/auth/me').then((r) => r.json());
      const r = await fetch('/api/v1/calendar/official/2026', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ days: [{ date: '2026-03-05', kind: 'official', name: 'x' }] }),
      });
      return r.status;
    });
    assert.equal(res, 403);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
