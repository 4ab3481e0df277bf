#include "core/common/error.h"

namespace baocao::core {

std::string_view codeId(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidJson: return "E1001_INVALID_JSON";
    case ErrorCode::InvalidField: return "E1002_INVALID_FIELD";
    case ErrorCode::MissingField: return "E1003_MISSING_FIELD";
    case ErrorCode::UnknownField: return "E1004_UNKNOWN_FIELD";
    case ErrorCode::BodyTooLarge: return "E1005_BODY_TOO_LARGE";
    case ErrorCode::InvalidUtf8: return "E1006_INVALID_UTF8";
    case ErrorCode::InvalidFileName: return "E1007_INVALID_FILE_NAME";
    case ErrorCode::InvalidFile: return "E1008_INVALID_FILE";
    case ErrorCode::UnsupportedMediaType: return "E1009_UNSUPPORTED_MEDIA_TYPE";
    case ErrorCode::Unauthenticated: return "E2001_UNAUTHENTICATED";
    case ErrorCode::BadCredentials: return "E2002_BAD_CREDENTIALS";
    case ErrorCode::AccountLocked: return "E2003_ACCOUNT_LOCKED";
    case ErrorCode::AccountRevoked: return "E2004_ACCOUNT_REVOKED";
    case ErrorCode::PasswordChangeRequired: return "E2005_PASSWORD_CHANGE_REQUIRED";
    case ErrorCode::WeakPassword: return "E2006_WEAK_PASSWORD";
    case ErrorCode::Forbidden: return "E2007_FORBIDDEN";
    case ErrorCode::CsrfMismatch: return "E2008_CSRF_MISMATCH";
    case ErrorCode::NotFound: return "E3001_NOT_FOUND";
    case ErrorCode::Conflict: return "E3002_CONFLICT";
    case ErrorCode::AlreadyExists: return "E3003_ALREADY_EXISTS";
    case ErrorCode::InvalidHierarchy: return "E3004_INVALID_HIERARCHY";
    case ErrorCode::InvalidPeriod: return "E3005_INVALID_PERIOD";
    case ErrorCode::InvalidDate: return "E3006_INVALID_DATE";
    case ErrorCode::InvalidFormula: return "E3007_INVALID_FORMULA";
    case ErrorCode::InvalidTransition: return "E3008_INVALID_TRANSITION";
    case ErrorCode::DeadlinePassed: return "E3009_DEADLINE_PASSED";
    case ErrorCode::SignatureInvalid: return "E3010_SIGNATURE_INVALID";
    case ErrorCode::CertificateUntrusted: return "E3011_CERTIFICATE_UNTRUSTED";
    case ErrorCode::DuplicateReporting: return "E3012_DUPLICATE_REPORTING";
    case ErrorCode::StorageError: return "E9001_STORAGE";
    case ErrorCode::Internal: return "E9999_INTERNAL";
  }
  return "E9999_INTERNAL";
}

std::string_view defaultMessage(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidJson: return "Nội dung yêu cầu không phải JSON hợp lệ";
    case ErrorCode::InvalidField: return "Giá trị của trường không hợp lệ";
    case ErrorCode::MissingField: return "Thiếu trường bắt buộc";
    case ErrorCode::UnknownField: return "Trường không được hỗ trợ";
    case ErrorCode::BodyTooLarge: return "Nội dung yêu cầu vượt quá dung lượng cho phép";
    case ErrorCode::InvalidUtf8: return "Văn bản không phải UTF-8 hợp lệ";
    case ErrorCode::InvalidFileName: return "Tên tệp không hợp lệ";
    case ErrorCode::InvalidFile: return "Tệp không đọc được";
    case ErrorCode::UnsupportedMediaType: return "Định dạng nội dung không được hỗ trợ";
    case ErrorCode::Unauthenticated: return "Chưa đăng nhập hoặc phiên làm việc đã hết hạn";
    case ErrorCode::BadCredentials: return "Tên đăng nhập hoặc mật khẩu không đúng";
    case ErrorCode::AccountLocked: return "Tài khoản tạm khóa do đăng nhập sai quá 5 lần";
    case ErrorCode::AccountRevoked: return "Tài khoản đã bị thu hồi";
    case ErrorCode::PasswordChangeRequired: return "Cần đổi mật khẩu trước khi tiếp tục";
    case ErrorCode::WeakPassword: return "Mật khẩu không đáp ứng yêu cầu an toàn";
    case ErrorCode::Forbidden: return "Không có quyền thực hiện thao tác này";
    case ErrorCode::CsrfMismatch: return "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)";
    case ErrorCode::NotFound: return "Không tìm thấy";
    case ErrorCode::Conflict: return "Dữ liệu đã được người khác thay đổi; hãy tải lại";
    case ErrorCode::AlreadyExists: return "Đã tồn tại";
    case ErrorCode::InvalidHierarchy: return "Quan hệ cấp trên không hợp lệ";
    case ErrorCode::InvalidPeriod: return "Kỳ báo cáo không hợp lệ";
    case ErrorCode::InvalidDate: return "Ngày không hợp lệ";
    case ErrorCode::InvalidFormula: return "Công thức không hợp lệ";
    case ErrorCode::InvalidTransition: return "Thao tác không thực hiện được ở trạng thái hiện tại của báo cáo";
    case ErrorCode::DeadlinePassed: return "Đã quá thời hạn thực hiện thao tác này";
    case ErrorCode::SignatureInvalid: return "Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký";
    case ErrorCode::CertificateUntrusted: return "Chứng thư số không được tin cậy";
    case ErrorCode::DuplicateReporting: return "Đơn vị đã phải thực hiện báo cáo này theo một chế độ khác";
    case ErrorCode::StorageError: return "Lỗi cơ sở dữ liệu";
    case ErrorCode::Internal: return "Lỗi hệ thống";
  }
  return "Lỗi hệ thống";
}

}  // namespace baocao::core
