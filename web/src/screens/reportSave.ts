// Autosave of a report's working copy without losing a keystroke (issue 5 points 3 and 5).
//
// Every change goes into a queue of pending changes (part + key → value) that is written to
// localStorage at once and sent to the server after a short pause (debounce). A send carries the
// draft revision the editor last saw (base revision): the server merges it, or answers 409 with
// the cells someone else changed in between (nothing written). While the network is down or the
// server answers 5xx, the queue keeps everything and retries with a growing delay (1 s, 2 s,
// 4 s … 30 s); changes typed meanwhile join the next send. Pending changes stay in localStorage
// until the server acknowledges them, so closing the tab or a crash loses nothing: the screen
// offers them again when the report is reopened (sent with their original base revision, so a
// change made by someone else meanwhile still comes back as a conflict).
//
// No DOM apart from localStorage and timers; the transport is a parameter.

export type Part = 'values' | 'narrative' | 'explanations';
export type Patch = Record<Part, Record<string, string>>;

export interface Conflict {
  part: Part;
  key: string;
  mine: string;
  theirs: string | null;
  their_revision: number;
  by: string; // who changed it (full name)
  at: string; // RFC 3339
}

/** What the transport returns for a send. */
export type SendResult<D> =
  | { ok: true; revision: number; answer: D }
  | { ok: false; conflict: true; revision: number; conflicts: Conflict[]; answer: D | null }
  | { ok: false; conflict: false; retry: boolean; error: unknown };

export type SaveStatus =
  | { kind: 'idle' } // nothing pending, nothing saved yet in this session
  | { kind: 'pending' } // changes typed, waiting for the pause
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline'; retryAt: Date; attempt: number }
  | { kind: 'conflict'; conflicts: Conflict[] }
  | { kind: 'error'; error: unknown };

interface Stored {
  base: number;
  patch: Patch;
}

export function emptyPatch(): Patch {
  return { values: {}, narrative: {}, explanations: {} };
}
export function patchSize(p: Patch): number {
  return Object.keys(p.values).length + Object.keys(p.narrative).length + Object.keys(p.explanations).length;
}

export interface QueueOptions<D> {
  storageKey: string;
  baseRevision: number;
  send: (patch: Patch, base: number) => Promise<SendResult<D>>;
  onStatus: (s: SaveStatus) => void;
  /** the server's answer after a successful send (the new working copy: computed values, checks) */
  onSaved: (answer: D, revision: number) => void;
  debounceMs?: number;
  /** delays before retries, the last one repeats */
  backoffMs?: number[];
  storage?: Storage;
}

export class SaveQueue<D> {
  private pending: Patch = emptyPatch();
  private inflight: Patch | null = null;
  private base: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private paused = false; // a conflict waits for the user's decision
  private stopped = false;
  private readonly o: QueueOptions<D>;

  constructor(o: QueueOptions<D>) {
    this.o = o;
    this.base = o.baseRevision;
  }

  /** changes left in localStorage by an earlier session (not acknowledged by the server) */
  static restore(storageKey: string, storage: Storage = localStorage): Stored | null {
    try {
      const raw = storage.getItem(storageKey);
      if (!raw) return null;
      const s = JSON.parse(raw) as Stored;
      if (typeof s.base !== 'number' || !s.patch) return null;
      const patch = { ...emptyPatch(), ...s.patch };
      return patchSize(patch) ? { base: s.base, patch } : null;
    } catch {
      return null;
    }
  }

  /** adopt changes restored from localStorage (sent with their own base revision) */
  adopt(s: Stored): void {
    this.base = Math.min(this.base, s.base);
    for (const part of Object.keys(s.patch) as Part[]) Object.assign(this.pending[part], s.patch[part]);
    this.persist();
    this.schedule(0);
  }

  /** the value the user typed and the server has not acknowledged yet, if any */
  unsaved(part: Part, key: string): string | undefined {
    return this.pending[part][key] ?? this.inflight?.[part][key];
  }
  hasUnsaved(): boolean {
    return patchSize(this.pending) > 0 || (this.inflight !== null && patchSize(this.inflight) > 0);
  }
  get revision(): number {
    return this.base;
  }

  set(part: Part, key: string, value: string): void {
    this.pending[part][key] = value;
    this.persist();
    if (this.paused || this.stopped) return;
    this.o.onStatus({ kind: 'pending' });
    this.schedule(this.o.debounceMs ?? 700);
  }

  /** send now (Ctrl+S, leaving the page, before a workflow action) and wait for the outcome */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inflight) await new Promise((r) => setTimeout(r, 50));
    if (!patchSize(this.pending)) return !this.paused;
    await this.sendNow();
    return !this.hasUnsaved();
  }

  /**
   * The user decided a conflict: `keepMine` resends their value over the other person's,
   * otherwise the pending change is dropped (the grid shows theirs). When every conflict is
   * decided the queue resumes from `revision` (the revision the 409 answered with).
   */
  resolve(decisions: { part: Part; key: string; keepMine: boolean }[], revision: number): void {
    for (const d of decisions) if (!d.keepMine) delete this.pending[d.part][d.key];
    this.base = Math.max(this.base, revision);
    this.paused = false;
    this.persist();
    if (patchSize(this.pending)) this.schedule(0);
    else this.o.onStatus({ kind: 'saved', at: new Date() });
  }

  /** stop timers (leaving the screen); pending changes stay in localStorage */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private persist(): void {
    const storage = this.o.storage ?? localStorage;
    const all = emptyPatch();
    for (const p of [this.inflight, this.pending]) {
      if (!p) continue;
      for (const part of Object.keys(all) as Part[]) Object.assign(all[part], p[part]);
    }
    try {
      if (patchSize(all)) storage.setItem(this.o.storageKey, JSON.stringify({ base: this.base, patch: all }));
      else storage.removeItem(this.o.storageKey);
    } catch {
      /* storage full or disabled: the queue still holds the changes in memory */
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendNow();
    }, ms);
  }

  private async sendNow(): Promise<void> {
    if (this.inflight || this.paused || this.stopped || !patchSize(this.pending)) return;
    this.inflight = this.pending;
    this.pending = emptyPatch();
    this.o.onStatus({ kind: 'saving' });
    let r: SendResult<D>;
    try {
      r = await this.o.send(this.inflight, this.base);
    } catch (error) {
      r = { ok: false, conflict: false, retry: true, error };
    }
    const sent = this.inflight;
    this.inflight = null;
    if (r.ok) {
      this.attempt = 0;
      this.base = r.revision;
      this.persist();
      this.o.onSaved(r.answer, r.revision);
      if (patchSize(this.pending)) {
        this.o.onStatus({ kind: 'pending' });
        this.schedule(this.o.debounceMs ?? 700);
      } else this.o.onStatus({ kind: 'saved', at: new Date() });
      return;
    }
    // not written: put what was sent back under what was typed since (newer wins)
    for (const part of Object.keys(sent) as Part[]) this.pending[part] = { ...sent[part], ...this.pending[part] };
    this.persist();
    if (r.conflict) {
      this.paused = true;
      if (r.answer) this.o.onSaved(r.answer, r.revision);
      this.o.onStatus({ kind: 'conflict', conflicts: r.conflicts });
      return;
    }
    if (!r.retry) {
      this.paused = true;
      this.o.onStatus({ kind: 'error', error: r.error });
      return;
    }
    const delays = this.o.backoffMs ?? [1000, 2000, 4000, 8000, 15000, 30000];
    const delay = delays[Math.min(this.attempt, delays.length - 1)];
    this.attempt++;
    this.o.onStatus({ kind: 'offline', retryAt: new Date(Date.now() + delay), attempt: this.attempt });
    this.schedule(delay);
  }

  /** after a non-retryable error the user may try again */
  retry(): void {
    this.paused = false;
    this.attempt = 0;
    this.schedule(0);
  }
}
