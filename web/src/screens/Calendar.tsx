// Lịch báo cáo (issue 3 point 6): the year with holidays, compensatory and make-up days, lunar
// dates; each period's data cut-off window and deadlines; the operator's official schedule
// editor (calendar.write). Address: /calendar/:year?tab=nam|ky|chinh-thuc.

import { useEffect, useRef, useState } from 'preact/hooks';
import { calendar } from '../api/calendar';
import type { CalendarDay, LunarDate, OfficialSummary } from '../api/calendar';
import type { Me } from '../api/types';
import { ErrorBox, Spinner } from '../components';
import { fmtDate, todayISO } from '../format';
import { navigate } from '../router';
import { OfficialEditor } from './CalendarEditor';
import { PeriodsPanel } from './CalendarPeriods';
import {
  KIND_HINTS,
  KIND_LABELS,
  MAX_YEAR,
  MIN_YEAR,
  WEEKDAY_LONG,
  WEEKDAY_SHORT,
  canChi,
  daysInMonth,
  fmtDayLong,
  iso,
  isoWeekday,
  lunarLong,
  lunarOfYear,
  lunarShort,
} from './calendarData';
import type { DisplayKind } from './calendarData';
import './calendar.css';

type Tab = 'nam' | 'ky' | 'chinh-thuc';

const TABS: { id: Tab; label: string }[] = [
  { id: 'nam', label: 'Lịch năm' },
  { id: 'ky', label: 'Kỳ báo cáo' },
  { id: 'chinh-thuc', label: 'Lịch nghỉ chính thức' },
];

export function CalendarScreen(props: { me: Me; path: string; search: URLSearchParams }) {
  const canWrite = props.me.permissions.includes('calendar.write');
  const thisYear = Number(todayISO().slice(0, 4));
  const m = /^\/calendar\/(\d{4})$/.exec(props.path);
  const parsed = m ? Number(m[1]) : NaN;
  const year = parsed >= MIN_YEAR && parsed <= MAX_YEAR ? parsed : thisYear;
  const tabs = TABS.filter((t) => t.id !== 'chinh-thuc' || canWrite);
  const wanted = props.search.get('tab') as Tab | null;
  const tab: Tab = tabs.some((t) => t.id === wanted) ? (wanted as Tab) : 'nam';

  const go = (y: number, t: Tab = tab) => {
    const ny = Math.min(MAX_YEAR, Math.max(MIN_YEAR, y));
    navigate(`/calendar/${ny}${t === 'nam' ? '' : `?tab=${t}`}`);
  };

  // data of the year (reloaded after the official schedule changes); shown only for its year
  const [data, setData] = useState<{ year: number; days: CalendarDay[]; official: OfficialSummary | null; rest: number[] } | null>(null);
  const [lunar, setLunar] = useState<Map<string, LunarDate> | null>(null);
  const [lunarError, setLunarError] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([calendar.holidays(year), calendar.officialYears(), calendar.restDays()])
      .then(([h, o, r]) => {
        if (!live) return;
        setData({ year, days: h, official: o.items.find((s) => s.year === year) || null, rest: r.days });
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [year, reload]);

  useEffect(() => {
    let live = true;
    setLunar(null);
    setLunarError(false);
    lunarOfYear(year)
      .then((l) => live && setLunar(l))
      .catch(() => live && setLunarError(true));
    return () => {
      live = false;
    };
  }, [year]);

  const cur = data && data.year === year ? data : null;
  const yearLunar = lunar && lunar.has(`${year}-01-01`) ? lunar : null;

  return (
    <section class="page calendar" aria-labelledby="cal-title">
      <div class="page-head">
        <h1 id="cal-title">Lịch báo cáo năm {year}</h1>
        <YearSwitcher year={year} thisYear={thisYear} onChange={(y) => go(y)} />
      </div>
      <SourceLine year={year} official={cur?.official || null} loaded={cur !== null} lunar={yearLunar} />
      <ErrorBox error={error} />
      <Tabs tabs={tabs} current={tab} onChange={(t) => go(year, t)} />
      <div
        class="tab-panel"
        role="tabpanel"
        id={`cal-panel-${tab}`}
        aria-labelledby={`cal-tab-${tab}`}
        tabIndex={0}
      >
        {tab === 'nam' &&
          (cur ? (
            <YearView year={year} days={cur.days} rest={cur.rest} lunar={yearLunar} lunarError={lunarError} />
          ) : (
            !error && <Spinner label="Đang tải lịch…" />
          ))}
        {tab === 'ky' && <PeriodsPanel year={year} />}
        {tab === 'chinh-thuc' && canWrite && (
          <OfficialEditor key={year} year={year} onChanged={() => setReload((n) => n + 1)} />
        )}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------- header pieces

function YearSwitcher(props: { year: number; thisYear: number; onChange: (y: number) => void }) {
  const [text, setText] = useState(String(props.year));
  useEffect(() => setText(String(props.year)), [props.year]);
  const apply = () => {
    const n = Number(text.trim());
    if (Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR) {
      if (n !== props.year) props.onChange(n);
    } else setText(String(props.year));
  };
  return (
    <div class="year-switch" role="group" aria-label="Chọn năm">
      <button
        type="button"
        class="btn btn-small"
        aria-label={`Năm trước (${props.year - 1})`}
        title="Năm trước"
        disabled={props.year <= MIN_YEAR}
        onClick={() => props.onChange(props.year - 1)}
      >
        ‹ {props.year - 1}
      </button>
      <label class="sr-only" for="cal-year">
        Năm
      </label>
      <input
        id="cal-year"
        class="year-input"
        type="text"
        inputMode="numeric"
        maxLength={4}
        value={text}
        aria-describedby="cal-year-hint"
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            props.onChange(props.year + (e.key === 'ArrowUp' ? 1 : -1));
          }
        }}
      />
      <span id="cal-year-hint" class="sr-only">
        Gõ năm từ {MIN_YEAR} đến {MAX_YEAR} rồi nhấn Enter; phím mũi tên lên/xuống để sang năm sau/năm trước.
      </span>
      <button
        type="button"
        class="btn btn-small"
        aria-label={`Năm sau (${props.year + 1})`}
        title="Năm sau"
        disabled={props.year >= MAX_YEAR}
        onClick={() => props.onChange(props.year + 1)}
      >
        {props.year + 1} ›
      </button>
      {props.year !== props.thisYear && (
        <button type="button" class="btn btn-small" onClick={() => props.onChange(props.thisYear)}>
          Năm nay
        </button>
      )}
    </div>
  );
}

function SourceLine(props: {
  year: number;
  official: OfficialSummary | null;
  loaded: boolean;
  lunar: Map<string, LunarDate> | null;
}) {
  if (!props.loaded) return null;
  let tet: string | null = null;
  if (props.lunar) {
    for (const [d, l] of props.lunar) {
      if (l.month === 1 && l.day === 1 && !l.leap) {
        tet = d;
        break;
      }
    }
  }
  return (
    <p class="cal-source">
      {props.official ? (
        <>
          <span class="badge badge-ok">Lịch nghỉ chính thức</span>{' '}
          {props.official.source ? `Nguồn: ${props.official.source}` : `Đã nhập lịch nghỉ chính thức năm ${props.year}.`}
        </>
      ) : (
        <>
          <span class="badge badge-muted">Lịch tính theo luật</span> Chưa có lịch nghỉ chính thức năm {props.year}: ngày
          nghỉ được tính theo Bộ luật Lao động 2019 (Điều 111, 112).
        </>
      )}
      {tet && (
        <span class="cal-tet">
          {' '}
          Tết Nguyên đán {canChi(props.year)}: {fmtDayLong(tet)}.
        </span>
      )}
    </p>
  );
}

/** WAI-ARIA tabs: ←/→, Home/End move and activate; one tab stop */
function Tabs(props: { tabs: { id: Tab; label: string }[]; current: Tab; onChange: (t: Tab) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = props.tabs.findIndex((t) => t.id === props.current);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % props.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + props.tabs.length) % props.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = props.tabs.length - 1;
    if (j < 0) return;
    e.preventDefault();
    props.onChange(props.tabs[j].id);
    setTimeout(() => ref.current?.querySelector<HTMLElement>(`#cal-tab-${props.tabs[j].id}`)?.focus(), 0);
  };
  return (
    <div class="tabs" role="tablist" aria-label="Nội dung lịch" ref={ref} onKeyDown={onKeyDown}>
      {props.tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`cal-tab-${t.id}`}
          aria-selected={t.id === props.current}
          aria-controls={`cal-panel-${t.id}`}
          tabIndex={t.id === props.current ? 0 : -1}
          onClick={() => props.onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- year view

const MONTH_NAMES = Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`);

function YearView(props: {
  year: number;
  days: CalendarDay[];
  rest: number[];
  lunar: Map<string, LunarDate> | null;
  lunarError: boolean;
}) {
  const byDate = new Map<string, CalendarDay[]>();
  for (const d of props.days) {
    const list = byDate.get(d.date) || [];
    list.push(d);
    byDate.set(d.date, list);
  }
  const today = todayISO();
  const kindOf = (date: string): DisplayKind | undefined => {
    const list = byDate.get(date);
    if (list?.length) {
      // a listed day off wins over a make-up day on the same date (cannot happen in valid data)
      const off = list.find((d) => d.kind !== 'workday');
      return (off || list[0]).kind;
    }
    return props.rest.includes(isoWeekday(date)) ? 'rest' : undefined;
  };
  const daysOff = props.days.filter((d) => d.kind !== 'workday');
  const workdays = props.days.filter((d) => d.kind === 'workday');
  const onWeekdays = daysOff.filter((d) => !props.rest.includes(isoWeekday(d.date))).length;
  const restNames = props.rest
    .slice()
    .sort()
    .map((d) => WEEKDAY_LONG[d - 1]);

  return (
    <div class="cal-year">
      <div class="cal-months">
        {MONTH_NAMES.map((name, i) => (
          <MonthGrid
            key={i}
            year={props.year}
            month={i + 1}
            name={name}
            kindOf={kindOf}
            byDate={byDate}
            lunar={props.lunar}
            today={today}
          />
        ))}
      </div>
      <aside class="cal-side" aria-label="Chú giải và danh sách ngày nghỉ">
        <div class="card cal-legend-card">
          <h2 class="h-small" id="cal-legend">
            Chú giải
          </h2>
          <ul class="cal-legend" aria-labelledby="cal-legend">
            {(['statutory', 'compensatory', 'official', 'workday', 'rest'] as DisplayKind[]).map((k) => (
              <li key={k}>
                <span class={`swatch k-${k}`} aria-hidden="true" />
                <span>
                  <strong>{KIND_LABELS[k]}</strong>
                  <span class="muted">
                    {' '}
                    — {k === 'rest' ? restNames.join(', ') : KIND_HINTS[k]}
                  </span>
                </span>
              </li>
            ))}
            <li>
              <span class="swatch swatch-today" aria-hidden="true" />
              <span>
                <strong>Hôm nay</strong> <span class="muted">— {fmtDate(today)}</span>
              </span>
            </li>
            <li>
              <span class="swatch swatch-lunar" aria-hidden="true">
                1/1
              </span>
              <span class="muted">
                Số nhỏ: ngày âm lịch (ngày/tháng ở ngày mùng 1 và ngày đầu tháng dương lịch; N = tháng nhuận)
              </span>
            </li>
          </ul>
          {props.lunarError && <p class="small muted">Không tải được ngày âm lịch.</p>}
        </div>
        <div class="card">
          <h2 class="h-small" id="cal-list">
            Ngày nghỉ lễ và làm bù năm {props.year}
          </h2>
          <p class="small muted">
            {daysOff.length} ngày nghỉ ({onWeekdays} ngày rơi vào ngày làm việc)
            {workdays.length > 0 && `, ${workdays.length} ngày làm bù`}.
          </p>
          {props.days.length === 0 ? (
            <p class="muted">Không có ngày nghỉ lễ nào.</p>
          ) : (
            <ul class="holiday-list" aria-labelledby="cal-list">
              {props.days.map((d) => (
                <li key={d.date + d.kind} data-date={d.date}>
                  <span class={`swatch k-${d.kind}`} aria-hidden="true" />
                  <span class="holiday-text">
                    <span class="holiday-date">{fmtDayLong(d.date)}</span>
                    <span class="holiday-name">{d.name}</span>
                    <span class="holiday-kind">{KIND_LABELS[d.kind]}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </aside>
    </div>
  );
}

function MonthGrid(props: {
  year: number;
  month: number;
  name: string;
  kindOf: (date: string) => DisplayKind | undefined;
  byDate: Map<string, CalendarDay[]>;
  lunar: Map<string, LunarDate> | null;
  today: string;
}) {
  const n = daysInMonth(props.year, props.month);
  const lead = isoWeekday(iso(props.year, props.month, 1)) - 1;
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: n }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const capId = `cal-m-${props.month}`;
  return (
    <div class="month card">
      <table class="month-grid" aria-labelledby={capId}>
        <caption id={capId}>
          {props.name}
          <span class="sr-only"> năm {props.year}</span>
        </caption>
        <thead>
          <tr>
            {WEEKDAY_SHORT.map((w, i) => (
              <th key={w} scope="col" class={i >= 5 ? 'wkend' : undefined}>
                <abbr title={WEEKDAY_LONG[i]}>{w}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w, wi) => (
            <tr key={wi}>
              {w.map((d, i) =>
                d === null ? (
                  <td key={i} class="pad" />
                ) : (
                  <DayCell
                    key={i}
                    date={iso(props.year, props.month, d)}
                    day={d}
                    kind={props.kindOf(iso(props.year, props.month, d))}
                    entries={props.byDate.get(iso(props.year, props.month, d)) || []}
                    lunar={props.lunar?.get(iso(props.year, props.month, d))}
                    today={props.today}
                  />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DayCell(props: {
  date: string;
  day: number;
  kind: DisplayKind | undefined;
  entries: CalendarDay[];
  lunar: LunarDate | undefined;
  today: string;
}) {
  const l = props.lunar;
  const lunarText = l ? (l.day === 1 || props.day === 1 ? lunarShort(l) : String(l.day)) : '';
  const what = props.entries.map((e) => `${e.name} (${KIND_LABELS[e.kind]})`);
  if (!props.entries.length && props.kind === 'rest') what.push(KIND_LABELS.rest);
  const title = [fmtDayLong(props.date), ...what, l ? `Âm lịch: ${lunarLong(l)}` : ''].filter(Boolean).join('\n');
  const isToday = props.date === props.today;
  const cls = ['day', props.kind ? `k-${props.kind}` : '', isToday ? 'today' : '', l?.day === 1 ? 'lunar-first' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <td
      class={cls}
      data-date={props.date}
      data-kind={props.kind || 'work'}
      title={title}
      aria-current={isToday ? 'date' : undefined}
    >
      <span class="d-sol">{props.day}</span>
      {lunarText && (
        <span class="d-lun" aria-hidden="true">
          {lunarText}
        </span>
      )}
      {(what.length > 0 || l) && (
        <span class="sr-only">
          {what.length > 0 && `: ${what.join('; ')}`}
          {l && `; âm lịch ${lunarShort(l)}`}
        </span>
      )}
    </td>
  );
}
