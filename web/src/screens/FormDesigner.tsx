// Thiết kế biểu mẫu (/regimes/:id/forms/:code): rows are indicators of the catalog (picked from
// GET /api/v1/indicators, or typed), nested under a parent row, input / subtotal / computed /
// heading; columns are measures (input or computed by a formula over other columns); single
// cells may be overridden; validation rules with severity; narrative sections. "Xem trước"
// shows the form as an officer fills it: numbers typed and shown in the Vietnamese format
// (1.234,5), subtotals and simple formulas computed as one types. "Tải mẫu Excel" downloads the
// XLSX template (GET /forms/:id/:code/template.xlsx).

import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import {
  emptyForm,
  indicatorCatalog,
  regimes,
  type CellOverride,
  type Form,
  type FormColumn,
  type FormRow,
  type IndicatorBrief,
  type ValidationRule,
} from '../api/regimes';
import { ErrorBox, Field, Notice, Spinner } from '../components';
import { linkClick } from '../router';
import { SectionsEditor } from './Regimes';

type Tab = 'design' | 'preview';

export function FormDesigner(props: { canWrite: boolean; regimeId: number; code: string }) {
  const [form, setForm] = useState<Form | null>(null);
  const [version, setVersion] = useState(0);
  const [regimeName, setRegimeName] = useState('');
  const [isNew, setIsNew] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [tab, setTab] = useState<Tab>('design');
  const [catalog, setCatalog] = useState<IndicatorBrief[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    (async () => {
      const v = await regimes.get(props.regimeId);
      setRegimeName(v.name);
      setVersion(v.version);
      try {
        const f = await regimes.getForm(props.regimeId, props.code);
        setForm(f.form);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          setForm(emptyForm(props.code));
          setIsNew(true);
        } else throw e;
      }
    })().catch(setError);
    indicatorCatalog().then(setCatalog);
  }, [props.regimeId, props.code]);

  if (!form) return error ? <ErrorBox error={error} /> : <Spinner label="Đang tải…" />;
  const ro = !props.canWrite;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = async () => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const r = await regimes.putForm(props.regimeId, version, form);
      setForm(r.form);
      setVersion(r.version);
      setIsNew(false);
      setNotice(`Đã lưu biểu mẫu vào bản dự thảo (phiên bản ${r.version_no}).`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page fd" aria-labelledby="fd-title">
      <a class="back-link" href={`/regimes/${props.regimeId}`} onClick={linkClick}>
        ‹ {regimeName}
      </a>
      <div class="page-head">
        <h1 id="fd-title">
          Biểu mẫu {form.code}
          {isNew ? ' (mới)' : ''}
        </h1>
        <div class="page-actions">
          {!isNew && (
            <a class="btn btn-small" href={regimes.templateUrl(props.regimeId, form.code)} download>
              Tải mẫu Excel
            </a>
          )}
          {!ro && (
            <button type="button" class="btn btn-primary" disabled={busy} onClick={save}>
              Lưu biểu mẫu
            </button>
          )}
        </div>
      </div>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      <div class="tabs" role="tablist" aria-label="Thiết kế hoặc xem trước">
        {(['design', 'preview'] as Tab[]).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            class="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t === 'design' ? 'Thiết kế' : 'Xem trước'}
          </button>
        ))}
      </div>
      {tab === 'preview' ? (
        <Preview form={form} catalog={catalog} regimeName={regimeName} />
      ) : (
        <fieldset class="fd-design" disabled={ro || busy}>
          <div class="rg-grid">
            <Field label="Tên biểu" required>
              {(id) => <input id={id} value={form.title} onInput={(e) => set({ title: e.currentTarget.value })} />}
            </Field>
            <Field label="Ghi chú dưới tên biểu">
              {(id) => <input id={id} value={form.note} onInput={(e) => set({ note: e.currentTarget.value })} />}
            </Field>
          </div>
          <RowsEditor form={form} catalog={catalog} onChange={(rows) => set({ rows })} />
          <ColumnsEditor columns={form.columns} onChange={(columns) => set({ columns })} />
          <CellsEditor form={form} onChange={(cells) => set({ cells })} />
          <RulesEditor rules={form.rules} onChange={(rules) => set({ rules })} />
          <h2 class="h-small">Thuyết minh kèm biểu</h2>
          <SectionsEditor sections={form.sections} onChange={(sections) => set({ sections })} label="Thêm mục thuyết minh" />
          <Field label="Hướng dẫn ghi biểu">
            {(id) => <textarea id={id} rows={2} value={form.instructions} onInput={(e) => set({ instructions: e.currentTarget.value })} />}
          </Field>
        </fieldset>
      )}
    </section>
  );
}

function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function RowsEditor(props: { form: Form; catalog: IndicatorBrief[]; onChange: (r: FormRow[]) => void }) {
  const rows = props.form.rows;
  const [pick, setPick] = useState('');
  const upd = (i: number, patch: Partial<FormRow>) => props.onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const add = () => {
    const code = pick.split(' — ')[0].trim();
    if (!code) return;
    const known = props.catalog.find((c) => c.code === code);
    props.onChange([
      ...rows,
      { code, label: known?.name || '', unit: known?.unit_of_measure || '', parent: '', kind: 'input', formula: '', decimals: 0 },
    ]);
    setPick('');
  };
  return (
    <div class="fd-block">
      <h2 class="h-small">Dòng chỉ tiêu</h2>
      <div class="table-wrap">
        <table class="table fd-table">
          <thead>
            <tr>
              <th scope="col">Mã chỉ tiêu</th>
              <th scope="col">Tên in trên biểu</th>
              <th scope="col">Đơn vị tính</th>
              <th scope="col">Thuộc dòng</th>
              <th scope="col">Loại</th>
              <th scope="col">Công thức dòng</th>
              <th scope="col">Số lẻ</th>
              <th scope="col"><span class="sr-only">Thao tác</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td class="mono">{r.code}</td>
                <td>
                  <input aria-label={`Tên dòng ${r.code}`} value={r.label} onInput={(e) => upd(i, { label: e.currentTarget.value })} />
                </td>
                <td>
                  <input aria-label={`Đơn vị tính dòng ${r.code}`} size={8} value={r.unit} onInput={(e) => upd(i, { unit: e.currentTarget.value })} />
                </td>
                <td>
                  <select aria-label={`Dòng cha của ${r.code}`} value={r.parent} onChange={(e) => upd(i, { parent: e.currentTarget.value })}>
                    <option value="">(cấp 1)</option>
                    {rows.slice(0, i).map((p) => (
                      <option key={p.code} value={p.code}>{p.code}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={`Loại dòng ${r.code}`} value={r.kind} onChange={(e) => upd(i, { kind: e.currentTarget.value as FormRow['kind'] })}>
                    <option value="input">Nhập</option>
                    <option value="subtotal">Tổng các dòng con</option>
                    <option value="computed">Công thức</option>
                    <option value="heading">Tiêu đề nhóm</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Công thức dòng ${r.code}`}
                    placeholder={r.kind === 'computed' ? '[A] / [B] * 100' : ''}
                    disabled={r.kind !== 'computed'}
                    value={r.formula}
                    onInput={(e) => upd(i, { formula: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input aria-label={`Số lẻ dòng ${r.code}`} type="number" min={0} max={6} class="num" value={r.decimals} onInput={(e) => upd(i, { decimals: Number(e.currentTarget.value) })} />
                </td>
                <td class="fd-tools">
                  <button type="button" class="icon-btn" aria-label={`Đưa ${r.code} lên`} onClick={() => props.onChange(move(rows, i, -1))}>▲</button>
                  <button type="button" class="icon-btn" aria-label={`Đưa ${r.code} xuống`} onClick={() => props.onChange(move(rows, i, 1))}>▼</button>
                  <button type="button" class="icon-btn" aria-label={`Xóa dòng ${r.code}`} onClick={() => props.onChange(rows.filter((_, j) => j !== i))}>✕</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="rg-inline">
        <label for="fd-pick">Thêm chỉ tiêu</label>
        <input
          id="fd-pick"
          class="grow"
          list="fd-catalog"
          placeholder="Gõ mã hoặc chọn từ kho chỉ tiêu"
          value={pick}
          onInput={(e) => setPick(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id="fd-catalog">
          {props.catalog.map((c) => (
            <option key={c.code} value={`${c.code} — ${c.name}`} />
          ))}
        </datalist>
        <button type="button" class="btn btn-small" onClick={add}>
          Thêm dòng
        </button>
      </div>
    </div>
  );
}

function ColumnsEditor(props: { columns: FormColumn[]; onChange: (c: FormColumn[]) => void }) {
  const cols = props.columns;
  const upd = (i: number, patch: Partial<FormColumn>) => props.onChange(cols.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const presets: [string, string, Partial<FormColumn>][] = [
    ['KH', 'Kế hoạch năm', {}],
    ['TH', 'Thực hiện kỳ báo cáo', { group: 'Thực hiện' }],
    ['LK', 'Lũy kế từ đầu năm', { group: 'Thực hiện' }],
    ['CK', 'Cùng kỳ năm trước', {}],
    ['SSCK', 'So cùng kỳ', { group: 'So sánh (%)', unit: '%', kind: 'computed', formula: '[LK] / [CK] * 100', decimals: 1 }],
    ['SSKH', 'So kế hoạch năm', { group: 'So sánh (%)', unit: '%', kind: 'computed', formula: '[LK] / [KH] * 100', decimals: 1 }],
  ];
  const addCol = (code: string, label: string, extra: Partial<FormColumn> = {}) =>
    props.onChange([...cols, { code, label, group: '', unit: '', kind: 'input', formula: '', decimals: null, ...extra }]);
  return (
    <div class="fd-block">
      <h2 class="h-small">Cột (chỉ số đo)</h2>
      <div class="table-wrap">
        <table class="table fd-table">
          <thead>
            <tr>
              <th scope="col">Mã cột</th>
              <th scope="col">Tên cột</th>
              <th scope="col">Nhóm tiêu đề</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Loại</th>
              <th scope="col">Công thức</th>
              <th scope="col"><span class="sr-only">Thao tác</span></th>
            </tr>
          </thead>
          <tbody>
            {cols.map((c, i) => (
              <tr key={i}>
                <td>
                  <input aria-label={`Mã cột ${i + 1}`} size={6} class="mono" value={c.code} onInput={(e) => upd(i, { code: e.currentTarget.value })} />
                </td>
                <td>
                  <input aria-label={`Tên cột ${c.code}`} value={c.label} onInput={(e) => upd(i, { label: e.currentTarget.value })} />
                </td>
                <td>
                  <input aria-label={`Nhóm cột ${c.code}`} value={c.group} onInput={(e) => upd(i, { group: e.currentTarget.value })} />
                </td>
                <td>
                  <input aria-label={`Đơn vị cột ${c.code}`} size={4} value={c.unit} onInput={(e) => upd(i, { unit: e.currentTarget.value })} />
                </td>
                <td>
                  <select aria-label={`Loại cột ${c.code}`} value={c.kind} onChange={(e) => upd(i, { kind: e.currentTarget.value as FormColumn['kind'] })}>
                    <option value="input">Nhập</option>
                    <option value="computed">Tự tính</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Công thức cột ${c.code}`}
                    disabled={c.kind !== 'computed'}
                    placeholder={c.kind === 'computed' ? '[LK] / [CK] * 100' : ''}
                    value={c.formula}
                    onInput={(e) => upd(i, { formula: e.currentTarget.value })}
                  />
                </td>
                <td class="fd-tools">
                  <button type="button" class="icon-btn" aria-label={`Đưa cột ${c.code} sang trái`} onClick={() => props.onChange(move(cols, i, -1))}>◀</button>
                  <button type="button" class="icon-btn" aria-label={`Đưa cột ${c.code} sang phải`} onClick={() => props.onChange(move(cols, i, 1))}>▶</button>
                  <button type="button" class="icon-btn" aria-label={`Xóa cột ${c.code}`} onClick={() => props.onChange(cols.filter((_, j) => j !== i))}>✕</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="rg-inline fd-presets">
        <span class="rg-group-label">Thêm cột:</span>
        {presets
          .filter(([code]) => !cols.some((c) => c.code === code))
          .map(([code, label, extra]) => (
            <button key={code} type="button" class="btn btn-small" onClick={() => addCol(code, label, extra)}>
              {label}
            </button>
          ))}
        <button type="button" class="btn btn-small" onClick={() => addCol(`C${cols.length + 1}`, 'Cột mới')}>
          Cột khác
        </button>
      </div>
    </div>
  );
}

function CellsEditor(props: { form: Form; onChange: (c: CellOverride[]) => void }) {
  const cells = props.form.cells;
  const upd = (i: number, patch: Partial<CellOverride>) => props.onChange(cells.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div class="fd-block">
      <h2 class="h-small">Ô đặc biệt</h2>
      {cells.length === 0 && <p class="muted small">Mặc định: ô của cột tự tính và của dòng tổng do hệ thống tính, các ô khác để nhập.</p>}
      {cells.map((c, i) => (
        <div class="rg-inline" key={i}>
          <select aria-label={`Dòng của ô ${i + 1}`} value={c.row} onChange={(e) => upd(i, { row: e.currentTarget.value })}>
            {props.form.rows.map((r) => <option key={r.code} value={r.code}>{r.code}</option>)}
          </select>
          <select aria-label={`Cột của ô ${i + 1}`} value={c.column} onChange={(e) => upd(i, { column: e.currentTarget.value })}>
            {props.form.columns.map((r) => <option key={r.code} value={r.code}>{r.code}</option>)}
          </select>
          <select aria-label={`Loại ô ${i + 1}`} value={c.kind} onChange={(e) => upd(i, { kind: e.currentTarget.value as CellOverride['kind'] })}>
            <option value="input">Nhập</option>
            <option value="computed">Công thức</option>
            <option value="disabled">Không áp dụng (x)</option>
          </select>
          <input aria-label={`Công thức ô ${i + 1}`} class="grow" placeholder="[MÃ_CHỈ_TIÊU.MÃ_CỘT]" disabled={c.kind !== 'computed'} value={c.formula} onInput={(e) => upd(i, { formula: e.currentTarget.value })} />
          <button type="button" class="btn btn-small" onClick={() => props.onChange(cells.filter((_, j) => j !== i))}>Xóa</button>
        </div>
      ))}
      <button
        type="button"
        class="btn btn-small"
        disabled={!props.form.rows.length || !props.form.columns.length}
        onClick={() => props.onChange([...cells, { row: props.form.rows[0].code, column: props.form.columns[0].code, kind: 'disabled', formula: '' }])}
      >
        Thêm ô đặc biệt
      </button>
    </div>
  );
}

function RulesEditor(props: { rules: ValidationRule[]; onChange: (r: ValidationRule[]) => void }) {
  const rules = props.rules;
  const upd = (i: number, patch: Partial<ValidationRule>) => props.onChange(rules.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div class="fd-block">
      <h2 class="h-small">Kiểm tra số liệu</h2>
      {rules.map((r, i) => (
        <div class="rg-inline fd-rule" key={i}>
          <input aria-label={`Mã kiểm tra ${i + 1}`} size={4} value={r.code} onInput={(e) => upd(i, { code: e.currentTarget.value })} />
          <select aria-label={`Phạm vi kiểm tra ${r.code}`} value={r.scope} onChange={(e) => upd(i, { scope: e.currentTarget.value as ValidationRule['scope'] })}>
            <option value="row">Mỗi dòng ([MÃ_CỘT])</option>
            <option value="form">Cả biểu ([CHỈ_TIÊU.CỘT])</option>
          </select>
          <input aria-label={`Điều kiện ${r.code}`} class="grow mono" placeholder="[LK] >= [TH]" value={r.formula} onInput={(e) => upd(i, { formula: e.currentTarget.value })} />
          <select aria-label={`Mức độ ${r.code}`} value={r.severity} onChange={(e) => upd(i, { severity: e.currentTarget.value as ValidationRule['severity'] })}>
            <option value="error">Lỗi (chặn gửi)</option>
            <option value="warning">Cảnh báo (cần giải trình)</option>
          </select>
          <input aria-label={`Thông báo ${r.code}`} class="grow" placeholder="Thông báo khi vi phạm" value={r.message} onInput={(e) => upd(i, { message: e.currentTarget.value })} />
          <button type="button" class="btn btn-small" onClick={() => props.onChange(rules.filter((_, j) => j !== i))}>Xóa</button>
        </div>
      ))}
      <button
        type="button"
        class="btn btn-small"
        onClick={() => props.onChange([...rules, { code: `R${rules.length + 1}`, scope: 'row', formula: '', severity: 'error', message: '' }])}
      >
        Thêm kiểm tra
      </button>
    </div>
  );
}

// ------------------------------------------------------------------------------ preview

const fmtCache = new Map<number, Intl.NumberFormat>();
function fmtVi(n: number, decimals: number): string {
  let f = fmtCache.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fmtCache.set(decimals, f);
  }
  return f.format(n);
}
/** "1.234,5" → 1234.5; also accepts "1234.5" typed without grouping */
export function parseVi(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  const normal = /,/.test(t) || /\.\d{3}(\.|$)/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/** + − × ÷ and parentheses over numbers and [references]; null when anything else appears */
function evalSimple(formula: string, ref: (name: string) => number | null): number | null {
  let i = 0;
  const s = formula;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const atom = (): number | null => {
    ws();
    if (s[i] === '(') {
      i++;
      const v = sum();
      ws();
      if (s[i] !== ')') throw new Error();
      i++;
      return v;
    }
    if (s[i] === '-') {
      i++;
      const v = atom();
      return v === null ? null : -v;
    }
    if (s[i] === '[') {
      const j = s.indexOf(']', i);
      if (j < 0) throw new Error();
      const name = s.slice(i + 1, j);
      i = j + 1;
      return ref(name);
    }
    const m = /^\d+(\.\d+)?/.exec(s.slice(i));
    if (!m) throw new Error();
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number | null => {
    let v = atom();
    for (;;) {
      ws();
      const op = s[i];
      if (op !== '*' && op !== '/' && op !== '×' && op !== '÷') return v;
      i++;
      const w = atom();
      if (v === null || w === null) v = null;
      else if (op === '*' || op === '×') v = v * w;
      else v = w === 0 ? null : v / w;
    }
  };
  const sum = (): number | null => {
    let v = product();
    for (;;) {
      ws();
      const op = s[i];
      if (op !== '+' && op !== '-' && op !== '−') return v;
      i++;
      const w = product();
      v = v === null || w === null ? null : op === '+' ? v + w : v - w;
    }
  };
  try {
    const v = sum();
    ws();
    return i === s.length ? v : null;
  } catch {
    return null;
  }
}

type CellMode = { kind: 'input' | 'computed' | 'disabled'; source: 'cell' | 'column' | 'subtotal' | 'row' | 'input' | 'heading'; formula: string };
function cellMode(form: Form, row: FormRow, col: FormColumn): CellMode {
  const o = form.cells.find((c) => c.row === row.code && c.column === col.code);
  if (o) return { kind: o.kind, source: o.kind === 'input' ? 'input' : 'cell', formula: o.formula };
  if (row.kind === 'heading') return { kind: 'disabled', source: 'heading', formula: '' };
  if (col.kind === 'computed') return { kind: 'computed', source: 'column', formula: col.formula };
  if (row.kind === 'subtotal') return { kind: 'computed', source: 'subtotal', formula: '' };
  if (row.kind === 'computed') return { kind: 'computed', source: 'row', formula: row.formula };
  return { kind: 'input', source: 'input', formula: '' };
}

function Preview(props: { form: Form; catalog: IndicatorBrief[]; regimeName: string }) {
  const { form } = props;
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const depth = (code: string) => {
    let d = 0;
    let r = form.rows.find((x) => x.code === code);
    while (r && r.parent && d < 10) {
      r = form.rows.find((x) => x.code === r!.parent);
      d++;
    }
    return d;
  };
  const computed = useMemo(() => {
    const memo: Record<string, number | null> = {};
    const busy = new Set<string>();
    const get = (rowCode: string, colCode: string): number | null => {
      const key = `${rowCode}.${colCode}`;
      if (key in memo) return memo[key];
      const row = form.rows.find((r) => r.code === rowCode);
      const col = form.columns.find((c) => c.code === colCode);
      if (!row || !col || busy.has(key)) return null;
      busy.add(key);
      const m = cellMode(form, row, col);
      let v: number | null = null;
      if (m.kind === 'input') v = values[key] ?? null;
      else if (m.source === 'subtotal') {
        const kids = form.rows.filter((r) => r.parent === row.code);
        v = kids.reduce<number | null>((acc, k) => {
          const x = get(k.code, colCode);
          return x === null ? acc : (acc ?? 0) + x;
        }, null);
      } else if (m.source === 'column') v = evalSimple(m.formula, (name) => get(rowCode, name));
      else if (m.source === 'row') v = evalSimple(m.formula, (name) => get(name, colCode));
      else if (m.source === 'cell')
        v = evalSimple(m.formula, (name) => {
          const dot = name.lastIndexOf('.');
          return dot < 0 ? null : get(name.slice(0, dot), name.slice(dot + 1));
        });
      busy.delete(key);
      memo[key] = v;
      return v;
    };
    return get;
  }, [form, values]);

  const groups = form.columns.some((c) => c.group);
  const headerCells: { label: string; span: number }[] = [];
  for (let i = 0; i < form.columns.length; ) {
    const g = form.columns[i].group;
    let j = i + 1;
    while (g && j < form.columns.length && form.columns[j].group === g) j++;
    headerCells.push({ label: g, span: j - i });
    i = j;
  }
  const known = (code: string) => props.catalog.find((c) => c.code === code);
  if (!form.rows.length || !form.columns.length)
    return <p class="muted">Biểu chưa có dòng hoặc cột để xem trước.</p>;
  return (
    <div class="fd-preview" aria-label="Xem trước biểu mẫu">
      <p class="fd-regime">{props.regimeName}</p>
      <h2 class="fd-title">{form.title || `Biểu ${form.code}`}</h2>
      {form.note && <p class="fd-note">{form.note}</p>}
      <p class="fd-note">Kỳ báo cáo: …… — Đơn vị báo cáo: ……</p>
      <div class="table-wrap">
        <table class="table fd-sheet">
          <thead>
            <tr>
              <th scope="col" rowSpan={groups ? 2 : 1}>STT</th>
              <th scope="col" rowSpan={groups ? 2 : 1}>Chỉ tiêu</th>
              <th scope="col" rowSpan={groups ? 2 : 1}>Đơn vị tính</th>
              {groups
                ? headerCells.map((h, i) =>
                    h.label ? (
                      <th key={i} scope="colgroup" colSpan={h.span}>{h.label}</th>
                    ) : (
                      <th key={i} scope="col" rowSpan={2}>{labelOf(form.columns[indexOfHeader(headerCells, i)])}</th>
                    ),
                  )
                : form.columns.map((c) => <th key={c.code} scope="col">{labelOf(c)}</th>)}
            </tr>
            {groups && (
              <tr>
                {form.columns.filter((c) => c.group).map((c) => (
                  <th key={c.code} scope="col">{labelOf(c)}</th>
                ))}
              </tr>
            )}
          </thead>
          <tbody>
            {form.rows.map((row, ri) => {
              const heading = row.kind === 'heading';
              const d = depth(row.code);
              return (
                <tr key={row.code} class={heading ? 'fd-heading' : row.kind === 'subtotal' ? 'fd-subtotal' : ''}>
                  <td class="num">{heading ? '' : ri + 1}</td>
                  <th scope="row" style={{ paddingLeft: `${0.5 + d * 1.25}rem` }}>
                    {row.label || known(row.code)?.name || row.code}
                  </th>
                  <td>{row.unit || known(row.code)?.unit_of_measure || ''}</td>
                  {form.columns.map((col) => {
                    const key = `${row.code}.${col.code}`;
                    const m = cellMode(form, row, col);
                    const decimals = col.decimals ?? row.decimals;
                    if (m.kind === 'disabled') return <td key={key} class="fd-x">{heading ? '' : 'x'}</td>;
                    if (m.kind === 'computed') {
                      const v = computed(row.code, col.code);
                      return (
                        <td key={key} class="num fd-auto" title={m.formula ? `Tự tính: ${m.formula}` : 'Tổng các dòng con'} data-cell={key}>
                          {v === null ? '' : fmtVi(v, decimals)}
                        </td>
                      );
                    }
                    return (
                      <td key={key} class="fd-in">
                        <input
                          aria-label={`${row.label || row.code} — ${col.label}`}
                          inputMode="decimal"
                          data-cell={key}
                          value={texts[key] ?? ''}
                          onInput={(e) => {
                            const t = e.currentTarget.value;
                            setTexts({ ...texts, [key]: t });
                            setValues({ ...values, [key]: parseVi(t) });
                          }}
                          onBlur={() => {
                            const v = values[key];
                            if (v !== null && v !== undefined) setTexts({ ...texts, [key]: fmtVi(v, decimals) });
                          }}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {form.rules.length > 0 && (
        <div class="fd-rules">
          <h3 class="h-small">Kiểm tra khi gửi</h3>
          <ul>
            {form.rules.map((r) => (
              <li key={r.code}>
                <span class={`badge ${r.severity === 'error' ? 'badge-danger' : 'badge-warn'}`}>
                  {r.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}
                </span>{' '}
                {r.message} <code>{r.formula}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {form.sections.map((s) => (
        <div class="field" key={s.code}>
          <label>
            {s.code}. {s.title}
            {s.required && <span class="req"> *</span>}
          </label>
          <textarea rows={3} placeholder={s.guidance} aria-label={s.title} />
        </div>
      ))}
    </div>
  );
}

function labelOf(c: FormColumn): string {
  return c.unit ? `${c.label} (${c.unit})` : c.label;
}
function indexOfHeader(cells: { label: string; span: number }[], i: number): number {
  let n = 0;
  for (let k = 0; k < i; k++) n += cells[k].span;
  return n;
}
