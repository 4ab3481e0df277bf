#include "core/ports/obligation_errors.h"

namespace baocao::core::ports::obligation_errors {

core::Error obligationNotFound(const std::string& key) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy nghĩa vụ báo cáo '" + key + "'");
}
core::Error obligationConflict() {
  return makeError(ErrorCode::Conflict,
                   "Báo cáo đã được người khác thay đổi trạng thái; hãy tải lại và thử lại");
}
core::Error requestNotFound(const std::string& id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy yêu cầu báo cáo đột xuất '" + id + "'");
}
core::Error windowNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy đợt nhập bù số " + std::to_string(id));
}
core::Error windowClosed(int64_t id) {
  return makeError(ErrorCode::Conflict, "Đợt nhập bù số " + std::to_string(id) + " đã đóng");
}

}  // namespace baocao::core::ports::obligation_errors
