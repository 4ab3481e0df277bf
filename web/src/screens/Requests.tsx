// Báo cáo đột xuất (issue 5 point 1): the ad hoc requests issued by the units in the user's
// scope, each with who has reported, and — for leaders — the form "Yêu cầu báo cáo đột xuất"
// (002 Đ1.2). Data: GET/POST /api/v1/requests; a request opens to its recipients through
// GET /api/v1/obligations?regime=<request id>.

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { requests, type AdHocRequest } from '../api/requests';
import type { Me } from '../api/types';
import { ErrorBox, Notice, Spinner } from '../components';
import { fmtDate } from '../format';
import { ReceivedDetail } from './OwedReceived';
import { AdHocDialog, ledUnits } from './RequestForms';
import './requests.css';

export function RequestsScreen(props: { me: Me }) {
  const [items, setItems] = useState<AdHocRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const leader = ledUnits(props.me).length > 0;

  useEffect(() => {
    requests
      .list()
      .then((r) => setItems(r.items))
      .catch((e) => {
        setError(e);
        setItems([]);
      });
  }, [reload]);

  return (
    <section class="requests" aria-labelledby="requests-title">
      <div class="page-head">
        <h1 id="requests-title">Báo cáo đột xuất</h1>
        {leader && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            Yêu cầu báo cáo đột xuất
          </button>
        )}
      </div>
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBox error={error} />
      {!items ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p class="muted">Chưa có yêu cầu báo cáo đột xuất nào trong phạm vi của bạn.</p>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Yêu cầu báo cáo đột xuất">
            <thead>
              <tr>
                <th scope="col">Số văn bản</th>
                <th scope="col">Tên báo cáo</th>
                <th scope="col">Đơn vị yêu cầu</th>
                <th scope="col">Ngày yêu cầu</th>
                <th scope="col">Hạn gửi</th>
                <th scope="col">Tình hình</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const isOpen = open === r.request_id;
                return (
                  <Fragment key={r.request_id}>
                    <tr>
                      <td>{r.document_number}</td>
                      <td>
                        <button
                          type="button"
                          class="linklike"
                          aria-expanded={isOpen}
                          onClick={() => setOpen(isOpen ? null : r.request_id)}
                        >
                          {r.title}
                        </button>
                        {r.period && <span class="muted"> — {r.period.label}</span>}
                      </td>
                      <td>{r.issuing_unit.name}</td>
                      <td>{fmtDate(r.issued_on)}</td>
                      <td>{fmtDate(r.deadline)}</td>
                      <td>{r.summary.text}</td>
                    </tr>
                    {isOpen && (
                      <tr>
                        <td colSpan={6}>
                          <ReceivedDetail regimeCode={r.request_id} title={r.title} />
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
      {creating && (
        <AdHocDialog
          me={props.me}
          onClose={() => setCreating(false)}
          onDone={(r) => {
            setCreating(false);
            setNotice(
              r.created === false
                ? `Yêu cầu số ${r.document_number} đã được gửi trước đó; không tạo thêm.`
                : `Đã gửi yêu cầu «${r.title}» đến ${r.summary.total} đơn vị, hạn gửi ${fmtDate(r.deadline)}.`,
            );
            setReload((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
