// The report as a pre-filled Excel workbook (issue 5 point 3): "Tải Excel" downloads it
// (GET /reports/{key}/xlsx), "Nạp Excel" uploads it back (PUT, all or nothing). A refused file
// lists every bad cell ("Biểu B01, ô E12 (CT05.TH): 'abc' không phải là số") with "Đến ô" to
// the cell in the grid; a conflict with someone's later change lists the cells like the
// autosave conflict. Also the link to the consolidation of the units reporting to this
// report's unit (issue 5 point 7), shown when the server has one for the same regime and period.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { consolidationPath, exchange } from '../api/exchange';
import { draftConflicts, type DraftConflictItem, type Report } from '../api/reports';
import { Dialog, ErrorBox } from '../components';
import { fmtInstant, fmtNumber } from '../format';
import { linkClick } from '../router';
import { keyLabel } from './ReportPanels';
import { formatViNumber } from './reportInput';
import './consolidation.css';

/** how many cells and sections differ between two answers of the server */
export function changedCount(before: Report, after: Report): number {
  let n = 0;
  for (const [k, c] of Object.entries(after.cells)) if ((before.cells[k]?.value ?? null) !== (c.value ?? null) && c.kind === 'input') n++;
  for (const s of after.sections) if ((before.sections.find((x) => x.code === s.code)?.value ?? null) !== (s.value ?? null)) n++;
  return n;
}

type Problem =
  | { kind: 'cells'; detail: string; items: { field: string; message: string }[] }
  | { kind: 'conflicts'; items: DraftConflictItem[] };

export function ExcelTools(props: {
  report: Report;
  canUpload: boolean;
  /** saves what was typed; false when it could not */
  flush: () => Promise<boolean>;
  onUploaded: (r: Report, changed: number) => void;
  onGoToCell: (code: string) => boolean;
}) {
  const r = props.report;
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      if (!/\.xlsx$/i.test(file.name))
        throw new Error(`Tệp “${file.name}” không phải tệp Excel (.xlsx). Hãy nạp tệp đã tải bằng “Tải Excel”.`);
      if (!(await props.flush())) throw new Error('Chưa lưu được các thay đổi đang nhập; hãy chờ lưu xong rồi nạp lại.');
      const fresh = await exchange.uploadXlsx(r.key, file);
      props.onUploaded(fresh, changedCount(r, fresh));
    } catch (e) {
      const c = draftConflicts(e);
      if (c) setProblem({ kind: 'conflicts', items: c.conflicts });
      else if (e instanceof ApiError && e.status === 422 && e.problem.errors?.length)
        setProblem({ kind: 'cells', detail: e.problem.detail || '', items: e.problem.errors.map((x) => ({ field: x.field || '', message: x.message })) });
      else setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div class="rp-excel">
      <a class="btn btn-small" href={exchange.xlsxUrl(r.key)} download title="Tệp Excel đã điền sẵn số liệu, mỗi biểu một trang">
        Tải Excel
      </a>
      {props.canUpload && (
        <>
          <input
            ref={input}
            id="rp-excel-file"
            class="sr-only"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={busy}
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f) upload(f);
            }}
          />
          <label for="rp-excel-file" class={`btn btn-small${busy ? ' disabled' : ''}`} title="Nạp lại tệp Excel đã tải về và sửa">
            {busy ? 'Đang nạp…' : 'Nạp Excel'}
          </label>
        </>
      )}
      {error !== null && (
        <div class="rp-excel-error">
          <ErrorBox error={error} />
        </div>
      )}
      {problem?.kind === 'cells' && (
        <Dialog title="Tệp Excel có lỗi, chưa lưu gì" onClose={() => setProblem(null)} wide>
          <p>
            {problem.detail && !problem.items.some((x) => x.message === problem.detail) && <>{problem.detail.replace(/\.?$/, '.')} </>}
            Sửa {problem.items.length > 1 ? `${fmtNumber(problem.items.length)} lỗi dưới đây` : 'lỗi dưới đây'} trong Excel rồi nạp lại; chưa ô nào được lưu.
          </p>
          <ul class="rp-xlsx-errors" aria-label="Các lỗi trong tệp Excel">
            {problem.items.map((x, i) => (
              <li key={i}>
                <span>{x.message}</span>
                {/^[^/]+\/[^.]+\..+$/.test(x.field) && r.cells[x.field] && (
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => {
                      setProblem(null);
                      setTimeout(() => props.onGoToCell(x.field));
                    }}
                  >
                    Đến ô
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setProblem(null)}>
              Đóng
            </button>
          </div>
        </Dialog>
      )}
      {problem?.kind === 'conflicts' && (
        <Dialog title="Người khác đã sửa cùng ô, chưa lưu gì" onClose={() => setProblem(null)} wide>
          <p>
            Sau khi bạn tải tệp Excel, người khác đã lưu giá trị khác vào {problem.items.length} ô dưới đây. Tệp chưa được lưu: tải lại tệp
            Excel mới (có số liệu của họ), sửa lại rồi nạp.
          </p>
          <ul class="rp-conflicts">
            {problem.items.map((c) => (
              <li key={c.part + c.cell}>
                <p class="rp-conflict-cell">
                  <strong>{keyLabel(r, c.cell)}</strong>
                </p>
                <p>
                  {c.by?.name || 'Người khác'} đã sửa thành <strong>{c.theirs ? formatViNumber(c.theirs) : '(trống)'}</strong>
                  {c.at ? ` lúc ${fmtInstant(c.at)}` : ''}; trong tệp của bạn: <strong>{c.mine ? formatViNumber(c.mine) : '(trống)'}</strong>
                </p>
              </li>
            ))}
          </ul>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setProblem(null)}>
              Đóng
            </button>
            <a class="btn btn-primary" href={exchange.xlsxUrl(r.key)} download onClick={() => setProblem(null)}>
              Tải Excel mới
            </a>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** "Tổng hợp số liệu": shown on a report whose unit receives the same regime and period from others */
export function ConsolidationLink(props: { report: Report }) {
  const o = props.report.obligation;
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!o.period) return;
    exchange
      .consolidation(o.unit.id, o.regime_code, o.period.id)
      .then((c) => setText(c.completeness))
      .catch(() => setText(null));
  }, [o.unit.id, o.regime_code, o.period?.id]);
  if (!o.period || text === null) return null;
  return (
    <a class="btn btn-small" href={consolidationPath(o.unit.id, o.regime_code, o.period.id)} onClick={linkClick}>
      Tổng hợp số liệu ({text})
    </a>
  );
}
