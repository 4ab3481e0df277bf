// Danh mục chỉ tiêu (/indicators, /indicators/new, /indicators/:id, /indicators/sets,
// /indicators/sets/:id): the indicator catalog (issue 4 point 1; 003 Đ9.2a, Đ11) — search by
// code or name with or without diacritics, filter by sector, level (cấp tỉnh / cấp xã / sở,
// ngành: the sets an indicator belongs to) or set; the detail of an indicator with every field;
// create and edit (the server checks IndicatorWrite on the responsible agency and refuses a
// formula that closes a cycle through the catalog); CSV/XLSX import with the per-row error
// report and export; indicator sets with their published versions, and publishing a version.

import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import {
  DIRECTION_LABELS,
  emptyIndicator,
  indicators,
  indicatorSets,
  LEVEL_LABELS,
  TIME_AGG_LABELS,
  UNIT_AGG_LABELS,
  VALUE_TYPE_LABELS,
  type Breakdown,
  type CatalogFormat,
  type Direction,
  type Indicator,
  type IndicatorInput,
  type IndicatorSet,
  type SetDetail,
  type SetLevel,
  type SetVersion,
  type TimeAggregation,
  type UnitAggregation,
  type ValueType,
} from '../api/indicators';
import { orgs } from '../api/client';
import type { Me, OrgUnit } from '../api/types';
import { Dialog, ErrorBox, Field, FilePick, Notice, Spinner, UnitPicker, FormActions, saveBlob, useSubmit } from '../components';
import { fmtInstant, fmtNumber } from '../format';
import { linkClick, navigate } from '../router';
import './indicators.css';

const PAGE = 50;

export function IndicatorsScreen(props: { me: Me; path: string; search: URLSearchParams }) {
  const canWrite = props.me.permissions.includes('indicator.write');
  const parts = props.path.split('/').filter(Boolean); // indicators, sets|new|:id, :id
  if (parts[1] === 'sets') {
    if (parts[2]) return <SetScreen canWrite={canWrite} id={Number(parts[2])} />;
    return <SetList canWrite={canWrite} />;
  }
  if (parts[1] === 'new') return <IndicatorEditor id={null} onDone={(i) => navigate(`/indicators/${i.id}`)} />;
  if (parts[1]) return <IndicatorDetail canWrite={canWrite} id={Number(parts[1])} />;
  return <IndicatorList canWrite={canWrite} search={props.search} />;
}

function CatalogTabs(props: { current: 'list' | 'sets' }) {
  return (
    <nav class="ind-tabs" aria-label="Danh mục chỉ tiêu">
      <a href="/indicators" onClick={linkClick} aria-current={props.current === 'list' ? 'page' : undefined}>
        Chỉ tiêu
      </a>
      <a href="/indicators/sets" onClick={linkClick} aria-current={props.current === 'sets' ? 'page' : undefined}>
        Bộ chỉ tiêu
      </a>
    </nav>
  );
}

// ---------------------------------------------------------------- list

function IndicatorList(props: { canWrite: boolean; search: URLSearchParams }) {
  const [q, setQ] = useState(props.search.get('q') || '');
  const [sector, setSector] = useState(props.search.get('sector') || '');
  const [level, setLevel] = useState<SetLevel | ''>((props.search.get('level') as SetLevel) || '');
  const [setId, setSetId] = useState(props.search.get('set') || '');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: Indicator[]; total: number } | null>(null);
  const [sectors, setSectors] = useState<{ sector: string; count: number }[]>([]);
  const [sets, setSets] = useState<IndicatorSet[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<null | 'import' | 'export'>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    indicators.sectors().then((r) => setSectors(r.items)).catch(setError);
    indicatorSets.list().then((r) => setSets(r.items)).catch(setError);
  }, [reload]);
  useEffect(() => setOffset(0), [q, sector, level, setId]);
  useEffect(() => {
    const t = setTimeout(() => {
      // keep the filters in the address, so that a reload or a shared link shows the same list
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (sector) params.set('sector', sector);
      if (level) params.set('level', level);
      if (setId) params.set('set', setId);
      const s = params.toString();
      history.replaceState(null, '', '/indicators' + (s ? '?' + s : ''));
      indicators
        .list({ q: q.trim() || undefined, sector: sector || undefined, level, set_id: setId ? Number(setId) : undefined, limit: PAGE, offset })
        .then((r) => {
          setError(null);
          setPage(r);
        })
        .catch(setError);
    }, 200);
    return () => clearTimeout(t);
  }, [q, sector, level, setId, offset, reload]);

  const shownSets = sets.filter((s) => !level || s.level === level);
  return (
    <section class="page" aria-labelledby="ind-title">
      <div class="page-head">
        <h1 id="ind-title">Danh mục chỉ tiêu</h1>
        <div class="page-actions">
          {props.canWrite && (
            <a class="btn btn-primary" href="/indicators/new" onClick={linkClick}>
              Thêm chỉ tiêu
            </a>
          )}
          {props.canWrite && (
            <button type="button" class="btn" onClick={() => setDialog('import')}>
              Nhập từ tệp
            </button>
          )}
          <button type="button" class="btn" onClick={() => setDialog('export')}>
            Xuất tệp
          </button>
        </div>
      </div>
      <CatalogTabs current="list" />
      <div class="ind-filters">
        <Field label="Tìm theo mã hoặc tên" hint="Có thể gõ không dấu, ví dụ “ty le ngheo”">
          {(id, d) => <input id={id} type="search" aria-describedby={d} value={q} onInput={(e) => setQ(e.currentTarget.value)} />}
        </Field>
        <Field label="Lĩnh vực">
          {(id) => (
            <select id={id} value={sector} onChange={(e) => setSector(e.currentTarget.value)}>
              <option value="">Tất cả lĩnh vực</option>
              {sectors
                .filter((s) => s.sector)
                .map((s) => (
                  <option key={s.sector} value={s.sector}>
                    {s.sector} ({fmtNumber(s.count)})
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label="Cấp">
          {(id) => (
            <select
              id={id}
              value={level}
              onChange={(e) => {
                setLevel(e.currentTarget.value as SetLevel | '');
                setSetId('');
              }}
            >
              <option value="">Mọi cấp</option>
              {(Object.keys(LEVEL_LABELS) as SetLevel[]).map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Bộ chỉ tiêu">
          {(id) => (
            <select id={id} value={setId} onChange={(e) => setSetId(e.currentTarget.value)}>
              <option value="">Mọi bộ chỉ tiêu</option>
              {shownSets.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBox error={error} />
      {!page ? (
        <Spinner label="Đang tải…" />
      ) : page.items.length === 0 ? (
        <p class="muted">Không có chỉ tiêu nào khớp với điều kiện tìm.</p>
      ) : (
        <>
          <p class="muted ind-count" role="status">
            {fmtNumber(offset + 1)}–{fmtNumber(offset + page.items.length)} trong {fmtNumber(page.total)} chỉ tiêu
          </p>
          <div class="table-wrap">
            <table class="table ind-table">
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Tên chỉ tiêu</th>
                  <th scope="col">Đơn vị tính</th>
                  <th scope="col">Lĩnh vực</th>
                  <th scope="col">Kiểu giá trị</th>
                  <th scope="col">Chiều đánh giá</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.id}>
                    <td class="mono" data-label="Mã">{i.code}</td>
                    <td data-label="Tên">
                      <a href={`/indicators/${i.id}`} onClick={linkClick}>
                        {i.name}
                      </a>
                      {i.formula && <span class="badge badge-muted ind-computed">Chỉ tiêu tính</span>}
                    </td>
                    <td data-label="Đơn vị tính">{i.unit_of_measure}</td>
                    <td data-label="Lĩnh vực">{i.sector}</td>
                    <td data-label="Kiểu">{i.value_type_label}</td>
                    <td data-label="Chiều">{i.direction_label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.total > PAGE && (
            <div class="pager">
              <button type="button" class="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                ‹ Trang trước
              </button>
              <button
                type="button"
                class="btn btn-small"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Trang sau ›
              </button>
            </div>
          )}
        </>
      )}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} onDone={() => setReload((n) => n + 1)} />}
      {dialog === 'export' && <ExportDialog q={q} sector={sector} onClose={() => setDialog(null)} />}
    </section>
  );
}

// ---------------------------------------------------------------- detail

function IndicatorDetail(props: { canWrite: boolean; id: number }) {
  const [ind, setInd] = useState<Indicator | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    setInd(null);
    setEditing(false);
    indicators.get(props.id).then(setInd).catch(setError);
  }, [props.id]);
  if (error && !ind) return <section class="page"><ErrorBox error={error} /></section>;
  if (!ind) return <Spinner label="Đang tải…" />;
  if (editing)
    return (
      <IndicatorEditor
        id={ind.id}
        initial={ind}
        onCancel={() => setEditing(false)}
        onDone={(i) => {
          setInd(i);
          setEditing(false);
          setNotice(`Đã lưu chỉ tiêu (phiên bản ${i.version}).`);
        }}
      />
    );
  const row = (label: string, value: ComponentChildren) => (
    <div class="ind-dl-row">
      <dt>{label}</dt>
      <dd>{value === '' || value === null || value === undefined ? <span class="muted">Không có</span> : value}</dd>
    </div>
  );
  return (
    <section class="page ind-detail" aria-labelledby="ind-d-title">
      <a class="back-link" href="/indicators" onClick={linkClick}>
        ‹ Danh mục chỉ tiêu
      </a>
      <div class="page-head">
        <h1 id="ind-d-title">{ind.name}</h1>
        {props.canWrite && (
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={() => setEditing(true)}>
              Sửa chỉ tiêu
            </button>
          </div>
        )}
      </div>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <div class="card">
        <dl class="ind-dl">
          {row('Mã chỉ tiêu', <span class="mono">{ind.code}</span>)}
          {row('Đơn vị tính', ind.unit_of_measure)}
          {row('Kiểu giá trị', ind.value_type_label)}
          {row('Số chữ số thập phân', fmtNumber(ind.decimals))}
          {row('Lĩnh vực', ind.sector)}
          {row('Cơ quan chịu trách nhiệm', ind.agency_name ? `${ind.agency_name} (${ind.agency_code})` : '')}
          {row('Chiều đánh giá', ind.direction_label)}
          {row('Tổng hợp giữa các đơn vị', UNIT_AGG_LABELS[ind.unit_aggregation] + (ind.weight_code ? ` theo ${ind.weight_code}` : ''))}
          {row('Tổng hợp theo thời gian', TIME_AGG_LABELS[ind.time_aggregation])}
          {row('Kỳ công bố', ind.periodicity)}
          {row('Công thức', ind.formula ? <code class="ind-formula">{ind.formula}</code> : '')}
          {row(
            'Phân tổ',
            ind.breakdowns.length ? (
              <ul class="ind-breakdowns">
                {ind.breakdowns.map((b) => (
                  <li key={b.code}>
                    <strong>{b.name}</strong> <span class="muted mono">({b.code})</span>: {b.parts.map((p) => p.name).join(', ')}
                  </li>
                ))}
              </ul>
            ) : (
              ''
            ),
          )}
          {row('Căn cứ pháp lý', ind.legal_basis)}
          {row('Ghi chú', ind.note)}
          {row('Phiên bản', fmtNumber(ind.version))}
        </dl>
      </div>
    </section>
  );
}

// ---------------------------------------------------------------- editor

function IndicatorEditor(props: {
  id: number | null;
  initial?: Indicator;
  onDone: (i: Indicator) => void;
  onCancel?: () => void;
}) {
  const [v, setV] = useState<IndicatorInput>(() => {
    if (!props.initial) return emptyIndicator();
    const { id: _i, version: _v, value_type_label: _a, direction_label: _b, agency_code: _c, agency_name: _d, ...rest } = props.initial;
    return rest;
  });
  const [version, setVersion] = useState(props.initial?.version || 0);
  const [agency, setAgency] = useState<OrgUnit | null>(null);
  useEffect(() => {
    if (props.initial?.agency_id) orgs.get(props.initial.agency_id).then((u) => setAgency(u)).catch(() => {});
  }, []);
  const set = (patch: Partial<IndicatorInput>) => setV({ ...v, ...patch });
  const { busy, error, submit } = useSubmit(async () => {
    const body = { ...v, agency_id: agency ? agency.id : null };
    try {
      props.onDone(props.id ? await indicators.update(props.id, version, body) : await indicators.create(body));
    } catch (err) {
      // 409: keep the edits and take the current version, so that a second save overwrites
      if (err instanceof ApiError && err.status === 409 && err.problem.current) setVersion((err.problem.current as Indicator).version);
      throw err;
    }
  });
  const fieldError = (name: string) =>
    error instanceof ApiError && (error.problem.errors || []).some((x) => x.field === name) ? true : undefined;
  return (
    <section class="page ind-editor" aria-labelledby="ind-e-title">
      <a class="back-link" href="/indicators" onClick={linkClick}>
        ‹ Danh mục chỉ tiêu
      </a>
      <h1 id="ind-e-title">{props.id ? `Sửa chỉ tiêu ${props.initial?.code}` : 'Thêm chỉ tiêu'}</h1>
      <ErrorBox error={error}>
        {error instanceof ApiError && error.status === 409 && (
          <p>Bấm “Lưu” lần nữa để ghi đè bằng nội dung bạn đang sửa, hoặc tải lại trang để xem bản mới.</p>
        )}
      </ErrorBox>
      <form class="rg-form" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <legend>Thông tin chung</legend>
          <div class="rg-grid">
            <Field label="Mã chỉ tiêu" required hint="Chữ không dấu, số, '-', '_'">
              {(id, d) => (
                <input id={id} aria-describedby={d} aria-invalid={fieldError('code')} value={v.code} onInput={(e) => set({ code: e.currentTarget.value.trim() })} />
              )}
            </Field>
            <Field label="Đơn vị tính">
              {(id) => <input id={id} value={v.unit_of_measure} onInput={(e) => set({ unit_of_measure: e.currentTarget.value })} />}
            </Field>
            <Field label="Lĩnh vực">
              {(id) => <input id={id} value={v.sector} onInput={(e) => set({ sector: e.currentTarget.value })} />}
            </Field>
          </div>
          <Field label="Tên chỉ tiêu" required>
            {(id) => <input id={id} aria-invalid={fieldError('name')} value={v.name} onInput={(e) => set({ name: e.currentTarget.value })} />}
          </Field>
          <div class="rg-grid">
            <Field label="Kiểu giá trị">
              {(id) => (
                <select id={id} value={v.value_type} onChange={(e) => set({ value_type: e.currentTarget.value as ValueType })}>
                  {(Object.keys(VALUE_TYPE_LABELS) as ValueType[]).map((k) => (
                    <option key={k} value={k}>{VALUE_TYPE_LABELS[k]}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Số chữ số thập phân">
              {(id) => (
                <select id={id} value={String(v.decimals)} onChange={(e) => set({ decimals: Number(e.currentTarget.value) })}>
                  {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                    <option key={d} value={String(d)}>{d}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Chiều đánh giá">
              {(id) => (
                <select id={id} value={v.direction} onChange={(e) => set({ direction: e.currentTarget.value as Direction })}>
                  {(Object.keys(DIRECTION_LABELS) as Direction[]).map((k) => (
                    <option key={k} value={k}>{DIRECTION_LABELS[k]}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Kỳ công bố" hint="Như văn bản ghi, ví dụ “Quý, năm”">
              {(id, d) => <input id={id} aria-describedby={d} value={v.periodicity} onInput={(e) => set({ periodicity: e.currentTarget.value })} />}
            </Field>
          </div>
          <Field label="Cơ quan chịu trách nhiệm" hint="Để trống nếu văn bản không nêu (chỉ quản trị hệ thống sửa được)">
            {(id, d) => <UnitPicker id={id} describedBy={d} value={agency} onChange={setAgency} />}
          </Field>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Tổng hợp</legend>
          <div class="rg-grid">
            <Field label="Tổng hợp giữa các đơn vị">
              {(id) => (
                <select id={id} aria-invalid={fieldError('unit_aggregation')} value={v.unit_aggregation} onChange={(e) => set({ unit_aggregation: e.currentTarget.value as UnitAggregation })}>
                  {(Object.keys(UNIT_AGG_LABELS) as UnitAggregation[]).map((k) => (
                    <option key={k} value={k}>{UNIT_AGG_LABELS[k]}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Chỉ tiêu trọng số" hint="Mã chỉ tiêu dùng làm trọng số (trung bình có trọng số)">
              {(id, d) => (
                <input id={id} aria-describedby={d} aria-invalid={fieldError('weight_code')} value={v.weight_code} onInput={(e) => set({ weight_code: e.currentTarget.value.trim() })} />
              )}
            </Field>
            <Field label="Tổng hợp theo thời gian">
              {(id) => (
                <select id={id} value={v.time_aggregation} onChange={(e) => set({ time_aggregation: e.currentTarget.value as TimeAggregation })}>
                  {(Object.keys(TIME_AGG_LABELS) as TimeAggregation[]).map((k) => (
                    <option key={k} value={k}>{TIME_AGG_LABELS[k]}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field
            label="Công thức (chỉ tiêu tính)"
            hint="Ví dụ [HCM_THU_NS] / [HCM_GRDP_QM] * 100; prev([X]) là kỳ trước, samelastyear([X]) cùng kỳ năm trước, ytd([X]) lũy kế từ đầu năm"
          >
            {(id, d) => (
              <textarea
                id={id}
                rows={2}
                class="mono"
                aria-describedby={d}
                aria-invalid={fieldError('formula')}
                value={v.formula}
                onInput={(e) => set({ formula: e.currentTarget.value })}
              />
            )}
          </Field>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Phân tổ</legend>
          <BreakdownsEditor value={v.breakdowns} onChange={(breakdowns) => set({ breakdowns })} />
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Căn cứ và ghi chú</legend>
          <Field label="Căn cứ pháp lý">
            {(id) => <textarea id={id} rows={2} value={v.legal_basis} onInput={(e) => set({ legal_basis: e.currentTarget.value })} />}
          </Field>
          <Field label="Ghi chú">
            {(id) => <textarea id={id} rows={2} value={v.note} onInput={(e) => set({ note: e.currentTarget.value })} />}
          </Field>
        </fieldset>
        <div class="form-actions rg-actions">
          <button type="button" class="btn" onClick={() => (props.onCancel ? props.onCancel() : navigate('/indicators'))}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu chỉ tiêu'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One line per dimension: code, name and its parts as "nam: Nam; nu: Nữ". */
function BreakdownsEditor(props: { value: Breakdown[]; onChange: (b: Breakdown[]) => void }) {
  const b = props.value;
  const upd = (i: number, patch: Partial<Breakdown>) => props.onChange(b.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const partsText = (x: Breakdown) => x.parts.map((p) => `${p.code}: ${p.name}`).join('; ');
  const parseParts = (t: string) =>
    t
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const k = s.indexOf(':');
        return k < 0 ? { code: s.trim(), name: s.trim() } : { code: s.slice(0, k).trim(), name: s.slice(k + 1).trim() };
      });
  return (
    <div>
      {b.length === 0 && <p class="muted">Không phân tổ.</p>}
      {b.map((x, i) => (
        <div class="rg-inline" key={i}>
          <input aria-label={`Mã phân tổ ${i + 1}`} size={8} value={x.code} onInput={(e) => upd(i, { code: e.currentTarget.value.trim() })} />
          <input aria-label={`Tên phân tổ ${i + 1}`} size={14} value={x.name} onInput={(e) => upd(i, { name: e.currentTarget.value })} />
          <input
            aria-label={`Các phần của phân tổ ${i + 1}`}
            class="grow"
            placeholder="nam: Nam; nu: Nữ"
            defaultValue={partsText(x)}
            onChange={(e) => upd(i, { parts: parseParts(e.currentTarget.value) })}
          />
          <button type="button" class="btn btn-small" onClick={() => props.onChange(b.filter((_, j) => j !== i))}>
            Xóa
          </button>
        </div>
      ))}
      <button type="button" class="btn btn-small" onClick={() => props.onChange([...b, { code: '', name: '', parts: [] }])}>
        Thêm phân tổ
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- import / export

function ImportDialog(props: { onClose: () => void; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<CatalogFormat>('xlsx');
  const [result, setResult] = useState<{ created: number; updated: number; unchanged: number } | null>(null);
  const { busy, error, submit } = useSubmit(async () => {
    setResult(null);
    if (!file) throw new Error('Vui lòng chọn tệp cần nhập.');
    setResult(await indicators.import(file, format));
    props.onDone();
  });
  return (
    <Dialog title="Nhập danh mục chỉ tiêu từ tệp" onClose={props.onClose} wide>
      <p class="muted">
        Tệp Excel (.xlsx) hoặc CSV cùng cấu trúc với tệp xuất (cột <code>ma</code>, <code>ten</code>, <code>don_vi_tinh</code>,{' '}
        <code>kieu_gia_tri</code>, <code>cong_thuc</code>…). Chỉ tiêu trùng mã được cập nhật. Việc nhập là toàn bộ hoặc không:
        nếu có dòng lỗi, không dòng nào được ghi.
      </p>
      {result && (
        <Notice kind="ok">
          Đã nhập: {fmtNumber(result.created)} chỉ tiêu mới, {fmtNumber(result.updated)} chỉ tiêu cập nhật,{' '}
          {fmtNumber(result.unchanged)} chỉ tiêu không đổi.
        </Notice>
      )}
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Tệp dữ liệu" required>
          {(id) => (
            <FilePick
              id={id}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              file={file}
              onChange={(f) => {
                setFile(f);
                setResult(null);
                const ext = f?.name.toLowerCase().split('.').pop();
                if (ext === 'csv' || ext === 'xlsx') setFormat(ext);
              }}
            />
          )}
        </Field>
        <Field label="Định dạng">
          {(id) => (
            <select id={id} value={format} onChange={(e) => setFormat(e.currentTarget.value as CatalogFormat)}>
              <option value="xlsx">Excel (.xlsx)</option>
              <option value="csv">CSV</option>
            </select>
          )}
        </Field>
        <FormActions onCancel={props.onClose} cancel="Đóng" busy={busy}>
          {busy ? 'Đang nhập…' : 'Nhập dữ liệu'}
        </FormActions>
      </form>
    </Dialog>
  );
}

function ExportDialog(props: { q: string; sector: string; onClose: () => void }) {
  const [format, setFormat] = useState<CatalogFormat>('xlsx');
  const [scope, setScope] = useState<'all' | 'filtered'>('all');
  const filtered = !!(props.q.trim() || props.sector);
  const { busy, error, submit } = useSubmit(async () => {
    const f = scope === 'filtered';
    const { blob, filename } = await indicators.export(format, f ? props.q.trim() || undefined : undefined, f ? props.sector || undefined : undefined);
    saveBlob(blob, filename);
    props.onClose();
  });
  return (
    <Dialog title="Xuất danh mục chỉ tiêu" onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit}>
        <fieldset class="radios">
          <legend>Định dạng tệp</legend>
          <label class="check">
            <input type="radio" name="fmt" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (.xlsx)
          </label>
          <label class="check">
            <input type="radio" name="fmt" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV
          </label>
        </fieldset>
        <fieldset class="radios">
          <legend>Phạm vi</legend>
          <label class="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Toàn bộ danh mục
          </label>
          <label class="check">
            <input type="radio" name="scope" disabled={!filtered} checked={scope === 'filtered'} onChange={() => setScope('filtered')} />{' '}
            {filtered ? 'Các chỉ tiêu khớp từ khóa và lĩnh vực đang lọc' : 'Theo bộ lọc (chưa lọc theo từ khóa hay lĩnh vực)'}
          </label>
        </fieldset>
        <FormActions onCancel={props.onClose} busy={busy}>
          {busy ? 'Đang xuất…' : 'Tải tệp xuống'}
        </FormActions>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------- sets

function SetList(props: { canWrite: boolean }) {
  const [items, setItems] = useState<IndicatorSet[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    indicatorSets.list().then((r) => setItems(r.items)).catch(setError);
  }, []);
  return (
    <section class="page" aria-labelledby="set-title">
      <div class="page-head">
        <h1 id="set-title">Bộ chỉ tiêu</h1>
        {props.canWrite && (
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              Tạo bộ chỉ tiêu
            </button>
          </div>
        )}
      </div>
      <CatalogTabs current="sets" />
      <p class="muted">
        Mỗi bộ chỉ tiêu gắn với một kỳ kế hoạch và một cấp. Mỗi lần công bố tạo một phiên bản mới; phiên bản cũ giữ nguyên để báo
        cáo đã lập theo phiên bản đó không bị thay đổi.
      </p>
      <ErrorBox error={error} />
      {!items ? (
        <Spinner />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên bộ chỉ tiêu</th>
                <th scope="col">Kỳ kế hoạch</th>
                <th scope="col">Cấp</th>
                <th scope="col">Cơ quan giao</th>
                <th scope="col">Phiên bản</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td class="mono">{s.code}</td>
                  <td>
                    <a href={`/indicators/sets/${s.id}`} onClick={linkClick}>
                      {s.name}
                    </a>
                  </td>
                  <td>{s.plan_period_label}</td>
                  <td>{s.level_label}</td>
                  <td>{s.owner_unit_name || ''}</td>
                  <td>{s.latest_version ? `Phiên bản ${s.latest_version}` : <span class="badge badge-warn">Chưa công bố</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && <CreateSetDialog onClose={() => setCreating(false)} onDone={(s) => navigate(`/indicators/sets/${s.id}`)} />}
    </section>
  );
}

function CreateSetDialog(props: { onClose: () => void; onDone: (s: IndicatorSet) => void }) {
  const [v, setV] = useState({ code: '', name: '', plan_period: String(new Date().getFullYear()), level: 'province' as SetLevel, legal_basis: '' });
  const [owner, setOwner] = useState<OrgUnit | null>(null);
  const { busy, error, submit } = useSubmit(async () =>
    props.onDone(await indicatorSets.create({ ...v, owner_unit_id: owner ? owner.id : null })),
  );
  return (
    <Dialog title="Tạo bộ chỉ tiêu" onClose={props.onClose} wide>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <div class="rg-grid">
          <Field label="Mã bộ chỉ tiêu" required>
            {(id) => <input id={id} value={v.code} onInput={(e) => setV({ ...v, code: e.currentTarget.value.trim() })} />}
          </Field>
          <Field label="Kỳ kế hoạch" required hint="Năm (2026) hoặc giai đoạn 5 năm (2026-2030)">
            {(id, d) => <input id={id} aria-describedby={d} value={v.plan_period} onInput={(e) => setV({ ...v, plan_period: e.currentTarget.value.trim() })} />}
          </Field>
          <Field label="Cấp">
            {(id) => (
              <select id={id} value={v.level} onChange={(e) => setV({ ...v, level: e.currentTarget.value as SetLevel })}>
                {(Object.keys(LEVEL_LABELS) as SetLevel[]).map((l) => (
                  <option key={l} value={l}>{LEVEL_LABELS[l]}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Tên bộ chỉ tiêu" required>
          {(id) => <input id={id} value={v.name} onInput={(e) => setV({ ...v, name: e.currentTarget.value })} />}
        </Field>
        <Field label="Cơ quan giao (chủ kế hoạch)">
          {(id) => <UnitPicker id={id} value={owner} onChange={setOwner} />}
        </Field>
        <Field label="Căn cứ pháp lý">
          {(id) => <input id={id} value={v.legal_basis} onInput={(e) => setV({ ...v, legal_basis: e.currentTarget.value })} />}
        </Field>
        <FormActions onCancel={props.onClose} busy={busy}>
          Tạo bộ chỉ tiêu
        </FormActions>
      </form>
    </Dialog>
  );
}

function SetScreen(props: { canWrite: boolean; id: number }) {
  const [set, setSet] = useState<SetDetail | null>(null);
  const [shown, setShown] = useState<SetVersion | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);
  const [notice, setNotice] = useState('');
  const load = async () => {
    const s = await indicatorSets.get(props.id);
    setSet(s);
    setShown(s.latest_version ? await indicatorSets.version(s.id, s.latest_version) : null);
  };
  useEffect(() => {
    load().catch(setError);
  }, [props.id]);
  if (error && !set) return <section class="page"><ErrorBox error={error} /></section>;
  if (!set) return <Spinner />;
  const show = (n: number) => indicatorSets.version(set.id, n).then(setShown).catch(setError);
  return (
    <section class="page" aria-labelledby="set-d-title">
      <a class="back-link" href="/indicators/sets" onClick={linkClick}>
        ‹ Bộ chỉ tiêu
      </a>
      <div class="page-head">
        <h1 id="set-d-title">{set.name}</h1>
        {props.canWrite && !publishing && (
          <div class="page-actions">
            <button type="button" class="btn btn-primary" onClick={() => setPublishing(true)}>
              Công bố phiên bản mới
            </button>
          </div>
        )}
      </div>
      <p class="muted">
        <span class="mono">{set.code}</span> · {set.plan_period_label} · {set.level_label}
        {set.owner_unit_name ? ` · ${set.owner_unit_name}` : ''}
        {set.legal_basis ? ` · ${set.legal_basis}` : ''}
      </p>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      {publishing && (
        <PublishForm
          set={set}
          latest={shown && shown.number === set.latest_version ? shown : null}
          onCancel={() => setPublishing(false)}
          onDone={async (v) => {
            setPublishing(false);
            setNotice(`Đã công bố phiên bản ${v.number} gồm ${fmtNumber(v.members?.length || 0)} chỉ tiêu.`);
            await load();
          }}
        />
      )}
      <div class="ind-set-grid">
        <div class="card">
          <h2 class="h-small">Các phiên bản đã công bố</h2>
          {set.versions.length === 0 ? (
            <p class="muted">Chưa công bố phiên bản nào.</p>
          ) : (
            <ul class="ind-versions">
              {[...set.versions].reverse().map((v) => (
                <li key={v.number}>
                  <button
                    type="button"
                    class="btn-link"
                    aria-pressed={shown?.number === v.number}
                    onClick={() => show(v.number)}
                  >
                    Phiên bản {v.number}
                  </button>{' '}
                  <span class="muted">công bố {fmtInstant(v.published_at)}</span>
                  {v.note && <div class="muted ind-note">{v.note}</div>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          {shown && (
            <>
              <h2 class="h-small">
                Phiên bản {shown.number}: {fmtNumber(shown.members?.length || 0)} chỉ tiêu
              </h2>
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">STT</th>
                      <th scope="col">Mã</th>
                      <th scope="col">Tên chỉ tiêu (khi công bố)</th>
                      <th scope="col">Đơn vị tính</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(shown.members || []).map((m, k, all) => (
                      <Fragment key={m.position}>
                        {m.group && (k === 0 || all[k - 1].group !== m.group) && (
                          <tr class="ind-group" key={'g' + k}>
                            <th colSpan={4} scope="colgroup">{m.group}</th>
                          </tr>
                        )}
                        <tr>
                          <td class="num">{m.position}</td>
                          <td class="mono">{m.code}</td>
                          <td>
                            <a href={`/indicators/${m.indicator_id}`} onClick={linkClick}>
                              {m.name}
                            </a>
                          </td>
                          <td>{m.unit_of_measure}</td>
                        </tr>
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function PublishForm(props: { set: SetDetail; latest: SetVersion | null; onCancel: () => void; onDone: (v: SetVersion) => void }) {
  const [text, setText] = useState(() =>
    (props.latest?.members || []).map((m) => (m.group ? `${m.code} | ${m.group}` : m.code)).join('\n'),
  );
  const [note, setNote] = useState('');
  const members = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const k = l.indexOf('|');
      return k < 0 ? { code: l, group: '' } : { code: l.slice(0, k).trim(), group: l.slice(k + 1).trim() };
    });
  const { busy, error, submit } = useSubmit(async () =>
    props.onDone(await indicatorSets.publish(props.set.id, props.set.latest_version, members, note)),
  );
  return (
    <form class="card ind-publish" onSubmit={submit} noValidate>
      <h2 class="h-small">Công bố phiên bản {props.set.latest_version + 1}</h2>
      <ErrorBox error={error} />
      <Field label="Các chỉ tiêu của phiên bản" hint="Mỗi dòng một mã chỉ tiêu, có thể thêm “| nhóm”, ví dụ HCM_GRDP_TT | I. Kinh tế">
        {(id, d) => <textarea id={id} class="mono" rows={8} aria-describedby={d} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <Field label="Nội dung thay đổi">
        {(id) => <input id={id} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <FormActions onCancel={props.onCancel} busy={busy}>
        Công bố ({fmtNumber(members.length)} chỉ tiêu)
      </FormActions>
    </form>
  );
}
