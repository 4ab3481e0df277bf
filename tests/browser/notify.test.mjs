// Reminders and announcements in the browser (issue 5 point 8): the operator (quantri) cannot
// announce a maintenance less than 24 hours ahead (004 Đ14.6), publishes one two days ahead;
// everyone then sees the banner — on the login page before signing in, and on every page after;
// an officer (cv.stc) sees the number of unread reminders on the bell, the same as the API,
// opens the list, and marks one read on the "Thông báo" screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, getJson, apiFromPage } from './helpers.mjs';

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

/** "dd/mm/yyyy hh:mm" in Vietnam time, `hours` from now, as typed and shown */
function vnLocal(hours) {
  const t = new Date(Date.now() + hours * 3600_000 + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

const TITLE = 'Nâng cấp máy chủ cơ sở dữ liệu';

test('the operator announces a maintenance and everyone sees it; the bell counts reminders', async () => {
  const op = await newPage(browser, server.url);
  const officer = await newPage(browser, server.url);
  try {
    // ---- the operator publishes
    const { page } = op;
    await login(page, 'quantri');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Thông báo vận hành' }).click();
    await page.getByRole('heading', { name: 'Thông báo vận hành', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Đăng thông báo mới' });
    await form.getByLabel('Loại thông báo').selectOption('maintenance');
    await form.getByLabel('Tiêu đề').fill(TITLE);
    await form.getByLabel('Nội dung').fill('Hệ thống tạm dừng trong thời gian nâng cấp.');
    // a time that is not dd/mm/yyyy hh:mm is named
    await form.getByLabel('Bắt đầu (giờ Việt Nam)').fill('mai');
    await form.getByRole('button', { name: 'Đăng thông báo' }).click();
    assert.match(await page.getByRole('alert').innerText(), /Bắt đầu: cần ngày giờ dạng 14\/03\/2026 22:00/);
    // too early: refused with the rule
    await form.getByLabel('Bắt đầu (giờ Việt Nam)').fill(vnLocal(2));
    await form.getByLabel('Kết thúc (giờ Việt Nam)').fill(vnLocal(4));
    await form.getByRole('button', { name: 'Đăng thông báo' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '24 giờ' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /chậm nhất 24 giờ trước khi tiến hành \(004 Đ14\.6\)/);
    // two days ahead: published
    const start = vnLocal(48);
    const end = vnLocal(51);
    await form.getByLabel('Bắt đầu (giờ Việt Nam)').fill(start);
    await form.getByLabel('Kết thúc (giờ Việt Nam)').fill(end);
    await form.getByRole('button', { name: 'Đăng thông báo' }).click();
    await page.getByText('Đã đăng thông báo').waitFor();
    const banner = page.getByRole('region', { name: 'Thông báo của hệ thống' });
    await banner.getByText(TITLE).waitFor();
    assert.match(await banner.innerText(), new RegExp(`từ ${start} đến ${end}`));
    await shoot(page, 'announcements');
    // today's reminders (the server also runs them every morning)
    const run = await apiFromPage(page, 'POST', '/api/v1/notifications/run', {});
    assert.equal(run.status, 200, run.text);

    // ---- another user: the banner before login, then the bell
    const p2 = officer.page;
    await p2.goto('/');
    const loginBanner = p2.getByRole('region', { name: 'Thông báo của hệ thống' });
    await loginBanner.getByText(TITLE).waitFor();
    assert.match(await loginBanner.innerText(), /Bảo trì, nâng cấp hệ thống/);
    await shoot(p2, 'announcement-login');
    await login(p2, 'cv.stc');
    await p2.waitForURL(/\/owed$/);
    await p2.getByRole('region', { name: 'Thông báo của hệ thống' }).getByText(TITLE).waitFor();
    const { json: inbox } = await getJson(p2, '/api/v1/me/notifications');
    assert.ok(inbox.unread > 0, 'reminders for the officer');
    const bell = p2.getByRole('button', { name: `Thông báo: ${inbox.unread} chưa đọc` });
    await bell.waitFor();
    assert.equal((await bell.innerText()).trim(), String(inbox.unread > 99 ? '99+' : inbox.unread));
    await bell.click();
    const pop = p2.getByRole('dialog', { name: 'Thông báo mới' });
    await pop.waitFor();
    assert.match(await pop.innerText(), /Sở Tài chính/);
    await shoot(p2, 'notifications-bell');
    await pop.getByRole('link', { name: 'Xem tất cả thông báo' }).click();
    await p2.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    const list = p2.getByRole('list', { name: 'Danh sách thông báo' });
    // count() does not wait for the list's fetch: wait for the last expected item first
    await list.getByRole('listitem').nth(inbox.items.length - 1).waitFor();
    assert.equal(await list.getByRole('listitem').count(), inbox.items.length);
    await list.getByRole('listitem').first().getByRole('button', { name: 'Đã đọc' }).click();
    await p2.getByRole('button', { name: `Thông báo: ${inbox.unread - 1} chưa đọc` }).waitFor();
    const { json: after } = await getJson(p2, '/api/v1/me/notifications');
    assert.equal(after.unread, inbox.unread - 1);
    assert.deepEqual(op.problems, []);
    assert.deepEqual(officer.problems, []);
  } finally {
    await op.context.close();
    await officer.context.close();
  }
});
