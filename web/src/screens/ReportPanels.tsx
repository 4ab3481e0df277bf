// Parts of the report screen (Report.tsx) around the grid: workflow steps, validation with
// explanations of warnings, the focused cell (earlier periods, comments), narrative sections,
// attachments, comments, versions (signature status, package, side-by-side comparison),
// history, and the dialogs (reason, signature, conflict).

import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/client';
import {
  ATTACHMENT_TYPES,
  attachmentProblem,
  reports,
  type Comparison,
  type Report,
  type ReportAction,
  type ReportVersionDetail,
  type VerifyResult,
} from '../api/reports';
import { Dialog, ErrorBox, Field, Spinner } from '../components';
import { fmtInstant } from '../format';
import { formatViNumber } from './reportInput';
import type { Conflict, Part } from './reportSave';

// ---------------------------------------------------------------- labels

/** "B01/CT01.TH" → "B01 · Thu ngân sách — Thực hiện"; a section code → its title */
export function keyLabel(report: Report, key: string): string {
  const m = /^([^/]+)\/([^.]+)\.(.+)$/.exec(key);
  if (m) {
    const f = report.forms.find((x) => x.code === m[1]);
    const row = f?.rows.find((x) => x.code === m[2]);
    const col = f?.columns.find((x) => x.code === m[3]);
    if (f && row && col) return `${f.code} · ${row.label || row.code} — ${col.label}`;
  }
  const s = report.sections.find((x) => x.code === key);
  if (s) return `Mục ${s.code}. ${s.title}`;
  return key;
}

/** where a cell or section appears in the report (form, row, column), for listing in that order */
function formOrder(report: Report, key: string): number {
  const m = /^([^/]+)\/([^.]+)\.(.+)$/.exec(key);
  if (!m) {
    const i = report.sections.findIndex((s) => s.code === key);
    return i < 0 ? 1e9 : i;
  }
  const fi = report.forms.findIndex((f) => f.code === m[1]);
  const f = report.forms[fi];
  if (!f) return 1e9;
  return fi * 1e6 + f.rows.findIndex((x) => x.code === m[2]) * 1e3 + f.columns.findIndex((x) => x.code === m[3]);
}

function isValueKey(key: string): boolean {
  return /^[^/]+\/[^.]+\..+$/.test(key);
}

function fmtSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1).replace('.', ',')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} byte`;
}

// ---------------------------------------------------------------- workflow steps

export function WorkflowSteps(props: { report: Report }) {
  const r = props.report;
  const n = r.workflow?.internal_steps ?? 2;
  const steps: { id: string[]; label: string }[] = [
    { id: ['draft', 'returned'], label: 'Nhập số liệu' },
    ...(n >= 2 ? [{ id: ['awaiting_check'], label: 'Lãnh đạo phòng kiểm tra' }] : []),
    { id: ['awaiting_approval'], label: 'Lãnh đạo đơn vị duyệt, ký số' },
    ...(n >= 3 ? [{ id: ['approved'], label: 'Văn thư gửi' }] : []),
    { id: ['sent'], label: 'Đơn vị nhận tiếp nhận' },
    { id: ['accepted', 'correction_requested'], label: 'Đã tiếp nhận' },
  ];
  const cur = steps.findIndex((s) => s.id.includes(r.state));
  return (
    <ol class="rp-steps" aria-label="Các bước xử lý">
      {steps.map((s, i) => (
        <li
          key={s.label}
          class={i < cur ? 'rp-step-done' : i === cur ? 'rp-step-current' : ''}
          aria-current={i === cur ? 'step' : undefined}
        >
          <span class="rp-step-no" aria-hidden="true">
            {i < cur ? '✓' : i + 1}
          </span>
          <span>
            {s.label}
            {i === cur && r.state === 'returned' && <strong class="rp-step-note"> (bị trả lại)</strong>}
            {i === cur && r.state === 'correction_requested' && <strong class="rp-step-note"> (đề nghị đính chính)</strong>}
          </span>
        </li>
      ))}
    </ol>
  );
}

// ---------------------------------------------------------------- validation

export function ValidationPanel(props: {
  report: Report;
  canEdit: boolean;
  explanation: (key: string) => string;
  onExplain: (key: string, text: string) => void;
  onFocusCell: (code: string) => void;
  onFocusSection: (code: string) => void;
}) {
  const v = props.report.validation;
  if (!v || !v.items.length)
    return <p class="rp-valid-ok" role="status">Kiểm tra số liệu: không có lỗi, không có cảnh báo.</p>;
  return (
    <div class="rp-validation" aria-labelledby="rp-val-title">
      <h2 class="h-small" id="rp-val-title">
        Kiểm tra số liệu: {v.errors} lỗi, {v.warnings} cảnh báo
        {v.unexplained_warnings > 0 ? ` (${v.unexplained_warnings} chưa giải trình)` : ''}
      </h2>
      <ul class="rp-val-list">
        {v.items.map((it) => (
          <li key={it.key} class={`rp-val-${it.severity}`}>
            <span class={`badge ${it.severity === 'error' ? 'badge-danger' : 'badge-warn'}`}>{it.severity_label}</span>{' '}
            <span>{it.message}</span>
            {it.cells.length > 0 && (
              <button type="button" class="linklike rp-val-go" onClick={() => props.onFocusCell(it.cells[0])}>
                Đến ô
              </button>
            )}
            {it.key.startsWith('section:') && (
              <button type="button" class="linklike rp-val-go" onClick={() => props.onFocusSection(it.key.slice('section:'.length))}>
                Viết mục này
              </button>
            )}
            {it.severity === 'warning' && (
              <div class="rp-explain">
                <label for={`rp-exp-${it.key}`}>Giải trình</label>
                <textarea
                  id={`rp-exp-${it.key}`}
                  rows={2}
                  readOnly={!props.canEdit}
                  value={props.explanation(it.key)}
                  placeholder="Nêu lý do số liệu vượt ngưỡng cảnh báo (004 Đ7)"
                  onInput={(e) => props.onExplain(it.key, e.currentTarget.value)}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------- focused cell

export function CellPanel(props: {
  report: Report;
  code: string;
  label: string;
  shown: string;
  onComment: (text: string) => Promise<void>;
  onResolve: (id: number) => Promise<void>;
}) {
  const { report, code } = props;
  const [text, setText] = useState('');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!code)
    return (
      <aside class="rp-cellpanel" aria-label="Ô đang chọn">
        <p class="muted">Chọn một ô để xem công thức, số liệu kỳ trước, cùng kỳ năm trước và ý kiến trên ô.</p>
      </aside>
    );
  const cell = report.cells[code];
  const dec = cell?.kind === 'computed' ? (cell.decimals ?? null) : null;
  const thread = report.comments.filter((c) => c.cell === code);
  const checks = report.validation.items.filter((i) => i.cells.includes(code));
  const add = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setErr(null);
    try {
      await props.onComment(text.trim());
      setText('');
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside class="rp-cellpanel" aria-label="Ô đang chọn">
      <h2 class="h-small">{props.label}</h2>
      <dl class="rp-facts">
        <div>
          <dt>Kỳ này</dt>
          <dd class="num" data-testid="cell-value">{props.shown || '—'}</dd>
        </div>
        <div>
          <dt>Kỳ trước{report.previous_period ? ` (${report.previous_period.label})` : ''}</dt>
          <dd class="num">{cell?.previous != null ? formatViNumber(cell.previous, dec) : '—'}</dd>
        </div>
        <div>
          <dt>Cùng kỳ năm trước{report.last_year_period ? ` (${report.last_year_period.label})` : ''}</dt>
          <dd class="num">{cell?.last_year != null ? formatViNumber(cell.last_year, dec) : '—'}</dd>
        </div>
        <div>
          <dt>Loại ô</dt>
          <dd>
            {cell?.kind === 'computed'
              ? `Tự tính${cell.formula ? ': ' + cell.formula : ' (tổng các dòng con)'}`
              : cell?.kind === 'disabled'
                ? 'Không áp dụng'
                : 'Nhập'}
          </dd>
        </div>
        {cell?.updated_by && cell.updated_at && (
          <div>
            <dt>Sửa lần cuối</dt>
            <dd>
              {cell.updated_by.name}, {fmtInstant(cell.updated_at)}
            </dd>
          </div>
        )}
        {cell?.error && (
          <div>
            <dt>Lỗi tính</dt>
            <dd class="rp-err-text">{cell.error}</dd>
          </div>
        )}
      </dl>
      {checks.map((c) => (
        <p key={c.key} class={c.severity === 'error' ? 'rp-err-text' : 'rp-warn-text'}>
          {c.severity_label}: {c.message}
        </p>
      ))}
      <h3 class="h-small">Ý kiến trên ô ({thread.length})</h3>
      <CommentList report={report} items={thread} onResolve={props.onResolve} withCell={false} />
      <form class="rp-comment-form" onSubmit={add}>
        <label for="rp-cell-comment" class="sr-only">
          Ý kiến về ô này
        </label>
        <textarea id="rp-cell-comment" rows={2} placeholder="Ghi ý kiến về ô này…" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <ErrorBox error={err} />
        <button type="submit" class="btn btn-small" disabled={busy || !text.trim()}>
          Gửi ý kiến
        </button>
      </form>
    </aside>
  );
}

function CommentList(props: {
  report: Report;
  items: Report['comments'];
  onResolve: (id: number) => Promise<void>;
  withCell: boolean;
}) {
  if (!props.items.length) return <p class="muted small">Chưa có ý kiến.</p>;
  return (
    <ul class="rp-comments">
      {props.items.map((c) => (
        <li key={c.id} class={c.resolved ? 'rp-comment-resolved' : ''}>
          <p class="rp-comment-meta">
            <strong>{c.author.name}</strong> · {fmtInstant(c.at)}
            {props.withCell && <> · {c.cell ? keyLabel(props.report, c.cell) : 'Cả báo cáo'}</>}
            {c.resolved && <span class="badge badge-muted">Đã xử lý</span>}
          </p>
          <p class="rp-comment-text">{c.text}</p>
          {!c.resolved && (
            <button type="button" class="linklike" onClick={() => props.onResolve(c.id).catch(() => {})}>
              Đánh dấu đã xử lý
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function CommentsPanel(props: { report: Report; onAdd: (text: string) => Promise<void>; onResolve: (id: number) => Promise<void> }) {
  const [text, setText] = useState('');
  const [err, setErr] = useState<unknown>(null);
  return (
    <div class="rp-comments-panel">
      <CommentList report={props.report} items={props.report.comments} onResolve={props.onResolve} withCell />
      <form
        class="rp-comment-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setErr(null);
          try {
            await props.onAdd(text.trim());
            setText('');
          } catch (x) {
            setErr(x);
          }
        }}
      >
        <Field label="Ý kiến chung về báo cáo">
          {(id) => <textarea id={id} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <ErrorBox error={err} />
        <button type="submit" class="btn btn-small" disabled={!text.trim()}>
          Gửi ý kiến
        </button>
      </form>
    </div>
  );
}

// ---------------------------------------------------------------- narrative

export function NarrativePanel(props: {
  report: Report;
  canEdit: boolean;
  value: (code: string) => string;
  onChange: (code: string, text: string) => void;
}) {
  const secs = props.report.sections;
  if (!secs.length) return <p class="muted">Báo cáo này không có phần thuyết minh.</p>;
  return (
    <div class="rp-narrative">
      {secs.map((s) => (
        <div class="field" key={s.code}>
          <label for={`rp-sec-${s.code}`}>
            {s.code}. {s.title}
            {s.required && <span class="req"> *</span>}
          </label>
          {s.guidance && (
            <p class="hint" id={`rp-sec-${s.code}-hint`}>
              {s.guidance}
            </p>
          )}
          <textarea
            id={`rp-sec-${s.code}`}
            rows={5}
            readOnly={!props.canEdit}
            aria-describedby={s.guidance ? `rp-sec-${s.code}-hint` : undefined}
            value={props.value(s.code)}
            onInput={(e) => props.onChange(s.code, e.currentTarget.value)}
          />
        </div>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- attachments

export function AttachmentsPanel(props: { report: Report; canEdit: boolean; onChanged: () => void }) {
  const r = props.report;
  const [problems, setProblems] = useState<string[]>([]);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (files: FileList | null) => {
    if (!files) return;
    const bad: string[] = [];
    const good: File[] = [];
    for (const f of Array.from(files)) {
      const p = attachmentProblem(f);
      if (p) bad.push(p);
      else good.push(f);
    }
    setProblems(bad);
    setErr(null);
    setBusy(true);
    try {
      for (const f of good) await reports.upload(r.key, f);
    } catch (e) {
      setErr(e);
    } finally {
      setBusy(false);
      props.onChanged();
    }
  };
  return (
    <div class="rp-files">
      {r.attachments.length === 0 ? (
        <p class="muted">Chưa có tệp đính kèm.</p>
      ) : (
        <ul class="rp-file-list" aria-label="Tệp đính kèm">
          {r.attachments.map((a) => (
            <li key={a.id}>
              <a href={reports.attachmentUrl(r.key, a.id)} download={a.name}>
                {a.name}
              </a>
              <span class="muted small">
                {fmtSize(a.size)} · {a.uploaded_by?.name}, {fmtInstant(a.uploaded_at)}
              </span>
              {props.canEdit && (
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={`Gỡ tệp ${a.name}`}
                  onClick={async () => {
                    setErr(null);
                    try {
                      await reports.removeAttachment(r.key, a.id);
                    } catch (e) {
                      setErr(e);
                    }
                    props.onChanged();
                  }}
                >
                  Gỡ
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit && (
        <div class="field">
          <FilePick
            label="Thêm tệp đính kèm"
            button="Chọn tệp để đính kèm…"
            multiple
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            disabled={busy}
            hint={`Loại tệp: ${[...new Set(Object.values(ATTACHMENT_TYPES))].join(', ')}; tối đa 20 MB mỗi tệp.`}
            onFiles={upload}
          />
        </div>
      )}
      {busy && <Spinner label="Đang tải lên…" />}
      {problems.length > 0 && (
        <div class="alert alert-error" role="alert">
          <ul class="error-items">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorBox error={err} />
    </div>
  );
}

/**
 * A file input whose button speaks Vietnamese whatever the browser's language (the native
 * "Choose Files / No file chosen" follows the browser), with the chosen names shown after it.
 */
function FilePick(props: {
  label: string;
  button: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  hint?: string;
  onFiles: (files: FileList | null) => void;
}) {
  const [names, setNames] = useState('');
  return (
    <>
      <span class="rp-file-label">{props.label}</span>
      <label class={`btn btn-small rp-file-btn${props.disabled ? ' disabled' : ''}`}>
        {props.button}
        <input
          type="file"
          class="sr-only"
          aria-label={props.label}
          accept={props.accept}
          multiple={props.multiple}
          disabled={props.disabled}
          onChange={(e) => {
            const files = e.currentTarget.files;
            setNames(files && files.length ? Array.from(files, (f) => f.name).join(', ') : '');
            props.onFiles(files);
            if (props.multiple) e.currentTarget.value = '';
          }}
        />
      </label>
      {!props.multiple && <span class="muted small rp-file-names">{names || 'Chưa chọn tệp'}</span>}
      {props.hint && <p class="hint">{props.hint}</p>}
    </>
  );
}

// ---------------------------------------------------------------- versions and signatures

export function SignatureStatus(props: { v: VerifyResult }) {
  const v = props.v;
  if (!v.signed) return <span class="rp-sig rp-sig-none">Chưa ký số</span>;
  if (v.ok)
    return (
      <span class="rp-sig rp-sig-ok">
        Chữ ký hợp lệ: {v.common_name ? `CN=${v.common_name}` : v.subject}
        {v.signed_at ? `, ký lúc ${fmtInstant(v.signed_at)}` : ''}
      </span>
    );
  return <span class="rp-sig rp-sig-bad">Chữ ký không hợp lệ: {v.reason || 'không rõ lý do'}</span>;
}

export function VersionsPanel(props: { report: Report }) {
  const r = props.report;
  const vs = r.versions;
  const [verified, setVerified] = useState<Record<number, VerifyResult | string>>({});
  const [from, setFrom] = useState(vs.length > 1 ? vs[vs.length - 2].number : vs[0]?.number ?? 0);
  const [to, setTo] = useState(vs[vs.length - 1]?.number ?? 0);
  const verify = (n: number) =>
    reports
      .verify(r.key, n)
      .then((v) => setVerified((m) => ({ ...m, [n]: v })))
      .catch((e) => setVerified((m) => ({ ...m, [n]: errorMessage(e) })));
  useEffect(() => {
    // the newest signed version is checked at once: that is the one the receiver relies on
    const signed = [...vs].reverse().find((v) => v.signature);
    if (signed) verify(signed.number);
  }, [r.key, vs.length, vs.filter((v) => v.signature).length]);
  if (!vs.length) return <p class="muted">Chưa có phiên bản nào: phiên bản được lưu khi trình báo cáo.</p>;
  return (
    <div class="rp-versions">
      <ul class="rp-version-list" aria-label="Phiên bản">
        {[...vs].reverse().map((v) => {
          const res = verified[v.number];
          return (
            <li key={v.number}>
              <div class="rp-version-head">
                <strong>Phiên bản {v.number}</strong>
                <span class="muted">
                  {fmtInstant(v.created_at)} · {v.created_by?.name}
                  {v.note ? ` · ${v.note}` : ''}
                </span>
              </div>
              <div class="rp-version-sig">
                {!v.signature ? (
                  <span class="rp-sig rp-sig-none">Chưa ký số</span>
                ) : res === undefined ? (
                  <button type="button" class="btn btn-small" onClick={() => verify(v.number)}>
                    Kiểm tra chữ ký
                  </button>
                ) : typeof res === 'string' ? (
                  <span class="rp-sig rp-sig-bad">{res}</span>
                ) : (
                  <SignatureStatus v={res} />
                )}
                {v.signature && (
                  <a class="btn btn-small" href={reports.packageUrl(r.key, v.number)} download>
                    Tải gói đã ký
                  </a>
                )}
              </div>
              <p class="muted small mono rp-hash" title="Mã băm SHA-256 của nội dung chuẩn hóa">
                SHA-256 {v.content_hash}
              </p>
            </li>
          );
        })}
      </ul>
      {vs.length > 1 && <CompareVersions report={r} from={from} to={to} setFrom={setFrom} setTo={setTo} />}
    </div>
  );
}

function CompareVersions(props: { report: Report; from: number; to: number; setFrom: (n: number) => void; setTo: (n: number) => void }) {
  const r = props.report;
  const [data, setData] = useState<{ a: ReportVersionDetail; b: ReportVersionDetail; cmp: Comparison } | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const run = async () => {
    setErr(null);
    try {
      const [a, b, cmp] = await Promise.all([
        reports.version(r.key, props.from),
        reports.version(r.key, props.to),
        reports.compare(r.key, props.from, props.to),
      ]);
      setData({ a, b, cmp });
    } catch (e) {
      setErr(e);
    }
  };
  const rows: { key: string; kind: string; before: string; after: string; diff: boolean }[] = [];
  if (data) {
    const diffs = new Set(data.cmp.differences.map((d) => `${d.kind}:${d.key}`));
    const fmt = (kind: string, v: string | undefined) => (v === undefined ? '' : kind === 'value' ? formatViNumber(v) : v);
    const add = (kind: string, a: Record<string, string>, b: Record<string, string>) => {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => formOrder(r, x) - formOrder(r, y) || x.localeCompare(y));
      for (const k of keys) rows.push({ key: k, kind, before: fmt(kind, a[k]), after: fmt(kind, b[k]), diff: diffs.has(`${kind}:${k}`) });
    };
    add('value', data.a.content.values || {}, data.b.content.values || {});
    add('narrative', data.a.content.narrative || {}, data.b.content.narrative || {});
    const att = (v: ReportVersionDetail) => Object.fromEntries((v.content.attachments || []).map((x) => [x.name, `${fmtSize(x.size)} · ${x.sha256.slice(0, 12)}…`]));
    add('attachment', att(data.a), att(data.b));
  }
  const shownRows = onlyDiff ? rows.filter((x) => x.diff) : rows;
  return (
    <div class="rp-compare">
      <h2 class="h-small">So sánh hai phiên bản</h2>
      <div class="rp-compare-pick">
        <label>
          Phiên bản{' '}
          <select value={props.from} onChange={(e) => props.setFrom(Number(e.currentTarget.value))} aria-label="Phiên bản cũ">
            {r.versions.map((v) => (
              <option key={v.number} value={v.number}>{v.number}</option>
            ))}
          </select>
        </label>
        <label>
          với phiên bản{' '}
          <select value={props.to} onChange={(e) => props.setTo(Number(e.currentTarget.value))} aria-label="Phiên bản mới">
            {r.versions.map((v) => (
              <option key={v.number} value={v.number}>{v.number}</option>
            ))}
          </select>
        </label>
        <button type="button" class="btn btn-small" onClick={run}>
          So sánh
        </button>
        {data && (
          <label class="check">
            <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.currentTarget.checked)} /> Chỉ hiện chỗ khác nhau
          </label>
        )}
      </div>
      <ErrorBox error={err} />
      {data && (
        <>
          <p role="status">
            {data.cmp.differences.length
              ? `Phiên bản ${data.cmp.from} và ${data.cmp.to} khác nhau ở ${data.cmp.differences.length} chỗ (tô màu).`
              : `Phiên bản ${data.cmp.from} và ${data.cmp.to} giống hệt nhau.`}
          </p>
          <div class="table-wrap">
            <table class="table rp-compare-table">
              <thead>
                <tr>
                  <th scope="col">Mục</th>
                  <th scope="col">Phiên bản {data.cmp.from}</th>
                  <th scope="col">Phiên bản {data.cmp.to}</th>
                </tr>
              </thead>
              <tbody>
                {shownRows.map((x) => (
                  <tr key={x.kind + x.key} class={x.diff ? 'rp-diff' : ''} data-diff={x.diff ? '1' : undefined}>
                    <th scope="row">{x.kind === 'attachment' ? `Tệp ${x.key}` : keyLabel(r, x.key)}</th>
                    <td class={x.kind === 'value' ? 'num' : 'rp-text'}>{x.before}</td>
                    <td class={x.kind === 'value' ? 'num' : 'rp-text'}>{x.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- history

export function HistoryPanel(props: { report: Report }) {
  const h = props.report.history;
  if (!h.length) return <p class="muted">Chưa có thao tác nào.</p>;
  return (
    <ol class="rp-history" aria-label="Lịch sử xử lý">
      {[...h].reverse().map((e, i) => (
        <li key={i}>
          <p>
            <strong>{e.action_label}</strong> → {e.to_label}
            {e.version ? <span class="muted"> · phiên bản {e.version}</span> : null}
          </p>
          <p class="muted small">
            {e.actor?.name}, {fmtInstant(e.at)}
          </p>
          {e.reason && <p class="rp-reason">Lý do: {e.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

// ---------------------------------------------------------------- dialogs

export function ReasonDialog(props: {
  action: ReportAction;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = !reason.trim();
  return (
    <Dialog title={props.action.label} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!empty) props.onSubmit(reason.trim()).catch(() => {});
        }}
      >
        <Field label="Lý do" required hint="Người nhận sẽ thấy lý do này trong lịch sử báo cáo.">
          {(id, hint) => (
            <textarea
              id={id}
              rows={4}
              maxLength={2000}
              aria-describedby={hint}
              aria-invalid={touched && empty}
              autoFocus
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
        {touched && empty && <p class="field-error">Hãy nhập lý do.</p>}
        <ErrorBox error={props.error} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={props.busy}>
            {props.action.label}
          </button>
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type SignBody = { method: 'agency' } | { method: 'pkcs12'; pkcs12_base64: string; password: string };

function fileBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const rd = new FileReader();
    rd.onload = () => resolve(String(rd.result).replace(/^data:[^,]*,/, ''));
    rd.onerror = () => reject(new Error(`Không đọc được tệp “${f.name}”.`));
    rd.readAsDataURL(f);
  });
}

export function SignDialog(props: { report: Report; thenApprove: boolean; onClose: () => void; onSign: (b: SignBody) => Promise<void> }) {
  const s = props.report.signing;
  const [method, setMethod] = useState<'agency' | 'pkcs12'>(s.agency_key ? 'agency' : 'pkcs12');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const latest = props.report.versions[props.report.versions.length - 1];
  const submit = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    if (method === 'pkcs12' && !file) return setErr(new Error('Hãy chọn tệp chứng thư số (.p12 hoặc .pfx).'));
    setBusy(true);
    try {
      await props.onSign(method === 'agency' ? { method } : { method, pkcs12_base64: await fileBase64(file!), password });
    } catch (x) {
      setErr(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.thenApprove ? 'Ký số và duyệt báo cáo' : 'Ký số báo cáo'} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>
          Ký số phiên bản {latest?.number} (SHA-256 <span class="mono">{latest?.content_hash.slice(0, 16)}…</span>): số liệu,
          thuyết minh và mã băm các tệp đính kèm.
        </p>
        <fieldset class="rp-sign-methods">
          <legend>Khóa dùng để ký</legend>
          <label class="check">
            <input type="radio" name="rp-sign" checked={method === 'agency'} disabled={!s.agency_key} onChange={() => setMethod('agency')} />{' '}
            <span>
              Khóa của cơ quan do hệ thống giữ
              <span class="muted small rp-block">{s.agency_subject || (!s.agency_key ? 'Máy chủ không giữ khóa cơ quan' : '')}</span>
            </span>
          </label>
          <label class="check">
            <input type="radio" name="rp-sign" checked={method === 'pkcs12'} onChange={() => setMethod('pkcs12')} /> Tệp chứng thư số cá nhân
            (PKCS#12: .p12, .pfx)
          </label>
        </fieldset>
        {method === 'pkcs12' && (
          <div class="grid2">
            <div class="field">
              <FilePick label="Tệp chứng thư số" button="Chọn tệp .p12 / .pfx…" accept=".p12,.pfx" onFiles={(f) => setFile(f?.[0] || null)} />
            </div>
            <Field label="Mật khẩu của tệp" hint="Tệp và mật khẩu chỉ dùng để ký, không được lưu.">
              {(id, hint) => (
                <input id={id} type="password" autoComplete="off" aria-describedby={hint} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
              )}
            </Field>
          </div>
        )}
        <ErrorBox error={err} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {props.thenApprove ? 'Ký số và duyệt' : 'Ký số'}
          </button>
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ConflictDialog(props: {
  conflicts: Conflict[];
  label: (key: string) => string;
  onResolve: (d: { part: Part; key: string; keepMine: boolean }[]) => void;
}) {
  const [keep, setKeep] = useState<Record<string, boolean>>({});
  const show = (c: Conflict, v: string | null) =>
    v === null || v === '' ? '(trống)' : c.part === 'values' && isValueKey(c.key) ? formatViNumber(v) : v;
  const decide = (all?: boolean) =>
    props.onResolve(props.conflicts.map((c) => ({ part: c.part, key: c.key, keepMine: all ?? keep[c.part + c.key] ?? true })));
  return (
    <Dialog title="Người khác vừa sửa cùng ô" onClose={() => decide(false)} wide>
      <p>
        Trong lúc bạn nhập, người khác đã lưu giá trị khác vào {props.conflicts.length} ô dưới đây. Chưa có gì bị ghi đè: chọn giữ giá trị
        của bạn hay lấy giá trị của họ.
      </p>
      <ul class="rp-conflicts">
        {props.conflicts.map((c) => {
          const id = c.part + c.key;
          const mine = keep[id] ?? true;
          return (
            <li key={id}>
              <p class="rp-conflict-cell">
                <strong>{props.label(c.key)}</strong>
              </p>
              <p>
                <span class="rp-conflict-theirs">
                  {c.by || 'Người khác'} đã sửa thành <strong>{show(c, c.theirs)}</strong>
                  {c.at ? ` lúc ${fmtInstant(c.at)}` : ''}
                </span>
                ; giá trị của bạn: <strong>{show(c, c.mine)}</strong>
              </p>
              <div role="radiogroup" aria-label={`Chọn giá trị cho ${props.label(c.key)}`} class="rp-conflict-choice">
                <label class="check">
                  <input type="radio" name={`rp-c-${id}`} checked={mine} onChange={() => setKeep({ ...keep, [id]: true })} /> Giữ giá trị của tôi
                </label>
                <label class="check">
                  <input type="radio" name={`rp-c-${id}`} checked={!mine} onChange={() => setKeep({ ...keep, [id]: false })} /> Lấy giá trị của{' '}
                  {c.by || 'họ'}
                </label>
              </div>
            </li>
          );
        })}
      </ul>
      <div class="form-actions">
        <button type="button" class="btn btn-primary" onClick={() => decide()}>
          Áp dụng lựa chọn
        </button>
        <button type="button" class="btn" onClick={() => decide(true)}>
          Giữ tất cả của tôi
        </button>
        <button type="button" class="btn" onClick={() => decide(false)}>
          Lấy tất cả của họ
        </button>
      </div>
    </Dialog>
  );
}
