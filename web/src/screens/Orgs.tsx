// Cơ cấu tổ chức: lazy-loaded tree (GET /orgs?roots=1, ?parent_id=), accent-insensitive search
// (GET /orgs?q=), historic units toggle (active_on), detail panel with path, validity and
// predecessor/successor links, create/edit (PATCH with version, 409 → reload), import, export.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, orgs } from '../api/client';
import type { ExportFormat, IdLabel, ImportResult, Link, Me, OrgTypeId, OrgUnit, OrgUnitDetail } from '../api/types';
import { DateInput, Dialog, ErrorBox, Field, Notice, Spinner, UnitPicker, badDates, saveBlob } from '../components';
import { fmtDate, fmtNumber, fmtPercent, fmtValidity, todayISO } from '../format';
import { LINK_KIND_LABELS, ORG_TYPE_FALLBACK } from '../labels';
import { linkClick, navigate } from '../router';
import { UnitWorkflow } from './UnitWorkflow';

const PAGE = 500;

interface NodeState {
  unit: OrgUnit;
  children?: number[];
  total?: number;
  loading?: boolean;
  error?: string;
}
type Tree = Record<number, NodeState>;

// agencies first, then communes, then historic districts; Vietnamese alphabetical inside a group
const TYPE_RANK: Record<string, number> = {
  province: 0,
  department: 1,
  public_service: 2,
  vertical: 3,
  division: 4,
  commune: 5,
  district: 6,
};
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
function sortUnits(ids: number[], t: Tree): number[] {
  return [...ids].sort((a, b) => {
    const ua = t[a]?.unit;
    const ub = t[b]?.unit;
    if (!ua || !ub) return 0;
    return (TYPE_RANK[ua.type] ?? 9) - (TYPE_RANK[ub.type] ?? 9) || collator.compare(ua.name, ub.name);
  });
}

function isHistoric(u: { valid_from: string | null; valid_to: string | null }, today = todayISO()): boolean {
  return (!!u.valid_to && u.valid_to < today) || (!!u.valid_from && u.valid_from > today);
}

export function OrgsScreen(props: { me: Me; path: string }) {
  const canWrite = props.me.permissions.includes('org.write');
  const m = /^\/orgs\/(\d+)/.exec(props.path);
  const selectedId = m ? Number(m[1]) : null;

  const [historic, setHistoric] = useState(false);
  const activeOn = historic ? undefined : todayISO();
  const [tree, setTree] = useState<Tree>({});
  const treeRef = useRef<Tree>({});
  treeRef.current = tree;
  const [roots, setRoots] = useState<number[] | null>(null);
  const [rootsError, setRootsError] = useState<unknown>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [focusId, setFocusId] = useState<number | null>(null);
  const generation = useRef(0);

  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ items: OrgUnit[]; total?: number } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);

  const [detail, setDetail] = useState<OrgUnitDetail | null>(null);
  const [detailError, setDetailError] = useState<unknown>(null);
  const [detailLoading, setDetailLoading] = useState(false);
  const [types, setTypes] = useState<IdLabel<OrgTypeId>[]>(ORG_TYPE_FALLBACK);
  const [dialog, setDialog] = useState<null | 'create' | 'edit' | 'import' | 'export'>(null);
  const [flash, setFlash] = useState('');

  // ------------------------------------------------------------ loading
  const mergeUnits = (t: Tree, units: OrgUnit[]): Tree => {
    const next = { ...t };
    for (const u of units) next[u.id] = { ...next[u.id], unit: u };
    return next;
  };

  const loadRoots = async () => {
    const gen = ++generation.current;
    setRoots(null);
    setRootsError(null);
    setTree({});
    setExpanded(new Set());
    try {
      const r = await orgs.list({ roots: true, active_on: activeOn, limit: PAGE });
      if (gen !== generation.current) return;
      setTree((t) => mergeUnits(t, r.items));
      setRoots(r.items.map((u) => u.id));
      setFocusId((f) => f ?? r.items[0]?.id ?? null);
      // a single root (the province) opens by itself
      if (r.items.length === 1) {
        void loadChildren(r.items[0].id, false, gen);
        setExpanded(new Set([r.items[0].id]));
      }
    } catch (e) {
      if (gen === generation.current) setRootsError(e);
    }
  };

  const loadChildren = async (id: number, more = false, gen = generation.current): Promise<void> => {
    const cur = treeRef.current[id];
    if (cur?.loading) return;
    if (cur?.children && !more) return;
    const offset = more ? cur?.children?.length || 0 : 0;
    setTree((t) => ({ ...t, [id]: { ...t[id], loading: true, error: undefined } }));
    try {
      const r = await orgs.list({ parent_id: id, active_on: activeOn, limit: PAGE, offset });
      if (gen !== generation.current) return;
      setTree((t) => {
        const n = mergeUnits(t, r.items);
        const prev = more ? n[id]?.children || [] : [];
        const kids = sortUnits([...prev, ...r.items.map((u) => u.id)], n);
        n[id] = { ...n[id], loading: false, children: kids, total: r.total ?? kids.length };
        treeRef.current = n;
        return n;
      });
    } catch (e) {
      if (gen !== generation.current) return;
      setTree((t) => ({ ...t, [id]: { ...t[id], loading: false, error: errorMessage(e) } }));
    }
  };

  useEffect(() => {
    void loadRoots();
  }, [historic]);

  useEffect(() => {
    orgs
      .types()
      .then((r) => r.items.length && setTypes(r.items))
      .catch(() => {});
  }, []);

  // ------------------------------------------------------------ detail + reveal
  const loadDetail = async (id: number) => {
    setDetailLoading(true);
    setDetailError(null);
    try {
      const d = await orgs.get(id);
      setDetail(d);
      void reveal(d);
      return d;
    } catch (e) {
      setDetail(null);
      setDetailError(e);
      return null;
    } finally {
      setDetailLoading(false);
    }
  };

  const reveal = async (d: OrgUnitDetail) => {
    const gen = generation.current;
    for (const p of d.path) {
      if (gen !== generation.current) return;
      if (!treeRef.current[p.id]) continue;
      await loadChildren(p.id, false, gen);
      setExpanded((s) => (s.has(p.id) ? s : new Set(s).add(p.id)));
    }
    setFocusId(d.id);
  };

  useEffect(() => {
    if (selectedId === null) {
      setDetail(null);
      setDetailError(null);
      return;
    }
    void loadDetail(selectedId);
  }, [selectedId]);

  // once roots arrive after a reload, reveal the selected unit again
  useEffect(() => {
    if (roots && detail) void reveal(detail);
  }, [roots]);

  // ------------------------------------------------------------ search
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setResults(null);
      setSearchError(null);
      return;
    }
    let stale = false;
    const t = setTimeout(async () => {
      setSearching(true);
      try {
        const r = await orgs.list({ q: text, active_on: activeOn, limit: 50 });
        if (!stale) {
          setResults(r);
          setSearchError(null);
        }
      } catch (e) {
        if (!stale) setSearchError(e);
      } finally {
        if (!stale) setSearching(false);
      }
    }, 250);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [q, historic]);

  // ------------------------------------------------------------ tree keyboard
  const visible: { id: number; level: number; parent: number | null }[] = [];
  const walk = (ids: number[], level: number, parent: number | null) => {
    for (const id of ids) {
      visible.push({ id, level, parent });
      const n = tree[id];
      if (expanded.has(id) && n?.children) walk(n.children, level + 1, id);
    }
  };
  if (roots) walk(roots, 1, null);

  const treeBox = useRef<HTMLUListElement>(null);
  const focusItem = (id: number) => {
    setFocusId(id);
    requestAnimationFrame(() => {
      const el = treeBox.current?.querySelector<HTMLElement>(`[data-id="${id}"]`);
      el?.focus();
    });
  };
  const toggle = (id: number, open?: boolean) => {
    const isOpen = expanded.has(id);
    const want = open ?? !isOpen;
    if (want === isOpen) return;
    const s = new Set(expanded);
    if (want) {
      s.add(id);
      void loadChildren(id);
    } else s.delete(id);
    setExpanded(s);
  };
  const select = (id: number) => {
    setFocusId(id);
    navigate(`/orgs/${id}`);
  };

  const onTreeKey = (e: KeyboardEvent) => {
    const idx = visible.findIndex((v) => v.id === focusId);
    if (idx < 0) return;
    const cur = visible[idx];
    const node = tree[cur.id];
    const hasKids = (node?.unit.child_count || 0) > 0;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (idx + 1 < visible.length) focusItem(visible[idx + 1].id);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (idx > 0) focusItem(visible[idx - 1].id);
        break;
      case 'ArrowRight':
        e.preventDefault();
        if (hasKids && !expanded.has(cur.id)) toggle(cur.id, true);
        else if (hasKids && node?.children?.length) focusItem(node.children[0]);
        break;
      case 'ArrowLeft':
        e.preventDefault();
        if (expanded.has(cur.id)) toggle(cur.id, false);
        else if (cur.parent !== null) focusItem(cur.parent);
        break;
      case 'Home':
        e.preventDefault();
        if (visible.length) focusItem(visible[0].id);
        break;
      case 'End':
        e.preventDefault();
        if (visible.length) focusItem(visible[visible.length - 1].id);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        select(cur.id);
        break;
      case '*': {
        e.preventDefault();
        const sibs = visible.filter((v) => v.parent === cur.parent && (tree[v.id]?.unit.child_count || 0) > 0);
        const s = new Set(expanded);
        for (const v of sibs) {
          s.add(v.id);
          void loadChildren(v.id);
        }
        setExpanded(s);
        break;
      }
    }
  };

  const renderNodes = (ids: number[], level: number) =>
    ids.map((id, i) => {
      const n = tree[id];
      if (!n) return null;
      const u = n.unit;
      const hasKids = u.child_count > 0;
      const open = expanded.has(id);
      const old = isHistoric(u);
      return (
        <li
          key={id}
          role="treeitem"
          data-id={id}
          aria-labelledby={old ? `tn-${id} tb-${id}` : `tn-${id}`}
          aria-level={level}
          aria-setsize={ids.length}
          aria-posinset={i + 1}
          aria-expanded={hasKids ? open : undefined}
          aria-selected={id === selectedId}
          tabIndex={id === (focusId ?? roots?.[0]) ? 0 : -1}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusId(id);
          }}
        >
          <div
            class={`tree-row${id === selectedId ? ' selected' : ''}${old ? ' historic' : ''}`}
            style={{ paddingLeft: `${(level - 1) * 18 + 4}px` }}
            onClick={(e) => {
              e.stopPropagation();
              select(id);
            }}
          >
            <span
              class={`twisty${hasKids ? '' : ' leaf'}`}
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                if (hasKids) toggle(id);
                setFocusId(id);
              }}
            >
              {hasKids ? (open ? '▾' : '▸') : '·'}
            </span>
            <span class="tree-name" id={`tn-${id}`}>
              {u.name}
            </span>
            {old && (
              <span class="badge badge-muted" id={`tb-${id}`}>
                hết hiệu lực
              </span>
            )}
            {hasKids && <span class="tree-count">{fmtNumber(n.total ?? u.child_count)}</span>}
          </div>
          {hasKids && open && (
            <ul role="group">
              {n.children ? renderNodes(n.children, level + 1) : null}
              {n.loading && (
                <li role="none" class="tree-msg" style={{ paddingLeft: `${level * 18 + 24}px` }}>
                  <Spinner />
                </li>
              )}
              {n.children && n.children.length === 0 && !n.loading && (
                <li role="none" class="tree-msg muted" style={{ paddingLeft: `${level * 18 + 24}px` }}>
                  {historic ? 'Không có đơn vị trực thuộc.' : 'Không có đơn vị trực thuộc đang hoạt động.'}
                </li>
              )}
              {n.error && (
                <li role="none" class="tree-msg error" style={{ paddingLeft: `${level * 18 + 24}px` }}>
                  {n.error}
                </li>
              )}
              {n.children && n.total !== undefined && n.children.length < n.total && !n.loading && (
                <li role="none" class="tree-msg" style={{ paddingLeft: `${level * 18 + 24}px` }}>
                  <button type="button" class="btn-link" onClick={() => loadChildren(id, true)}>
                    Tải thêm ({fmtNumber(n.total - n.children.length)} đơn vị)
                  </button>
                </li>
              )}
            </ul>
          )}
        </li>
      );
    });

  const resultsBox = useRef<HTMLUListElement>(null);
  const onSearchKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      const first = resultsBox.current?.querySelector<HTMLElement>('button');
      if (first) {
        e.preventDefault();
        if (e.key === 'Enter') first.click();
        else first.focus();
      }
    } else if (e.key === 'Escape' && q) {
      e.preventDefault();
      setQ('');
    }
  };
  const onResultsKey = (e: KeyboardEvent) => {
    const btns = Array.from(resultsBox.current?.querySelectorAll<HTMLElement>('button') || []);
    const i = btns.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' && i < btns.length - 1) {
      e.preventDefault();
      btns[i + 1].focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i > 0) btns[i - 1].focus();
      else document.getElementById('org-search')?.focus();
    }
  };

  const afterSave = async (u: OrgUnit, parentChanged: number | null) => {
    setDialog(null);
    // refresh the parent's children (and the old parent's when moved)
    const refresh = new Set<number>();
    if (u.parent_id !== null) refresh.add(u.parent_id);
    if (parentChanged !== null) refresh.add(parentChanged);
    setTree((t) => {
      const n = { ...t };
      for (const id of refresh) if (n[id]) n[id] = { ...n[id], children: undefined, total: undefined };
      n[u.id] = { ...n[u.id], unit: u };
      treeRef.current = n;
      return n;
    });
    for (const id of refresh) {
      if (treeRef.current[id]) {
        try {
          const p = await orgs.get(id);
          setTree((t) => ({ ...t, [id]: { ...t[id], unit: p } }));
        } catch {
          /* ignore */
        }
        await loadChildren(id);
        setExpanded((s) => new Set(s).add(id));
      }
    }
    if (selectedId === u.id) await loadDetail(u.id);
    else navigate(`/orgs/${u.id}`);
  };

  const today = todayISO();

  return (
    <section class={`page orgs${selectedId !== null ? ' has-detail' : ''}`} aria-labelledby="orgs-title">
      <div class="page-head">
        <h1 id="orgs-title">Cơ cấu tổ chức</h1>
        <div class="page-actions">
          {canWrite && (
            <button type="button" class="btn" onClick={() => setDialog('import')}>
              Nhập từ tệp
            </button>
          )}
          <button type="button" class="btn" onClick={() => setDialog('export')}>
            Xuất dữ liệu
          </button>
        </div>
      </div>
      {flash && (
        <Notice kind="ok">
          {flash}{' '}
          <button type="button" class="btn-link" onClick={() => setFlash('')}>
            Ẩn
          </button>
        </Notice>
      )}
      <div class="split">
        <div class="pane pane-tree">
          <div class="tree-tools">
            <label class="sr-only" for="org-search">
              Tìm đơn vị
            </label>
            <input
              id="org-search"
              type="search"
              class="search"
              placeholder="Tìm đơn vị (có thể gõ không dấu)"
              value={q}
              autoComplete="off"
              onInput={(e) => setQ((e.target as HTMLInputElement).value)}
              onKeyDown={onSearchKey}
            />
            <label class="check">
              <input
                type="checkbox"
                checked={historic}
                onChange={(e) => setHistoric((e.target as HTMLInputElement).checked)}
              />
              Hiện cả đơn vị đã hết hiệu lực (trước sắp xếp)
            </label>
          </div>
          {results !== null || searching ? (
            <div class="search-results" aria-live="polite">
              {searching && !results && <Spinner label="Đang tìm…" />}
              <ErrorBox error={searchError} />
              {results && (
                <>
                  <p class="muted small">
                    {results.items.length === 0
                      ? 'Không tìm thấy đơn vị phù hợp.'
                      : `Tìm thấy ${fmtNumber(results.total ?? results.items.length)} đơn vị` +
                        (results.total !== undefined && results.total > results.items.length
                          ? ` (hiện ${fmtNumber(results.items.length)} đầu tiên)`
                          : '')}
                  </p>
                  <ul class="result-list" ref={resultsBox} onKeyDown={onResultsKey} aria-label="Kết quả tìm kiếm">
                    {results.items.map((u) => (
                      <li key={u.id}>
                        <button
                          type="button"
                          class={`result${u.id === selectedId ? ' selected' : ''}`}
                          aria-current={u.id === selectedId ? 'true' : undefined}
                          onClick={() => select(u.id)}
                        >
                          <span class="result-name">{u.name}</span>
                          <span class="result-sub">
                            {u.code} · {u.type_label}
                            {isHistoric(u, today) ? ` · ${fmtValidity(u.valid_from, u.valid_to)}` : ''}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : (
            <div class="tree-wrap">
              {rootsError ? (
                <ErrorBox error={rootsError}>
                  <button type="button" class="btn" onClick={loadRoots}>
                    Thử lại
                  </button>
                </ErrorBox>
              ) : roots === null ? (
                <Spinner />
              ) : roots.length === 0 ? (
                <p class="muted">Chưa có đơn vị nào.</p>
              ) : (
                <ul role="tree" class="tree" aria-label="Cây đơn vị" ref={treeBox} onKeyDown={onTreeKey}>
                  {renderNodes(roots, 1)}
                </ul>
              )}
            </div>
          )}
        </div>
        <div class="pane pane-detail">
          {selectedId === null ? (
            <div class="empty-detail">
              <p>Chọn một đơn vị trong cây để xem thông tin chi tiết.</p>
              <p class="muted small">
                Dùng phím mũi tên để di chuyển trong cây, → để mở nhánh, ← để thu gọn, Enter để chọn.
              </p>
            </div>
          ) : detailError ? (
            <>
              <a class="back-link" href="/orgs" onClick={linkClick}>
                ← Danh sách đơn vị
              </a>
              <ErrorBox error={detailError} />
            </>
          ) : !detail || detailLoading && detail.id !== selectedId ? (
            <Spinner />
          ) : (
            <OrgDetail
              d={detail}
              canWrite={canWrite}
              me={props.me}
              onCreate={() => setDialog('create')}
              onEdit={() => setDialog('edit')}
              onLinksChanged={() => loadDetail(detail.id)}
            />
          )}
        </div>
      </div>

      {dialog === 'create' && detail && (
        <OrgForm
          mode="create"
          parent={detail}
          types={types}
          onClose={() => setDialog(null)}
          onSaved={(u) => {
            setFlash(`Đã tạo đơn vị “${u.name}”.`);
            void afterSave(u, null);
          }}
        />
      )}
      {dialog === 'edit' && detail && (
        <OrgForm
          mode="edit"
          unit={detail}
          types={types}
          onClose={() => setDialog(null)}
          onSaved={(u) => {
            setFlash(`Đã lưu thay đổi của “${u.name}”.`);
            void afterSave(u, u.parent_id !== detail.parent_id ? detail.parent_id : null);
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setFlash(`Đã nhập ${fmtNumber(r.created)} đơn vị và ${fmtNumber(r.links)} liên kết kế thừa.`);
            void loadRoots();
          }}
        />
      )}
      {dialog === 'export' && <ExportDialog selected={detail} onClose={() => setDialog(null)} />}
    </section>
  );
}

// ---------------------------------------------------------------- detail panel

function OrgDetail(props: {
  d: OrgUnitDetail;
  canWrite: boolean;
  me: Me;
  onCreate: () => void;
  onEdit: () => void;
  onLinksChanged: () => void;
}) {
  const d = props.d;
  const old = isHistoric(d);
  const [linkDialog, setLinkDialog] = useState(false);
  const [linkError, setLinkError] = useState<unknown>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // on narrow screens the detail replaces the tree: move focus to it
    if (window.matchMedia('(max-width: 860px)').matches) headRef.current?.focus();
  }, [d.id]);

  const removeLink = async (l: Link) => {
    if (!confirm(`Xóa liên kết ${LINK_KIND_LABELS[l.kind] || l.kind}: ${l.from_name} → ${l.to_name}?`)) return;
    setLinkError(null);
    try {
      await orgs.removeLink(l.id);
      props.onLinksChanged();
    } catch (e) {
      setLinkError(e);
    }
  };

  const linkList = (links: Link[], dir: 'from' | 'to') => (
    <ul class="links">
      {links.map((l) => {
        const id = dir === 'from' ? l.from_id : l.to_id;
        const name = dir === 'from' ? l.from_name : l.to_name;
        const code = dir === 'from' ? l.from_code : l.to_code;
        return (
          <li key={l.id}>
            <a href={`/orgs/${id}`} onClick={linkClick}>
              {name}
            </a>{' '}
            <span class="muted">({code})</span>
            <span class="link-meta">
              {LINK_KIND_LABELS[l.kind] || l.kind}
              {l.share !== 1 ? ` · tỷ lệ ${fmtPercent(l.share)}` : ''} · từ {fmtDate(l.effective)}
              {props.canWrite && (
                <button
                  type="button"
                  class="btn-link danger"
                  aria-label={`Xóa liên kết với ${name}`}
                  onClick={() => removeLink(l)}
                >
                  Xóa
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );

  return (
    <article class="detail" aria-labelledby="org-detail-title">
      <a class="back-link" href="/orgs" onClick={linkClick}>
        ← Danh sách đơn vị
      </a>
      {d.path.length > 0 && (
      <nav aria-label="Đường dẫn đơn vị" class="crumbs">
        <ol>
          {d.path.map((p) => (
            <li key={p.id}>
              <a href={`/orgs/${p.id}`} onClick={linkClick}>
                {p.name}
              </a>
            </li>
          ))}
          <li aria-current="page">{d.name}</li>
        </ol>
      </nav>
      )}
      <h2 id="org-detail-title" ref={headRef} tabIndex={-1}>
        {d.name}
      </h2>
      <p class="badges">
        <span class="badge">{d.type_label}</span>
        {old ? <span class="badge badge-warn">Đã hết hiệu lực</span> : <span class="badge badge-ok">Đang hoạt động</span>}
      </p>
      <dl class="props">
        <dt>Mã đơn vị</dt>
        <dd>
          <code>{d.code}</code>
        </dd>
        <dt>Loại đơn vị</dt>
        <dd>{d.type_label}</dd>
        <dt>Cấp trong cây</dt>
        <dd>{fmtNumber(d.level)}</dd>
        <dt>Hiệu lực</dt>
        <dd>{fmtValidity(d.valid_from, d.valid_to)}</dd>
        <dt>Đơn vị trực thuộc</dt>
        <dd>{fmtNumber(d.child_count)}</dd>
      </dl>
      {props.canWrite && (
        <div class="detail-actions">
          <button type="button" class="btn btn-primary" onClick={props.onCreate}>
            Thêm đơn vị trực thuộc
          </button>
          <button type="button" class="btn" onClick={props.onEdit}>
            Sửa thông tin
          </button>
          <button type="button" class="btn" onClick={() => setLinkDialog(true)}>
            Thêm liên kết kế thừa
          </button>
        </div>
      )}
      <ErrorBox error={linkError} />
      <h3>Đơn vị tiền thân</h3>
      {d.predecessors.length ? linkList(d.predecessors, 'from') : <p class="muted">Không có.</p>}
      <h3>Đơn vị kế thừa</h3>
      {d.successors.length ? linkList(d.successors, 'to') : <p class="muted">Không có.</p>}
      <UnitWorkflow unitId={d.id} me={props.me} />
      {linkDialog && (
        <LinkDialog
          unit={d}
          onClose={() => setLinkDialog(false)}
          onSaved={() => {
            setLinkDialog(false);
            props.onLinksChanged();
          }}
        />
      )}
    </article>
  );
}

// ---------------------------------------------------------------- create / edit

function OrgForm(props: {
  mode: 'create' | 'edit';
  parent?: OrgUnitDetail;
  unit?: OrgUnitDetail;
  types: IdLabel<OrgTypeId>[];
  onClose: () => void;
  onSaved: (u: OrgUnit) => void;
}) {
  const base = props.unit;
  const defaultType = (): OrgTypeId => {
    const pt = props.parent?.type;
    if (pt === 'department' || pt === 'public_service' || pt === 'vertical' || pt === 'division') return 'division';
    if (pt === 'district') return 'commune';
    return 'department';
  };
  const [version, setVersion] = useState(base?.version ?? 0);
  const [orig, setOrig] = useState<OrgUnit | undefined>(base);
  const [code, setCode] = useState(base?.code ?? '');
  const [name, setName] = useState(base?.name ?? '');
  const [type, setType] = useState<OrgTypeId>(base?.type ?? defaultType());
  const [validFrom, setValidFrom] = useState(base?.valid_from ?? '');
  const [validTo, setValidTo] = useState(base?.valid_to ?? '');
  const [newParent, setNewParent] = useState<OrgUnit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<OrgUnit | null>(null);
  const [busy, setBusy] = useState(false);

  const applyCurrent = (u: OrgUnit) => {
    setOrig(u);
    setVersion(u.version);
    setCode(u.code);
    setName(u.name);
    setType(u.type);
    setValidFrom(u.valid_from ?? '');
    setValidTo(u.valid_to ?? '');
    setConflict(null);
    setError(null);
  };

  const reload = async () => {
    try {
      applyCurrent(await orgs.get(base!.id));
    } catch (e) {
      setError(e);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const bad = badDates({ 'Hiệu lực từ ngày': validFrom, 'Hiệu lực đến ngày': validTo });
    if (bad) {
      setError(bad);
      return;
    }
    setBusy(true);
    try {
      let saved: OrgUnit;
      if (props.mode === 'create') {
        saved = await orgs.create({
          code: code.trim(),
          name: name.trim(),
          type,
          parent_id: props.parent!.id,
          ...(validFrom ? { valid_from: validFrom } : {}),
          ...(validTo ? { valid_to: validTo } : {}),
        });
      } else {
        const o = orig!;
        const patch: Record<string, unknown> = { version };
        if (code.trim() !== o.code) patch.code = code.trim();
        if (name.trim() !== o.name) patch.name = name.trim();
        if (type !== o.type) patch.type = type;
        if ((validFrom || null) !== o.valid_from) patch.valid_from = validFrom || null;
        if ((validTo || null) !== o.valid_to) patch.valid_to = validTo || null;
        if (newParent && newParent.id !== o.parent_id) patch.parent_id = newParent.id;
        if (Object.keys(patch).length === 1) {
          props.onClose();
          return;
        }
        saved = await orgs.update(o.id, patch as { version: number });
      }
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.problem.code === 'E3002_CONFLICT') {
        setConflict((err.problem.current as OrgUnit) || ({} as OrgUnit));
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title =
    props.mode === 'create' ? `Thêm đơn vị trực thuộc “${props.parent!.name}”` : `Sửa đơn vị “${base!.name}”`;

  return (
    <Dialog title={title} onClose={props.onClose}>
      {conflict ? (
        <div class="alert alert-error" role="alert">
          <p>
            <strong>Dữ liệu đã được người khác thay đổi</strong> trong lúc bạn đang sửa. Hãy tải lại dữ liệu mới
            nhất rồi sửa lại.
          </p>
          <button type="button" class="btn" onClick={reload}>
            Tải lại dữ liệu mới nhất
          </button>
        </div>
      ) : (
        <ErrorBox error={error} />
      )}
      <form onSubmit={submit} noValidate>
        <div class="grid2">
          <Field label="Mã đơn vị" required>
            {(id) => (
              <input
                id={id}
                value={code}
                required
                autoFocus
                onInput={(e) => setCode((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <Field label="Loại đơn vị" required>
            {(id) => (
              <select id={id} value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
                {props.types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Tên đơn vị" required>
          {(id) => (
            <input id={id} value={name} required onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          )}
        </Field>
        <div class="grid2">
          <Field label="Hiệu lực từ ngày">
            {(id) => (
              <DateInput id={id} value={validFrom} onChange={setValidFrom} />
            )}
          </Field>
          <Field label="Hiệu lực đến ngày" hint="Để trống nếu đơn vị còn hoạt động.">
            {(id, hint) => (
              <DateInput id={id} value={validTo} onChange={setValidTo} describedBy={hint} />
            )}
          </Field>
        </div>
        {props.mode === 'edit' && base && (
          <Field
            label="Chuyển sang đơn vị cấp trên khác"
            hint={`Hiện tại: ${base.path.length ? base.path[base.path.length - 1].name : 'không có (đơn vị gốc)'}. Để trống nếu không đổi.`}
          >
            {(id, hint) => <UnitPicker id={id} value={newParent} onChange={setNewParent} describedBy={hint} />}
          </Field>
        )}
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || !!conflict}>
            {busy ? 'Đang lưu…' : props.mode === 'create' ? 'Tạo đơn vị' : 'Lưu thay đổi'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------- successor link

function LinkDialog(props: { unit: OrgUnitDetail; onClose: () => void; onSaved: () => void }) {
  const [dir, setDir] = useState<'successor' | 'predecessor'>('successor');
  const [other, setOther] = useState<OrgUnit | null>(null);
  const [kind, setKind] = useState<'merge' | 'split' | 'rename'>('merge');
  const [share, setShare] = useState('100');
  const [effective, setEffective] = useState('2025-07-01');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!other) {
      setError(new Error('Vui lòng chọn đơn vị liên kết.'));
      return;
    }
    const badEff = badDates({ 'Ngày hiệu lực': effective }) || (effective ? null : new Error('Vui lòng nhập ngày hiệu lực.'));
    if (badEff) {
      setError(badEff);
      return;
    }
    const s = Number(share.replace(',', '.'));
    if (!Number.isFinite(s) || s <= 0 || s > 100) {
      setError(new Error('Tỷ lệ phải lớn hơn 0 và không quá 100%.'));
      return;
    }
    setBusy(true);
    try {
      await orgs.addLink({
        from_id: dir === 'successor' ? props.unit.id : other.id,
        to_id: dir === 'successor' ? other.id : props.unit.id,
        kind,
        share: s / 100,
        effective,
      });
      props.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Thêm liên kết kế thừa cho “${props.unit.name}”`} onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <fieldset class="radios">
          <legend>Quan hệ</legend>
          <label class="check">
            <input type="radio" name="dir" checked={dir === 'successor'} onChange={() => setDir('successor')} />
            Đơn vị được chọn dưới đây là đơn vị kế thừa
          </label>
          <label class="check">
            <input type="radio" name="dir" checked={dir === 'predecessor'} onChange={() => setDir('predecessor')} />
            Đơn vị được chọn dưới đây là đơn vị tiền thân
          </label>
        </fieldset>
        <Field label="Đơn vị" required>
          {(id) => <UnitPicker id={id} value={other} onChange={setOther} required />}
        </Field>
        <div class="grid3">
          <Field label="Hình thức">
            {(id) => (
              <select id={id} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'merge')}>
                <option value="merge">Sáp nhập</option>
                <option value="split">Chia tách</option>
                <option value="rename">Đổi tên</option>
              </select>
            )}
          </Field>
          <Field label="Tỷ lệ (%)">
            {(id) => (
              <input id={id} inputMode="decimal" value={share} onInput={(e) => setShare((e.target as HTMLInputElement).value)} />
            )}
          </Field>
          <Field label="Ngày hiệu lực" required>
            {(id) => (
              <DateInput id={id} value={effective} onChange={setEffective} />
            )}
          </Field>
        </div>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Thêm liên kết
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------- import / export

function formatOf(name: string): ExportFormat | null {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'json' || ext === 'csv' || ext === 'xlsx' ? ext : null;
}

function ImportDialog(props: { onClose: () => void; onDone: (r: ImportResult) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setError(new Error('Vui lòng chọn tệp cần nhập.'));
      return;
    }
    setBusy(true);
    try {
      const r = await orgs.import(file, format);
      setResult(r);
      props.onDone(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Nhập danh mục đơn vị từ tệp" onClose={props.onClose}>
      <p class="muted">
        Tệp JSON, CSV hoặc Excel (.xlsx) cùng cấu trúc với tệp xuất (các cột <code>ma</code>, <code>ten</code>,{' '}
        <code>loai</code>, <code>ma_cap_tren</code>, <code>hieu_luc_tu</code>, <code>hieu_luc_den</code>,{' '}
        <code>ke_thua</code>). Việc nhập là toàn bộ hoặc không: nếu có dòng lỗi, không dữ liệu nào được ghi.
      </p>
      {result && (
        <Notice kind="ok">
          Đã nhập {fmtNumber(result.created)} đơn vị và {fmtNumber(result.links)} liên kết kế thừa.
        </Notice>
      )}
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Tệp dữ liệu" required>
          {(id) => (
            <div class="file-pick">
              <input
                id={id}
                class="sr-only"
                type="file"
                accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const f = (e.target as HTMLInputElement).files?.[0] || null;
                  setFile(f);
                  setResult(null);
                  const fmt = f && formatOf(f.name);
                  if (fmt) setFormat(fmt);
                }}
              />
              <label for={id} class="btn" aria-hidden="true">
                Chọn tệp…
              </label>
              <span class="file-name">{file ? `${file.name} (${fmtNumber(Math.ceil(file.size / 1024))} KB)` : 'Chưa chọn tệp'}</span>
            </div>
          )}
        </Field>
        <Field label="Định dạng">
          {(id) => (
            <select id={id} value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as ExportFormat)}>
              <option value="csv">CSV</option>
              <option value="xlsx">Excel (.xlsx)</option>
              <option value="json">JSON</option>
            </select>
          )}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Đóng
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang nhập…' : 'Nhập dữ liệu'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ExportDialog(props: { selected: OrgUnitDetail | null; onClose: () => void }) {
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [scope, setScope] = useState<'all' | 'selected'>('all');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const { blob, filename } = await orgs.export(
        format,
        scope === 'selected' && props.selected ? props.selected.id : undefined,
      );
      saveBlob(blob, filename);
      props.onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Xuất danh mục đơn vị" onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit}>
        <fieldset class="radios">
          <legend>Định dạng tệp</legend>
          {(
            [
              ['xlsx', 'Excel (.xlsx)'],
              ['csv', 'CSV'],
              ['json', 'JSON'],
            ] as const
          ).map(([f, label]) => (
            <label class="check" key={f}>
              <input type="radio" name="fmt" value={f} checked={format === f} onChange={() => setFormat(f)} />
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset class="radios">
          <legend>Phạm vi</legend>
          <label class="check">
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            Toàn bộ cây đơn vị
          </label>
          <label class="check">
            <input
              type="radio"
              name="scope"
              disabled={!props.selected}
              checked={scope === 'selected'}
              onChange={() => setScope('selected')}
            />
            {props.selected ? `Nhánh của “${props.selected.name}”` : 'Nhánh của đơn vị đang chọn (chưa chọn)'}
          </label>
        </fieldset>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang xuất…' : 'Tải tệp xuống'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
