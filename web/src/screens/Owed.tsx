// Việc cần làm ("what do I owe", issue 5 point 2): the obligations of the units on which the
// user holds a reporting role, in the order the server sorts them (what the user must act on
// first, overdue first), each with its state, deadline (dd/mm/yyyy), days left or overdue in
// working days and calendar days, and the next step. Data: GET /api/v1/me/obligations.

import { useEffect, useState } from 'preact/hooks';
import { obligations, type OwedItem, type OwedList } from '../api/obligations';
import type { Me } from '../api/types';
import { reportPath } from '../api/reports';
import { ErrorBox, Notice, Spinner } from '../components';
import { linkClick } from '../router';
import { fmtDate } from '../format';
import { ReceivedSection } from './OwedReceived';
import { BackfillEntryDialog, mayBackfill, useOpenWindows } from './Backfill';
import { CascadeDialog, mayCascade } from './RequestForms';
import './owed.css';

type Filter = 'open' | 'all';

export function OwedScreen(props: { me: Me }) {
  const [data, setData] = useState<OwedList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<Filter>('open');
  const [cascading, setCascading] = useState<OwedItem | null>(null);
  const [backfilling, setBackfilling] = useState<OwedItem | null>(null);
  const [notice, setNotice] = useState('');
  const [reload, setReload] = useState(0);
  const windows = useOpenWindows();

  useEffect(() => {
    obligations
      .mine()
      .then(setData)
      .catch((e) => {
        setError(e);
        setData({ today: '', open: 0, overdue: 0, items: [] });
      });
  }, [reload]);

  const items = data ? data.items.filter((i) => filter === 'all' || !i.done) : [];
  return (
    <section class="owed" aria-labelledby="owed-title">
      <div class="page-head">
        <h1 id="owed-title">Việc cần làm</h1>
        {data && data.today && (
          <p class="muted owed-summary">
            Hôm nay {fmtDate(data.today)}: {data.open} báo cáo chưa gửi
            {data.overdue > 0 && (
              <>
                , trong đó <strong class="owed-overdue-count">{data.overdue} quá hạn</strong>
              </>
            )}
            .
          </p>
        )}
      </div>
      <ErrorBox error={error} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      {!data ? (
        <Spinner />
      ) : (
        <>
          <div class="owed-filter" role="group" aria-label="Hiển thị">
            <label>
              <input type="radio" name="owed-filter" checked={filter === 'open'} onChange={() => setFilter('open')} /> Chưa gửi
            </label>
            <label>
              <input type="radio" name="owed-filter" checked={filter === 'all'} onChange={() => setFilter('all')} /> Tất cả
            </label>
          </div>
          {items.length === 0 ? (
            <p class="owed-empty">
              {data.items.length === 0
                ? 'Bạn không có báo cáo nào phải thực hiện.'
                : 'Không còn báo cáo nào chưa gửi.'}
            </p>
          ) : (
            <ul class="owed-list" aria-label="Báo cáo phải thực hiện">
              {items.map((it) => (
                <OwedCard
                  key={it.key}
                  item={it}
                  onCascade={mayCascade(props.me, it) ? () => setCascading(it) : undefined}
                  onBackfill={windows.length > 0 && mayBackfill(props.me, it) ? () => setBackfilling(it) : undefined}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <ReceivedSection />
      {cascading && (
        <CascadeDialog
          item={cascading}
          onClose={() => setCascading(null)}
          onDone={(r) => {
            setCascading(null);
            setNotice(
              r.created > 0
                ? `Đã giao cho ${r.created} đơn vị, hạn nội bộ ${fmtDate(r.children[0]?.deadline)}.`
                : 'Các đơn vị đã được giao báo cáo này từ trước; không tạo thêm.',
            );
            setReload((n) => n + 1);
          }}
        />
      )}
      {backfilling && (
        <BackfillEntryDialog
          item={backfilling}
          windows={windows}
          onClose={() => setBackfilling(null)}
          onDone={(date) => {
            setBackfilling(null);
            setNotice(`Đã ghi nhận ngày gửi thực tế ${fmtDate(date)}.`);
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

function urgency(it: OwedItem): 'overdue' | 'soon' | 'ok' | 'done' {
  if (it.done) return 'done';
  if (it.countdown.overdue) return 'overdue';
  if (it.countdown.working_days <= 3) return 'soon';
  return 'ok';
}

const BADGE: Record<ReturnType<typeof urgency>, string> = {
  overdue: 'badge badge-danger',
  soon: 'badge badge-warn',
  ok: 'badge badge-ok',
  done: 'badge badge-muted',
};

function OwedCard(props: { item: OwedItem; onCascade?: () => void; onBackfill?: () => void }) {
  const it = props.item;
  const u = urgency(it);
  const heading = it.period ? `${it.regime_name} — ${it.period.label}` : it.title;
  return (
    <li class={`owed-card owed-${u}`}>
      <div class="owed-main">
        <h2 class="owed-title">
          <a href={reportPath(it.key)} onClick={linkClick}>
            {heading}
          </a>
        </h2>
        <p class="owed-units muted">
          {it.unit.name} → {it.receiving_unit.name}
        </p>
        <p class="owed-next">{it.next_step}</p>
      </div>
      <dl class="owed-facts">
        <div>
          <dt>Hạn gửi</dt>
          <dd class="owed-deadline">{fmtDate(it.deadline)}</dd>
        </div>
        <div>
          <dt>Thời gian</dt>
          <dd>
            <span class={BADGE[u]}>{it.countdown.text}</span>
          </dd>
        </div>
        <div>
          <dt>Trạng thái</dt>
          <dd>{it.state_label}</dd>
        </div>
      </dl>
      {(props.onCascade || props.onBackfill) && (
        <div class="owed-actions">
          {props.onCascade && (
            <button type="button" class="btn btn-small" onClick={props.onCascade}>
              Giao cho đơn vị cấp dưới
            </button>
          )}
          {props.onBackfill && (
            <button type="button" class="btn btn-small" onClick={props.onBackfill}>
              Nhập bù ngày gửi
            </button>
          )}
        </div>
      )}
    </li>
  );
}
