// Chỉ tiêu kế hoạch (/targets[?ky=2026&don_vi=..&nam=..]): the targets of an annual or
// five-year plan (issue 4 point 3; 003 Đ3, Đ9.3c, Đ19.2). A unit registers (đăng ký) the value
// it commits to; the plan owner reviews it and assigns (giao) the binding value, possibly
// another one; every change is kept (who, when, old → new, comment). Results (kết quả thực
// hiện) per year give the achievement, % of plan, direction-aware (higher: actual/target,
// lower: target/actual) and coloured. Registering and recording results needs
// `target.register`, assigning `target.assign`; the server checks the unit scope.

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  DIRECTION_LABELS,
  fmtValue,
  indicators,
  targets,
  type AchievementRow,
  type Indicator,
  type TargetChange,
} from '../api/indicators';
import { orgs } from '../api/client';
import type { Me, OrgUnit } from '../api/types';
import { Dialog, ErrorBox, Field, Notice, Spinner, UnitPicker, FormActions, useSubmit } from '../components';
import { fmtInstant, fmtNumber } from '../format';
import { parseVi } from './FormDesigner';
import './indicators.css';

/** "2026" or "2026-2030" (a five-year plan) */
function planYears(period: string): number[] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period.trim());
  if (!m) return [];
  const from = +m[1];
  const to = m[2] ? +m[2] : from;
  if (to < from || to - from > 10) return [];
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

export function TargetsScreen(props: { me: Me; search: URLSearchParams }) {
  const canRegister = props.me.permissions.includes('target.register');
  const canAssign = props.me.permissions.includes('target.assign');
  const [period, setPeriod] = useState(props.search.get('ky') || String(new Date().getFullYear()));
  const [unit, setUnit] = useState<OrgUnit | null>(null);
  const [year, setYear] = useState<number | null>(props.search.get('nam') ? Number(props.search.get('nam')) : null);
  const [rows, setRows] = useState<AchievementRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [dialog, setDialog] = useState<null | { kind: 'register' } | { kind: 'assign' | 'actual'; row: AchievementRow }>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const id = Number(props.search.get('don_vi'));
    if (id) orgs.get(id).then(setUnit).catch(() => {});
  }, []);
  const years = planYears(period);
  const shownYear = year && years.includes(year) ? year : years[years.length - 1];
  useEffect(() => {
    if (!years.length) {
      setRows([]);
      setError(new Error(`Kỳ kế hoạch “${period}” không hợp lệ: nhập một năm (2026) hoặc giai đoạn 5 năm (2026-2030).`));
      return;
    }
    const t = setTimeout(() => {
      const params = new URLSearchParams({ ky: period.trim() });
      if (unit) params.set('don_vi', String(unit.id));
      if (year && years.includes(year)) params.set('nam', String(year));
      history.replaceState(null, '', '/targets?' + params.toString());
      targets
        .achievement({ plan_period: period.trim(), unit_id: unit?.id, year: shownYear })
        .then((r) => {
          setError(null);
          setRows(r.items);
        })
        .catch(setError);
    }, 250);
    return () => clearTimeout(t);
  }, [period, unit?.id, shownYear, reload]);

  const done = (msg: string) => {
    setDialog(null);
    setNotice(msg);
    setReload((n) => n + 1);
  };

  return (
    <section class="page" aria-labelledby="tg-title">
      <div class="page-head">
        <h1 id="tg-title">Chỉ tiêu kế hoạch</h1>
        {canRegister && (
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={() => setDialog({ kind: 'register' })}>
              Đăng ký chỉ tiêu
            </button>
          </div>
        )}
      </div>
      <p class="muted">
        Đơn vị đăng ký chỉ tiêu kế hoạch năm hoặc 5 năm; cơ quan giao xem xét và giao chỉ tiêu. Mức hoàn thành so với kết quả
        thực hiện tính theo chiều đánh giá của chỉ tiêu (càng cao hay càng thấp càng tốt).
      </p>
      <div class="ind-filters tg-filters">
        <Field label="Kỳ kế hoạch" hint="Năm (2026) hoặc giai đoạn (2026-2030)">
          {(id, d) => <input id={id} aria-describedby={d} value={period} onInput={(e) => setPeriod(e.currentTarget.value.trim())} />}
        </Field>
        <Field label="Năm so sánh kết quả">
          {(id) => (
            <select id={id} value={String(shownYear || '')} disabled={years.length < 2} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Đơn vị">
          {(id) => <UnitPicker id={id} value={unit} onChange={setUnit} placeholder="Mọi đơn vị (gõ tên để lọc)" />}
        </Field>
      </div>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      {!rows ? (
        <Spinner />
      ) : rows.length === 0 ? (
        !error && <p class="muted">Chưa có chỉ tiêu kế hoạch nào của kỳ {period}.</p>
      ) : (
        <div class="table-wrap">
          <table class="table tg-table">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col" class="num">Đăng ký</th>
                <th scope="col" class="num">Được giao</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" class="num">Kết quả {shownYear}</th>
                <th scope="col">Hoàn thành</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const t = r.target;
                const label = `${r.indicator.name} – ${r.unit_name}`;
                return (
                  <Fragment key={t.id}>
                    <tr>
                      <td data-label="Đơn vị">{r.unit_name}</td>
                      <td data-label="Chỉ tiêu">
                        {r.indicator.name} <span class="muted">({r.indicator.unit_of_measure || 'không đơn vị'})</span>
                        <div class="muted tg-sub">
                          <span class="mono">{r.indicator.code}</span> · {DIRECTION_LABELS[r.indicator.direction]}
                        </div>
                      </td>
                      <td class="num" data-label="Đăng ký">{fmtValue(t.registered_value)}</td>
                      <td class="num" data-label="Được giao">{fmtValue(t.assigned_value)}</td>
                      <td data-label="Trạng thái">
                        <span class={`badge ${t.status === 'assigned' ? 'badge-ok' : 'badge-warn'}`}>{t.status_label}</span>
                      </td>
                      <td class="num" data-label={`Kết quả ${shownYear}`}>
                        {r.actual ? (
                          <>
                            {fmtValue(r.actual.value)}
                            {r.actual.estimate && <span class="muted"> (ước)</span>}
                          </>
                        ) : (
                          <span class="muted">Chưa có</span>
                        )}
                      </td>
                      <td data-label="Hoàn thành">
                        <Achievement row={r} />
                      </td>
                      <td data-label="Thao tác" class="tg-actions">
                        <button
                          type="button"
                          class="btn btn-small"
                          aria-expanded={open === t.id}
                          aria-label={`Lịch sử: ${label}`}
                          onClick={() => setOpen(open === t.id ? null : t.id)}
                        >
                          Lịch sử
                        </button>
                        {canAssign && (
                          <button type="button" class="btn btn-small" aria-label={`Giao: ${label}`} onClick={() => setDialog({ kind: 'assign', row: r })}>
                            {t.status === 'assigned' ? 'Điều chỉnh' : 'Giao'}
                          </button>
                        )}
                        {canRegister && (
                          <button
                            type="button"
                            class="btn btn-small"
                            aria-label={`Cập nhật kết quả: ${label}`}
                            onClick={() => setDialog({ kind: 'actual', row: r })}
                          >
                            Kết quả
                          </button>
                        )}
                      </td>
                    </tr>
                    {open === t.id && (
                      <tr class="diff-row">
                        <td colSpan={8}>
                          <History targetId={t.id} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'register' && (
        <RegisterDialog period={period} unit={unit} onClose={() => setDialog(null)} onDone={(m) => done(m)} />
      )}
      {dialog?.kind === 'assign' && (
        <AssignDialog row={dialog.row} onClose={() => setDialog(null)} onDone={(m) => done(m)} />
      )}
      {dialog?.kind === 'actual' && (
        <ActualDialog row={dialog.row} year={shownYear} onClose={() => setDialog(null)} onDone={(m) => done(m)} />
      )}
    </section>
  );
}

/** % of plan, coloured: met (green), within 10 points of the plan (amber), further (red). */
function Achievement(props: { row: AchievementRow }) {
  const a = props.row.achievement;
  if (!a) return <span class="muted tg-note">{props.row.note}</span>;
  const pct = a.percent;
  const cls = a.met ? 'badge-ok' : pct !== null && pct >= 90 ? 'badge-warn' : 'badge-danger';
  return (
    <span class="tg-ach">
      <span class={`badge ${cls}`}>{pct === null ? a.label : `${fmtNumber(pct)}%`}</span>
      {pct !== null && <span class="tg-ach-label">{a.label}</span>}
    </span>
  );
}

function History(props: { targetId: number }) {
  const [items, setItems] = useState<TargetChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    targets.get(props.targetId).then((t) => setItems(t.history)).catch(setError);
  }, [props.targetId]);
  if (error) return <ErrorBox error={error} />;
  if (!items) return <Spinner />;
  return (
    <ol class="tg-history" aria-label="Lịch sử thay đổi">
      {items.map((c) => (
        <li key={c.id}>
          <span class="muted">{fmtInstant(c.at)}</span> · <strong>{c.kind_label}</strong>{' '}
          {c.old_value === null ? fmtValue(c.new_value) : `${fmtValue(c.old_value)} → ${fmtValue(c.new_value)}`} ·{' '}
          {c.actor_name}
          {c.comment && <div class="tg-comment">{c.comment}</div>}
        </li>
      ))}
    </ol>
  );
}

/** A number typed the Vietnamese way (1.234,5); shows what was understood. */
function NumberInput(props: { id: string; value: string; onChange: (t: string) => void; describedBy?: string }) {
  const n = parseVi(props.value);
  return (
    <>
      <input
        id={props.id}
        inputMode="decimal"
        autoComplete="off"
        aria-describedby={props.describedBy}
        aria-invalid={props.value !== '' && n === null}
        value={props.value}
        onInput={(e) => props.onChange(e.currentTarget.value)}
      />
      {props.value !== '' && n === null && <p class="field-error">Không phải số: nhập như 1.234,5</p>}
    </>
  );
}

function valueOrError(text: string): number {
  const n = parseVi(text);
  if (n === null) throw new Error(`Giá trị “${text}” không phải số; hãy nhập như 1.234,5.`);
  return n;
}

function RegisterDialog(props: { period: string; unit: OrgUnit | null; onClose: () => void; onDone: (m: string) => void }) {
  const [unit, setUnit] = useState<OrgUnit | null>(props.unit);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Indicator[]>([]);
  const [indicator, setIndicator] = useState<Indicator | null>(null);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [owner, setOwner] = useState<OrgUnit | null>(null);
  useEffect(() => {
    if (indicator && q === `${indicator.name} (${indicator.code})`) return;
    const t = setTimeout(() => {
      indicators.list({ q: q.trim() || undefined, limit: 8 }).then((r) => setFound(r.items)).catch(() => setFound([]));
    }, 200);
    return () => clearTimeout(t);
  }, [q]);
  const { busy, error, submit } = useSubmit(async () => {
    if (!unit) throw new Error('Hãy chọn đơn vị đăng ký.');
    if (!indicator) throw new Error('Hãy chọn chỉ tiêu.');
    const t = await targets.register({
      plan_period: props.period,
      unit_id: unit.id,
      indicator_id: indicator.id,
      value: valueOrError(value),
      comment,
      owner_unit_id: owner?.id,
    });
    props.onDone(`Đã đăng ký chỉ tiêu “${indicator.name}” của ${unit.name}: ${fmtValue(t.registered_value)}; chờ ${t.owner_unit_name || 'cơ quan giao'} giao.`);
  });
  return (
    <Dialog title={`Đăng ký chỉ tiêu kế hoạch ${props.period}`} onClose={props.onClose} wide>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Đơn vị đăng ký" required>
          {(id) => <UnitPicker id={id} value={unit} onChange={setUnit} required />}
        </Field>
        <Field label="Chỉ tiêu" required hint="Gõ mã hoặc tên (có thể không dấu) rồi chọn trong danh sách">
          {(id, d) => (
            <>
              <input
                id={id}
                type="search"
                aria-describedby={d}
                autoComplete="off"
                value={q}
                onInput={(e) => {
                  setQ(e.currentTarget.value);
                  setIndicator(null);
                }}
              />
              {q.trim() !== '' && !indicator && found.length > 0 && (
                <ul class="tg-pick" aria-label="Chỉ tiêu tìm được">
                  {found.map((i) => (
                    <li key={i.id}>
                      <button
                        type="button"
                        class="btn-link"
                        onClick={() => {
                          setIndicator(i);
                          setQ(`${i.name} (${i.code})`);
                        }}
                      >
                        {i.name} <span class="muted">({i.code}, {i.unit_of_measure || 'không đơn vị'})</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </Field>
        <div class="rg-grid">
          <Field label={`Giá trị đăng ký${indicator?.unit_of_measure ? ` (${indicator.unit_of_measure})` : ''}`} required>
            {(id) => <NumberInput id={id} value={value} onChange={setValue} />}
          </Field>
          <Field label="Cơ quan giao" hint="Để trống: cấp trên cùng của đơn vị (UBND Thành phố)">
            {(id, d) => <UnitPicker id={id} describedBy={d} value={owner} onChange={setOwner} />}
          </Field>
        </div>
        <Field label="Thuyết minh">
          {(id) => <textarea id={id} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
        <FormActions onCancel={props.onClose} busy={busy}>
          Đăng ký
        </FormActions>
      </form>
    </Dialog>
  );
}

function AssignDialog(props: { row: AchievementRow; onClose: () => void; onDone: (m: string) => void }) {
  const t = props.row.target;
  const start = t.assigned_value ?? t.registered_value;
  const [value, setValue] = useState(start === null ? '' : fmtValue(start));
  const [comment, setComment] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const r = await targets.assign({
      plan_period: t.plan_period,
      unit_id: t.unit_id,
      indicator_id: t.indicator_id,
      value: valueOrError(value),
      comment,
      version: t.version,
    });
    props.onDone(`Đã giao chỉ tiêu “${props.row.indicator.name}” cho ${props.row.unit_name}: ${fmtValue(r.assigned_value)}.`);
  });
  return (
    <Dialog title={`Giao chỉ tiêu: ${props.row.indicator.name}`} onClose={props.onClose}>
      <p>
        {props.row.unit_name} đăng ký: <strong>{t.registered_value === null ? 'chưa đăng ký' : fmtValue(t.registered_value)}</strong>
        {t.assigned_value !== null && (
          <>
            ; đang giao: <strong>{fmtValue(t.assigned_value)}</strong>
          </>
        )}
        {props.row.indicator.unit_of_measure && ` (${props.row.indicator.unit_of_measure})`}
      </p>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Giá trị giao" required>
          {(id) => <NumberInput id={id} value={value} onChange={setValue} />}
        </Field>
        <Field label="Ý kiến, căn cứ giao">
          {(id) => <textarea id={id} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
        <FormActions onCancel={props.onClose} busy={busy}>
          Giao chỉ tiêu
        </FormActions>
      </form>
    </Dialog>
  );
}

function ActualDialog(props: { row: AchievementRow; year: number; onClose: () => void; onDone: (m: string) => void }) {
  const a = props.row.actual;
  const [value, setValue] = useState(a ? fmtValue(a.value) : '');
  const [estimate, setEstimate] = useState(a ? a.estimate : true);
  const [source, setSource] = useState(a ? a.source : '');
  const { busy, error, submit } = useSubmit(async () => {
    await targets.recordActual({
      unit_id: props.row.target.unit_id,
      indicator_id: props.row.target.indicator_id,
      year: props.year,
      value: valueOrError(value),
      estimate,
      source,
    });
    props.onDone(`Đã cập nhật kết quả năm ${props.year} của “${props.row.indicator.name}”.`);
  });
  return (
    <Dialog title={`Kết quả thực hiện năm ${props.year}: ${props.row.indicator.name}`} onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label={`Giá trị thực hiện${props.row.indicator.unit_of_measure ? ` (${props.row.indicator.unit_of_measure})` : ''}`} required>
          {(id) => <NumberInput id={id} value={value} onChange={setValue} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={estimate} onChange={(e) => setEstimate(e.currentTarget.checked)} /> Số ước tính (chưa chính thức)
        </label>
        <Field label="Nguồn số liệu">
          {(id) => <input id={id} value={source} onInput={(e) => setSource(e.currentTarget.value)} />}
        </Field>
        <FormActions onCancel={props.onClose} busy={busy}>
          Lưu kết quả
        </FormActions>
      </form>
    </Dialog>
  );
}
