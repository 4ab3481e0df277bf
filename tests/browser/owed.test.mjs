// Việc cần làm (issue 5 point 2): an officer of a division of Sở Tài chính (cv.stc) lands on
// "Việc cần làm" after login and sees the Sở's obligations created by the server at start —
// each with its deadline written the Vietnamese way (dd/mm/yyyy), the days left or overdue and
// the next step; the system administrator, who reports nothing, still lands on the tree.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, getJson, VIETNAMESE } from './helpers.mjs';

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

test('an officer sees what the unit owes, with Vietnamese deadlines', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'cv.stc');
    await page.waitForURL(/\/owed$/);
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Chức năng' });
    await nav.getByRole('link', { name: 'Việc cần làm' }).waitFor();
    const list = page.getByRole('list', { name: 'Báo cáo phải thực hiện' });
    await list.waitFor();
    const cards = list.getByRole('listitem');
    assert.ok((await cards.count()) >= 1, 'at least one obligation');
    const first = cards.first();
    const deadline = (await first.locator('.owed-deadline').innerText()).trim();
    assert.match(deadline, /^\d{2}\/\d{2}\/\d{4}$/, `deadline as dd/mm/yyyy: ${deadline}`);
    const text = await first.innerText();
    assert.match(text, /Sở Tài chính/);
    assert.match(text, /Còn \d+ ngày|Quá hạn \d+ ngày|Hạn cuối hôm nay/);
    assert.match(text, VIETNAMESE);
    // the page shows exactly what the API says, in the same order
    const { json: api } = await getJson(page, '/api/v1/me/obligations');
    const open = api.items.filter((i) => !i.done);
    assert.equal(await cards.count(), open.length);
    const [y, m, d] = open[0].deadline.split('-');
    assert.equal(deadline, `${d}/${m}/${y}`);
    await shoot(page, 'owed');
    // "Tất cả" shows the sent ones too (none yet: same count)
    await page.getByLabel('Tất cả').check();
    assert.equal(await cards.count(), api.items.length);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the leader of the receiving unit sees who has and has not reported', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'ld.stc');
    await page.waitForURL(/\/owed$/);
    const section = page.getByRole('region', { name: 'Báo cáo các đơn vị gửi đến' });
    await section.waitFor();
    const first = section.getByRole('button').first();
    await first.click();
    const units = section.getByRole('list').first();
    await units.getByRole('listitem').first().waitFor();
    assert.ok((await units.getByRole('listitem').count()) >= 2, 'several reporting units');
    assert.match(await units.innerText(), /Chưa đến hạn|Chưa gửi|Đúng hạn|Trễ hạn/);
    await shoot(page, 'owed-received');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a user without a reporting role keeps the tree as home and owes nothing', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  try {
    await login(page, 'quantri');
    await page.waitForURL(/\/orgs/);
    await page.goto('/owed');
    await page.getByText('Bạn không có báo cáo nào phải thực hiện.').waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
