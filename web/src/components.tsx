// Shared UI pieces: modal dialog with focus trap, error box, form field, unit/user pickers.

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, orgs, users as usersApi } from './api/client';
import type { OrgUnit, ProblemItem, User } from './api/types';
import { fmtNumber, fmtValidity, fold } from './format';
import { FIELD_LABELS } from './labels';

// ---------------------------------------------------------------- dialog

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
  describedBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dlg = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    if (!dlg.open) dlg.showModal();
    const first =
      dlg.querySelector<HTMLElement>('[autofocus]') ||
      dlg.querySelector<HTMLElement>('.dialog-body ' + FOCUSABLE.split(', ').join(', .dialog-body ')) ||
      dlg.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (dlg.open) dlg.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = Array.from(ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (el) => el.offsetParent !== null || el === document.activeElement,
    );
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      class={props.wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon-btn" aria-label="Đóng" title="Đóng (Esc)" onClick={props.onClose}>
          ×
        </button>
      </div>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}

// ---------------------------------------------------------------- errors

export function ErrorBox(props: { error: unknown; children?: ComponentChildren }) {
  if (!props.error) return null;
  const e = props.error;
  let detail: string;
  let items: ProblemItem[] = [];
  if (e instanceof ApiError) {
    detail = e.problem.detail || e.problem.title || e.message;
    items = e.problem.errors || [];
  } else if (e instanceof Error) detail = e.message;
  else detail = String(e);
  // a single item that only repeats the detail adds nothing
  const showItems = items.length > 1 || (items.length === 1 && !detail.includes(items[0].message));
  // several items already say everything the long detail says: lead with the short title
  if (items.length > 1 && e instanceof ApiError && e.problem.title) detail = e.problem.title;
  return (
    <div class="alert alert-error" role="alert">
      <p>{detail}</p>
      {showItems && (
        <ul class="error-items">
          {items.map((it, i) => (
            <li key={i}>
              {it.row !== undefined && <strong>Dòng {it.row}: </strong>}
              {it.field && it.row === undefined && !repeats(it.message, it.field) && (
                <strong>{FIELD_LABELS[it.field] || it.field}: </strong>
              )}
              {it.message}
            </li>
          ))}
        </ul>
      )}
      {props.children}
    </div>
  );
}

/** the message already names its field/row ("Dòng 3: …"), no need to prefix it */
function repeats(message: string, field: string): boolean {
  const f = fold(FIELD_LABELS[field] || field);
  return fold(message).startsWith(f) || fold(message).includes(`'${fold(field)}'`);
}

export function Notice(props: { kind?: 'ok' | 'info' | 'warn'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.kind || 'info'}`} role="status">
      {props.children}
    </div>
  );
}

// ---------------------------------------------------------------- form field

export function Field(props: {
  label: string;
  hint?: string;
  required?: boolean;
  children: (id: string, describedBy?: string) => ComponentChildren;
}) {
  const id = useId();
  const hintId = props.hint ? id + '-hint' : undefined;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && (
          <span class="req" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {props.children(id, hintId)}
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Spinner(props: { label?: string }) {
  return (
    <span class="spinner" role="status">
      <span class="spinner-dot" aria-hidden="true" />
      {props.label || 'Đang tải…'}
    </span>
  );
}

// ---------------------------------------------------------------- combobox pickers

interface PickerProps<T> {
  id: string;
  value: T | null;
  onChange: (v: T | null) => void;
  placeholder: string;
  search: (q: string) => Promise<T[]>;
  render: (v: T) => ComponentChildren;
  text: (v: T) => string;
  keyOf: (v: T) => number;
  describedBy?: string;
  required?: boolean;
}

function Picker<T>(p: PickerProps<T>) {
  const [q, setQ] = useState(p.value ? p.text(p.value) : '');
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [err, setErr] = useState('');
  const seq = useRef(0);
  const listId = p.id + '-list';

  useEffect(() => {
    setQ(p.value ? p.text(p.value) : '');
  }, [p.value && p.keyOf(p.value)]);

  const runSearch = (text: string) => {
    const my = ++seq.current;
    setLoading(true);
    setErr('');
    p.search(text)
      .then((r) => {
        if (my !== seq.current) return;
        setItems(r);
        setActive(r.length ? 0 : -1);
        setOpen(true);
      })
      .catch((e) => {
        if (my !== seq.current) return;
        setErr(e instanceof Error ? e.message : String(e));
        setItems([]);
      })
      .finally(() => my === seq.current && setLoading(false));
  };

  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => runSearch(q.trim()), 200);
    return () => clearTimeout(t);
  }, [q, open]);

  const choose = (v: T) => {
    p.onChange(v);
    setQ(p.text(v));
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && items[active]) {
        e.preventDefault();
        choose(items[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    }
  };

  return (
    <div class="picker">
      <input
        id={p.id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={p.describedBy}
        aria-required={p.required}
        placeholder={p.placeholder}
        value={q}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setOpen(true);
          if (p.value) p.onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul class="picker-list" id={listId} role="listbox">
          {loading && items.length === 0 && <li class="picker-empty">Đang tìm…</li>}
          {err && <li class="picker-empty">{err}</li>}
          {!loading && !err && items.length === 0 && <li class="picker-empty">Không tìm thấy</li>}
          {items.map((it, i) => (
            <li
              key={p.keyOf(it)}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(it);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {p.render(it)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function UnitPicker(props: {
  id: string;
  value: OrgUnit | null;
  onChange: (u: OrgUnit | null) => void;
  describedBy?: string;
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <Picker<OrgUnit>
      {...props}
      placeholder={props.placeholder || 'Gõ tên hoặc mã đơn vị (có thể không dấu)'}
      search={async (q) => (await orgs.list(q ? { q, limit: 20 } : { roots: true, limit: 20 })).items}
      text={(u) => `${u.name} (${u.code})`}
      keyOf={(u) => u.id}
      render={(u) => (
        <span class="opt">
          <span class="opt-main">{u.name}</span>
          <span class="opt-sub">
            {u.code} · {u.type_label}
            {u.valid_to ? ` · ${fmtValidity(u.valid_from, u.valid_to)}` : ''}
          </span>
        </span>
      )}
    />
  );
}

export function UserPicker(props: {
  id: string;
  value: User | null;
  onChange: (u: User | null) => void;
  describedBy?: string;
}) {
  return (
    <Picker<User>
      {...props}
      placeholder="Gõ tên hoặc tên đăng nhập"
      search={async (q) => (await usersApi.list({ q: q || undefined, limit: 20 })).items}
      text={(u) => `${u.full_name} (${u.username})`}
      keyOf={(u) => u.id}
      render={(u) => (
        <span class="opt">
          <span class="opt-main">{u.full_name}</span>
          <span class="opt-sub">
            {u.username} · {u.unit_name}
          </span>
        </span>
      )}
    />
  );
}

/** trigger a browser download of a blob */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------- date input (dd/mm/yyyy)

/** "14/03/2026" → "2026-03-14"; '' → ''; anything else → null */
export function parseViDate(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const d = +m[1];
  const mo = +m[2];
  const y = +m[3];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isoToVi(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export const BAD_DATE = 'invalid';

/**
 * A date typed as dd/mm/yyyy whatever the browser's language (a native <input type=date>
 * shows mm/dd/yyyy in an English browser). `onChange` gets "YYYY-MM-DD", '' when empty,
 * or BAD_DATE while the text is not a valid date.
 */
export function DateInput(props: {
  id: string;
  value: string;
  onChange: (iso: string) => void;
  describedBy?: string;
}) {
  const [text, setText] = useState(props.value && props.value !== BAD_DATE ? isoToVi(props.value) : '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    if (props.value !== BAD_DATE && parseViDate(text) !== props.value) {
      setText(props.value ? isoToVi(props.value) : '');
      setBad(false);
    }
  }, [props.value]);
  const errId = props.id + '-err';
  return (
    <>
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        placeholder="dd/mm/yyyy"
        autoComplete="off"
        maxLength={10}
        aria-invalid={bad}
        aria-describedby={[props.describedBy, bad ? errId : ''].filter(Boolean).join(' ') || undefined}
        value={text}
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          const iso = parseViDate(v);
          if (iso !== null) setBad(false);
          props.onChange(iso === null ? BAD_DATE : iso);
        }}
        onBlur={() => setBad(parseViDate(text) === null)}
      />
      {bad && (
        <p class="field-error" id={errId}>
          Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm, ví dụ 14/03/2026.
        </p>
      )}
    </>
  );
}

/** an Error naming the first field whose DateInput holds an invalid date, else null */
export function badDates(fields: Record<string, string>): Error | null {
  for (const [label, v] of Object.entries(fields))
    if (v === BAD_DATE) return new Error(`Trường “${label}”: ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 14/03/2026).`);
  return null;
}

// ---------------------------------------------------------------- form submit, file choice

/**
 * The submit handler of a form: prevents the page load, clears the previous error, sets `busy`
 * while `action` runs and keeps what it throws in `error` (for ErrorBox). Call it on every
 * render: `submit` always runs the latest `action`.
 */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e?: Event) => {
    e?.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

/** A file input shown as a "Chọn tệp…" button with the chosen file's name and size. */
export function FilePick(props: { id: string; accept: string; file: File | null; onChange: (f: File | null) => void }) {
  return (
    <div class="file-pick">
      <input
        id={props.id}
        class="sr-only"
        type="file"
        accept={props.accept}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).files?.[0] || null)}
      />
      <label for={props.id} class="btn" aria-hidden="true">
        Chọn tệp…
      </label>
      <span class="file-name">
        {props.file ? `${props.file.name} (${fmtNumber(Math.ceil(props.file.size / 1024))} KB)` : 'Chưa chọn tệp'}
      </span>
    </div>
  );
}

/** The buttons under a form: cancel (or close) and submit, disabled while `busy`. */
export function FormActions(props: { onCancel: () => void; cancel?: string; busy: boolean; children: ComponentChildren }) {
  return (
    <div class="form-actions">
      <button type="button" class="btn" onClick={props.onCancel}>
        {props.cancel || 'Hủy'}
      </button>
      <button type="submit" class="btn btn-primary" disabled={props.busy}>
        {props.children}
      </button>
    </div>
  );
}
