// Nhật ký hệ thống: filtered audit log (action prefix, actor, date range), paging with
// next_before_seq, before/after diff per entry, hash-chain verification (/audit/verify).

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { audit } from '../api/client';
import type { AuditEntry, AuditQuery, AuditVerify, Me, User } from '../api/types';
import { DateInput, ErrorBox, Field, Spinner, UserPicker, badDates } from '../components';
import { fmtInstant, fmtNumber } from '../format';
import { ACTION_LABELS, ACTION_PREFIXES, ENTITY_LABELS } from '../labels';

const LIMIT = 50;

export function AuditScreen(_props: { me: Me }) {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState<User | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState<AuditQuery>({});
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  const load = async (q: AuditQuery, more: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const r = await audit.list({ ...q, limit: LIMIT, before_seq: more ? next ?? undefined : undefined });
      setItems((prev) => (more && prev ? [...prev, ...r.items] : r.items));
      setNext(r.next_before_seq);
    } catch (e) {
      setError(e);
      if (!more) setItems([]);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(applied, false);
  }, [applied]);

  const [formError, setFormError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const bad = badDates({ 'Từ ngày': from, 'Đến ngày': to });
    setFormError(bad);
    if (bad) return;
    setOpen(new Set());
    setApplied({
      action: action || undefined,
      actor_id: actor?.id,
      from: from || undefined,
      to: to || undefined,
    });
  };
  const reset = () => {
    setAction('');
    setActor(null);
    setFrom('');
    setTo('');
    setApplied({});
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await audit.verify());
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  const toggle = (seq: number) => {
    const s = new Set(open);
    if (s.has(seq)) s.delete(seq);
    else s.add(seq);
    setOpen(s);
  };

  return (
    <section class="page" aria-labelledby="audit-title">
      <div class="page-head">
        <h1 id="audit-title">Nhật ký hệ thống</h1>
        <div class="page-actions">
          <button type="button" class="btn" onClick={runVerify} disabled={verifying}>
            {verifying ? 'Đang kiểm tra…' : 'Kiểm tra toàn vẹn'}
          </button>
        </div>
      </div>
      {verify &&
        (verify.ok ? (
          <div class="alert alert-ok" role="status">
            Chuỗi nhật ký toàn vẹn: đã kiểm tra {fmtNumber(verify.checked)} bản ghi, không phát hiện sửa đổi hay xóa bỏ.
          </div>
        ) : (
          <div class="alert alert-error" role="alert">
            Phát hiện nhật ký bị can thiệp tại bản ghi số {fmtNumber(verify.first_bad_seq)} (đã kiểm tra{' '}
            {fmtNumber(verify.checked)} bản ghi): {verify.problem}
          </div>
        ))}
      <ErrorBox error={verifyError} />

      <form class="filters filters-row card" onSubmit={submit} aria-label="Lọc nhật ký">
        <Field label="Loại thao tác">
          {(id) => (
            <select id={id} value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
              {ACTION_PREFIXES.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Người thực hiện">{(id) => <UserPicker id={id} value={actor} onChange={setActor} />}</Field>
        <Field label="Từ ngày">
          {(id) => <DateInput id={id} value={from} onChange={setFrom} />}
        </Field>
        <Field label="Đến ngày">
          {(id) => <DateInput id={id} value={to} onChange={setTo} />}
        </Field>
        <div class="filters-actions">
          <button type="submit" class="btn btn-primary">
            Lọc
          </button>
          <button type="button" class="btn" onClick={reset}>
            Bỏ lọc
          </button>
        </div>
      </form>

      <ErrorBox error={formError} />
      <ErrorBox error={error} />
      {items === null ? (
        <Spinner />
      ) : items.length === 0 && !error ? (
        <p class="muted">Không có bản ghi nhật ký phù hợp.</p>
      ) : (
        <div class="table-wrap">
          <table class="table audit-table">
            <caption class="sr-only">Nhật ký hệ thống</caption>
            <thead>
              <tr>
                <th scope="col">Số</th>
                <th scope="col">Thời điểm</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Thao tác</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Địa chỉ IP</th>
                <th scope="col">
                  <span class="sr-only">Chi tiết</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => {
                const isOpen = open.has(a.seq);
                const hasDiff = !!(a.before || a.after);
                return (
                  <Fragment key={a.seq}>
                    <tr class={isOpen ? 'open' : ''}>
                      <td class="num" data-label="Số">
                        {fmtNumber(a.seq)}
                      </td>
                      <td data-label="Thời điểm">{fmtInstant(a.at)}</td>
                      <td data-label="Người thực hiện">{a.actor_name || (a.actor_id ? `#${a.actor_id}` : '—')}</td>
                      <td data-label="Thao tác">
                        <span class="action">{ACTION_LABELS[a.action] || a.action}</span>
                        <code class="action-code">{a.action}</code>
                      </td>
                      <td data-label="Đối tượng">
                        {a.entity_type ? `${ENTITY_LABELS[a.entity_type] || a.entity_type} #${a.entity_id ?? ''}` : '—'}
                      </td>
                      <td data-label="Địa chỉ IP">{a.ip || '—'}</td>
                      <td class="num">
                        {hasDiff && (
                          <button
                            type="button"
                            class="btn btn-small"
                            aria-expanded={isOpen}
                            aria-controls={`diff-${a.seq}`}
                            onClick={() => toggle(a.seq)}
                          >
                            {isOpen ? 'Ẩn thay đổi' : 'Xem thay đổi'}
                          </button>
                        )}
                      </td>
                    </tr>
                    {isOpen && (
                      <tr class="diff-row" id={`diff-${a.seq}`}>
                        <td colSpan={7}>
                          <Diff before={a.before} after={a.after} />
                          <p class="muted small hash">Mã băm: <code>{a.hash}</code></p>
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
      <div class="pager">
        {loading && items !== null && <Spinner />}
        {next !== null && !loading && (
          <button type="button" class="btn" onClick={() => load(applied, true)}>
            Xem các bản ghi cũ hơn
          </button>
        )}
        {items !== null && items.length > 0 && (
          <span class="muted small">Đang hiện {fmtNumber(items.length)} bản ghi</span>
        )}
      </div>
    </section>
  );
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (v === '') return '(trống)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Diff(props: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const keys = Array.from(new Set([...Object.keys(props.before || {}), ...Object.keys(props.after || {})]));
  if (!keys.length) return <p class="muted">Không có dữ liệu thay đổi.</p>;
  return (
    <table class="table diff">
      <caption class="sr-only">Giá trị trước và sau thay đổi</caption>
      <thead>
        <tr>
          <th scope="col">Trường</th>
          <th scope="col">Trước</th>
          <th scope="col">Sau</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const b = props.before ? show(props.before[k]) : '';
          const a = props.after ? show(props.after[k]) : '';
          const changed = !props.before || !props.after || b !== a;
          return (
            <tr key={k} class={changed ? 'changed' : ''}>
              <th scope="row">
                <code>{k}</code>
              </th>
              <td class="before">{props.before ? b : <span class="muted">(không có)</span>}</td>
              <td class="after">{props.after ? a : <span class="muted">(không có)</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
