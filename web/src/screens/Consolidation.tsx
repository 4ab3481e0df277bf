// Tổng hợp số liệu (/tong-hop?unit=&regime=&period=; issue 5 point 7, 002 Đ8.1b): the
// aggregates of the reports a unit has accepted from the units reporting to it, for one regime
// and period. Completeness first ("42/168 đơn vị") with the units still missing and their
// state; then one table per form (rows = indicators, columns = measures) with the aggregate by
// the indicator's rule (Tổng, Trung bình, Bình quân gia quyền, Nhỏ nhất, Lớn nhất, Không tổng
// hợp; computed cells recomputed from the aggregates). A cell opens the drill-down: each unit's
// value, sortable, with a link to its report. "Đưa vào báo cáo của đơn vị" fills the unit's own
// report upward (POST /reports/{key}/pull-consolidation) when the server allows it.
// Data: GET /api/v1/consolidation; row labels and depth from the own report or, without one,
// from a received report (GET /api/v1/reports/{key}), which carry the form layout.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { exchange, type Consolidation, type ConsolidationCell, type ConsolidationUnit } from '../api/exchange';
import { draftConflicts, reportPath, reports, type ReportForm } from '../api/reports';
import type { Me } from '../api/types';
import { ErrorBox, Notice, Spinner } from '../components';
import { fmtDate, fmtNumber } from '../format';
import { linkClick } from '../router';
import { formatViNumber } from './reportInput';
import './consolidation.css';

/** short marks of the aggregation rules, explained in the legend */
const METHODS: [string, string, string][] = [
  ['sum', 'Σ', 'Tổng'],
  ['average', 'TB', 'Trung bình'],
  ['weighted_average', 'BQ', 'Bình quân gia quyền'],
  ['min', 'Min', 'Nhỏ nhất'],
  ['max', 'Max', 'Lớn nhất'],
  ['none', '—', 'Không tổng hợp'],
  ['computed', 'ƒ', 'Tự tính từ số tổng hợp'],
];
const MARK: Record<string, string> = Object.fromEntries(METHODS.map(([m, s]) => [m, s]));

type Sort = { by: 'unit' | 'value'; desc: boolean };

export function ConsolidationScreen(props: { me: Me; search: URLSearchParams }) {
  const unit = Number(props.search.get('unit') || 0);
  const regime = props.search.get('regime') || '';
  const period = props.search.get('period') || '';
  const [data, setData] = useState<Consolidation | null>(null);
  const [layout, setLayout] = useState<ReportForm[] | null>(null);
  const [ownRevision, setOwnRevision] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [picked, setPicked] = useState<ConsolidationCell | null>(null);
  const [sort, setSort] = useState<Sort>({ by: 'unit', desc: false });
  const [showAllMissing, setShowAllMissing] = useState(false);
  const [pulling, setPulling] = useState(false);
  const [pullError, setPullError] = useState<unknown>(null);
  const [pulled, setPulled] = useState<number | null>(null);

  const load = async () => {
    const c = await exchange.consolidation(unit, regime, period);
    setData(c);
    // the first report the user may open gives the labels; with none the codes are shown
    const sources = [c.own_report?.key, ...c.units.slice(0, 3).map((u) => u.report_key)].filter((k): k is string => !!k);
    for (const source of sources)
      try {
        const r = await reports.get(source);
        setLayout(r.forms);
        if (source === c.own_report?.key) setOwnRevision(r.revision);
        break;
      } catch {
        /* not readable by this user: try the next */
      }
    return c;
  };
  useEffect(() => {
    setData(null);
    setError(null);
    if (!unit || !regime || !period) {
      setError(new Error('Địa chỉ thiếu đơn vị, chế độ hoặc kỳ báo cáo (ví dụ /tong-hop?unit=12&regime=HCM-KTXH&period=202603).'));
      return;
    }
    load().catch(setError);
  }, [unit, regime, period]);

  if (error) return <section class="page"><ErrorBox error={error} /></section>;
  if (!data) return <Spinner />;
  const own = data.own_report;

  const pull = async () => {
    if (!own) return;
    setPulling(true);
    setPullError(null);
    setPulled(null);
    try {
      const base = ownRevision ?? (await reports.get(own.key)).revision;
      const r = await exchange.pull(own.key, base);
      setOwnRevision(r.revision);
      setPulled(data.forms.reduce((n, f) => n + f.cells.filter((c) => c.value !== null && r.cells[c.cell]?.kind === 'input').length, 0));
    } catch (e) {
      const c = draftConflicts(e);
      setPullError(
        c
          ? new Error(`Trong lúc đó có người đã sửa ${c.conflicts.length} ô của báo cáo đơn vị; chưa lưu gì. Tải lại trang rồi làm lại.`)
          : e,
      );
      if (e instanceof ApiError && e.status === 409) load().catch(() => {});
    } finally {
      setPulling(false);
    }
  };

  const missingShown = showAllMissing ? data.missing : data.missing.slice(0, 12);
  const share = data.expected ? data.accepted / data.expected : 0;

  return (
    <section class="page ch" aria-labelledby="ch-title">
      <a class="back-link" href="/owed" onClick={linkClick}>
        ‹ Việc cần làm
      </a>
      <div class="ch-head">
        <div>
          <h1 id="ch-title">Tổng hợp số liệu</h1>
          <p class="muted">
            {data.regime.name} — {data.period.label} · {data.unit.name}
          </p>
        </div>
        <div class="ch-complete" aria-label="Mức độ đầy đủ">
          <strong class="ch-complete-n" data-testid="completeness">
            {data.completeness}
          </strong>
          <span class="muted small">đã tiếp nhận báo cáo</span>
          <span class="ch-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(share * 100)}%` }} />
          </span>
        </div>
      </div>

      <div class="ch-pull">
        {own ? (
          <p>
            Báo cáo của đơn vị gửi cấp trên:{' '}
            <a href={reportPath(own.key)} onClick={linkClick}>
              {data.regime.name} — {data.period.label}
            </a>{' '}
            <span class="badge">{own.state_label}</span> · Hạn gửi {fmtDate(own.deadline)}
          </p>
        ) : (
          <p class="muted">Đơn vị không có báo cáo chế độ này, kỳ này gửi cấp trên.</p>
        )}
        {data.can_pull && own ? (
          <button type="button" class="btn btn-primary" disabled={pulling} onClick={pull}>
            {pulling ? 'Đang đưa vào…' : 'Đưa vào báo cáo của đơn vị'}
          </button>
        ) : (
          data.pull_blocked && <p class="ch-blocked">Chưa đưa số liệu vào báo cáo được: {data.pull_blocked}</p>
        )}
        <ErrorBox error={pullError} />
        {pulled !== null && own && (
          <Notice kind="ok">
            Đã đưa số liệu tổng hợp ({fmtNumber(pulled)} ô) vào báo cáo của đơn vị.{' '}
            <a href={reportPath(own.key)} onClick={linkClick}>
              Mở báo cáo của đơn vị
            </a>
          </Notice>
        )}
      </div>

      {data.problems.length > 0 && (
        <div class="alert alert-warn" role="status">
          <p>Lưu ý khi tổng hợp:</p>
          <ul>
            {data.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      {data.missing.length > 0 && (
        <details class="ch-missing" open={data.missing.length <= 12}>
          <summary>
            Chưa có báo cáo được tiếp nhận: <strong>{fmtNumber(data.missing.length)} đơn vị</strong>
          </summary>
          <ul aria-label="Đơn vị chưa có báo cáo được tiếp nhận">
            {missingShown.map((u) => (
              <li key={u.id}>
                <span>{u.name}</span>
                <span class={`badge ch-state-${u.state}`}>{u.state_label}</span>
              </li>
            ))}
          </ul>
          {data.missing.length > missingShown.length && (
            <button type="button" class="linklike" onClick={() => setShowAllMissing(true)}>
              Xem cả {fmtNumber(data.missing.length)} đơn vị
            </button>
          )}
        </details>
      )}

      <p class="ch-legend muted small" aria-label="Cách tổng hợp">
        Cách tổng hợp:{' '}
        {METHODS.map(([m, s, label]) => (
          <span key={m} class="ch-legend-item">
            <abbr class="ch-mark">{s}</abbr> {label}
          </span>
        ))}
        <span class="ch-legend-hint">Chọn một ô để xem số liệu từng đơn vị.</span>
      </p>

      <div class={picked ? 'ch-body ch-body-picked' : 'ch-body'}>
        <div class="ch-forms">
          {data.forms.map((f) => (
            <FormTable key={f.code} form={f} layout={layout?.find((x) => x.code === f.code) || null} accepted={data.accepted} picked={picked} onPick={setPicked} />
          ))}
        </div>
        {picked && (
          <DrillDown
            cell={picked}
            label={cellName(layout, picked)}
            units={data.units}
            sort={sort}
            onSort={setSort}
            onClose={() => setPicked(null)}
          />
        )}
      </div>
    </section>
  );
}

function cellName(layout: ReportForm[] | null, c: ConsolidationCell): string {
  const form = c.cell.split('/')[0];
  const f = layout?.find((x) => x.code === form);
  const row = f?.rows.find((r) => r.code === c.row);
  const col = f?.columns.find((x) => x.code === c.column);
  return `${row?.label || c.row} — ${col?.label || c.column}`;
}

function FormTable(props: {
  form: Consolidation['forms'][number];
  layout: ReportForm | null;
  accepted: number;
  picked: ConsolidationCell | null;
  onPick: (c: ConsolidationCell) => void;
}) {
  const f = props.form;
  const byCode = new Map(f.cells.map((c) => [`${c.row}.${c.column}`, c]));
  // without a layout: rows and columns in the order of the cells
  const rows = props.layout?.rows ?? [...new Set(f.cells.map((c) => c.row))].map((code) => ({ code, label: code, depth: 0, unit: '', kind: 'input' as const }));
  const cols = props.layout?.columns ?? [...new Set(f.cells.map((c) => c.column))].map((code) => ({ code, label: code, unit: '' }));
  return (
    <div class="ch-form">
      <h2 class="ch-form-title">
        Biểu {f.code}: {f.title}
      </h2>
      <div class="table-wrap">
        <table class="table ch-table">
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col" class="ch-unit">Đơn vị tính</th>
              <th scope="col" class="ch-method-h" title="Cách tổng hợp">
                Cách TH
              </th>
              {cols.map((c) => (
                <th key={c.code} scope="col" class="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const cells = cols.map((c) => byCode.get(`${r.code}.${c.code}`));
              const rule = cells.find((c) => c && c.method !== 'disabled' && c.method !== 'computed') || cells.find((c) => c && c.method !== 'disabled');
              return (
                <tr key={r.code} class={r.kind === 'heading' ? 'ch-heading' : undefined}>
                  <th scope="row" class="ch-label" style={{ paddingLeft: `${0.5 + (r.depth ?? 0) * 1.1}rem` }}>
                    {r.label}
                  </th>
                  <td class="ch-unit muted">{r.unit}</td>
                  <td class="ch-method">{rule && <abbr title={rule.method_label}>{MARK[rule.method] || rule.method_label}</abbr>}</td>
                  {cells.map((c, i) => {
                    if (!c || c.method === 'disabled') return <td key={i} class="ch-x" aria-label="Không có số liệu" />;
                    const text = formatViNumber(c.value, c.decimals);
                    const title = `${c.method_label}; ${c.reported}/${props.accepted} đơn vị có số liệu${c.note ? `. ${c.note}` : ''}`;
                    return (
                      <td key={i} class={`num ch-cell${props.picked?.cell === c.cell ? ' ch-picked' : ''}`}>
                        <button type="button" class="ch-value" title={title} data-cell={c.cell} aria-label={`${r.label} — ${cols[i].label}: ${text || 'trống'}`} onClick={() => props.onPick(c)}>
                          {text || <span class="muted">–</span>}
                          {c.value !== null && c.reported < props.accepted && c.method !== 'computed' && <sup class="ch-partial">{c.reported}</sup>}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DrillDown(props: {
  cell: ConsolidationCell;
  label: string;
  units: ConsolidationUnit[];
  sort: Sort;
  onSort: (s: Sort) => void;
  onClose: () => void;
}) {
  const c = props.cell;
  const panel = useRef<HTMLElement>(null);
  // on a phone the panel is below the tables: bring it into view
  useEffect(() => {
    if (window.matchMedia('(max-width: 900px)').matches) panel.current?.scrollIntoView({ block: 'start' });
  }, [c.cell]);
  const list = props.units.map((u, i) => ({ u, v: c.units[i] ?? null }));
  const dir = props.sort.desc ? -1 : 1;
  list.sort((a, b) => {
    if (props.sort.by === 'unit') return dir * a.u.name.localeCompare(b.u.name, 'vi');
    if (a.v === null || b.v === null) return a.v === b.v ? 0 : a.v === null ? 1 : -1; // blanks last
    return dir * (Number(a.v) - Number(b.v));
  });
  const head = (by: Sort['by'], text: string, cls?: string) => {
    const on = props.sort.by === by;
    return (
      <th scope="col" class={cls} aria-sort={on ? (props.sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="linklike" onClick={() => props.onSort({ by, desc: on ? !props.sort.desc : by === 'value' })}>
          {text} {on ? (props.sort.desc ? '▼' : '▲') : ''}
        </button>
      </th>
    );
  };
  return (
    <aside ref={panel} class="ch-drill" aria-labelledby="ch-drill-title">
      <div class="ch-drill-head">
        <h2 id="ch-drill-title">{props.label}</h2>
        <button type="button" class="icon-btn" aria-label="Đóng" onClick={props.onClose}>
          ×
        </button>
      </div>
      <p class="muted small">
        {c.method_label}: <strong class="ch-drill-total">{formatViNumber(c.value, c.decimals) || 'trống'}</strong> · {c.reported} đơn vị có số liệu
        {c.note ? ` · ${c.note}` : ''}
      </p>
      <div class="table-wrap">
        <table class="table ch-drill-table" aria-label={`Số liệu từng đơn vị: ${props.label}`}>
          <thead>
            <tr>
              {head('unit', 'Đơn vị')}
              {head('value', 'Giá trị', 'num')}
            </tr>
          </thead>
          <tbody>
            {list.map(({ u, v }) => (
              <tr key={u.id}>
                <td>
                  <a href={reportPath(u.report_key)} onClick={linkClick}>
                    {u.name}
                  </a>
                </td>
                <td class="num">{v === null ? <span class="muted">trống</span> : formatViNumber(v, c.decimals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
