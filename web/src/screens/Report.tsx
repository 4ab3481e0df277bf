// Báo cáo (/bao-cao/<obligation key>): one report of one obligation — the officer fills it in,
// the division head checks it, the leader approves and signs it, the receiver accepts or
// returns it (issue 5 points 3, 4, 6). Data: GET /api/v1/reports/{key}; every save, action and
// signature answers with the whole report, which replaces what the screen shows (the server is
// the truth for computed cells, validation and the actions the user may take).
//
// Pieces: ReportGrid.tsx (the keyboard grid), reportSave.ts (autosave queue), reportInput.ts
// (numbers, paste), reportCalc.ts (live computed cells), ReportPanels.tsx (narrative,
// attachments, comments, versions and signatures, history, dialogs).

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Form } from '../api/regimes';
import {
  cellCode,
  draftConflicts,
  reports,
  type Report,
  type ReportAction,
  type ReportForm,
} from '../api/reports';
import type { Me } from '../api/types';
import { ErrorBox, Notice, Spinner } from '../components';
import { fmtDate, fmtInstant } from '../format';
import { linkClick } from '../router';
import { computeForm } from './reportCalc';
import { formatViNumber, numberToStored, pasteSummary, type PastePlan } from './reportInput';
import { ReportGrid, cellLabel, type Editing, type GridPos } from './ReportGrid';
import {
  AttachmentsPanel,
  CellPanel,
  CommentsPanel,
  ConflictDialog,
  HistoryPanel,
  NarrativePanel,
  ReasonDialog,
  SignDialog,
  ValidationPanel,
  VersionsPanel,
  WorkflowSteps,
  keyLabel,
} from './ReportPanels';
import { SaveQueue, patchSize, type Conflict, type Part, type Patch, type SaveStatus } from './reportSave';
import { ConsolidationLink, ExcelTools } from './ReportExcel';
import './report.css';

type Tab = 'data' | 'narrative' | 'files' | 'comments' | 'versions' | 'history';
interface Active extends GridPos { f: number }

const timeFmt = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' });
const timeSecFmt = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' });

/** the form as reportCalc.ts wants it, rebuilt from the server's cells (kind and formula per cell) */
function calcForm(f: ReportForm, cells: Report['cells']): Form {
  const rows = f.rows.map((r) => {
    const first = f.columns.map((c) => cells[cellCode(f.code, r.code, c.code)]).find((x) => x?.kind === 'computed');
    return { ...r, formula: r.kind === 'computed' ? first?.formula || '' : '', decimals: r.decimals ?? 0 };
  });
  const overrides: Form['cells'] = [];
  for (const r of rows)
    for (const c of f.columns) {
      const cell = cells[cellCode(f.code, r.code, c.code)];
      if (!cell) continue;
      const byColumn = c.kind === 'computed' && r.kind !== 'heading';
      const byRow = !byColumn && (r.kind === 'subtotal' || r.kind === 'computed');
      const expected = r.kind === 'heading' ? 'disabled' : byColumn || byRow ? 'computed' : 'input';
      const sameFormula =
        cell.kind !== 'computed' || (byColumn ? cell.formula === c.formula : byRow ? (cell.formula || '') === r.formula : false);
      if (cell.kind !== expected || !sameFormula)
        overrides.push({ row: r.code, column: c.code, kind: cell.kind, formula: cell.formula || '' });
    }
  return {
    code: f.code, title: f.title, note: f.note, instructions: f.instructions, rules: [], sections: [],
    columns: f.columns.map((c) => ({ ...c, formula: c.formula || '' })), rows, cells: overrides,
  };
}

const PART_OF: Record<string, Part> = { value: 'values', narrative: 'narrative', explanation: 'explanations' };

/**
 * One save. A 422 naming entries of the patch ("values.B01/CT01.TH": the server's own checks
 * of a value) drops those entries, tells `onRejected` why, and saves the rest, so one refused
 * value never holds back everything typed after it.
 */
async function saveDropping422(key: string, patch: Patch, base: number, onRejected: (items: string[]) => void): Promise<Report> {
  try {
    return await reports.save(key, { base_revision: base, ...patch });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 422) throw e;
    const rest: Patch = { values: { ...patch.values }, narrative: { ...patch.narrative }, explanations: { ...patch.explanations } };
    const why: string[] = [];
    for (const item of e.problem.errors || []) {
      const m = /^(values|narrative|explanations)\.(.+)$/.exec(item.field || '');
      if (!m || !(m[2] in rest[m[1] as Part])) continue;
      delete rest[m[1] as Part][m[2]];
      why.push(item.message);
    }
    if (!why.length) throw e;
    onRejected(why);
    if (!patchSize(rest)) return reports.get(key);
    return reports.save(key, { base_revision: base, ...rest });
  }
}

export function ReportScreen(props: { me: Me; reportKey: string }) {
  const key = props.reportKey;
  const [report, setReport] = useState<Report | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [, setTick] = useState(0);
  const [tab, setTab] = useState<Tab>('data');
  const [active, setActive] = useState<Active | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn'; text: string; items?: string[] } | null>(null);
  const [showCompare, setShowCompare] = useState(false);
  const [dialog, setDialog] = useState<null | { kind: 'reason'; action: ReportAction } | { kind: 'sign'; thenApprove: boolean }>(null);
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState(0);
  const queue = useRef<SaveQueue<Report> | null>(null);
  // texts typed in this session: a save's answer (trimmed by the server) must not move the caret
  const typed = useRef(new Map<string, string>());
  const storageKey = `baocao.draft.${props.me.user.id}.${key}`;
  const bump = () => setTick((n) => n + 1);

  const load = () =>
    reports
      .get(key)
      .then((r) => {
        setReport(r);
        return r;
      })
      .catch((e) => {
        setLoadError(e);
        throw e;
      });

  useEffect(() => {
    let q: SaveQueue<Report> | null = null;
    load()
      .then((r) => {
        q = new SaveQueue<Report>({
          storageKey,
          baseRevision: r.revision,
          onStatus: (s) => {
            setStatus(s);
            bump();
          },
          onSaved: (answer) => {
            setReport(answer);
            bump();
          },
          send: async (patch, base) => {
            try {
              const answer = await saveDropping422(key, patch, base, (items) =>
                setMessage({ kind: 'warn', text: `Máy chủ không nhận ${items.length} thay đổi (các ô khác đã lưu):`, items }),
              );
              return { ok: true, revision: answer.revision, answer };
            } catch (e) {
              const c = draftConflicts(e);
              if (c)
                return {
                  ok: false,
                  conflict: true,
                  revision: c.revision,
                  answer: null,
                  conflicts: c.conflicts.map(
                    (x): Conflict => ({
                      part: PART_OF[x.part] || 'values',
                      key: x.cell,
                      mine: x.mine ?? '',
                      theirs: x.theirs,
                      their_revision: x.revision,
                      by: x.by?.name || '',
                      at: x.at,
                    }),
                  ),
                };
              const retry = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;
              return { ok: false, conflict: false, retry, error: e };
            }
          },
        });
        queue.current = q;
        const left = SaveQueue.restore(storageKey);
        if (left && r.can_edit) {
          setRestored(Object.keys(left.patch.values).length + Object.keys(left.patch.narrative).length + Object.keys(left.patch.explanations).length);
          q.adopt(left);
        }
        bump();
      })
      .catch(() => {});
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (queue.current?.hasUnsaved()) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      q?.stop();
      queue.current = null;
    };
  }, [key]);

  const q = queue.current;
  const dirty = !!q?.hasUnsaved();
  // computed cells evaluated in the browser, only while something typed is not saved yet
  const local = (() => {
    const out = new Map<string, string>();
    if (!report || !q || !dirty) return out;
    for (const f of report.forms) {
      const values = computeForm(calcForm(f, report.cells), (r, c) => {
        const k = cellCode(f.code, r, c);
        const v = q.unsaved('values', k) ?? report.cells[k]?.value ?? '';
        return v === '' ? null : Number(v);
      });
      for (const [rc, v] of values) if (v !== undefined) out.set(`${f.code}/${rc}`, numberToStored(v));
    }
    return out;
  })();

  if (!report) return loadError ? <section class="page"><ErrorBox error={loadError} /></section> : <Spinner />;
  const o = report.obligation;
  const canEdit = report.can_edit && status.kind !== 'conflict';

  const shown = (k: string): string | null => {
    const u = q?.unsaved('values', k);
    if (u !== undefined) return u;
    const l = local.get(k);
    if (l !== undefined && report.cells[k]?.kind === 'computed') return l;
    return report.cells[k]?.value ?? null;
  };
  const change = (part: Part, k: string, v: string) => {
    typed.current.set(`${part}:${k}`, v);
    q?.set(part, k, v);
    bump();
  };
  const onPaste = (plan: PastePlan) => {
    for (const c of plan.changes) q?.set('values', c.key, c.value);
    bump();
    setMessage({
      kind: plan.errors.length ? 'warn' : 'ok',
      text: pasteSummary(plan),
      items: plan.errors.map((e) => `${e.label}: “${e.text}” — ${e.message}`),
    });
  };

  const activeForm = active ? report.forms[active.f] : null;
  const activeCode = active && activeForm ? cellCode(activeForm.code, activeForm.rows[active.r].code, activeForm.columns[active.c].code) : '';
  const conflicted = new Set(status.kind === 'conflict' ? status.conflicts.map((c) => c.key) : []);
  const commented = new Set(report.comments.filter((c) => !c.resolved && c.cell).map((c) => c.cell));
  const flagged = new Set(report.validation.items.flatMap((i) => i.cells));

  const perform = async (a: ReportAction, reason?: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setEditing(null);
      if (q && !(await q.flush())) throw new Error('Chưa lưu được các thay đổi; hãy chờ lưu xong rồi thực hiện lại.');
      const r = await reports.act(key, a.id, report.obligation.version, reason);
      setReport(r);
      setDialog(null);
      setMessage({ kind: 'ok', text: `${a.label}: xong. Trạng thái mới: ${r.state_label}.` });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) load().catch(() => {});
      throw e;
    } finally {
      setBusy(false);
    }
  };
  const latest = report.versions[report.versions.length - 1];
  const onAction = (a: ReportAction) => {
    if (a.id === 'approve' && report.signing.can_sign && !latest?.signature) setDialog({ kind: 'sign', thenApprove: true });
    else if (a.requires_reason) setDialog({ kind: 'reason', action: a });
    else perform(a).catch(() => {});
  };
  const buttons = report.actions.filter((a) => a.id !== 'edit' && a.id !== 'sign');
  const canSignOnly = report.actions.some((a) => a.id === 'sign') && !buttons.some((a) => a.id === 'approve') && !latest?.signature;

  const resolveConflicts = async (decisions: { part: Part; key: string; keepMine: boolean }[], revision: number) => {
    try {
      const fresh = await reports.get(key);
      setReport(fresh);
    } catch {
      /* the queue resends anyway */
    }
    for (const d of decisions) if (!d.keepMine) typed.current.delete(`${d.part}:${d.key}`);
    q?.resolve(decisions, revision);
    bump();
  };

  /** selects a cell of the grid by its code ("B01/CT05.TH"); false when it is not there */
  const focusCell = (code: string): boolean => {
    for (let f = 0; f < report.forms.length; f++) {
      const form = report.forms[f];
      const r = form.rows.findIndex((x) => code.startsWith(`${form.code}/${x.code}.`));
      if (r < 0) continue;
      const c = form.columns.findIndex((x) => code === cellCode(form.code, form.rows[r].code, x.code));
      if (c >= 0) {
        setTab('data');
        setActive({ f, r, c });
        setTimeout(() => document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(code)}"]`)?.focus());
        return true;
      }
    }
    return false;
  };

  const counts = {
    files: report.attachments.length,
    comments: report.comments.filter((c) => !c.resolved).length,
    versions: report.versions.length,
  };
  const TABS: [Tab, string][] = [
    ['data', 'Số liệu'],
    ['narrative', 'Thuyết minh'],
    ['files', `Đính kèm (${counts.files})`],
    ['comments', `Ý kiến (${counts.comments})`],
    ['versions', `Phiên bản (${counts.versions})`],
    ['history', 'Lịch sử'],
  ];

  return (
    <section
      class="page rp"
      aria-labelledby="rp-title"
      onKeyDown={(e) => {
        // Ctrl+S: save now instead of after the pause
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          q?.flush();
        }
      }}
    >
      <a class="back-link" href="/owed" onClick={linkClick}>
        ‹ Việc cần làm
      </a>
      <div class="rp-head">
        <div class="rp-head-main">
          <h1 id="rp-title">{o.period ? `${o.regime_name} — ${o.period.label}` : o.title}</h1>
          <p class="muted rp-units">
            {o.unit.name} → {o.receiving_unit.name} · Hạn gửi <strong>{fmtDate(o.deadline)}</strong>
            {o.amendment_deadline && <> · Hạn chỉnh lý {fmtDate(o.amendment_deadline)}</>}
          </p>
        </div>
        <div class="rp-head-side">
          <span class={`badge rp-state rp-state-${report.state}`} data-state={report.state}>
            {report.state_label}
          </span>
          <SaveState status={status} dirty={dirty} canEdit={report.can_edit} onRetry={() => q?.retry()} />
        </div>
      </div>
      <WorkflowSteps report={report} />
      {buttons.length > 0 || canSignOnly ? (
        <div class="rp-actions" role="group" aria-label="Thao tác">
          {buttons.map((a) => (
            <button
              key={a.id}
              type="button"
              class={`btn ${a.requires_reason || a.id === 'recall' ? '' : 'btn-primary'}`}
              disabled={busy}
              onClick={() => onAction(a)}
            >
              {a.label}
            </button>
          ))}
          {canSignOnly && (
            <button type="button" class="btn btn-primary" onClick={() => setDialog({ kind: 'sign', thenApprove: false })}>
              Ký số
            </button>
          )}
          {buttons.some((a) => a.id === 'submit') && !report.validation.can_submit && (
            <span class="rp-action-note">
              Còn {report.validation.errors} lỗi, {report.validation.unexplained_warnings} cảnh báo chưa giải trình.
            </span>
          )}
        </div>
      ) : report.can_edit ? null : (
        <p class="rp-readonly">
          Báo cáo đang ở trạng thái “{report.state_label}”: bạn chỉ xem, không có thao tác nào.
        </p>
      )}
      {restored > 0 && (
        <Notice kind="info">Đã khôi phục {restored} thay đổi chưa lưu từ lần mở trước; chúng đang được gửi lên máy chủ.</Notice>
      )}
      {!report.can_edit && (buttons.length > 0 || canSignOnly) && (
        <p class="rp-readonly">Báo cáo đang ở trạng thái “{report.state_label}”: bạn chỉ xem, không sửa được.</p>
      )}
      {report.working_copy === false && (
        <p class="muted small rp-sent-note">
          Bạn đang xem nội dung đã gửi đến đơn vị mình
          {latest ? ` (phiên bản ${latest.number}, ${fmtInstant(latest.created_at)})` : ''}, không phải bản đơn vị báo cáo đang nhập.
        </p>
      )}
      <ErrorBox error={error} />
      {status.kind === 'error' && (
        <ErrorBox error={status.error}>
          <p>
            <button type="button" class="btn btn-small" onClick={() => q?.retry()}>
              Thử lưu lại
            </button>
          </p>
        </ErrorBox>
      )}
      {message && (
        <div class={`alert alert-${message.kind}`} role="status">
          <p>{message.text}</p>
          {message.items && message.items.length > 0 && (
            <ul class="error-items" aria-label="Các ô không dán được">
              {message.items.map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div class="tabs rp-tabs" role="tablist" aria-label="Phần của báo cáo">
        {TABS.map(([t, label]) => (
          <button key={t} type="button" role="tab" class="tab" aria-selected={tab === t} id={`rp-tab-${t}`} onClick={() => setTab(t)}>
            {label}
          </button>
        ))}
      </div>

      <div role="tabpanel" aria-labelledby={`rp-tab-${tab}`} class="rp-panel">
        {tab === 'data' && (
          <div class={showCompare ? 'rp-data rp-wide' : 'rp-data'}>
            <div class="rp-data-main">
              <div class="rp-toolbar">
                <label class="check">
                  <input type="checkbox" checked={showCompare} onChange={(e) => setShowCompare(e.currentTarget.checked)} /> Hiện kỳ trước và
                  cùng kỳ năm trước
                </label>
                <span class="muted small rp-keys">
                  Phím: mũi tên, Tab, Enter để di chuyển; gõ số hoặc F2 để sửa; Esc hủy; Delete xóa; Ctrl+V dán từ Excel.
                </span>
                <ExcelTools
                  report={report}
                  canUpload={report.actions.some((a) => a.id === 'edit') && canEdit}
                  flush={async () => {
                    setEditing(null);
                    return !q || q.flush();
                  }}
                  onUploaded={(r, n) => {
                    setReport(r);
                    q?.resolve([], r.revision);
                    setMessage({ kind: 'ok', text: n ? `Đã nạp tệp Excel: ${n} ô, mục thay đổi đã được lưu.` : 'Đã nạp tệp Excel: không có ô nào thay đổi.' });
                  }}
                  onGoToCell={focusCell}
                />
                <ConsolidationLink report={report} />
              </div>
              {report.forms.map((f, fi) => (
                <div class="rp-form" key={f.code}>
                  <h2 class="rp-form-title">
                    Biểu {f.code}: {f.title}
                  </h2>
                  {f.note && <p class="muted small">{f.note}</p>}
                  <ReportGrid
                    form={f}
                    cells={report.cells}
                    shown={shown}
                    unsaved={(k) => q?.unsaved('values', k) !== undefined}
                    readOnly={!canEdit}
                    active={active && active.f === fi ? active : null}
                    onActive={(p) => {
                      setActive({ f: fi, ...p });
                      setEditing(null);
                    }}
                    editing={active && active.f === fi ? editing : null}
                    onEditing={(e) => {
                      setEditing(e);
                      if (e === null && message?.kind === 'warn' && !message.items?.length) setMessage(null);
                    }}
                    onChange={(cs) => {
                      for (const c of cs) q?.set('values', c.key, c.value);
                      bump();
                    }}
                    onPaste={onPaste}
                    onInvalid={(label, msg) => setMessage({ kind: 'warn', text: `${label}: ${msg}. Sửa lại hoặc nhấn Esc để hủy.` })}
                    showCompare={showCompare}
                    commented={commented}
                    conflicted={conflicted}
                    flagged={flagged}
                  />
                  {f.instructions && <p class="muted small rp-instructions">{f.instructions}</p>}
                </div>
              ))}
              <ValidationPanel
                report={report}
                canEdit={canEdit}
                explanation={(k) => q?.unsaved('explanations', k) ?? typed.current.get(`explanations:${k}`) ?? report.explanations[k] ?? ''}
                onExplain={(k, v) => change('explanations', k, v)}
                onFocusSection={(code) => {
                  setTab('narrative');
                  setTimeout(() => document.getElementById(`rp-sec-${code}`)?.focus());
                }}
                onFocusCell={focusCell}
              />
            </div>
            <CellPanel
              report={report}
              code={activeCode}
              label={active && activeForm ? cellLabel(activeForm, activeForm.rows[active.r], activeForm.columns[active.c]) : ''}
              shown={activeCode ? formatViNumber(shown(activeCode), report.cells[activeCode]?.kind === 'computed' ? report.cells[activeCode]?.decimals ?? null : null) : ''}
              onComment={async (text) => {
                await reports.addComment(key, activeCode, text);
                await load();
              }}
              onResolve={async (id) => {
                await reports.resolveComment(key, id);
                await load();
              }}
            />
          </div>
        )}
        {tab === 'narrative' && (
          <NarrativePanel
            report={report}
            canEdit={canEdit}
            value={(k) => q?.unsaved('narrative', k) ?? typed.current.get(`narrative:${k}`) ?? report.sections.find((s) => s.code === k)?.value ?? ''}
            onChange={(k, v) => change('narrative', k, v)}
          />
        )}
        {tab === 'files' && <AttachmentsPanel report={report} canEdit={canEdit} onChanged={() => load().catch(() => {})} />}
        {tab === 'comments' && (
          <CommentsPanel
            report={report}
            onAdd={async (text) => {
              await reports.addComment(key, '', text);
              await load();
            }}
            onResolve={async (id) => {
              await reports.resolveComment(key, id);
              await load();
            }}
          />
        )}
        {tab === 'versions' && <VersionsPanel report={report} />}
        {tab === 'history' && <HistoryPanel report={report} />}
      </div>

      {dialog?.kind === 'reason' && (
        <ReasonDialog action={dialog.action} busy={busy} error={error} onClose={() => setDialog(null)} onSubmit={(reason) => perform(dialog.action, reason)} />
      )}
      {dialog?.kind === 'sign' && (
        <SignDialog
          report={report}
          thenApprove={dialog.thenApprove}
          onClose={() => setDialog(null)}
          onSign={async (body) => {
            const r = await reports.sign(key, body);
            setReport(r);
            const approve = r.actions.find((a) => a.id === 'approve');
            if (dialog.thenApprove && approve) await perform(approve);
            else {
              setDialog(null);
              setMessage({ kind: 'ok', text: 'Đã ký số phiên bản mới nhất.' });
            }
          }}
        />
      )}
      {status.kind === 'conflict' && (
        <ConflictDialog
          conflicts={status.conflicts}
          label={(k) => keyLabel(report, k)}
          onResolve={(d) => resolveConflicts(d, Math.max(0, ...status.conflicts.map((c) => c.their_revision)))}
        />
      )}
    </section>
  );
}

function SaveState(props: { status: SaveStatus; dirty: boolean; canEdit: boolean; onRetry: () => void }) {
  const s = props.status;
  let text = '';
  let cls = 'rp-save';
  if (s.kind === 'saving') text = 'Đang lưu…';
  else if (s.kind === 'pending') text = 'Có thay đổi chưa lưu…';
  else if (s.kind === 'saved') text = `Đã lưu lúc ${timeFmt.format(s.at)}`;
  else if (s.kind === 'offline') {
    text = `Mất kết nối, sẽ thử lại lúc ${timeSecFmt.format(s.retryAt)}`;
    cls += ' rp-save-offline';
  } else if (s.kind === 'conflict') {
    text = 'Xung đột với thay đổi của người khác';
    cls += ' rp-save-offline';
  } else if (s.kind === 'error') {
    text = 'Chưa lưu được';
    cls += ' rp-save-offline';
  } else if (props.canEdit) text = 'Tự động lưu khi nhập';
  return (
    <span class={cls} role="status" aria-live="polite" data-save={s.kind}>
      {text}
      {s.kind === 'offline' && (
        <button type="button" class="linklike" onClick={props.onRetry}>
          Thử ngay
        </button>
      )}
    </span>
  );
}

