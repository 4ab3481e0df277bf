// Computed cells of a report form evaluated in the browser while the officer types, so totals
// and ratios move at once (issue 5 point 3). The server's answer to each save is the truth: the
// grid shows these values only for cells whose inputs changed since the server last answered.
//
// Which formula computes a cell follows core/form/form.h: the cell's override, then a computed
// column ([COL] = same row), then a subtotal row (sum of the children) or a computed row
// ([IND] = same column); a cell override uses [IND.COL]. The browser knows the arithmetic
// subset of the formula language (docs/domain/formulas.md): numbers, + - * / × ÷ −, unary
// minus, parentheses, references, and round/sum/min/max/abs/coalesce. Anything else (prev(),
// samelastyear(), if(), comparisons) gives `undefined`: "wait for the server".

import type { Form, FormColumn, FormRow } from '../api/regimes';

export type CellKind = 'input' | 'computed' | 'disabled';
export interface CellMode {
  kind: CellKind;
  /** how it is computed: "Tổng các dòng con", "[LK] / [CK] * 100" */
  formula: string;
}

export function cellMode(form: Form, row: FormRow, col: FormColumn): CellMode {
  const o = form.cells.find((c) => c.row === row.code && c.column === col.code);
  if (o) return { kind: o.kind, formula: o.formula };
  if (row.kind === 'heading') return { kind: 'disabled', formula: '' };
  if (col.kind === 'computed') return { kind: 'computed', formula: col.formula };
  if (row.kind === 'subtotal') return { kind: 'computed', formula: '' };
  if (row.kind === 'computed') return { kind: 'computed', formula: row.formula };
  return { kind: 'input', formula: '' };
}

type Tok = { t: 'num'; v: number } | { t: 'ref'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|\[([^\]]+)\]|([A-Za-z_]\w*)|([-+*/×÷−(),]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) return null;
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'ref', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'id', v: m[3].toLowerCase() });
    else out.push({ t: 'op', v: m[4] === '×' ? '*' : m[4] === '÷' ? '/' : m[4] === '−' ? '-' : m[4] });
  }
  return out;
}

class Unsupported extends Error {}

/**
 * Value of an arithmetic formula; `null` when a referenced value is blank (or on division by
 * zero), `undefined` when the browser cannot evaluate it.
 */
export function evaluate(src: string, ref: (name: string) => number | null | undefined): number | null | undefined {
  const parsed = tokenize(src);
  if (!parsed) return undefined;
  const toks: Tok[] = parsed;
  let k = 0;
  const peek = () => toks[k];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unsupported();
    k++;
  };
  const lift = (a: number | null, b: number | null, f: (x: number, y: number) => number | null) =>
    a === null || b === null ? null : f(a, b);
  const call = (name: string): number | null => {
    expect('(');
    const args: (number | null)[] = [];
    if (!isOp(')')) {
      args.push(additive());
      while (isOp(',')) {
        k++;
        args.push(additive());
      }
    }
    expect(')');
    switch (name) {
      case 'coalesce':
        return args.find((a) => a !== null) ?? null;
      case 'abs':
        return args.length === 1 && args[0] !== null ? Math.abs(args[0]) : null;
      case 'round': {
        const [x, n] = args;
        if (x === null || n === null || args.length !== 2) return null;
        const f = 10 ** n;
        return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
      }
      case 'sum':
      case 'min':
      case 'max':
        if (!args.length || args.some((a) => a === null)) return null;
        return name === 'sum'
          ? (args as number[]).reduce((a, b) => a + b, 0)
          : (Math[name] as (...v: number[]) => number)(...(args as number[]));
      default:
        throw new Unsupported();
    }
  };
  const primary = (): number | null => {
    const t = peek();
    if (!t) throw new Unsupported();
    k++;
    if (t.t === 'num') return t.v;
    if (t.t === 'ref') {
      const v = ref(t.v);
      if (v === undefined) throw new Unsupported();
      return v;
    }
    if (t.t === 'id') return call(t.v);
    if (t.v === '(') {
      const v = additive();
      expect(')');
      return v;
    }
    if (t.v === '-' || t.v === '+') {
      const v = primary();
      return v === null ? null : t.v === '-' ? -v : v;
    }
    throw new Unsupported();
  };
  const multiplicative = (): number | null => {
    let v = primary();
    while (isOp('*') || isOp('/')) {
      const op = toks[k++].v;
      const w = primary();
      v = lift(v, w, (x, y) => (op === '*' ? x * y : y === 0 ? null : x / y));
    }
    return v;
  };
  function additive(): number | null {
    let v = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = toks[k++].v;
      const w = multiplicative();
      v = lift(v, w, (x, y) => (op === '+' ? x + y : x - y));
    }
    return v;
  }
  try {
    const v = additive();
    return k === toks.length ? v : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/**
 * Every computed cell of `form` from the input `values` (cell code → number); `undefined` for a
 * cell the browser cannot compute. Cycles give `undefined`.
 */
export function computeForm(
  form: Form,
  value: (row: string, col: string) => number | null,
): Map<string, number | null | undefined> {
  const out = new Map<string, number | null | undefined>();
  const rows = new Map(form.rows.map((r) => [r.code, r]));
  const cols = new Map(form.columns.map((c) => [c.code, c]));
  const busy = new Set<string>();
  const get = (r: string, c: string): number | null | undefined => {
    const key = `${r}.${c}`;
    if (out.has(key)) return out.get(key);
    const row = rows.get(r);
    const col = cols.get(c);
    if (!row || !col || busy.has(key)) return undefined;
    const m = cellMode(form, row, col);
    if (m.kind === 'input') return value(r, c);
    if (m.kind === 'disabled') return null;
    busy.add(key);
    let v: number | null | undefined;
    const o = form.cells.find((x) => x.row === r && x.column === c);
    if (o) {
      v = evaluate(o.formula, (name) => {
        const dot = name.indexOf('.');
        return dot < 0 ? undefined : get(name.slice(0, dot), name.slice(dot + 1));
      });
    } else if (col.kind === 'computed') v = evaluate(col.formula, (name) => get(r, name));
    else if (row.kind === 'subtotal') {
      v = null;
      for (const kid of form.rows.filter((x) => x.parent === r)) {
        const x = get(kid.code, c);
        if (x === undefined) {
          v = undefined;
          break;
        }
        if (x !== null) v = (v ?? 0) + x;
      }
    } else v = evaluate(row.formula, (name) => get(name, c));
    busy.delete(key);
    out.set(key, v);
    return v;
  };
  for (const r of form.rows) for (const c of form.columns) get(r.code, c.code);
  return out;
}
