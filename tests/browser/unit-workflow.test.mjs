// Quy trình báo cáo nội bộ and ủy quyền phê duyệt in the unit detail (000 Đ6): the unit admin of
// Sở Tài chính sets 1 internal step and then 2; the leader delegates approval to the division
// head for a date range, sees it active, and revokes it. The API confirms each change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, login, shoot, apiFromPage, getJson, VIETNAMESE } from './helpers.mjs';

const env = serverAndBrowser();
const SEARCH = 'Tìm đơn vị (có thể gõ không dấu)';

async function openStc(page) {
  await page.getByRole('tree', { name: 'Cây đơn vị' }).waitFor();
  await page.getByPlaceholder(SEARCH).fill('so tai chinh');
  await page.getByRole('button', { name: /^Sở Tài chính/ }).first().click();
  const detail = page.getByRole('article');
  await detail.getByRole('heading', { name: /^Sở Tài chính/, level: 2 }).waitFor();
  return { detail, id: Number(/\/orgs\/(\d+)/.exec(page.url())[1]) };
}

/** dd/mm/yyyy and YYYY-MM-DD of today + `days` in Vietnam */
function vnDate(days) {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86400_000);
  const iso = d.toISOString().slice(0, 10);
  const [y, m, dd] = iso.split('-');
  return { iso, vi: `${dd}/${m}/${y}` };
}

let stcId;
let tpId;

test('the unit admin sets 1 internal step, then 2', async () => {
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, 'qt.stc');
    const { detail, id } = await openStc(page);
    stcId = id;
    const section = detail.getByRole('region', { name: 'Quy trình báo cáo nội bộ' });
    // the demo without its reports leaves Sở Tài chính on the default 2 steps
    await section.getByRole('list', { name: 'Các bước xử lý: 2 bước' }).waitFor();
    await section.getByText(/mặc định/).first().waitFor();

    await section.getByRole('button', { name: 'Thay đổi số bước' }).click();
    await section.getByRole('radio', { name: /^1 bước/ }).check();
    await shoot(page, 'unit-workflow-edit', { fullPage: true });
    await section.getByRole('button', { name: 'Lưu quy trình' }).click();
    await section.getByText('Đã đặt quy trình 1 bước cho đơn vị.').waitFor();
    const steps = section.getByRole('list', { name: 'Các bước xử lý: 1 bước' });
    assert.deepEqual(await steps.getByRole('listitem').allInnerTexts(), [
      'Chuyên viên nhập số liệu, trình',
      'Lãnh đạo đơn vị duyệt, ký và gửi',
    ]);
    let api = await getJson(page, `/api/v1/orgs/${id}/workflow`);
    assert.equal(api.json.internal_steps, 1);

    await section.getByRole('button', { name: 'Thay đổi số bước' }).click();
    await section.getByRole('radio', { name: /^2 bước/ }).check();
    await section.getByRole('button', { name: 'Lưu quy trình' }).click();
    await section.getByText('Đã đặt quy trình 2 bước cho đơn vị.').waitFor();
    assert.deepEqual(await section.getByRole('list', { name: 'Các bước xử lý: 2 bước' }).getByRole('listitem').allInnerTexts(), [
      'Chuyên viên nhập số liệu, trình',
      'Lãnh đạo phòng kiểm tra',
      'Lãnh đạo đơn vị duyệt, ký và gửi',
    ]);
    await section.getByText(/Đặt bởi Lê Thị Hồng Nhung lúc \d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
    api = await getJson(page, `/api/v1/orgs/${id}/workflow`);
    assert.equal(api.json.internal_steps, 2);
    assert.equal(api.json.configured, true);
    await shoot(page, 'unit-workflow-steps', { fullPage: true });

    const users = await getJson(page, '/api/v1/users?q=tp.stc');
    tpId = users.json.items.find((u) => u.username === 'tp.stc').id;
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the leader delegates approval to the division head, sees it active, revokes it', async () => {
  assert.ok(stcId && tpId, 'the first test found the unit and the delegate');
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, 'ld.stc');
    await page.waitForURL(/\/owed$/);
    await page.goto(`/orgs/${stcId}`);
    const detail = page.getByRole('article');
    const section = detail.getByRole('region', { name: 'Quy trình báo cáo nội bộ' });
    await section.getByRole('list', { name: 'Các bước xử lý: 2 bước' }).waitFor();
    // the leader is not the unit admin: no control, and the server refuses a direct change
    assert.equal(await section.getByRole('button', { name: 'Thay đổi số bước' }).count(), 0);
    const refused = await apiFromPage(page, 'PUT', `/api/v1/orgs/${stcId}/workflow`, { internal_steps: 1 });
    assert.equal(refused.status, 403, refused.text);
    assert.match(refused.json.detail, VIETNAMESE);
    await section.getByText('Chưa có ủy quyền nào.').waitFor();

    const from = vnDate(0);
    const to = vnDate(30);
    await section.getByRole('button', { name: 'Thêm ủy quyền' }).click();
    const dlg = page.getByRole('dialog', { name: 'Thêm ủy quyền phê duyệt' });
    await dlg.waitFor();
    // the leader has no user.read: the account number is typed (given by the unit admin)
    await dlg.getByLabel('Mã số tài khoản').fill(String(tpId));
    await dlg.getByLabel('Từ ngày').fill(from.vi);
    await dlg.getByLabel('Đến ngày').fill(to.vi);
    await shoot(page, 'unit-workflow-delegate');
    // a wrong date is named before anything is sent
    await dlg.getByLabel('Đến ngày').fill('31/02/2026');
    await dlg.getByLabel('Đến ngày').press('Enter');
    await dlg.getByText('Trường “Đến ngày”: ngày không hợp lệ').waitFor();
    await dlg.getByLabel('Từ ngày').fill(from.vi);
    await dlg.getByLabel('Đến ngày').fill(to.vi);
    assert.equal(await dlg.getByLabel('Báo cáo được ủy quyền').inputValue(), '');
    await dlg.getByRole('button', { name: 'Ủy quyền' }).click();
    await dlg.waitFor({ state: 'detached' });
    await section.getByText(`Đã ủy quyền phê duyệt cho Đặng Thu Trang từ ${from.vi} đến ${to.vi}.`).waitFor();
    const row = section.getByRole('row').filter({ hasText: 'Đặng Thu Trang' });
    await row.getByText('Đang hiệu lực').waitFor();
    await row.getByText('Tất cả báo cáo').waitFor();
    await row.getByText(`${from.vi} – ${to.vi}`).waitFor();
    await row.getByText('Hoàng Đức Thắng').waitFor();
    let api = await getJson(page, `/api/v1/orgs/${stcId}/delegations`);
    assert.equal(api.json.items.length, 1);
    const d = api.json.items[0];
    assert.deepEqual(
      [d.delegate.id, d.regime_code, d.valid_from, d.valid_to, d.active, d.revoked],
      [tpId, '', from.iso, to.iso, true, false],
    );
    await shoot(page, 'unit-workflow-delegations', { fullPage: true });

    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Thu hồi ủy quyền cho Đặng Thu Trang' }).click();
    await section.getByText('Đã thu hồi ủy quyền phê duyệt của Đặng Thu Trang.').waitFor();
    await row.getByText('Đã thu hồi').waitFor();
    assert.equal(await row.getByRole('button', { name: /Thu hồi/ }).count(), 0);
    api = await getJson(page, `/api/v1/orgs/${stcId}/delegations`);
    assert.deepEqual([api.json.items[0].revoked, api.json.items[0].active], [true, false]);
    await shoot(page, 'unit-workflow-revoked', { fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('with user.read the delegate is searched by name, and a delegation for one regime starts later', async () => {
  assert.ok(stcId, 'the first test found the unit');
  const { page, context, problems } = await newPage(env.browser, env.server.url);
  try {
    await login(page, 'quantri');
    await page.waitForURL(/\/orgs/);
    await page.goto(`/orgs/${stcId}`);
    const section = page.getByRole('article').getByRole('region', { name: 'Quy trình báo cáo nội bộ' });
    await section.getByRole('button', { name: 'Thêm ủy quyền' }).click();
    const dlg = page.getByRole('dialog', { name: 'Thêm ủy quyền phê duyệt' });
    await dlg.getByRole('combobox', { name: 'Người được ủy quyền' }).fill('thu trang');
    await dlg.getByRole('option', { name: /Đặng Thu Trang/ }).click();
    const regime = dlg.getByLabel('Báo cáo được ủy quyền');
    await regime.selectOption({ index: 1 });
    const code = await regime.inputValue();
    assert.ok(code, 'a published regime is offered');
    const regimeText = (await regime.locator('option:checked').innerText()).trim();
    const from = vnDate(10);
    const to = vnDate(20);
    await dlg.getByLabel('Từ ngày').fill(from.vi);
    await dlg.getByLabel('Đến ngày').fill(to.vi);
    await dlg.getByLabel('Đến ngày').press('Enter');
    await dlg.waitFor({ state: 'detached' });
    const row = section.getByRole('row').filter({ hasText: regimeText });
    await row.getByText('Chưa đến ngày hiệu lực').waitFor();
    await row.getByText('Đặng Thu Trang').waitFor();
    const api = await getJson(page, `/api/v1/orgs/${stcId}/delegations`);
    const d = api.json.items.find((x) => x.regime_code === code);
    assert.deepEqual([d.delegate.name, d.valid_from, d.valid_to, d.active, d.revoked], ['Đặng Thu Trang', from.iso, to.iso, false, false]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
