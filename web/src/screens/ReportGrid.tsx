// The data entry grid of one form of a report, "as fast as a spreadsheet" (issue 5 point 3).
//
// Keyboard (WAI-ARIA grid, one roving tabindex): arrows move; Tab / Shift+Tab move right / left
// and wrap to the next / previous row (Tab leaves the grid after the last cell); Enter moves
// down (Shift+Enter up); Home / End go to the first / last column, Ctrl+Home / Ctrl+End to the
// first / last cell; typing a character starts editing with that character, F2 edits the value
// in place; while editing Enter, Tab and ↑/↓ commit and move, Esc cancels; Delete clears the
// cell, Backspace clears and starts editing. Ctrl+V pastes a block copied from Excel starting
// at the focused cell (reportInput.ts planPaste), Ctrl+C copies the focused value.
// Computed and not-applicable cells can be focused (to read their formula, comments and
// earlier values) but not edited.

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ReportCell, ReportColumn, ReportForm, ReportRow } from '../api/reports';
import { cellCode } from '../api/reports';
import { formatViNumber, parseCellValue, parseTsv, planPaste, type PastePlan, type PasteTarget } from './reportInput';

export interface GridPos { r: number; c: number }
export interface Editing { text: string; inPlace: boolean }

export interface GridProps {
  form: ReportForm;
  cells: Record<string, ReportCell>;
  /** what the cell shows: the unsaved value typed here, a value computed in the browser, or the server's */
  shown: (code: string) => string | null;
  unsaved: (code: string) => boolean;
  readOnly: boolean;
  active: GridPos | null;
  onActive: (p: GridPos) => void;
  editing: Editing | null;
  onEditing: (e: Editing | null) => void;
  /** committed values (stored form); the grid has checked they parse */
  onChange: (changes: { key: string; value: string }[]) => void;
  onPaste: (plan: PastePlan) => void;
  /** a typed text that is not a number */
  onInvalid: (label: string, message: string) => void;
  showCompare: boolean;
  commented: Set<string>;
  conflicted: Set<string>;
  flagged: Set<string>;
}

export function cellLabel(_form: ReportForm, row: ReportRow, col: ReportColumn): string {
  return `Dòng “${row.label || row.code}”, cột “${col.label}”`;
}

export function isEditable(p: GridProps, code: string): boolean {
  return !p.readOnly && p.cells[code]?.kind === 'input';
}

export function ReportGrid(p: GridProps) {
  const { form } = p;
  const table = useRef<HTMLTableElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const nRows = form.rows.length;
  const nCols = form.columns.length;
  const code = (r: number, c: number) => cellCode(form.code, form.rows[r].code, form.columns[c].code);
  const act = p.active;

  // keep DOM focus on the active cell while the grid has it (or nothing else has it: the
  // editor just closed)
  useLayoutEffect(() => {
    if (!act || p.editing) return;
    const td = table.current?.querySelector<HTMLElement>(`[data-pos="${act.r}-${act.c}"]`);
    const focus = document.activeElement;
    if (td && focus !== td && (table.current!.contains(focus) || !focus || focus === document.body)) td.focus();
    td?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [act?.r, act?.c, !!p.editing]);

  useLayoutEffect(() => {
    if (p.editing && input.current && document.activeElement !== input.current) {
      input.current.focus();
      const n = input.current.value.length;
      input.current.setSelectionRange(n, n);
    }
  }, [!!p.editing]);

  const move = (r: number, c: number) => {
    p.onActive({ r: Math.max(0, Math.min(nRows - 1, r)), c: Math.max(0, Math.min(nCols - 1, c)) });
  };

  /** commit the text being edited; false when it is not a number (editing goes on) */
  const commit = (): boolean => {
    if (!act || !p.editing) return true;
    const k = code(act.r, act.c);
    const parsed = parseCellValue(p.editing.text, p.cells[k]?.decimals);
    if (!parsed.ok) {
      p.onInvalid(cellLabel(form, form.rows[act.r], form.columns[act.c]), parsed.message);
      return false;
    }
    const before = p.shown(k) ?? '';
    p.onEditing(null);
    if (parsed.value !== before) p.onChange([{ key: k, value: parsed.value }]);
    return true;
  };

  const startEdit = (text: string, inPlace: boolean) => {
    if (!act || !isEditable(p, code(act.r, act.c))) return;
    p.onEditing({ text, inPlace });
  };

  const tabMove = (back: boolean, e: KeyboardEvent) => {
    if (!act) return;
    let { r, c } = act;
    if (back) {
      if (c > 0) c--;
      else if (r > 0) {
        r--;
        c = nCols - 1;
      } else return; // leave the grid
    } else if (c < nCols - 1) c++;
    else if (r < nRows - 1) {
      r++;
      c = 0;
    } else return; // leave the grid
    e.preventDefault();
    move(r, c);
  };

  const onGridKey = (e: KeyboardEvent) => {
    if (!act) return;
    if (p.editing) {
      // keys typed before the editor took the focus belong to the editor
      if (e.target instanceof HTMLInputElement) return;
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        p.onEditing({ ...p.editing, text: p.editing.text + e.key });
      } else onEditKey(e);
      return;
    }
    const k = code(act.r, act.c);
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowUp':
        e.preventDefault();
        return move(act.r - 1, act.c);
      case 'ArrowDown':
        e.preventDefault();
        return move(act.r + 1, act.c);
      case 'ArrowLeft':
        e.preventDefault();
        return move(act.r, act.c - 1);
      case 'ArrowRight':
        e.preventDefault();
        return move(act.r, act.c + 1);
      case 'Home':
        e.preventDefault();
        return move(ctrl ? 0 : act.r, 0);
      case 'End':
        e.preventDefault();
        return move(ctrl ? nRows - 1 : act.r, nCols - 1);
      case 'PageDown':
        e.preventDefault();
        return move(act.r + 10, act.c);
      case 'PageUp':
        e.preventDefault();
        return move(act.r - 10, act.c);
      case 'Enter':
        e.preventDefault();
        return move(act.r + (e.shiftKey ? -1 : 1), act.c);
      case 'Tab':
        return tabMove(e.shiftKey, e);
      case 'F2':
        e.preventDefault();
        return startEdit(formatViNumber(p.shown(k)), true);
      case 'Delete':
        e.preventDefault();
        if (isEditable(p, k) && (p.shown(k) ?? '') !== '') p.onChange([{ key: k, value: '' }]);
        return;
      case 'Backspace':
        e.preventDefault();
        return startEdit('', false);
    }
    if (e.key.length === 1 && !ctrl && !e.altKey) {
      e.preventDefault();
      startEdit(e.key, false);
    }
  };

  const onEditKey = (e: KeyboardEvent) => {
    if (!act || !p.editing) return;
    e.stopPropagation();
    const go = (dr: number, dc: number) => {
      e.preventDefault();
      if (commit()) move(act.r + dr, act.c + dc);
    };
    switch (e.key) {
      case 'Enter':
        return go(e.shiftKey ? -1 : 1, 0);
      case 'Tab': {
        e.preventDefault();
        if (commit()) tabMove(e.shiftKey, e);
        return;
      }
      case 'Escape':
        e.preventDefault();
        p.onEditing(null);
        return;
      case 'ArrowUp':
        return go(-1, 0);
      case 'ArrowDown':
        return go(1, 0);
      case 'ArrowLeft':
        if (!p.editing.inPlace) go(0, -1);
        return;
      case 'ArrowRight':
        if (!p.editing.inPlace) go(0, 1);
        return;
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    if (!act) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    // inside the editor a plain value is typed text; a block always lands as a block
    if (p.editing && !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    if (p.readOnly) return;
    p.onEditing(null);
    const grid: PasteTarget[][] = form.rows.map((row, r) =>
      form.columns.map((col, c) => ({
        key: code(r, c),
        editable: isEditable(p, code(r, c)),
        label: cellLabel(form, row, col),
        decimals: p.cells[code(r, c)]?.decimals,
      })),
    );
    p.onPaste(planPaste(grid, act.r, act.c, parseTsv(text)));
  };

  const onCopy = (e: ClipboardEvent) => {
    if (!act || p.editing) return;
    e.preventDefault();
    const k = code(act.r, act.c);
    e.clipboardData?.setData('text/plain', formatViNumber(p.shown(k), p.cells[k]?.decimals ?? null));
  };

  // header: groups span adjacent columns with the same group
  const groups = form.columns.some((c) => c.group);
  const heads: { label: string; span: number; first: number }[] = [];
  for (let i = 0; i < nCols; ) {
    let j = i + 1;
    while (form.columns[i].group && j < nCols && form.columns[j].group === form.columns[i].group) j++;
    heads.push({ label: form.columns[i].group, span: j - i, first: i });
    i = j;
  }
  const extra = p.showCompare ? 2 : 0;
  const colHead = (c: ReportColumn) => (c.unit ? `${c.label} (${c.unit})` : c.label);

  return (
    <div class="rp-grid-wrap">
      <table
        ref={table}
        class="rp-grid"
        role="grid"
        aria-label={`Biểu ${form.code}: ${form.title}`}
        aria-rowcount={nRows + 1}
        onKeyDown={onGridKey}
        onPaste={onPaste}
        onCopy={onCopy}
      >
        <thead>
          <tr>
            <th scope="col" rowSpan={groups ? 2 : 1} class="rp-stt">STT</th>
            <th scope="col" rowSpan={groups ? 2 : 1} class="rp-label">Chỉ tiêu</th>
            <th scope="col" rowSpan={groups ? 2 : 1} class="rp-unit">Đơn vị tính</th>
            {groups
              ? heads.map((h) =>
                  h.label ? (
                    <th key={h.first} scope="colgroup" colSpan={h.span * (1 + extra)}>{h.label}</th>
                  ) : (
                    <th key={h.first} scope="col" rowSpan={2} colSpan={1 + extra}>{colHead(form.columns[h.first])}</th>
                  ),
                )
              : form.columns.map((c) => (
                  <th key={c.code} scope="col" colSpan={1 + extra}>{colHead(c)}</th>
                ))}
          </tr>
          {groups && (
            <tr>
              {form.columns.filter((c) => c.group).map((c) => (
                <th key={c.code} scope="col" colSpan={1 + extra}>{colHead(c)}</th>
              ))}
            </tr>
          )}
          {p.showCompare && (
            <tr class="rp-compare-head">
              <th colSpan={3} />
              {form.columns.map((c) => [
                <th key={c.code + '-v'} scope="col" class="rp-sub">Kỳ này</th>,
                <th key={c.code + '-p'} scope="col" class="rp-sub">Kỳ trước</th>,
                <th key={c.code + '-y'} scope="col" class="rp-sub">Cùng kỳ</th>,
              ])}
            </tr>
          )}
        </thead>
        <tbody>
          {form.rows.map((row, r) => {
            const heading = row.kind === 'heading';
            let stt = 0;
            for (let i = 0; i <= r; i++) if (form.rows[i].kind !== 'heading') stt++;
            return (
              <tr key={row.code} class={heading ? 'rp-heading' : row.kind === 'subtotal' ? 'rp-subtotal' : ''}>
                <td class="rp-stt">{heading ? '' : stt}</td>
                <th scope="row" class="rp-label" style={{ paddingLeft: `${0.5 + (row.depth ?? 0) * 1.1}rem` }}>
                  {row.label || row.code}
                  {row.unit && <span class="rp-label-unit">{row.unit}</span>}
                </th>
                <td class="rp-unit">{row.unit}</td>
                {form.columns.map((col, c) => {
                  const k = code(r, c);
                  const cell = p.cells[k];
                  const kind = cell?.kind ?? 'disabled';
                  const isAct = !!act && act.r === r && act.c === c;
                  const v = p.shown(k);
                  const dec = kind === 'computed' ? (cell?.decimals ?? null) : null;
                  const cls = [
                    'rp-cell',
                    `rp-${kind}`,
                    isAct ? 'rp-active' : '',
                    p.unsaved(k) ? 'rp-unsaved' : '',
                    p.commented.has(k) ? 'rp-commented' : '',
                    p.conflicted.has(k) ? 'rp-conflict' : '',
                    p.flagged.has(k) ? 'rp-flagged' : '',
                  ].join(' ');
                  const title = [
                    kind === 'computed' ? `Tự tính${cell?.formula ? ': ' + cell.formula : ' (tổng các dòng con)'}` : '',
                    cell?.previous != null ? `Kỳ trước: ${formatViNumber(cell.previous)}` : '',
                    cell?.last_year != null ? `Cùng kỳ năm trước: ${formatViNumber(cell.last_year)}` : '',
                    cell?.error || '',
                  ].filter(Boolean).join('\n');
                  const main = (
                    <td
                      key={k}
                      role="gridcell"
                      class={cls}
                      data-pos={`${r}-${c}`}
                      data-cell={k}
                      tabIndex={isAct || (!act && r === 0 && c === 0) ? 0 : -1}
                      aria-readonly={!isEditable(p, k)}
                      aria-selected={isAct}
                      aria-label={`${row.label || row.code} — ${col.label}`}
                      title={title || undefined}
                      onMouseDown={() => {
                        if (p.editing && !isAct && !commit()) return;
                        if (!isAct) p.onActive({ r, c });
                      }}
                      onDblClick={() => isAct && startEdit(formatViNumber(v), true)}
                      onBlur={(e) => {
                        // focus leaving the grid while editing: keep the value
                        const to = (e as FocusEvent).relatedTarget as Node | null;
                        if (p.editing && isAct && to && !table.current?.contains(to)) commit();
                      }}
                    >
                      {isAct && p.editing ? (
                        <input
                          ref={input}
                          class="rp-editor"
                          inputMode="decimal"
                          aria-label={`Nhập ${row.label || row.code} — ${col.label}`}
                          value={p.editing.text}
                          onInput={(e) => p.onEditing({ ...p.editing!, text: e.currentTarget.value })}
                          onKeyDown={onEditKey}
                          onBlur={(e) => {
                            const to = e.relatedTarget as Node | null;
                            if (!to || !table.current?.contains(to)) commit();
                          }}
                        />
                      ) : kind === 'disabled' ? (
                        heading ? '' : 'x'
                      ) : cell?.error ? (
                        <span class="rp-cell-error">!</span>
                      ) : (
                        formatViNumber(v, dec)
                      )}
                    </td>
                  );
                  if (!p.showCompare) return main;
                  return [
                    main,
                    <td key={k + '-p'} class="rp-cmp">{formatViNumber(cell?.previous, dec)}</td>,
                    <td key={k + '-y'} class="rp-cmp">{formatViNumber(cell?.last_year, dec)}</td>,
                  ];
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
