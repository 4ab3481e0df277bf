// Lịch nghỉ chính thức (calendar.write): the government's schedule of one year, which replaces
// the computed days of that year entirely. Edit a draft (add/remove days), save (PUT), delete,
// import a CSV/JSON file (POST …/official/import; per-line errors), export CSV/JSON.
// Without a stored schedule the draft starts from the computed days, so saving one added day
// never drops the statutory holidays by accident.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { calendar } from '../api/calendar';
import type { CalendarDay, CalendarExportFormat, DayKind, OfficialSummary } from '../api/calendar';
import { BAD_DATE, DateInput, Dialog, ErrorBox, Field, Notice, Spinner, saveBlob } from '../components';
import { fmtDate, fmtNumber } from '../format';
import { KIND_LABELS, fmtDayLong, isoWeekday } from './calendarData';

const EDIT_KINDS: { id: DayKind; label: string }[] = [
  { id: 'official', label: 'Ngày nghỉ chính thức' },
  { id: 'workday', label: 'Ngày làm bù (đi làm)' },
  { id: 'statutory', label: 'Nghỉ lễ' },
  { id: 'compensatory', label: 'Nghỉ bù' },
];

function sortDays(days: CalendarDay[]): CalendarDay[] {
  return days.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function sameDays(a: CalendarDay[], b: CalendarDay[]): boolean {
  return a.length === b.length && a.every((d, i) => d.date === b[i].date && d.kind === b[i].kind && d.name === b[i].name);
}

export function OfficialEditor(props: { year: number; onChanged: () => void }) {
  const { year } = props;
  /** stored schedule: undefined = loading, null = none stored */
  const [stored, setStored] = useState<{ source: string; days: CalendarDay[] } | null | undefined>(undefined);
  const [draft, setDraft] = useState<CalendarDay[]>([]);
  const [source, setSource] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [rest, setRest] = useState<number[]>([6, 7]);

  const load = async (message = '') => {
    setLoadError(null);
    try {
      const [list, r] = await Promise.all([calendar.officialYears(), calendar.restDays()]);
      setRest(r.days);
      if (list.items.some((s: OfficialSummary) => s.year === year)) {
        const s = await calendar.official(year);
        const days = sortDays(s.days);
        setStored({ source: s.source || '', days });
        setDraft(days);
        setSource(s.source || '');
      } else {
        const computed = await calendar.holidays(year);
        setStored(null);
        setDraft(sortDays(computed));
        setSource('');
      }
      setNotice(message);
    } catch (e) {
      setLoadError(e);
    }
  };

  useEffect(() => {
    void load();
  }, [year]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (stored === undefined) return <Spinner label="Đang tải lịch nghỉ chính thức…" />;

  const dirty = stored === null || !sameDays(draft, stored.days) || source !== stored.source;

  const save = async () => {
    setSaveError(null);
    setNotice('');
    if (!draft.length) {
      setSaveError(
        new Error(
          'Lịch nghỉ chính thức không có ngày nào. Muốn trở lại lịch tính theo luật, hãy dùng “Xóa lịch chính thức”.',
        ),
      );
      return;
    }
    setBusy(true);
    try {
      const sorted = sortDays(draft);
      const r = await calendar.putOfficial(year, { year, source: source.trim(), days: sorted });
      const days = sortDays(r.days);
      setStored({ source: r.source || '', days });
      setDraft(days);
      setSource(r.source || '');
      setNotice(`Đã lưu lịch nghỉ chính thức năm ${year} (${days.length} ngày).`);
      props.onChanged();
    } catch (e) {
      setSaveError(withDayNames(e, sortDays(draft)));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      await calendar.deleteOfficial(year);
      setConfirmDelete(false);
      await load(`Đã xóa lịch nghỉ chính thức năm ${year}: ngày nghỉ trở lại lịch tính theo Bộ luật Lao động 2019.`);
      props.onChanged();
    } catch (e) {
      setConfirmDelete(false);
      setSaveError(e);
    } finally {
      setBusy(false);
    }
  };

  const revert = () => {
    setSaveError(null);
    if (stored) {
      setDraft(stored.days);
      setSource(stored.source);
    } else void load();
  };

  const offCount = draft.filter((d) => d.kind !== 'workday').length;
  const workCount = draft.length - offCount;

  return (
    <div class="official">
      <div class="official-main card">
        <div class="section-head">
          <h2 class="h-small">Lịch nghỉ chính thức năm {year}</h2>
          {stored ? (
            <span class="badge badge-ok">Đã lưu</span>
          ) : (
            <span class="badge badge-muted">Chưa có</span>
          )}
        </div>
        {stored === null && (
          <Notice kind="info">
            Năm {year} chưa có lịch nghỉ chính thức. Bản nháp dưới đây lấy từ lịch tính theo Bộ luật Lao động 2019; sửa
            theo văn bản công bố rồi bấm “Lưu lịch chính thức”. Lịch chính thức thay toàn bộ ngày nghỉ tính theo luật của
            năm.
          </Notice>
        )}
        {notice && <Notice kind="ok">{notice}</Notice>}
        <ErrorBox error={saveError} />

        <Field label="Văn bản công bố" hint="Ví dụ: Văn bản 12729/VPCP-KGVX ngày 25/12/2025">
          {(id, hint) => (
            <input
              id={id}
              type="text"
              maxLength={2000}
              aria-describedby={hint}
              value={source}
              onInput={(e) => setSource((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>

        <p class="small muted" aria-live="polite">
          {draft.length} ngày: {offCount} ngày nghỉ, {workCount} ngày làm bù.
          {dirty && <strong class="unsaved"> Có thay đổi chưa lưu.</strong>}
        </p>
        <div class="table-wrap">
          <table class="table official-table">
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Loại</th>
                <th scope="col">Tên</th>
                <th scope="col">
                  <span class="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.length === 0 && (
                <tr>
                  <td colSpan={4} class="muted">
                    Chưa có ngày nào.
                  </td>
                </tr>
              )}
              {draft.map((d) => (
                <tr key={d.date} data-date={d.date}>
                  <td class="nowrap">{fmtDayLong(d.date)}</td>
                  <td>
                    <span class={`kind-tag k-${d.kind}`}>{KIND_LABELS[d.kind]}</span>
                  </td>
                  <td>{d.name}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="btn-link danger"
                      aria-label={`Bỏ ngày ${fmtDate(d.date)}`}
                      onClick={() => setDraft(draft.filter((x) => x.date !== d.date))}
                    >
                      Bỏ
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <AddDayForm year={year} draft={draft} rest={rest} onAdd={(d) => setDraft(sortDays([...draft, d]))} />

        <div class="official-actions">
          <button type="button" class="btn btn-primary" disabled={busy || !dirty} onClick={save}>
            {busy ? 'Đang lưu…' : 'Lưu lịch chính thức'}
          </button>
          <button type="button" class="btn" disabled={busy || !dirty} onClick={revert}>
            Hoàn tác thay đổi
          </button>
          {stored && (
            <button type="button" class="btn btn-danger" disabled={busy} onClick={() => setConfirmDelete(true)}>
              Xóa lịch chính thức
            </button>
          )}
        </div>
      </div>

      <div class="official-side">
        <ImportCard year={year} onImported={(msg) => void load(msg).then(props.onChanged)} />
        <ExportCard year={year} hasOfficial={stored !== null} />
      </div>

      {confirmDelete && (
        <Dialog title={`Xóa lịch nghỉ chính thức năm ${year}?`} onClose={() => setConfirmDelete(false)}>
          <p>
            Các ngày nghỉ năm {year} sẽ trở lại lịch tính theo Bộ luật Lao động 2019. Hạn gửi báo cáo của các kỳ có thể
            thay đổi theo.
          </p>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setConfirmDelete(false)}>
              Hủy
            </button>
            <button type="button" class="btn btn-danger" disabled={busy} onClick={remove}>
              Xóa lịch chính thức
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** a 422 of PUT names days by index (days[i], in date order): name them by date instead */
function withDayNames(e: unknown, sent: CalendarDay[]): unknown {
  if (!(e instanceof ApiError) || !e.problem.errors?.length) return e;
  const errors = e.problem.errors.map((it) => {
    const m = /^days\[(\d+)\]/.exec(it.field || '');
    const d = m ? sent[Number(m[1])] : undefined;
    return d ? { message: `Ngày ${fmtDate(d.date)}: ${it.message}` } : it;
  });
  return new ApiError({ ...e.problem, errors });
}

function AddDayForm(props: { year: number; draft: CalendarDay[]; rest: number[]; onAdd: (d: CalendarDay) => void }) {
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<DayKind>('official');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    if (!date || date === BAD_DATE) return setError('Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/' + props.year + '.');
    if (!date.startsWith(`${props.year}-`)) return setError(`Ngày ${fmtDate(date)} không thuộc năm ${props.year}.`);
    if (props.draft.some((d) => d.date === date)) return setError(`Ngày ${fmtDate(date)} đã có trong lịch.`);
    if (kind === 'workday' && !props.rest.includes(isoWeekday(date)))
      return setError(`Ngày ${fmtDayLong(date)} vốn là ngày làm việc, không phải ngày làm bù.`);
    if (!name.trim()) return setError('Nhập tên ngày (ví dụ: Tết Nguyên đán, Làm bù cho thứ Sáu 02/01).');
    setError('');
    props.onAdd({ date, kind, name: name.trim() });
    setDate('');
    setName('');
  };
  return (
    <form class="add-day" onSubmit={submit} noValidate aria-label="Thêm ngày vào lịch">
      <h3>Thêm ngày</h3>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <div class="add-day-row">
        <Field label="Ngày">{(id) => <DateInput id={id} value={date} onChange={setDate} />}</Field>
        <Field label="Loại ngày">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as DayKind)}>
              {EDIT_KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tên ngày">
          {(id) => (
            <input
              id={id}
              type="text"
              maxLength={200}
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <div class="add-day-btn">
          <button type="submit" class="btn">
            Thêm ngày
          </button>
        </div>
      </div>
      <p class="hint">Ngày thêm vào bản nháp; bấm “Lưu lịch chính thức” để ghi.</p>
    </form>
  );
}

function formatOf(name: string): CalendarExportFormat {
  return /\.json$/i.test(name) ? 'json' : 'csv';
}

function ImportCard(props: { year: number; onImported: (message: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    if (!file) return setError(new Error('Vui lòng chọn tệp cần nhập.'));
    setBusy(true);
    try {
      const r = await calendar.importOfficial(file, formatOf(file.name));
      const msg =
        'Đã nhập lịch nghỉ chính thức ' +
        r.items
          .map((s) => `năm ${s.year}: ${fmtNumber(s.days_off)} ngày nghỉ, ${fmtNumber(s.workdays)} ngày làm bù`)
          .join('; ') +
        '.';
      setDone(msg);
      props.onImported(msg);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="cal-import-title">
      <h2 class="h-small" id="cal-import-title">
        Nhập từ tệp
      </h2>
      <p class="small muted">
        Tệp CSV các cột <code>date,kind,name</code> (ngày YYYY-MM-DD; loại <code>official</code>, <code>workday</code>,{' '}
        <code>statutory</code> hoặc <code>compensatory</code>; dòng bắt đầu bằng # là chú thích, dòng # đầu tiên là văn
        bản công bố) hoặc tệp JSON đã xuất. Mỗi năm có trong tệp thay lịch đã có; tệp có lỗi thì không ghi gì.
      </p>
      {done && <Notice kind="ok">{done}</Notice>}
      <ErrorBox error={error} />
      <Field label="Tệp lịch nghỉ">
        {(id) => (
          <div class="file-pick">
            <input
              id={id}
              class="sr-only"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(e) => {
                setFile((e.target as HTMLInputElement).files?.[0] || null);
                setDone('');
                setError(null);
              }}
            />
            <label for={id} class="btn" aria-hidden="true">
              Chọn tệp…
            </label>
            <span class="file-name">{file ? file.name : 'Chưa chọn tệp'}</span>
          </div>
        )}
      </Field>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? 'Đang nhập…' : 'Nhập lịch'}
      </button>
    </form>
  );
}

function ExportCard(props: { year: number; hasOfficial: boolean }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: CalendarExportFormat) => {
    setError(null);
    setBusy(true);
    try {
      const { blob, filename } = await calendar.exportOfficial(props.year, format);
      saveBlob(blob, filename);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card">
      <h2 class="h-small">Xuất lịch năm {props.year}</h2>
      <p class="small muted">
        {props.hasOfficial
          ? 'Tải lịch nghỉ chính thức đã lưu.'
          : 'Chưa có lịch chính thức: tệp xuất là lịch tính theo luật, có thể sửa rồi nhập lại.'}
      </p>
      <ErrorBox error={error} />
      <div class="page-actions">
        <button type="button" class="btn" disabled={busy} onClick={() => run('csv')}>
          Xuất CSV
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => run('json')}>
          Xuất JSON
        </button>
      </div>
    </div>
  );
}
