// "Thông báo vận hành" (system administrators): publish, change and withdraw the notices shown
// to everyone — maintenance at least 24 hours ahead (004 Đ14.6), suspension of reporting
// (002 Đ17.1d), other information. The server checks the rules and answers in Vietnamese.

import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Field, Notice, parseViDate, Spinner } from '../components';
import { fmtInstant } from '../format';
import { notifyApi, notifyChanged, NOTIFY_CHANGED, type Announcement, type AnnouncementInput, type AnnouncementKind } from './api';

const KINDS: { id: AnnouncementKind; label: string; hint: string }[] = [
  { id: 'maintenance', label: 'Bảo trì, nâng cấp hệ thống', hint: 'Phải thông báo chậm nhất 24 giờ trước khi tiến hành (004 Đ14.6); cần thời điểm kết thúc.' },
  { id: 'suspension', label: 'Tạm ngưng báo cáo trên hệ thống', hint: 'Khi sự cố chưa khắc phục kịp (002 Đ17.1d); có thể bắt đầu ngay.' },
  { id: 'info', label: 'Thông báo khác', hint: 'Thay đổi kỳ báo cáo, thời hạn, nội dung… (001 Đ8.3).' },
];

/** "2026-03-14T15:00:00.000Z" → "14/03/2026 22:00" (Vietnam time), as typed in the form */
function toViText(iso: string | null): string {
  if (!iso) return '';
  const t = new Date(new Date(iso).getTime() + 7 * 3600 * 1000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

/** "14/03/2026 22:00" → "2026-03-14T22:00" (what the API reads as Vietnam time); null if invalid */
function fromViText(text: string): string | null {
  const m = /^\s*(\S+)\s+(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m || +m[2] > 23 || +m[3] > 59) return null;
  const day = parseViDate(m[1]);
  return day ? `${day}T${m[2].padStart(2, '0')}:${m[3]}` : null;
}

/** Reads a time field of the form; throws a Vietnamese error naming it. */
function instant(label: string, text: string): string {
  const v = fromViText(text);
  if (v === null) throw new Error(`${label}: cần ngày giờ dạng 14/03/2026 22:00, nhận "${text}"`);
  return v;
}

const empty = (): AnnouncementInput => ({ kind: 'maintenance', title: '', body: '', starts_at: '', ends_at: null });

export function AnnouncementsScreen() {
  const [items, setItems] = useState<Announcement[] | null>(null);
  const [form, setForm] = useState<AnnouncementInput>(empty());
  const [editing, setEditing] = useState<Announcement | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    const load = () => notifyApi.announcements().then((r) => setItems(r.items)).catch(setError);
    load();
    window.addEventListener(NOTIFY_CHANGED, load);
    return () => window.removeEventListener(NOTIFY_CHANGED, load);
  }, []);
  const set = (k: keyof AnnouncementInput, v: string) =>
    setForm({ ...form, [k]: k === 'ends_at' && v === '' ? null : v } as AnnouncementInput);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      const body: AnnouncementInput = {
        ...form,
        starts_at: instant('Bắt đầu', form.starts_at),
        ends_at: form.ends_at ? instant('Kết thúc', form.ends_at) : null,
      };
      if (editing) {
        await notifyApi.change(editing.id, { ...body, version: editing.version });
        setDone('Đã cập nhật thông báo.');
      } else {
        await notifyApi.publish(body);
        setDone('Đã đăng thông báo; mọi người dùng thấy ngay trên đầu trang.');
      }
      setForm(empty());
      setEditing(null);
      notifyChanged();
    } catch (err) {
      setError(err);
    }
  };
  const kind = KINDS.find((k) => k.id === form.kind)!;
  return (
    <section class="page">
      <h1>Thông báo vận hành</h1>
      <ErrorBox error={error} />
      {done && <Notice kind="ok">{done}</Notice>}
      <form class="panel announce-form" onSubmit={submit} aria-label={editing ? 'Sửa thông báo' : 'Đăng thông báo mới'}>
        <h2>{editing ? `Sửa thông báo số ${editing.id}` : 'Đăng thông báo mới'}</h2>
        <Field label="Loại thông báo" hint={kind.hint} required>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={form.kind} onChange={(e) => set('kind', e.currentTarget.value)}>
              {KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tiêu đề" required>
          {(id) => <input id={id} maxLength={200} value={form.title} onInput={(e) => set('title', e.currentTarget.value)} />}
        </Field>
        <Field label="Nội dung">
          {(id) => <textarea id={id} rows={3} value={form.body} onInput={(e) => set('body', e.currentTarget.value)} />}
        </Field>
        <div class="announce-times">
          <Field label="Bắt đầu (giờ Việt Nam)" hint="Ngày giờ, ví dụ 14/03/2026 22:00" required>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                inputMode="numeric"
                placeholder="dd/mm/yyyy hh:mm"
                value={form.starts_at}
                onInput={(e) => set('starts_at', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Kết thúc (giờ Việt Nam)" hint="Bắt buộc với bảo trì" required={form.kind === 'maintenance'}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                inputMode="numeric"
                placeholder="dd/mm/yyyy hh:mm"
                value={form.ends_at || ''}
                onInput={(e) => set('ends_at', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary">
            {editing ? 'Lưu thay đổi' : 'Đăng thông báo'}
          </button>
          {editing && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                setEditing(null);
                setForm(empty());
              }}
            >
              Hủy
            </button>
          )}
        </div>
      </form>
      <h2>Đang hiệu lực và sắp tới</h2>
      {!items ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p>Chưa có thông báo nào.</p>
      ) : (
        <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>Loại</th>
              <th>Tiêu đề</th>
              <th>Thời gian</th>
              <th>Trạng thái</th>
              <th>Đăng lúc</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>{a.kind_label}</td>
                <td>{a.title}</td>
                <td>
                  {fmtInstant(a.starts_at)}
                  {a.ends_at ? ` – ${fmtInstant(a.ends_at)}` : ''}
                </td>
                <td>{a.phase === 'current' ? 'Đang diễn ra' : 'Sắp tới'}</td>
                <td>{fmtInstant(a.published_at)}</td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => {
                      setEditing(a);
                      setForm({ kind: a.kind, title: a.title, body: a.body, starts_at: toViText(a.starts_at), ends_at: a.ends_at ? toViText(a.ends_at) : null });
                    }}
                  >
                    Sửa
                  </button>{' '}
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => {
                      if (confirm(`Gỡ thông báo "${a.title}"?`)) notifyApi.withdraw(a.id).then(notifyChanged).catch(setError);
                    }}
                  >
                    Gỡ
                  </button>
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
