#include "core/ports/indicator_errors.h"

namespace baocao::core::ports::indicator_errors {

using core::ErrorCode;
using core::makeError;

core::Error indicatorNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy chỉ tiêu (id " + std::to_string(id) + ")");
}
core::Error indicatorCodeNotFound(const std::string& code) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy chỉ tiêu có mã '" + code + "'");
}
core::Error indicatorCodeTaken(const std::string& code) {
  return makeError(ErrorCode::AlreadyExists, "Mã chỉ tiêu '" + code + "' đã tồn tại");
}
core::Error indicatorConflict() {
  return makeError(ErrorCode::Conflict, "Chỉ tiêu đã được người khác thay đổi; hãy tải lại và thử lại");
}
core::Error setNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy bộ chỉ tiêu (id " + std::to_string(id) + ")");
}
core::Error setCodeNotFound(const std::string& code) {
  return makeError(ErrorCode::NotFound, "Không tìm thấy bộ chỉ tiêu có mã '" + code + "'");
}
core::Error setCodeTaken(const std::string& code) {
  return makeError(ErrorCode::AlreadyExists, "Mã bộ chỉ tiêu '" + code + "' đã tồn tại");
}
core::Error versionConflict(int latest, int expected) {
  return makeError(ErrorCode::Conflict, "Bộ chỉ tiêu đã có phiên bản " + std::to_string(latest) +
                                            " (bạn dựa trên phiên bản " + std::to_string(expected) +
                                            "); hãy tải lại");
}
core::Error versionNotFound(int64_t set_id, int number) {
  return makeError(ErrorCode::NotFound, "Bộ chỉ tiêu (id " + std::to_string(set_id) +
                                            ") không có phiên bản " + std::to_string(number));
}
core::Error targetNotFound(int64_t id) {
  return makeError(ErrorCode::NotFound,
                   "Không tìm thấy chỉ tiêu kế hoạch (id " + std::to_string(id) + ")");
}
core::Error targetForNotFound(const std::string& period, int64_t unit, int64_t indicator) {
  return makeError(ErrorCode::NotFound, "Chưa có chỉ tiêu kế hoạch " + period + " của đơn vị (id " +
                                            std::to_string(unit) + ") cho chỉ tiêu (id " +
                                            std::to_string(indicator) + ")");
}
core::Error targetTaken(const std::string& period, int64_t unit, int64_t indicator) {
  return makeError(ErrorCode::AlreadyExists, "Đơn vị (id " + std::to_string(unit) +
                                                 ") đã có chỉ tiêu kế hoạch " + period +
                                                 " cho chỉ tiêu (id " + std::to_string(indicator) + ")");
}
core::Error targetConflict() {
  return makeError(ErrorCode::Conflict,
                   "Chỉ tiêu kế hoạch đã được người khác thay đổi; hãy tải lại và thử lại");
}
core::Error actualNotFound(int64_t unit, int64_t indicator, int year) {
  return makeError(ErrorCode::NotFound, "Chưa có kết quả năm " + std::to_string(year) +
                                            " của đơn vị (id " + std::to_string(unit) +
                                            ") cho chỉ tiêu (id " + std::to_string(indicator) + ")");
}

}  // namespace baocao::core::ports::indicator_errors
