// The unit detail's "Quy trình báo cáo nội bộ" (1–3 internal steps, 000 Đ6; 003 Đ7.1, Đ10.5)
// and "Ủy quyền phê duyệt" (the leader delegates approval, 000 Đ6) sections, mounted by
// Orgs.tsx. The server decides who may change what: a refusal is shown as its message.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Me, User } from '../api/types';
import { regimes as regimesApi } from '../api/regimes';
import type { RegimeHead } from '../api/regimes';
import { unitWorkflow } from '../api/unitWorkflow';
import type { Delegation, UnitWorkflow as Workflow } from '../api/unitWorkflow';
import { DateInput, Dialog, ErrorBox, Field, FormActions, Notice, UserPicker, badDates, useSubmit } from '../components';
import { fmtDate, fmtInstant, todayISO } from '../format';
import './unitWorkflow.css';

const ENTRY = 'Chuyên viên nhập số liệu, trình';
const CHECK = 'Lãnh đạo phòng kiểm tra';
/** the path of a report inside the unit for each configuration (docs/domain/workflow.md) */
export const STEP_PATHS: Record<number, string[]> = {
  1: [ENTRY, 'Lãnh đạo đơn vị duyệt, ký và gửi'],
  2: [ENTRY, CHECK, 'Lãnh đạo đơn vị duyệt, ký và gửi'],
  3: [ENTRY, CHECK, 'Lãnh đạo đơn vị duyệt, ký', 'Văn thư gửi'],
};
const STEP_TITLES: Record<number, string> = {
  1: '1 bước: lãnh đạo đơn vị duyệt trực tiếp',
  2: '2 bước: qua lãnh đạo phòng kiểm tra',
  3: '3 bước: lãnh đạo phòng kiểm tra, văn thư gửi',
};

function refusedToRead(e: unknown): boolean {
  return e instanceof ApiError && (e.problem.status === 403 || e.problem.status === 404);
}

export function UnitWorkflow(props: { unitId: number; me: Me }) {
  const [wf, setWf] = useState<Workflow | null>(null);
  const [items, setItems] = useState<Delegation[]>([]);
  const [regimes, setRegimes] = useState<RegimeHead[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [hidden, setHidden] = useState(false);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const [delegNotice, setDelegNotice] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);

  const load = async () => {
    try {
      const [w, d] = await Promise.all([unitWorkflow.get(props.unitId), unitWorkflow.delegations(props.unitId)]);
      setWf(w);
      setItems(d.items);
      setLoadError(null);
      setHidden(false);
    } catch (e) {
      // no role on this unit: the section is not for this person
      if (refusedToRead(e)) setHidden(true);
      else setLoadError(e);
    }
  };
  useEffect(() => {
    setWf(null);
    setEditing(false);
    setNotice('');
    setDelegNotice('');
    setActionError(null);
    load();
  }, [props.unitId]);
  useEffect(() => {
    regimesApi
      .list({ status: 'published' })
      .then((r) => setRegimes(r.items))
      .catch(() => setRegimes([]));
  }, []);

  if (hidden) return null;
  const regimeName = (code: string) => {
    if (!code) return 'Tất cả báo cáo';
    const r = regimes.find((x) => x.code === code);
    return r ? `${r.name} (${code})` : code;
  };
  const isAdmin = props.me.permissions.includes('org.write');
  const isApprover = props.me.grants.some((g) => g.role === 'approver' || g.role === 'system_admin');

  const revoke = async (d: Delegation) => {
    if (!confirm(`Thu hồi ủy quyền phê duyệt cho ${d.delegate.name}?`)) return;
    setActionError(null);
    setDelegNotice('');
    try {
      await unitWorkflow.revoke(props.unitId, d.id);
      setDelegNotice(`Đã thu hồi ủy quyền phê duyệt của ${d.delegate.name}.`);
      await load();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section class="unit-workflow" aria-labelledby="uw-steps-title">
      <div class="section-head">
        <h3 id="uw-steps-title">Quy trình báo cáo nội bộ</h3>
        {wf && isAdmin && !editing && (
          <button type="button" class="btn" onClick={() => setEditing(true)}>
            Thay đổi số bước
          </button>
        )}
      </div>
      <ErrorBox error={loadError} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      {wf && !editing && (
        <>
          <p class="uw-count">
            <strong>{STEP_TITLES[wf.internal_steps] || `${wf.internal_steps} bước`}</strong>
            {!wf.configured && <span class="muted"> (mặc định)</span>}
          </p>
          <ol class="uw-steps" aria-label={`Các bước xử lý: ${wf.internal_steps} bước`}>
            {(STEP_PATHS[wf.internal_steps] || []).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {wf.updated_by && wf.updated_at && (
            <p class="muted uw-meta">
              Đặt bởi {wf.updated_by.name} lúc {fmtInstant(wf.updated_at)}
            </p>
          )}
        </>
      )}
      {wf && editing && (
        <StepsForm
          unitId={props.unitId}
          current={wf.internal_steps}
          onCancel={() => setEditing(false)}
          onSaved={(w) => {
            setWf(w);
            setEditing(false);
            setNotice(`Đã đặt quy trình ${w.internal_steps} bước cho đơn vị.`);
          }}
        />
      )}

      <div class="section-head">
        <h3 id="uw-deleg-title">Ủy quyền phê duyệt</h3>
        {wf && isApprover && (
          <button type="button" class="btn" onClick={() => setAdding(true)}>
            Thêm ủy quyền
          </button>
        )}
      </div>
      <p class="muted uw-meta">
        Lãnh đạo đơn vị giao cho người khác phê duyệt, ký báo cáo thay trong một khoảng thời gian (Điều 6).
      </p>
      {delegNotice && <Notice kind="ok">{delegNotice}</Notice>}
      <ErrorBox error={actionError} />
      {wf && items.length === 0 && <p class="muted">Chưa có ủy quyền nào.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table uw-table" aria-labelledby="uw-deleg-title">
            <thead>
              <tr>
                <th scope="col">Người được ủy quyền</th>
                <th scope="col">Báo cáo</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td data-label="Được ủy quyền">
                    {d.delegate.name}
                    <span class="uw-sub">do {d.delegator.name} ủy quyền</span>
                  </td>
                  <td data-label="Báo cáo">{regimeName(d.regime_code)}</td>
                  <td data-label="Thời gian" class="uw-dates">
                    {fmtDate(d.valid_from)} – {fmtDate(d.valid_to)}
                  </td>
                  <td data-label="Trạng thái" class="uw-status">
                    <StatusBadge d={d} />
                    {!d.revoked && (
                      <button
                        type="button"
                        class="btn-link danger"
                        aria-label={`Thu hồi ủy quyền cho ${d.delegate.name}`}
                        onClick={() => revoke(d)}
                      >
                        Thu hồi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <DelegationDialog
          unitId={props.unitId}
          me={props.me}
          regimes={regimes}
          onClose={() => setAdding(false)}
          onSaved={async (d) => {
            setAdding(false);
            setDelegNotice(`Đã ủy quyền phê duyệt cho ${d.delegate.name} từ ${fmtDate(d.valid_from)} đến ${fmtDate(d.valid_to)}.`);
            await load();
          }}
        />
      )}
    </section>
  );
}

function StatusBadge(props: { d: Delegation }) {
  const d = props.d;
  const today = todayISO();
  if (d.revoked) return <span class="badge">Đã thu hồi</span>;
  if (d.active) return <span class="badge badge-ok">Đang hiệu lực</span>;
  if (d.valid_to < today) return <span class="badge">Đã hết hạn</span>;
  return <span class="badge badge-warn">Chưa đến ngày hiệu lực</span>;
}

function StepsForm(props: { unitId: number; current: number; onCancel: () => void; onSaved: (w: Workflow) => void }) {
  const [steps, setSteps] = useState(props.current);
  const { busy, error, submit } = useSubmit(async () => {
    props.onSaved(await unitWorkflow.set(props.unitId, steps));
  });
  return (
    <form class="uw-form" onSubmit={submit}>
      <fieldset class="radios">
        <legend>Số bước xử lý nội bộ</legend>
        {[1, 2, 3].map((n) => (
          <label class="check" key={n}>
            <input type="radio" name="internal_steps" checked={steps === n} onChange={() => setSteps(n)} />
            <span>
              <strong>{STEP_TITLES[n]}</strong>
              <br />
              <span class="muted">{STEP_PATHS[n].join(' → ')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p class="muted uw-meta">Báo cáo đang xử lý dở tiếp tục theo bước hiện tại của nó, không bị kẹt.</p>
      <ErrorBox error={error} />
      <FormActions onCancel={props.onCancel} busy={busy}>
        Lưu quy trình
      </FormActions>
    </form>
  );
}

function DelegationDialog(props: {
  unitId: number;
  me: Me;
  regimes: RegimeHead[];
  onClose: () => void;
  onSaved: (d: Delegation) => void;
}) {
  // the users list needs user.read; a leader without it types the account number instead
  const canSearch = props.me.permissions.includes('user.read');
  const [user, setUser] = useState<User | null>(null);
  const [userId, setUserId] = useState('');
  const [regime, setRegime] = useState('');
  const [from, setFrom] = useState(todayISO());
  const [to, setTo] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const bad = badDates({ 'Từ ngày': from, 'Đến ngày': to });
    if (bad) throw bad;
    const id = canSearch ? user?.id : /^\d+$/.test(userId.trim()) ? Number(userId.trim()) : NaN;
    if (!id || Number.isNaN(id))
      throw new Error(
        canSearch
          ? 'Trường “Người được ủy quyền”: hãy chọn một người trong danh sách.'
          : 'Trường “Mã số tài khoản”: hãy nhập mã số (chỉ gồm chữ số) của người được ủy quyền.',
      );
    if (!from || !to) throw new Error(`Trường “${!from ? 'Từ ngày' : 'Đến ngày'}”: bắt buộc.`);
    const d = await unitWorkflow.delegate(props.unitId, {
      delegate_user_id: id,
      regime_code: regime || undefined,
      valid_from: from,
      valid_to: to,
    });
    props.onSaved(d);
  });
  return (
    <Dialog title="Thêm ủy quyền phê duyệt" onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {canSearch ? (
          <Field label="Người được ủy quyền" required>
            {(id) => <UserPicker id={id} value={user} onChange={setUser} />}
          </Field>
        ) : (
          <Field
            label="Mã số tài khoản"
            required
            hint="Tài khoản của bạn không được tra cứu danh sách người dùng: hỏi quản trị đơn vị mã số tài khoản của người được ủy quyền."
          >
            {(id, hint) => (
              <input
                id={id}
                type="text"
                inputMode="numeric"
                aria-describedby={hint}
                value={userId}
                onInput={(e) => setUserId((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
        )}
        <Field label="Báo cáo được ủy quyền">
          {(id) => (
            <select id={id} value={regime} onChange={(e) => setRegime((e.target as HTMLSelectElement).value)}>
              <option value="">Tất cả báo cáo</option>
              {props.regimes.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name} ({r.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="grid2">
          <Field label="Từ ngày" required>
            {(id) => <DateInput id={id} value={from} onChange={setFrom} />}
          </Field>
          <Field label="Đến ngày" required>
            {(id) => <DateInput id={id} value={to} onChange={setTo} />}
          </Field>
        </div>
        <ErrorBox error={error} />
        <FormActions onCancel={props.onClose} busy={busy}>
          Ủy quyền
        </FormActions>
      </form>
    </Dialog>
  );
}
