// Unit tests of the report entry helpers (web/src/screens/reportInput.ts, reportCalc.ts,
// reportSave.ts): Vietnamese numbers, Excel paste, computed cells, the autosave queue.
// Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load.mjs';

const num = await loadTs('screens/reportInput.ts');
const calc = await loadTs('screens/reportCalc.ts');
const save = await loadTs('screens/reportSave.ts');

test('Vietnamese numbers are parsed to the stored form', () => {
  const ok = (t, v) => assert.deepEqual(num.parseViNumber(t), { ok: true, value: v }, t);
  ok('1.234,5', '1234.5');
  ok('1234,5', '1234.5');
  ok('1234.5', '1234.5');
  ok('1.234', '1234'); // Vietnamese grouping wins
  ok('1.234.567', '1234567');
  ok('1,234.5', '1234.5'); // English locale copy
  ok('1,234,567', '1234567');
  ok('0,5', '0.5');
  ok(',5', '0.5');
  ok('12,', '12');
  ok('-12,50', '-12.5');
  ok('−3', '-3');
  ok('(1.000)', '-1000');
  ok('+7', '7');
  ok(' 1 234,5 ', '1234.5');
  ok('1\u00a0234', '1234');
  ok('007', '7');
  ok('-0', '0');
  ok('', '');
  ok('   ', '');
});

test('text that is not a number names what is wrong', () => {
  const bad = (t, re) => {
    const r = num.parseViNumber(t);
    assert.equal(r.ok, false, t);
    assert.match(r.message, re, t);
  };
  bad('12a', /ký tự “a”/);
  bad('1,2,3', /nhiều lần|đặt sai/);
  bad('1.23.4', /đặt sai/);
  bad('1.234,5,6', /nhiều lần/);
  bad('12.34,5', /hàng nghìn/);
  bad('abc', /ký tự “a”/);
  bad('-', /không có chữ số/);
  bad('5%', /ký tự “%”/);
});

test('stored numbers are shown the Vietnamese way', () => {
  assert.equal(num.formatViNumber('1234.5'), '1.234,5');
  assert.equal(num.formatViNumber('1234567'), '1.234.567');
  assert.equal(num.formatViNumber('-1234.5', 2), '-1.234,50');
  assert.equal(num.formatViNumber('0.125', 2), '0,13');
  assert.equal(num.formatViNumber('999.996', 2), '1.000,00');
  assert.equal(num.formatViNumber('-0.001', 1), '0,0');
  assert.equal(num.formatViNumber('12', 0), '12');
  assert.equal(num.formatViNumber('12.5', 0), '13');
  assert.equal(num.formatViNumber(''), '');
  assert.equal(num.formatViNumber(null), '');
  assert.equal(num.formatViNumber('Đúng hạn'), 'Đúng hạn');
  assert.equal(num.numberToStored(0.1 + 0.2), '0.3');
  assert.equal(num.numberToStored(-0), '0');
  assert.equal(num.numberToStored(null), '');
});

test('an Excel block is split into rows and cells', () => {
  assert.deepEqual(num.parseTsv('1\t2\r\n3\t4\r\n'), [['1', '2'], ['3', '4']]);
  assert.deepEqual(num.parseTsv('1.234,5\t\t7\n'), [['1.234,5', '', '7']]);
  assert.deepEqual(num.parseTsv('"a\tb"\t"say ""hi"""\n"x\ny"\n'), [['a\tb', 'say "hi"'], ['x\ny']]);
  assert.deepEqual(num.parseTsv('5'), [['5']]);
  assert.deepEqual(num.parseTsv(''), []);
});

test('a pasted block lands from the focused cell, skipping computed cells, listing bad cells', () => {
  const cell = (key, editable = true) => ({ key, editable, label: key });
  const grid = [
    [cell('A.KH'), cell('A.TH'), cell('A.SS', false)],
    [cell('B.KH'), cell('B.TH'), cell('B.SS', false)],
    [cell('T.KH', false), cell('T.TH', false), cell('T.SS', false)],
  ];
  const plan = num.planPaste(grid, 0, 1, num.parseTsv('1.234,5\t99\tzz\nabc\t\n7\t8\n1\n'));
  assert.deepEqual(plan.changes, [{ key: 'A.TH', value: '1234.5' }]);
  assert.equal(plan.skippedComputed, 3); // 99 on A.SS, 7 and 8 on the total row
  assert.equal(plan.outside, 2); // zz beyond the last column, 1 beyond the last row
  assert.equal(plan.errors.length, 1);
  assert.deepEqual(plan.errors[0], { label: 'B.TH', text: 'abc', message: 'ký tự “a” không dùng được trong số' });
  assert.equal(num.pasteSummary(plan), 'Đã dán 1 ô; 1 ô không hợp lệ, không dán; bỏ qua 3 ô tự tính; 2 ô nằm ngoài biểu.');
  // more decimals than the cell takes
  const precise = [[{ key: 'N', editable: true, label: 'N', decimals: 0 }, { key: 'D', editable: true, label: 'D', decimals: 2 }]];
  const p2 = num.planPaste(precise, 0, 0, [['12,5', '1,125'], []]);
  assert.deepEqual(p2.changes, []);
  assert.deepEqual(p2.errors.map((e) => e.message), ['ô này chỉ nhận số nguyên', 'có 3 chữ số thập phân, tối đa 2']);
  assert.deepEqual(num.parseCellValue('1.234,50', 2), { ok: true, value: '1234.5' });
  assert.equal(num.decimalsProblem('7', 0), null);
  assert.equal(num.decimalsProblem('7.5', null), null);
  // an empty pasted cell clears the cell under it
  const clear = num.planPaste(grid, 1, 0, [['', '5']]);
  assert.deepEqual(clear.changes, [{ key: 'B.KH', value: '' }, { key: 'B.TH', value: '5' }]);
});

const form = {
  code: 'B01', title: '', note: '', instructions: '', rules: [], sections: [],
  columns: [
    { code: 'KH', label: 'KH', group: '', unit: '', kind: 'input', formula: '', decimals: null },
    { code: 'TH', label: 'TH', group: '', unit: '', kind: 'input', formula: '', decimals: null },
    { code: 'SS', label: '%', group: '', unit: '%', kind: 'computed', formula: 'round([TH] / [KH] * 100, 1)', decimals: 1 },
    { code: 'CK', label: 'CK', group: '', unit: '', kind: 'computed', formula: 'samelastyear([TH])', decimals: null },
  ],
  rows: [
    { code: 'T', label: 'Tổng', unit: '', parent: '', kind: 'subtotal', formula: '', decimals: 0 },
    { code: 'A', label: 'A', unit: '', parent: 'T', kind: 'input', formula: '', decimals: 0 },
    { code: 'B', label: 'B', unit: '', parent: 'T', kind: 'input', formula: '', decimals: 0 },
    { code: 'R', label: 'A/B', unit: '', parent: '', kind: 'computed', formula: '[A] ÷ [B]', decimals: 2 },
    { code: 'H', label: 'Nhóm', unit: '', parent: '', kind: 'heading', formula: '', decimals: 0 },
  ],
  cells: [{ row: 'B', column: 'KH', kind: 'computed', formula: '[A.KH] * 2' }],
};

test('computed cells follow the form: subtotals, row and column formulas, overrides', () => {
  const vals = { 'A.KH': 10, 'A.TH': 4, 'B.TH': 6 };
  const out = calc.computeForm(form, (r, c) => vals[`${r}.${c}`] ?? null);
  assert.equal(out.get('B.KH'), 20); // cell override
  assert.equal(out.get('T.KH'), 30); // subtotal of A and B
  assert.equal(out.get('T.TH'), 10);
  assert.equal(out.get('A.SS'), 40); // round(4 / 10 * 100, 1)
  assert.equal(out.get('T.SS'), 33.3); // a column formula wins over the subtotal
  assert.equal(out.get('R.TH'), 4 / 6);
  assert.equal(out.get('A.CK'), undefined); // samelastyear: the server computes it
  assert.equal(out.get('T.CK'), undefined);
  assert.equal(calc.cellMode(form, form.rows[4], form.columns[0]).kind, 'disabled');
  // blanks propagate as blank, division by zero is blank
  const none = calc.computeForm(form, () => null);
  assert.equal(none.get('T.KH'), null);
  assert.equal(none.get('A.SS'), null);
  assert.equal(calc.evaluate('[X] / 0', () => 5), null);
  assert.equal(calc.evaluate('-(2 + 3) * 2 − 1', () => null), -11);
  assert.equal(calc.evaluate('coalesce([X], 0) + max(1, 4)', () => null), 4);
  assert.equal(calc.evaluate('if([X] > 1, 1, 2)', () => 5), undefined);
  assert.equal(calc.evaluate('1 +', () => 5), undefined);
});

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), map: m };
}
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));
async function until(cond) {
  for (let i = 0; i < 400 && !cond(); i++) await tick();
  assert.ok(cond(), 'condition never became true');
}

test('autosave queue: a network drop keeps every change and retries until the server answers', async () => {
  const storage = memoryStorage();
  const statuses = [];
  const sends = [];
  let online = false;
  let revision = 3;
  const q = new save.SaveQueue({
    storageKey: 'k', baseRevision: 3, storage, debounceMs: 1, backoffMs: [2, 4],
    onStatus: (s) => statuses.push(s.kind), onSaved: () => {},
    send: async (patch, base) => {
      sends.push({ patch: structuredClone(patch), base });
      if (!online) return { ok: false, conflict: false, retry: true, error: new Error('offline') };
      revision++;
      return { ok: true, revision, answer: null };
    },
  });
  q.set('values', 'A.TH', '1');
  await until(() => statuses.includes('offline'));
  // typed while offline: kept in localStorage with the first change
  q.set('values', 'A.TH', '12');
  q.set('narrative', 'I', 'Tình hình');
  assert.deepEqual(JSON.parse(storage.getItem('k')), { base: 3, patch: { values: { 'A.TH': '12' }, narrative: { I: 'Tình hình' }, explanations: {} } });
  assert.equal(q.unsaved('values', 'A.TH'), '12');
  await until(() => sends.length >= 3);
  online = true;
  await until(() => statuses.at(-1) === 'saved');
  assert.deepEqual(sends.at(-1), { patch: { values: { 'A.TH': '12' }, narrative: { I: 'Tình hình' }, explanations: {} }, base: 3 });
  assert.equal(storage.getItem('k'), null, 'acknowledged changes leave localStorage');
  assert.equal(q.revision, 4);
  assert.equal(q.hasUnsaved(), false);
  q.stop();
});

test('autosave queue: a conflict pauses, then keep mine resends over theirs from their revision', async () => {
  const storage = memoryStorage();
  let status = null;
  const sends = [];
  const q = new save.SaveQueue({
    storageKey: 'k', baseRevision: 1, storage, debounceMs: 1,
    onStatus: (s) => (status = s), onSaved: () => {},
    send: async (patch, base) => {
      sends.push({ patch: structuredClone(patch), base });
      if (base < 5) return { ok: false, conflict: true, revision: 5, answer: null,
        conflicts: [{ part: 'values', key: 'A.TH', mine: '1', theirs: '2', their_revision: 5, by: 'Đặng Thu Trang', at: '' }] };
      return { ok: true, revision: 6, answer: null };
    },
  });
  q.set('values', 'A.TH', '1');
  q.set('values', 'B.TH', '9');
  await until(() => status?.kind === 'conflict');
  assert.equal(status.conflicts[0].by, 'Đặng Thu Trang');
  q.set('values', 'C.TH', '3'); // typing goes on while the question is open
  await tick(20);
  assert.equal(sends.length, 1, 'nothing is sent while a conflict waits for a decision');
  q.resolve([{ part: 'values', key: 'A.TH', keepMine: true }], 5);
  await until(() => status?.kind === 'saved');
  assert.deepEqual(sends[1], { patch: { values: { 'A.TH': '1', 'B.TH': '9', 'C.TH': '3' }, narrative: {}, explanations: {} }, base: 5 });
  // take theirs: the pending change is dropped
  const q2 = new save.SaveQueue({
    storageKey: 'k2', baseRevision: 1, storage, debounceMs: 1,
    onStatus: (s) => (status = s), onSaved: () => {},
    send: async () => ({ ok: false, conflict: true, revision: 5, answer: null, conflicts: [] }),
  });
  q2.set('values', 'A.TH', '1');
  await until(() => status?.kind === 'conflict');
  q2.resolve([{ part: 'values', key: 'A.TH', keepMine: false }], 5);
  assert.equal(q2.hasUnsaved(), false);
  assert.equal(storage.getItem('k2'), null);
});

test('autosave queue: changes left in localStorage are restored and sent with their base revision', async () => {
  const storage = memoryStorage();
  storage.setItem('k', JSON.stringify({ base: 2, patch: { values: { 'A.KH': '5' } } }));
  const restored = save.SaveQueue.restore('k', storage);
  assert.deepEqual(restored, { base: 2, patch: { values: { 'A.KH': '5' }, narrative: {}, explanations: {} } });
  const sends = [];
  const q = new save.SaveQueue({
    storageKey: 'k', baseRevision: 7, storage, debounceMs: 1, onStatus: () => {}, onSaved: () => {},
    send: async (patch, base) => (sends.push({ patch, base }), { ok: true, revision: 8, answer: null }),
  });
  q.adopt(restored);
  await until(() => sends.length === 1);
  assert.equal(sends[0].base, 2);
  assert.equal(save.SaveQueue.restore('nothing', storage), null);
  storage.setItem('bad', '{not json');
  assert.equal(save.SaveQueue.restore('bad', storage), null);
});
