// Vietnamese labels for codes the API returns.

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
  'auth.login_failed': 'Đăng nhập thất bại',
  'auth.locked': 'Khóa tài khoản tạm thời',
  'auth.password_changed': 'Đổi mật khẩu',
  'org.create': 'Tạo đơn vị',
  'org.update': 'Sửa đơn vị',
  'org.import': 'Nhập danh mục đơn vị',
  'org.link_add': 'Thêm liên kết kế thừa',
  'org.link_remove': 'Xóa liên kết kế thừa',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.reset_password': 'Đặt lại mật khẩu',
  'user.revoke': 'Thu hồi tài khoản',
  'grant.add': 'Cấp quyền',
  'grant.remove': 'Gỡ quyền',
  'token.create': 'Tạo mã truy cập API',
  'token.revoke': 'Thu hồi mã truy cập API',
  'calendar.official_put': 'Lưu lịch nghỉ chính thức',
  'calendar.official_delete': 'Xóa lịch nghỉ chính thức',
  'calendar.official_import': 'Nhập lịch nghỉ chính thức',
  'calendar.rule_add': 'Thêm quy tắc ngày lễ',
  'calendar.rule_remove': 'Xóa quy tắc ngày lễ',
  'calendar.rest_days_set': 'Đặt ngày nghỉ hằng tuần',
};

export const ACTION_PREFIXES: { id: string; label: string }[] = [
  { id: '', label: 'Tất cả' },
  { id: 'auth.', label: 'Đăng nhập, mật khẩu' },
  { id: 'org.', label: 'Cơ cấu tổ chức' },
  { id: 'user.', label: 'Tài khoản' },
  { id: 'grant.', label: 'Phân quyền' },
  { id: 'token.', label: 'Mã truy cập API' },
  { id: 'calendar.', label: 'Lịch báo cáo' },
];

export const ENTITY_LABELS: Record<string, string> = {
  org: 'Đơn vị',
  org_unit: 'Đơn vị',
  link: 'Liên kết',
  org_link: 'Liên kết',
  user: 'Tài khoản',
  grant: 'Quyền',
  token: 'Mã API',
  api_token: 'Mã API',
  session: 'Phiên',
  calendar_official: 'Lịch nghỉ chính thức',
  calendar_rule: 'Quy tắc ngày lễ',
  calendar_setting: 'Cài đặt lịch',
};

export const LINK_KIND_LABELS: Record<string, string> = {
  merge: 'Sáp nhập',
  split: 'Chia tách',
  rename: 'Đổi tên',
};

export const ORG_TYPE_FALLBACK: { id: string; label: string }[] = [
  { id: 'province', label: 'UBND tỉnh/thành phố' },
  { id: 'department', label: 'Sở, ban, ngành' },
  { id: 'commune', label: 'UBND xã/phường/đặc khu' },
  { id: 'district', label: 'UBND huyện (trước 01/07/2025)' },
  { id: 'public_service', label: 'Đơn vị sự nghiệp' },
  { id: 'vertical', label: 'Ngành dọc' },
  { id: 'division', label: 'Phòng, ban' },
];

export const FIELD_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  current_password: 'Mật khẩu hiện tại',
  new_password: 'Mật khẩu mới',
  full_name: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Số điện thoại',
  birth_date: 'Ngày sinh',
  unit_id: 'Đơn vị',
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  type: 'Loại đơn vị',
  parent_id: 'Đơn vị cấp trên',
  valid_from: 'Hiệu lực từ ngày',
  valid_to: 'Hiệu lực đến ngày',
  role: 'Vai trò',
  include_subtree: 'Áp dụng cho đơn vị trực thuộc',
};
