// Kỳ báo cáo: every period of a type within the year with its data cut-off window (002 Đ7) and
// deadlines of the reporting unit and each aggregation level (002 Đ8.1), marking the monthly
// periods a longer report replaces (002 Đ8.2). GET /calendar/periods.

import { useEffect, useState } from 'preact/hooks';
import { calendar } from '../api/calendar';
import type { PeriodSchedule, PeriodType, WindowRule } from '../api/calendar';
import { ErrorBox, Field, Spinner } from '../components';
import { fmtDate, todayISO } from '../format';
import { PERIOD_TYPES, WEEKDAY_LONG, fmtRange, isoWeekday, periodLabel } from './calendarData';

const ALSO: { id: PeriodType; label: string }[] = [
  { id: 'quarterly', label: 'Quý' },
  { id: 'six_monthly', label: '6 tháng' },
  { id: 'nine_monthly', label: '9 tháng' },
  { id: 'yearly', label: 'Năm' },
];

export function PeriodsPanel(props: { year: number }) {
  const [type, setType] = useState<PeriodType>('monthly');
  const [aggLevels, setAggLevels] = useState(2);
  const [windowRule, setWindowRule] = useState<WindowRule>('regulation');
  const [cutOffDay, setCutOffDay] = useState('14');
  const [also, setAlso] = useState<Set<PeriodType>>(new Set(ALSO.map((a) => a.id)));
  const [items, setItems] = useState<PeriodSchedule[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const day = Number(cutOffDay);
  const dayOk = Number.isInteger(day) && day >= 1 && day <= 31;
  const alsoParam = type === 'monthly' ? ALSO.filter((a) => also.has(a.id)).map((a) => a.id).join(',') : '';

  useEffect(() => {
    if (windowRule === 'day_of_month' && !dayOk) return;
    let live = true;
    setLoading(true);
    setError(null);
    calendar
      .periods({
        type,
        within: String(props.year),
        levels: aggLevels + 1,
        window: windowRule,
        cut_off_day: windowRule === 'day_of_month' ? day : undefined,
        also: alsoParam || undefined,
      })
      .then((r) => live && setItems(r.items))
      .catch((e) => {
        if (!live) return;
        setError(e);
        setItems([]);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [props.year, type, aggLevels, windowRule, day, alsoParam]);

  const today = todayISO();
  const replaced = items?.filter((p) => p.replaced_by).length || 0;

  return (
    <div class="periods">
      <form class="card periods-form" onSubmit={(e) => e.preventDefault()} aria-label="Chọn loại kỳ">
        <fieldset class="segmented">
          <legend>Loại kỳ báo cáo</legend>
          <div class="segmented-options">
            {PERIOD_TYPES.map((t) => (
              <label key={t.id} class={type === t.id ? 'on' : undefined}>
                <input type="radio" name="period-type" value={t.id} checked={type === t.id} onChange={() => setType(t.id)} />
                {t.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="periods-options">
          <Field label="Số cấp tổng hợp" hint="Mỗi cấp thêm 3 ngày làm việc (002 Đ8.1b)">
            {(id, hint) => (
              <select
                id={id}
                aria-describedby={hint}
                value={aggLevels}
                onChange={(e) => setAggLevels(Number((e.target as HTMLSelectElement).value))}
              >
                {[0, 1, 2, 3, 4].map((n) => (
                  <option key={n} value={n}>
                    {n === 0 ? 'Chỉ đơn vị báo cáo' : `${n} cấp`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Thời gian chốt số liệu" hint="002 Đ7; báo cáo thống kê dùng tháng dương lịch">
            {(id, hint) => (
              <select
                id={id}
                aria-describedby={hint}
                value={windowRule}
                onChange={(e) => setWindowRule((e.target as HTMLSelectElement).value as WindowRule)}
              >
                <option value="regulation">Quy định: ngày 15 tháng trước – ngày 14</option>
                <option value="calendar">Theo tháng dương lịch: ngày 1 – ngày cuối tháng</option>
                <option value="day_of_month">Ngày chốt riêng của chế độ báo cáo</option>
              </select>
            )}
          </Field>
          {windowRule === 'day_of_month' && (
            <Field label="Ngày chốt trong tháng" hint="Từ 1 đến 31">
              {(id, hint) => (
                <>
                  <input
                    id={id}
                    type="text"
                    inputMode="numeric"
                    maxLength={2}
                    aria-describedby={hint}
                    aria-invalid={!dayOk}
                    value={cutOffDay}
                    onInput={(e) => setCutOffDay((e.target as HTMLInputElement).value)}
                  />
                  {!dayOk && <p class="field-error">Ngày chốt phải là số từ 1 đến 31.</p>}
                </>
              )}
            </Field>
          )}
        </div>
        {type === 'monthly' && (
          <fieldset class="also">
            <legend>Chế độ báo cáo cũng có kỳ</legend>
            <div class="also-options">
              {ALSO.map((a) => (
                <label class="check" key={a.id}>
                  <input
                    type="checkbox"
                    checked={also.has(a.id)}
                    onChange={(e) => {
                      const s = new Set(also);
                      if ((e.target as HTMLInputElement).checked) s.add(a.id);
                      else s.delete(a.id);
                      setAlso(s);
                    }}
                  />
                  {a.label}
                </label>
              ))}
            </div>
            <p class="hint">
              Kỳ tháng có hạn gửi trùng hạn của kỳ quý, 6 tháng, 9 tháng hoặc năm thì không phải báo cáo (002 Đ8.2).
            </p>
          </fieldset>
        )}
      </form>

      <ErrorBox error={error} />
      {items === null ? (
        <Spinner label="Đang tính các kỳ…" />
      ) : (
        <>
          <p class="small muted periods-summary" aria-live="polite">
            {loading ? 'Đang tính…' : `${items.length} kỳ trong năm ${props.year}`}
            {!loading && replaced > 0 && `, ${replaced} kỳ tháng không phải báo cáo`}.
            {' '}Hạn gửi là ngày làm việc thứ 3 sau ngày chốt số liệu
            {type === 'weekly' ? '; báo cáo tuần hạn thứ Năm của tuần báo cáo (002 Đ8.1c)' : ''}; hạn rơi vào ngày nghỉ thì
            chuyển sang ngày làm việc tiếp theo (002 Đ8.3).
          </p>
          <div class="table-wrap">
            <table class="table periods-table">
              <thead>
                <tr>
                  <th scope="col">Kỳ báo cáo</th>
                  <th scope="col">Thời gian chốt số liệu</th>
                  <th scope="col">Hạn gửi báo cáo</th>
                  <th scope="col">Ghi chú</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => {
                  const current = p.start <= today && today <= p.end;
                  return (
                    <tr key={p.id} data-period={p.id} class={p.replaced_by ? 'replaced' : current ? 'current' : undefined}>
                      <th scope="row" data-label="Kỳ báo cáo">
                        <span class="period-name">{periodLabel(p.id)}</span>{' '}
                        <code class="period-id">{p.id}</code>
                      </th>
                      <td data-label="Thời gian chốt số liệu" class="nowrap">
                        {fmtRange(p.start, p.end)}
                      </td>
                      <td data-label="Hạn gửi báo cáo">
                        <ul class="deadlines">
                          {p.deadlines.map((d, k) => (
                            <li key={k}>
                              <span class="muted">{k === 0 ? 'Đơn vị báo cáo' : `Cấp tổng hợp ${k}`}:</span>{' '}
                              <span class="nowrap" title={WEEKDAY_LONG[isoWeekday(d) - 1]}>
                                {fmtDate(d)}
                              </span>
                            </li>
                          ))}
                          {p.approval_deadline && (
                            <li>
                              <span class="muted">Lãnh đạo phê duyệt:</span> {fmtDate(p.approval_deadline)}
                            </li>
                          )}
                        </ul>
                      </td>
                      <td data-label="Ghi chú">
                        {p.replaced_by ? (
                          <>
                            <span class="badge badge-warn">Không phải báo cáo</span>{' '}
                            <span class="replaced-note">
                              Trùng hạn, thay bằng báo cáo {periodLabel(p.replaced_by)} (002 Đ8.2)
                            </span>
                          </>
                        ) : current ? (
                          <span class="badge badge-ok">Đang trong thời gian chốt số liệu</span>
                        ) : (
                          ''
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
