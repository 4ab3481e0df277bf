// Chế độ báo cáo (/regimes, /regimes/:id, /regimes/:id/forms/:code): the list of regimes, the
// editor of a regime's Decree 09/2019 Art. 7 components (name, content, reporting units,
// receiving unit, sending method, frequency and schedule, outline, forms, instructions, legal
// basis), the conflict check (002 Đ3.4 errors, Đ10.4 warnings), publish / retire, versions,
// and the form designer (FormDesigner.tsx). Writing needs `regime.write`.

import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../api/types';
import {
  emptyRegime,
  FREQ_LABELS,
  KIND_LABELS,
  METHOD_LABELS,
  regimes,
  STATUS_LABELS,
  type Finding,
  type PeriodTypeId,
  type Regime,
  type RegimeHead,
  type RegimeKind,
  type RegimeVersion,
  type RegimeView,
  type Section,
  type SendMethod,
} from '../api/regimes';
import { ApiError } from '../api/client';
import { ErrorBox, Field, Notice, Spinner } from '../components';
import { fmtInstant } from '../format';
import { linkClick, navigate } from '../router';
import { FormDesigner } from './FormDesigner';
import './regimes.css';

export function RegimesScreen(props: { me: Me; path: string }) {
  const canWrite = props.me.permissions.includes('regime.write');
  const parts = props.path.split('/').filter(Boolean); // regimes, :id, forms, :code
  if (parts[1] === 'new') return <RegimeEditor canWrite={canWrite} id={null} />;
  if (parts.length >= 4 && parts[2] === 'forms')
    return <FormDesigner canWrite={canWrite} regimeId={Number(parts[1])} code={decodeURIComponent(parts[3])} />;
  if (parts[1]) return <RegimeEditor canWrite={canWrite} id={Number(parts[1])} />;
  return <RegimeList canWrite={canWrite} />;
}

function statusBadge(s: string) {
  const cls = s === 'published' ? 'badge-ok' : s === 'draft' ? 'badge-warn' : 'badge-muted';
  return <span class={`badge ${cls}`}>{STATUS_LABELS[s as keyof typeof STATUS_LABELS] || s}</span>;
}

function RegimeList(props: { canWrite: boolean }) {
  const [items, setItems] = useState<RegimeHead[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => {
      regimes.list({ q }).then((r) => setItems(r.items)).catch(setError);
    }, 200);
    return () => clearTimeout(t);
  }, [q]);
  return (
    <section class="page" aria-labelledby="rg-title">
      <div class="page-head">
        <h1 id="rg-title">Chế độ báo cáo</h1>
        <div class="page-actions">
          <a class="btn btn-small" href="/danh-muc-bao-cao" onClick={linkClick}>
            Danh mục công bố
          </a>
          {props.canWrite && (
            <a class="btn btn-primary" href="/regimes/new" onClick={linkClick}>
              Tạo chế độ báo cáo
            </a>
          )}
        </div>
      </div>
      <div class="filters-row">
        <label class="sr-only" for="rg-q">Tìm chế độ báo cáo</label>
        <input id="rg-q" type="search" placeholder="Tìm theo mã, tên…" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      <ErrorBox error={error} />
      {!items ? (
        <Spinner label="Đang tải…" />
      ) : items.length === 0 ? (
        <p class="muted">Không có chế độ báo cáo nào.</p>
      ) : (
        <div class="table-wrap">
          <table class="table rg-table">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên báo cáo</th>
                <th scope="col">Loại</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Phiên bản</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td class="mono">{r.code}</td>
                  <td>
                    <a href={`/regimes/${r.id}`} onClick={linkClick}>
                      {r.name}
                    </a>
                  </td>
                  <td>{KIND_LABELS[r.kind]}</td>
                  <td>{statusBadge(r.status)}</td>
                  <td>
                    {r.latest_version}
                    {r.published_version && r.published_version !== r.latest_version ? ' (có dự thảo mới)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const FREQS: PeriodTypeId[] = ['weekly', 'monthly', 'quarterly', 'six_monthly', 'nine_monthly', 'yearly', 'multi_year'];
const ORG_TYPES: [string, string][] = [
  ['', 'Mọi loại'],
  ['department', 'Sở, ban, ngành'],
  ['commune', 'UBND xã/phường/đặc khu'],
  ['district', 'UBND cấp huyện (trước 1/7/2025)'],
  ['public_service', 'Đơn vị sự nghiệp'],
  ['vertical', 'Cơ quan ngành dọc'],
  ['division', 'Phòng, ban'],
];

function splitCodes(s: string): string[] {
  return s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
}

function RegimeEditor(props: { canWrite: boolean; id: number | null }) {
  const [view, setView] = useState<RegimeView | null>(null);
  const [r, setR] = useState<Regime>(emptyRegime());
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [findings, setFindings] = useState<{ errors: Finding[]; warnings: Finding[] } | null>(null);
  const [versions, setVersions] = useState<RegimeVersion[]>([]);
  const [busy, setBusy] = useState(false);
  const [newForm, setNewForm] = useState('');

  const load = async (id: number) => {
    const v = await regimes.get(id);
    setView(v);
    setR(v.regime);
    setVersions((await regimes.versions(id)).items);
  };
  useEffect(() => {
    setError(null);
    setNotice('');
    setFindings(null);
    if (props.id) load(props.id).catch(setError);
    else {
      setView(null);
      setR(emptyRegime());
    }
  }, [props.id]);

  const ro = !props.canWrite;
  const set = (patch: Partial<Regime>) => setR({ ...r, ...patch });
  const setSched = (patch: Partial<Regime['schedule']>) => setR({ ...r, schedule: { ...r.schedule, ...patch } });

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await what();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      if (!view) {
        const v = await regimes.create(r);
        navigate(`/regimes/${v.id}`);
        return;
      }
      const v = await regimes.update(view.id, view.version, r);
      setView(v);
      setR(v.regime);
      setVersions((await regimes.versions(v.id)).items);
      setNotice(`Đã lưu bản dự thảo (phiên bản ${v.version_no}).`);
    });
  const check = () => run(async () => setFindings(await regimes.conflicts(view!.id)));
  const publish = () =>
    run(async () => {
      try {
        const v = await regimes.publish(view!.id, view!.version);
        setView(v);
        setR(v.regime);
        setVersions((await regimes.versions(v.id)).items);
        setFindings(v.warnings.length ? { errors: [], warnings: v.warnings } : null);
        setNotice(`Đã ban hành phiên bản ${v.version_no}.`);
      } catch (e) {
        // 002 Đ3.4: show the findings (each names the other regime and the units) instead
        if (e instanceof ApiError && e.code === 'E3012_DUPLICATE_REPORTING') {
          setFindings(await regimes.conflicts(view!.id));
          return;
        }
        throw e;
      }
    });
  const retire = () =>
    run(async () => {
      if (!confirm('Bãi bỏ chế độ báo cáo này? Các đơn vị sẽ không phải báo cáo nữa.')) return;
      const v = await regimes.retire(view!.id, view!.version);
      setView(v);
      setVersions((await regimes.versions(v.id)).items);
      setNotice('Đã bãi bỏ chế độ báo cáo.');
    });

  if (props.id && !view && !error) return <Spinner label="Đang tải…" />;
  const editingPublished = view && view.version_status !== 'draft';

  return (
    <section class="page rg-editor" aria-labelledby="rg-edit-title">
      <a class="back-link" href="/regimes" onClick={linkClick}>
        ‹ Danh sách chế độ báo cáo
      </a>
      <div class="page-head">
        <h1 id="rg-edit-title">{view ? view.name : 'Chế độ báo cáo mới'}</h1>
        {view && (
          <div class="badges">
            {statusBadge(view.status)} <span class="badge badge-muted">Phiên bản {view.version_no}: {STATUS_LABELS[view.version_status]}</span>
          </div>
        )}
      </div>
      {editingPublished && !ro && (
        <Notice>Phiên bản {view!.version_no} đã ban hành và không sửa được; khi lưu, hệ thống tạo phiên bản dự thảo mới.</Notice>
      )}
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      {findings && <Findings f={findings} />}

      <form
        class="rg-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset disabled={ro || busy}>
          <legend>1–2. Tên và nội dung báo cáo</legend>
          <div class="rg-grid">
            <Field label="Mã chế độ báo cáo" required>
              {(id) => <input id={id} value={r.code} onInput={(e) => set({ code: e.currentTarget.value })} />}
            </Field>
            <Field label="Nhóm chế độ (cùng một báo cáo)" hint="Hai chế độ cùng nhóm là cùng một báo cáo (Điều 3 khoản 4)">
              {(id, d) => <input id={id} aria-describedby={d} value={r.family} onInput={(e) => set({ family: e.currentTarget.value })} />}
            </Field>
            <Field label="Loại">
              {(id) => (
                <select id={id} value={r.kind} onChange={(e) => set({ kind: e.currentTarget.value as RegimeKind })}>
                  {Object.entries(KIND_LABELS).map(([k, l]) => (
                    <option key={k} value={k}>{l}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Tên báo cáo" required>
            {(id) => <input id={id} value={r.name} onInput={(e) => set({ name: e.currentTarget.value })} />}
          </Field>
          <Field label="Nội dung yêu cầu báo cáo">
            {(id) => <textarea id={id} rows={3} value={r.content} onInput={(e) => set({ content: e.currentTarget.value })} />}
          </Field>
        </fieldset>

        <fieldset disabled={ro || busy}>
          <legend>3–5. Đối tượng, cơ quan nhận, phương thức gửi</legend>
          <Field label="Mô tả đối tượng thực hiện (in trong danh mục)">
            {(id) => (
              <input id={id} value={r.reporting.description} onInput={(e) => set({ reporting: { ...r.reporting, description: e.currentTarget.value } })} />
            )}
          </Field>
          <Field label="Mã các đơn vị báo cáo" hint="Cách nhau bởi dấu phẩy, ví dụ 79.STC, 79.SYT">
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                value={r.reporting.codes.join(', ')}
                onChange={(e) => set({ reporting: { ...r.reporting, codes: splitCodes(e.currentTarget.value) } })}
              />
            )}
          </Field>
          {r.reporting.rules.map((u, i) => (
            <div class="rg-inline" key={i}>
              <label>
                Tất cả đơn vị loại{' '}
                <select
                  value={u.type || ''}
                  onChange={(e) => {
                    const rules = [...r.reporting.rules];
                    rules[i] = { ...u, type: e.currentTarget.value || null };
                    set({ reporting: { ...r.reporting, rules } });
                  }}
                >
                  {ORG_TYPES.map(([k, l]) => (
                    <option key={k} value={k}>{l}</option>
                  ))}
                </select>
              </label>
              <label>
                thuộc đơn vị (mã){' '}
                <input
                  size={8}
                  value={u.under}
                  onInput={(e) => {
                    const rules = [...r.reporting.rules];
                    rules[i] = { ...u, under: e.currentTarget.value };
                    set({ reporting: { ...r.reporting, rules } });
                  }}
                />
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={u.direct}
                  onChange={(e) => {
                    const rules = [...r.reporting.rules];
                    rules[i] = { ...u, direct: e.currentTarget.checked };
                    set({ reporting: { ...r.reporting, rules } });
                  }}
                />{' '}
                chỉ trực thuộc
              </label>
              <button type="button" class="btn btn-small" onClick={() => set({ reporting: { ...r.reporting, rules: r.reporting.rules.filter((_, j) => j !== i) } })}>
                Bỏ quy tắc
              </button>
            </div>
          ))}
          <button type="button" class="btn btn-small" onClick={() => set({ reporting: { ...r.reporting, rules: [...r.reporting.rules, { type: 'commune', under: '', direct: false }] } })}>
            Thêm quy tắc đơn vị
          </button>
          <div class="rg-grid">
            <Field label="Mã cơ quan nhận báo cáo">
              {(id) => <input id={id} value={r.receiving} onInput={(e) => set({ receiving: e.currentTarget.value })} />}
            </Field>
          </div>
          <div role="group" aria-label="Phương thức gửi, nhận báo cáo" class="rg-checks">
            <span class="rg-group-label">Phương thức gửi, nhận:</span>
            {(Object.keys(METHOD_LABELS) as SendMethod[]).map((m) => (
              <label class="check" key={m}>
                <input
                  type="checkbox"
                  checked={r.send_methods.includes(m)}
                  onChange={(e) =>
                    set({ send_methods: e.currentTarget.checked ? [...r.send_methods, m] : r.send_methods.filter((x) => x !== m) })
                  }
                />{' '}
                {METHOD_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset disabled={ro || busy}>
          <legend>6–8. Tần suất, thời gian chốt số liệu, thời hạn gửi</legend>
          <div class="rg-grid">
            <Field label="Tần suất">
              {(id) => (
                <select id={id} value={r.schedule.frequency || ''} onChange={(e) => setSched({ frequency: (e.currentTarget.value || null) as PeriodTypeId | null })}>
                  <option value="">Không định kỳ (theo yêu cầu)</option>
                  {FREQS.map((f) => (
                    <option key={f} value={f}>{FREQ_LABELS[f]}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Thời gian chốt số liệu">
              {(id) => (
                <select id={id} value={r.schedule.window} onChange={(e) => setSched({ window: e.currentTarget.value as Regime['schedule']['window'] })}>
                  <option value="regulation">Theo quy định (15 → 14)</option>
                  <option value="calendar">Theo lịch (ngày 1 → cuối kỳ)</option>
                  <option value="day_of_month">Ngày chốt riêng</option>
                </select>
              )}
            </Field>
            <Field label="Ngày chốt (ngày chốt riêng)">
              {(id) => <input id={id} type="number" min={1} max={31} value={r.schedule.cut_off_day} onInput={(e) => setSched({ cut_off_day: Number(e.currentTarget.value) })} />}
            </Field>
            <Field label="Số ngày làm việc đơn vị gửi">
              {(id) => <input id={id} type="number" min={1} max={60} value={r.schedule.unit_working_days} onInput={(e) => setSched({ unit_working_days: Number(e.currentTarget.value) })} />}
            </Field>
            <Field label="Số cấp tổng hợp">
              {(id) => <input id={id} type="number" min={1} max={10} value={r.schedule.levels} onInput={(e) => setSched({ levels: Number(e.currentTarget.value) })} />}
            </Field>
            <Field label="Hạn (báo cáo chuyên đề, đột xuất)">
              {(id) => <input id={id} type="date" value={r.schedule.due_date || ''} onInput={(e) => setSched({ due_date: e.currentTarget.value || null })} />}
            </Field>
          </div>
          <div role="group" aria-label="Báo cáo dài hơn của cùng chế độ" class="rg-checks">
            <span class="rg-group-label">Cùng chế độ còn báo cáo:</span>
            {FREQS.filter((f) => f !== r.schedule.frequency).map((f) => (
              <label class="check" key={f}>
                <input
                  type="checkbox"
                  checked={r.schedule.also.includes(f)}
                  onChange={(e) => setSched({ also: e.currentTarget.checked ? [...r.schedule.also, f] : r.schedule.also.filter((x) => x !== f) })}
                />{' '}
                {FREQ_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset disabled={ro || busy}>
          <legend>9. Đề cương báo cáo</legend>
          <SectionsEditor sections={r.outline} onChange={(outline) => set({ outline })} />
        </fieldset>

        <fieldset disabled={busy}>
          <legend>9. Biểu mẫu số liệu</legend>
          {r.forms.length === 0 && <p class="muted">Chưa có biểu mẫu.</p>}
          <ul class="rg-forms">
            {r.forms.map((f) => (
              <li key={f.code}>
                <strong class="mono">{f.code}</strong> {f.title}{' '}
                <span class="muted">({f.rows.length} chỉ tiêu, {f.columns.length} cột)</span>{' '}
                {view && (
                  <a href={`/regimes/${view.id}/forms/${encodeURIComponent(f.code)}`} onClick={linkClick}>
                    {ro ? 'Xem biểu' : 'Thiết kế biểu'}
                  </a>
                )}
              </li>
            ))}
          </ul>
          {view && !ro && (
            <div class="rg-inline">
              <label>
                Mã biểu mới{' '}
                <input size={8} value={newForm} onInput={(e) => setNewForm(e.currentTarget.value.trim())} />
              </label>
              <button
                type="button"
                class="btn btn-small"
                disabled={!newForm}
                onClick={() => navigate(`/regimes/${view.id}/forms/${encodeURIComponent(newForm)}`)}
              >
                Thêm biểu mẫu
              </button>
            </div>
          )}
        </fieldset>

        <fieldset disabled={ro || busy}>
          <legend>Hướng dẫn và căn cứ</legend>
          <Field label="Hướng dẫn thực hiện">
            {(id) => <textarea id={id} rows={3} value={r.instructions} onInput={(e) => set({ instructions: e.currentTarget.value })} />}
          </Field>
          <Field label="Văn bản quy định chế độ báo cáo">
            {(id) => <textarea id={id} rows={2} value={r.legal_basis} onInput={(e) => set({ legal_basis: e.currentTarget.value })} />}
          </Field>
        </fieldset>

        {!ro && (
          <div class="form-actions rg-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {view ? 'Lưu dự thảo' : 'Tạo dự thảo'}
            </button>
            {view && (
              <>
                <button type="button" class="btn" disabled={busy} onClick={check}>
                  Kiểm tra trùng lặp
                </button>
                {view.version_status === 'draft' && (
                  <button type="button" class="btn" disabled={busy} onClick={publish}>
                    Ban hành
                  </button>
                )}
                {view.status === 'published' && (
                  <button type="button" class="btn btn-danger" disabled={busy} onClick={retire}>
                    Bãi bỏ
                  </button>
                )}
              </>
            )}
          </div>
        )}
      </form>
      {versions.length > 0 && (
        <div class="card rg-versions">
          <h2 class="h-small">Các phiên bản</h2>
          <ul>
            {versions.map((v) => (
              <li key={v.number}>
                Phiên bản {v.number}: {STATUS_LABELS[v.status]} — tạo {fmtInstant(v.created_at)}
                {v.published_at ? `, ban hành ${fmtInstant(v.published_at)}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Findings(props: { f: { errors: Finding[]; warnings: Finding[] } }) {
  const { errors, warnings } = props.f;
  if (!errors.length && !warnings.length) return <Notice kind="ok">Không trùng lặp với chế độ báo cáo nào đang áp dụng.</Notice>;
  return (
    <div class="rg-findings" aria-label="Kết quả kiểm tra trùng lặp">
      {errors.map((f, i) => (
        <div class="alert alert-error" key={'e' + i}>
          <strong>Không được ban hành:</strong> {f.message}
        </div>
      ))}
      {warnings.map((f, i) => (
        <div class="alert alert-warn" key={'w' + i}>
          <strong>Cảnh báo:</strong> {f.message}
        </div>
      ))}
    </div>
  );
}

export function SectionsEditor(props: { sections: Section[]; onChange: (s: Section[]) => void; label?: string }) {
  const s = props.sections;
  const upd = (i: number, patch: Partial<Section>) => props.onChange(s.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div class="rg-sections">
      {s.map((x, i) => (
        <div class="rg-inline" key={i}>
          <input aria-label={`Mã mục ${i + 1}`} size={4} value={x.code} onInput={(e) => upd(i, { code: e.currentTarget.value })} />
          <input aria-label={`Tên mục ${i + 1}`} class="grow" value={x.title} onInput={(e) => upd(i, { title: e.currentTarget.value })} />
          <input aria-label={`Hướng dẫn mục ${i + 1}`} class="grow" placeholder="Hướng dẫn viết" value={x.guidance} onInput={(e) => upd(i, { guidance: e.currentTarget.value })} />
          <label class="check">
            <input type="checkbox" checked={x.required} onChange={(e) => upd(i, { required: e.currentTarget.checked })} /> bắt buộc
          </label>
          <button type="button" class="btn btn-small" onClick={() => props.onChange(s.filter((_, j) => j !== i))}>
            Xóa
          </button>
        </div>
      ))}
      <button
        type="button"
        class="btn btn-small"
        onClick={() => props.onChange([...s, { code: String(s.length + 1), title: '', guidance: '', required: true }])}
      >
        {props.label || 'Thêm mục'}
      </button>
    </div>
  );
}
