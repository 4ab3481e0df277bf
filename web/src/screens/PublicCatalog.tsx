// Danh mục báo cáo định kỳ (/danh-muc-bao-cao): the published catalog of periodic reports
// (002 Đ11–Đ12), public — no login. Name, reporting units, receiving unit, frequency and legal
// document of every published periodic regime, with XLSX and PDF downloads.

import { useEffect, useState } from 'preact/hooks';
import { publicCatalog, type CatalogItem } from '../api/regimes';
import { ErrorBox, Spinner } from '../components';
import './regimes.css';

export function PublicCatalogScreen(props: { loggedIn: boolean }) {
  const [items, setItems] = useState<CatalogItem[] | null>(null);
  const [asOf, setAsOf] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = 'Danh mục báo cáo định kỳ';
    publicCatalog
      .get()
      .then((r) => {
        setItems(r.items);
        setAsOf(r.as_of);
      })
      .catch(setError);
  }, []);
  return (
    <main class="catalog-page" id="main">
      <div class="catalog-head">
        <div>
          <p class="muted small">Ủy ban nhân dân Thành phố Hồ Chí Minh</p>
          <h1>Danh mục báo cáo định kỳ</h1>
          <p class="muted">
            Công bố theo Điều 11, Điều 12 Quy định chế độ báo cáo định kỳ{asOf ? `; cập nhật ngày ${asOf}` : ''}.
          </p>
        </div>
        <div class="page-actions">
          <a class="btn btn-small" href={publicCatalog.xlsxUrl} download>
            Tải Excel
          </a>
          <a class="btn btn-small" href={publicCatalog.pdfUrl} download>
            Tải PDF
          </a>
          <a class="btn btn-small" href="/">
            {props.loggedIn ? 'Về hệ thống' : 'Đăng nhập'}
          </a>
        </div>
      </div>
      <ErrorBox error={error} />
      {!items && !error ? (
        <Spinner label="Đang tải…" />
      ) : items && items.length === 0 ? (
        <p class="muted">Chưa có báo cáo định kỳ nào được công bố.</p>
      ) : (
        items && (
          <div class="table-wrap">
            <table class="table catalog-table">
              <caption class="sr-only">Danh mục báo cáo định kỳ</caption>
              <thead>
                <tr>
                  <th scope="col">STT</th>
                  <th scope="col">Tên báo cáo</th>
                  <th scope="col">Đối tượng thực hiện báo cáo</th>
                  <th scope="col">Cơ quan nhận báo cáo</th>
                  <th scope="col">Tần suất thực hiện báo cáo</th>
                  <th scope="col">Văn bản quy định chế độ báo cáo</th>
                </tr>
              </thead>
              <tbody>
                {items.map((it, i) => (
                  <tr key={it.regime_id}>
                    <td>{i + 1}</td>
                    <td>
                      <strong>{it.name}</strong>
                    </td>
                    <td data-label="Đối tượng thực hiện">{it.reporting}</td>
                    <td data-label="Cơ quan nhận">{it.receiving}</td>
                    <td data-label="Tần suất">{it.frequency}</td>
                    <td data-label="Văn bản quy định">{it.legal_basis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </main>
  );
}
