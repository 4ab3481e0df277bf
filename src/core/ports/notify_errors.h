// Errors of NotifyRepository, worded once for both adapters (storage/memory, storage/sql).
#pragma once

#include <cstdint>
#include <string>

#include "core/common/error.h"

namespace baocao::core::ports {

inline Error notificationNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy thông báo số " + std::to_string(id));
}
inline Error digestNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy thư nhắc việc số " + std::to_string(id));
}
inline Error announcementNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy thông báo vận hành số " + std::to_string(id));
}
inline Error announcementConflict() {
  return makeError(ErrorCode::Conflict,
                   "Thông báo vận hành đã được người khác thay đổi; hãy tải lại và thử lại");
}

}  // namespace baocao::core::ports
