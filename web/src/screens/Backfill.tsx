// Cửa sổ nhập bù (issue 5 point 9; 002 Đ5.4; 004 Đ9.4): after an outage the operator opens a
// window in which reports sent outside the system (paper, e-mail, document system) are entered
// with their true sending date and an explanation; compliance then counts that date. The
// operator's screen lists the windows and opens or closes them; BackfillEntryDialog is where a
// unit's leader or sender records the true date of one report (from "Việc cần làm").
// Data: GET/POST /api/v1/backfill-windows, POST …/{id}/close, POST /api/v1/obligations/{id}/backfill.

import { useEffect, useState } from 'preact/hooks';
import type { OwedItem } from '../api/obligations';
import { requests, type BackfillWindow } from '../api/requests';
import type { Me } from '../api/types';
import { badDates, DateInput, Dialog, ErrorBox, Field, Notice, Spinner } from '../components';
import { fmtDate, fmtInstant } from '../format';
import { useSubmit } from './RequestForms';
import './requests.css';

/** "hết ngày 29/11/2026" when the window runs to the end of a Vietnam day, else the instant. */
export function untilText(w: BackfillWindow): string {
  const t = Date.parse(w.closes_at);
  const vn = new Date(t + 7 * 3600_000);
  if (!w.closed_at && vn.getUTCHours() === 0 && vn.getUTCMinutes() === 0)
    return `hết ngày ${fmtDate(new Date(t + 7 * 3600_000 - 1).toISOString().slice(0, 10))}`;
  return fmtInstant(w.closes_at);
}

/** The windows accepting entries now (empty while loading or on error). */
export function useOpenWindows(): BackfillWindow[] {
  const [open, setOpen] = useState<BackfillWindow[]>([]);
  useEffect(() => {
    requests
      .windows()
      .then((r) => setOpen(r.items.filter((w) => w.open)))
      .catch(() => setOpen([]));
  }, []);
  return open;
}

/** The sender party of the reporting unit, or the operator (the server checks the tree). */
export function mayBackfill(me: Me, item: OwedItem): boolean {
  return me.grants.some(
    (g) =>
      g.role === 'system_admin' ||
      ((g.role === 'approver' || g.role === 'sender') && (g.unit_id === item.unit.id || g.include_subtree)),
  );
}

export function BackfillEntryDialog(props: {
  item: OwedItem;
  windows: BackfillWindow[];
  onClose: () => void;
  onDone: (date: string) => void;
}) {
  const it = props.item;
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const { error, busy, submit } = useSubmit(
    async () => {
      await requests.backfill(it.id, { true_sent_date: date, explanation: text });
      props.onDone(date);
    },
    () => badDates({ 'Ngày gửi thực tế': date }),
  );
  return (
    <Dialog title="Nhập bù ngày gửi báo cáo" onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>
          <strong>{it.period ? `${it.regime_name} — ${it.period.label}` : it.title}</strong>, hạn gửi {fmtDate(it.deadline)}.
        </p>
        <ul class="muted">
          {props.windows.map((w) => (
            <li key={w.id}>
              {w.reason}: hệ thống gián đoạn từ {fmtDate(w.outage_from)} đến {fmtDate(w.outage_to)}; nhận nhập bù đến {untilText(w)}.
            </li>
          ))}
        </ul>
        <ErrorBox error={error} />
        <Field label="Ngày gửi thực tế" required hint="Ngày đã gửi báo cáo ngoài hệ thống, trong thời gian hệ thống gián đoạn">
          {(id, hint) => <DateInput id={id} value={date} onChange={setDate} describedBy={hint} />}
        </Field>
        <Field label="Giải trình" required hint="Đã gửi bằng cách nào: số công văn, thư điện tử…">
          {(id, hint) => (
            <textarea
              id={id}
              rows={3}
              maxLength={1000}
              aria-describedby={hint}
              value={text}
              onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang ghi…' : 'Ghi nhận'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function BackfillScreen(_props: { me: Me }) {
  const [items, setItems] = useState<BackfillWindow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [opening, setOpening] = useState(false);
  const [notice, setNotice] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    requests
      .windows()
      .then((r) => setItems(r.items))
      .catch((e) => {
        setError(e);
        setItems([]);
      });
  }, [reload]);

  const close = async (w: BackfillWindow) => {
    setError(null);
    try {
      await requests.closeWindow(w.id);
      setNotice(`Đã đóng đợt nhập bù «${w.reason}».`);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="backfill" aria-labelledby="backfill-title">
      <div class="page-head">
        <h1 id="backfill-title">Cửa sổ nhập bù</h1>
        <button type="button" class="btn btn-primary" onClick={() => setOpening(true)}>
          Mở đợt nhập bù
        </button>
      </div>
      <p class="muted">
        Khi hệ thống gặp sự cố, đơn vị gửi báo cáo bằng văn bản giấy hoặc thư điện tử (002 Đ5.4; 004 Đ9.4). Trong đợt
        nhập bù, đơn vị nhập ngày gửi thực tế và giải trình; tình hình gửi báo cáo tính theo ngày đó.
      </p>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      {!items ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p class="muted">Chưa có đợt nhập bù nào.</p>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Các đợt nhập bù">
            <thead>
              <tr>
                <th scope="col">Lý do</th>
                <th scope="col">Thời gian sự cố</th>
                <th scope="col">Mở lúc</th>
                <th scope="col">Nhận nhập bù đến</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">
                  <span class="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td>{w.reason}</td>
                  <td>
                    {fmtDate(w.outage_from)} – {fmtDate(w.outage_to)}
                  </td>
                  <td>{fmtInstant(w.opened_at)}</td>
                  <td>{untilText(w)}</td>
                  <td>{w.open ? <span class="backfill-open">Đang mở</span> : w.closed_at ? 'Đã đóng' : 'Hết hạn'}</td>
                  <td>
                    {w.open && (
                      <button type="button" class="btn btn-small" onClick={() => close(w)}>
                        Đóng
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {opening && (
        <OpenWindowDialog
          onClose={() => setOpening(false)}
          onDone={(w) => {
            setOpening(false);
            setNotice(`Đã mở đợt nhập bù, nhận đến ${untilText(w)}.`);
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

function OpenWindowDialog(props: { onClose: () => void; onDone: (w: BackfillWindow) => void }) {
  const [f, setF] = useState({ reason: '', outage_from: '', outage_to: '', open_until: '' });
  const { error, busy, submit } = useSubmit(
    async () => props.onDone(await requests.openWindow(f)),
    () =>
      badDates({
        'Sự cố từ ngày': f.outage_from,
        'Sự cố đến ngày': f.outage_to,
        'Nhận nhập bù đến ngày': f.open_until,
      }),
  );
  return (
    <Dialog title="Mở đợt nhập bù" onClose={props.onClose}>
      <form onSubmit={submit}>
        <ErrorBox error={error} />
        <Field label="Lý do (sự cố đã xảy ra)" required>
          {(id) => (
            <input id={id} value={f.reason} maxLength={500} onInput={(e) => setF({ ...f, reason: (e.target as HTMLInputElement).value })} />
          )}
        </Field>
        <div class="grid2">
          <Field label="Sự cố từ ngày" required>
            {(id) => <DateInput id={id} value={f.outage_from} onChange={(v) => setF({ ...f, outage_from: v })} />}
          </Field>
          <Field label="Sự cố đến ngày" required>
            {(id) => <DateInput id={id} value={f.outage_to} onChange={(v) => setF({ ...f, outage_to: v })} />}
          </Field>
        </div>
        <Field label="Nhận nhập bù đến ngày" required hint="Hết ngày này (giờ Việt Nam) thì đợt nhập bù tự đóng">
          {(id, hint) => <DateInput id={id} value={f.open_until} onChange={(v) => setF({ ...f, open_until: v })} describedBy={hint} />}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang mở…' : 'Mở đợt nhập bù'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
