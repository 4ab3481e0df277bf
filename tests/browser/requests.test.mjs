// Cascade, ad hoc requests and backfill (issue 5 points 1 and 9), in the browser:
//  - ld.stc, leader of Sở Tài chính, gives one of the Sở's reports to Phòng Quản lý ngân sách
//    through "Giao cho đơn vị cấp dưới"; the division's officer cv.stc then finds it in
//    "Việc cần làm", reporting to the Sở;
//  - ld.stc issues "Yêu cầu báo cáo đột xuất" to the same division; it is listed with who has
//    reported, and appears in cv.stc's "Việc cần làm" with its own deadline;
//  - the operator (quantri) opens a backfill window on "Cửa sổ nhập bù"; ld.stc records the true
//    sending date of a report sent on paper during the outage; the receiver's list marks it
//    "Nhập bù" and counts it by that date.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, shoot, getJson, apiFromPage, VIETNAMESE } from './helpers.mjs';

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

/** "YYYY-MM-DD" of Vietnam today plus `days` */
function isoPlus(days) {
  const now = new Date(Date.now() + 7 * 3600_000 + days * 86400_000);
  return now.toISOString().slice(0, 10);
}
const vi = (iso) => iso.split('-').reverse().join('/');

test('a leader cascades a report and issues an ad hoc request; the division owes both', async () => {
  const { page, context, problems } = await newPage(browser, server.url);
  let childHeading;
  const title = 'Báo cáo nhanh tình hình giải ngân vốn đầu tư công';
  const deadline = isoPlus(10);
  try {
    await login(page, 'ld.stc');
    await page.waitForURL(/\/owed$/);
    const list = page.getByRole('list', { name: 'Báo cáo phải thực hiện' });
    await list.waitFor();
    // the Sở's report with the latest deadline (room for an internal deadline before it)
    const { json: mine } = await getJson(page, '/api/v1/me/obligations');
    const own = mine.items
      .filter((i) => !i.done && i.kind === 'periodic' && i.unit.code === '79.STC')
      .sort((a, b) => (a.deadline < b.deadline ? 1 : -1))[0];
    assert.ok(own, 'the Sở owes a periodic report');
    childHeading = own.period ? `${own.regime_name} — ${own.period.label}` : own.title;
    const card = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: childHeading }) }).first();
    await card.getByRole('button', { name: 'Giao cho đơn vị cấp dưới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Giao cho đơn vị cấp dưới' });
    await dialog.waitFor();
    await dialog.getByLabel('Phòng Quản lý ngân sách').check();
    await shoot(page, 'requests-cascade');
    await dialog.getByRole('button', { name: 'Giao báo cáo' }).click();
    await page.getByText(/Đã giao cho 1 đơn vị, hạn nội bộ \d{2}\/\d{2}\/\d{4}/).waitFor();
    // repeating it creates nothing
    const again = await apiFromPage(page, 'POST', `/api/v1/obligations/${own.id}/cascade`, {
      child_unit_ids: [(await getJson(page, '/api/v1/orgs?q=79.STC.QLNS')).json.items[0].id],
    });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.created, 0);

    // an ad hoc request to the same division
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Báo cáo đột xuất' }).click();
    await page.getByRole('heading', { name: 'Báo cáo đột xuất', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Yêu cầu báo cáo đột xuất' }).click();
    const form = page.getByRole('dialog', { name: 'Yêu cầu báo cáo đột xuất' });
    await form.getByLabel('Số văn bản').fill('15/STC-VP');
    await form.getByLabel('Hạn gửi').fill(vi(deadline));
    await form.getByLabel('Tên báo cáo').fill(title);
    // nothing chosen yet: the server names the field
    await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await form.getByText('Chưa chọn đơn vị thực hiện báo cáo').waitFor();
    await form.getByLabel('Phòng Quản lý ngân sách').check();
    await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await page.getByText(`Đã gửi yêu cầu «${title}» đến 1 đơn vị, hạn gửi ${vi(deadline)}.`).waitFor();
    const table = page.getByRole('table', { name: 'Yêu cầu báo cáo đột xuất' });
    const row = table.getByRole('row').filter({ hasText: '15/STC-VP' });
    assert.match(await row.innerText(), /0\/1 đơn vị đã báo cáo/);
    await row.getByRole('button', { name: title }).click();
    await table.getByText('Phòng Quản lý ngân sách').waitFor();
    await shoot(page, 'requests-list');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }

  // the division's officer owes both, reporting to the Sở
  const officer = await newPage(browser, server.url);
  try {
    const p = officer.page;
    await login(p, 'cv.stc');
    await p.waitForURL(/\/owed$/);
    const list = p.getByRole('list', { name: 'Báo cáo phải thực hiện' });
    await list.waitFor();
    const adhoc = list.getByRole('listitem').filter({ has: p.getByRole('heading', { name: title }) });
    await adhoc.waitFor();
    assert.match(await adhoc.innerText(), new RegExp(`Phòng Quản lý ngân sách → Sở Tài chính[\\s\\S]*${vi(deadline)}`));
    const cascaded = list
      .getByRole('listitem')
      .filter({ has: p.getByRole('heading', { name: childHeading }) })
      .filter({ hasText: 'Phòng Quản lý ngân sách → Sở Tài chính' });
    await cascaded.waitFor();
    assert.match(await cascaded.innerText(), VIETNAMESE);
    // an officer is not offered the cascade
    assert.equal(await list.getByRole('button', { name: 'Giao cho đơn vị cấp dưới' }).count(), 0);
    await shoot(p, 'requests-owed-division');
    assert.deepEqual(officer.problems, []);
  } finally {
    await officer.context.close();
  }
});

test('the operator opens a backfill window and a paper report counts by its true date', async () => {
  // the demo's reports were assigned today (the demo regimes are published at start): the
  // outage runs until today, when the system came back
  const outageFrom = isoPlus(-2);
  const outageTo = isoPlus(0);
  const admin = await newPage(browser, server.url);
  try {
    const p = admin.page;
    await login(p, 'quantri');
    await p.waitForURL(/\/orgs/);
    await p.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Cửa sổ nhập bù' }).click();
    await p.getByRole('heading', { name: 'Cửa sổ nhập bù', level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Mở đợt nhập bù' }).click();
    const dlg = p.getByRole('dialog', { name: 'Mở đợt nhập bù' });
    await dlg.getByLabel('Lý do (sự cố đã xảy ra)').fill('Sự cố đường truyền trung tâm dữ liệu');
    await dlg.getByLabel('Sự cố từ ngày').fill(vi(outageTo));
    await dlg.getByLabel('Sự cố đến ngày').fill(vi(outageFrom));
    await dlg.getByLabel('Nhận nhập bù đến ngày').fill(vi(isoPlus(7)));
    await dlg.getByRole('button', { name: 'Mở đợt nhập bù' }).click();
    // reversed dates: refused, naming the end of the outage
    await dlg.getByText(/Ngày kết thúc sự cố trước ngày bắt đầu/).waitFor();
    await dlg.getByLabel('Sự cố từ ngày').fill(vi(outageFrom));
    await dlg.getByLabel('Sự cố đến ngày').fill(vi(outageTo));
    await dlg.getByRole('button', { name: 'Mở đợt nhập bù' }).click();
    await p.getByText(/Đã mở đợt nhập bù, nhận đến/).waitFor();
    const row = p.getByRole('table', { name: 'Các đợt nhập bù' }).getByRole('row').filter({ hasText: 'Sự cố đường truyền' });
    assert.match(await row.innerText(), new RegExp(`${vi(outageFrom)} – ${vi(outageTo)}[\\s\\S]*Đang mở`));
    await shoot(p, 'requests-backfill-windows');
    assert.deepEqual(admin.problems, []);
  } finally {
    await admin.context.close();
  }

  // the Sở's leader records that a report went out on paper during the outage
  const leader = await newPage(browser, server.url);
  let key;
  try {
    const p = leader.page;
    await login(p, 'ld.stc');
    await p.waitForURL(/\/owed$/);
    const { json: mine } = await getJson(p, '/api/v1/me/obligations');
    // the latest such report: its group is among the first the receiver sees
    const item = mine.items
      .filter((i) => i.kind === 'periodic' && i.unit.code === '79.STC' && i.assigned_on <= outageTo)
      .sort((a, b) => (a.deadline < b.deadline ? 1 : -1))[0];
    assert.ok(item, 'a report of the Sở assigned before the outage');
    key = item.key;
    const heading = item.period ? `${item.regime_name} — ${item.period.label}` : item.title;
    const list = p.getByRole('list', { name: 'Báo cáo phải thực hiện' });
    const card = list
      .getByRole('listitem')
      .filter({ has: p.getByRole('heading', { name: heading }) })
      .filter({ hasText: 'Sở Tài chính → ' })
      .first();
    await card.getByRole('button', { name: 'Nhập bù ngày gửi' }).click();
    const dlg = p.getByRole('dialog', { name: 'Nhập bù ngày gửi báo cáo' });
    await dlg.getByLabel('Ngày gửi thực tế').fill(vi(outageTo));
    await dlg.getByLabel('Giải trình').fill('Gửi bản giấy, công văn số 31/STC-NS');
    await dlg.getByRole('button', { name: 'Ghi nhận' }).click();
    await p.getByText(`Đã ghi nhận ngày gửi thực tế ${vi(outageTo)}.`).waitFor();
    assert.deepEqual(leader.problems, []);
  } finally {
    await leader.context.close();
  }

  // the city's aggregator sees it counted by its true date, marked "Nhập bù"
  const receiver = await newPage(browser, server.url);
  try {
    const p = receiver.page;
    await login(p, 'th.vp');
    await p.waitForURL(/\/owed$|\/orgs/);
    const [regime, period] = key.split('/');
    const { json } = await getJson(p, `/api/v1/obligations?regime=${regime}&period=${period}`);
    const row = json.items.find((i) => i.key === key);
    assert.equal(row.compliance.backfilled, true, JSON.stringify(row));
    assert.equal(row.compliance.counted_sent_date, outageTo);
    await p.goto('/owed');
    const section = p.getByRole('region', { name: 'Báo cáo các đơn vị gửi đến' });
    await section.waitFor();
    const group = section
      .getByRole('row')
      .filter({ hasText: row.period ? row.period.label : '' })
      .filter({ hasText: json.regime.name })
      .filter({ hasNotText: 'Sở Tài chính' }) // not the group the Sở receives from its divisions
      .first();
    await group.getByRole('button').click();
    const units = section.getByRole('list', { name: `Đơn vị báo cáo: ${json.regime.name}` });
    const stc = units.getByRole('listitem').filter({ hasText: 'Sở Tài chính' });
    await stc.getByText('Nhập bù').waitFor();
    assert.match(await stc.innerText(), new RegExp(`gửi ngoài hệ thống ngày ${vi(outageTo)}`));
    await shoot(p, 'requests-backfill-received');
    assert.deepEqual(receiver.problems, []);
  } finally {
    await receiver.context.close();
  }
});
