// Dialogs of issue 5 point 1: "Giao cho đơn vị cấp dưới" (cascade an owed report to divisions
// or subordinate units, 002 Đ8.4a) and "Yêu cầu báo cáo đột xuất" (a leader's ad hoc request,
// 002 Đ1.2), plus the checklist of a unit's children both use. The server decides who may do
// what (src/app/obligation_requests.cc); these forms only collect the input.

import { useEffect, useState } from 'preact/hooks';
import { orgs } from '../api/client';
import type { OwedItem } from '../api/obligations';
import { requests, type AdHocRequest, type CascadeResult } from '../api/requests';
import type { Me, OrgUnit } from '../api/types';
import { badDates, DateInput, Dialog, ErrorBox, Field, Spinner } from '../components';
import { fmtDate, todayISO } from '../format';

/** A form's submit handler: runs `check` (a client-side error, or null), then `action`; keeps the
 * server's error to show and a busy flag while it runs. */
export function useSubmit(action: () => Promise<void>, check: () => Error | null = () => null) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const bad = check();
    if (bad) return setError(bad);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** Checkboxes for the units directly below `parentId` in force today. */
export function ChildUnitChecklist(props: {
  parentId: number;
  selected: number[];
  onChange: (ids: number[]) => void;
  label: string;
}) {
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setUnits(null);
    orgs
      .list({ parent_id: props.parentId, active_on: todayISO(), limit: 500 })
      .then((p) => setUnits(p.items))
      .catch((e) => {
        setError(e);
        setUnits([]);
      });
  }, [props.parentId]);
  if (!units) return <Spinner />;
  const toggle = (id: number, on: boolean) =>
    props.onChange(on ? [...props.selected, id] : props.selected.filter((x) => x !== id));
  return (
    <fieldset class="unit-checklist">
      <legend>{props.label}</legend>
      <ErrorBox error={error} />
      {units.length === 0 && !error && <p class="muted">Đơn vị không có phòng, ban hay đơn vị trực thuộc nào.</p>}
      {units.map((u) => (
        <label key={u.id} class="unit-check">
          <input
            type="checkbox"
            checked={props.selected.includes(u.id)}
            onChange={(e) => toggle(u.id, (e.target as HTMLInputElement).checked)}
          />{' '}
          {u.name} <span class="muted">({u.type_label})</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Roles that may re-assign a unit's report (the receiving unit's leader, aggregator, administrator). */
const CASCADE_ROLES = ['aggregator', 'approver', 'unit_admin'];

/** Whether to offer the cascade button: a matching grant on the unit or with its subtree (the server checks the tree). */
export function mayCascade(me: Me, item: OwedItem): boolean {
  if (item.done) return false;
  return me.grants.some((g) => CASCADE_ROLES.includes(g.role) && (g.unit_id === item.unit.id || g.include_subtree));
}

export function CascadeDialog(props: { item: OwedItem; onClose: () => void; onDone: (r: CascadeResult) => void }) {
  const it = props.item;
  const [selected, setSelected] = useState<number[]>([]);
  const [mode, setMode] = useState<'days' | 'date'>('days');
  const [days, setDays] = useState('2');
  const [date, setDate] = useState('');
  const heading = it.period ? `${it.regime_name} — ${it.period.label}` : it.title;
  const { error, busy, submit } = useSubmit(
    async () => {
      const r = await requests.cascade(it.id, {
        child_unit_ids: selected,
        ...(mode === 'date' ? { internal_deadline: date } : { working_days_before: Number(days) }),
      });
      props.onDone(r);
    },
    () =>
      (mode === 'date' ? badDates({ 'Thời hạn nội bộ': date }) : null) ||
      (selected.length === 0 ? new Error('Hãy chọn ít nhất một đơn vị được giao.') : null),
  );
  return (
    <Dialog title="Giao cho đơn vị cấp dưới" onClose={props.onClose} wide>
      <form onSubmit={submit}>
        <p>
          <strong>{heading}</strong> của {it.unit.name}, hạn gửi {fmtDate(it.deadline)}. Các đơn vị được giao báo cáo
          về {it.unit.name} trước thời hạn nội bộ (002 Đ8.4a).
        </p>
        <ErrorBox error={error} />
        <ChildUnitChecklist
          parentId={it.unit.id}
          selected={selected}
          onChange={setSelected}
          label="Đơn vị được giao"
        />
        <fieldset class="cascade-deadline">
          <legend>Thời hạn nội bộ</legend>
          <label>
            <input type="radio" name="cascade-mode" checked={mode === 'days'} onChange={() => setMode('days')} /> Trước
            hạn gửi của đơn vị{' '}
            <input
              type="number"
              min={1}
              max={30}
              class="input-narrow"
              aria-label="Số ngày làm việc trước hạn"
              value={days}
              disabled={mode !== 'days'}
              onInput={(e) => setDays((e.target as HTMLInputElement).value)}
            />{' '}
            ngày làm việc
          </label>
          <label>
            <input type="radio" name="cascade-mode" checked={mode === 'date'} onChange={() => setMode('date')} /> Đến ngày
          </label>
          {mode === 'date' && (
            <Field label="Ngày hết hạn nội bộ" required>
              {(id) => <DateInput id={id} value={date} onChange={setDate} />}
            </Field>
          )}
        </fieldset>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang giao…' : 'Giao báo cáo'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The units on which the user is the leader (approver): where an ad hoc request may come from. */
export function ledUnits(me: Me): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const g of me.grants) if (g.role === 'approver') seen.set(g.unit_id, g.unit_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function AdHocDialog(props: { me: Me; onClose: () => void; onDone: (r: AdHocRequest) => void }) {
  const led = ledUnits(props.me);
  const [issuer, setIssuer] = useState<number>(led[0]?.id || 0);
  const [f, setF] = useState({ document_number: '', title: '', deadline: '', period: '' });
  const [selected, setSelected] = useState<number[]>([]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const { error, busy, submit } = useSubmit(
    async () =>
      props.onDone(
        await requests.create({
          document_number: f.document_number,
          title: f.title,
          issuing_unit_id: issuer || undefined,
          recipient_unit_ids: selected,
          deadline: f.deadline,
          ...(f.period.trim() ? { period: f.period.trim() } : {}),
        }),
      ),
    () => badDates({ 'Hạn gửi': f.deadline }),
  );
  return (
    <Dialog title="Yêu cầu báo cáo đột xuất" onClose={props.onClose} wide>
      <form onSubmit={submit}>
        <ErrorBox error={error} />
        {led.length > 1 && (
          <Field label="Đơn vị yêu cầu" required>
            {(id) => (
              <select id={id} value={issuer} onChange={(e) => setIssuer(Number((e.target as HTMLSelectElement).value))}>
                {led.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div class="grid2">
          <Field label="Số văn bản" required hint="Ví dụ 15/STC-VP">
            {(id, hint) => (
              <input id={id} value={f.document_number} onInput={set('document_number')} aria-describedby={hint} maxLength={64} />
            )}
          </Field>
          <Field label="Hạn gửi" required>
            {(id) => <DateInput id={id} value={f.deadline} onChange={(v) => setF({ ...f, deadline: v })} />}
          </Field>
        </div>
        <Field label="Tên báo cáo" required>
          {(id) => <input id={id} value={f.title} onInput={set('title')} maxLength={500} />}
        </Field>
        <Field label="Kỳ báo cáo" hint="Không bắt buộc, ví dụ 202603 (tháng 3/2026) hoặc 2026Q1">
          {(id, hint) => <input id={id} value={f.period} onInput={set('period')} aria-describedby={hint} maxLength={16} />}
        </Field>
        {issuer ? (
          <ChildUnitChecklist parentId={issuer} selected={selected} onChange={setSelected} label="Đơn vị phải báo cáo" />
        ) : (
          <p class="muted">Chỉ lãnh đạo đơn vị được yêu cầu báo cáo đột xuất.</p>
        )}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || !issuer}>
            {busy ? 'Đang gửi…' : 'Gửi yêu cầu'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
