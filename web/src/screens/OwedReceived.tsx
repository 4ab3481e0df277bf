// "Báo cáo các đơn vị gửi đến" (issue 5 point 2, the receiver's side): for each regime, period
// and receiving unit in the user's scope, how many units have reported on time, late, or not
// yet; a group opens to the list of units with their state and compliance.
// Data: GET /api/v1/me/received, GET /api/v1/obligations?regime=&period=.

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { obligations, type ReceivedGroup, type ReceivedList } from '../api/obligations';
import { ErrorBox, Spinner } from '../components';
import { fmtDate } from '../format';
import { consolidationPath } from '../api/exchange';
import { linkClick } from '../router';
import './requests.css';

const COMPLIANCE_BADGE: Record<string, string> = {
  on_time: 'badge badge-ok',
  late: 'badge badge-warn',
  not_submitted: 'badge badge-danger',
  pending: 'badge badge-muted',
};

export function ReceivedSection() {
  const [groups, setGroups] = useState<ReceivedGroup[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    obligations
      .receivedGroups()
      .then((r) => setGroups(r.items))
      .catch((e) => {
        setError(e);
        setGroups([]);
      });
  }, []);

  if (groups && groups.length === 0 && !error) return null;
  return (
    <section class="owed-received" aria-labelledby="received-title">
      <h2 id="received-title">Báo cáo các đơn vị gửi đến</h2>
      <ErrorBox error={error} />
      {!groups ? (
        <Spinner />
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Báo cáo</th>
                <th scope="col">Đơn vị nhận</th>
                <th scope="col">Hạn gửi</th>
                <th scope="col">Tình hình</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => {
                const id = `${g.regime_code}/${g.period?.id || ''}/${g.receiving_unit.id}`;
                const isOpen = open === id;
                return (
                  <Fragment key={id}>
                    <tr>
                      <td>
                        <button
                          type="button"
                          class="linklike"
                          aria-expanded={isOpen}
                          onClick={() => setOpen(isOpen ? null : id)}
                        >
                          {g.regime_name}
                          {g.period ? ` — ${g.period.label}` : ''}
                        </button>
                      </td>
                      <td>{g.receiving_unit.name}</td>
                      <td>{fmtDate(g.deadline)}</td>
                      <td>
                        {g.summary.text}
                        {g.period && (
                          <>
                            {' '}
                            <a class="received-consolidate" href={consolidationPath(g.receiving_unit.id, g.regime_code, g.period.id)} onClick={linkClick}>
                              Tổng hợp số liệu
                            </a>
                          </>
                        )}
                      </td>
                    </tr>
                    {isOpen && (
                      <tr>
                        <td colSpan={4}>
                          <ReceivedDetail regimeCode={g.regime_code} periodId={g.period?.id} title={g.regime_name} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The units of one regime (or ad hoc request) and period, with state and compliance; a report
 * counted with the true date entered through a backfill window is marked "Nhập bù" (002 Đ5.4). */
export function ReceivedDetail(props: { regimeCode: string; periodId?: string; title: string }) {
  const [data, setData] = useState<ReceivedList | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    obligations
      .received(props.regimeCode, props.periodId)
      .then(setData)
      .catch(setError);
  }, [props.regimeCode, props.periodId]);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Spinner />;
  return (
    <ul class="owed-units-list" aria-label={`Đơn vị báo cáo: ${props.title}`}>
      {data.items.map((r) => (
        <li key={r.key}>
          <span>
            {r.unit.name}
            {r.backfill && (
              <span class="muted backfill-note">
                {' '}
                — gửi ngoài hệ thống ngày {fmtDate(r.backfill.true_sent_date)}: {r.backfill.explanation}
              </span>
            )}
          </span>
          <span class="muted">{r.state_label}</span>
          <span>
            <span class={COMPLIANCE_BADGE[r.compliance.status] || 'badge'}>{r.compliance.label}</span>
            {r.compliance.backfilled && (
              <span class="badge badge-muted badge-backfill" title={r.compliance.note}>
                Nhập bù
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
