#include "app/signing/canonical.h"

#include <algorithm>
#include <set>
#include <vector>

#include "app/crypto.h"
#include "core/common/text.h"

namespace baocao::app::signing {

using core::ErrorCode;
using core::makeError;
using core::Result;
using core::Status;

namespace {

void escapeInto(std::string& out, std::string_view field) {
  for (char c : field) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

Status utf8(std::string_view field, const std::string& what) {
  if (auto bad = core::text::firstInvalidUtf8(field))
    return makeError(ErrorCode::InvalidUtf8,
                     what + " không phải UTF-8 hợp lệ (byte thứ " + std::to_string(*bad + 1) + ")",
                     {{what, "UTF-8 không hợp lệ"}});
  return core::ok();
}

struct Writer {
  std::string out;
  void record(std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (std::string_view f : fields) {
      if (!first) out += '\t';
      first = false;
      escapeInto(out, f);
    }
    out += '\n';
  }
};

bool isSha256Hex(std::string_view h) {
  return h.size() == 64 && std::all_of(h.begin(), h.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string sha256Hex(std::string_view bytes) { return crypto::sha256Hex(bytes); }

Result<std::string> canonicalContent(const core::workflow::ReportContent& c) {
  BAOCAO_TRY(utf8(c.obligation_key, "obligation_key"));
  BAOCAO_TRY(utf8(c.regime_code, "regime_code"));
  BAOCAO_TRY(utf8(c.period_id, "period_id"));
  Writer w;
  w.record({"BAOCAO-CANONICAL", "1"});
  const std::string unit = std::to_string(c.unit_id);
  w.record({"obligation", c.obligation_key, "regime", c.regime_code, "period", c.period_id, "unit",
            unit});
  size_t n = 0;
  for (const auto& [cell, value] : c.values) {  // std::map: bytewise order of the keys
    BAOCAO_TRY(utf8(cell, "ô " + cell));
    BAOCAO_TRY(utf8(value, "giá trị ô " + cell));
    w.record({"value", cell, value});
    ++n;
  }
  for (const auto& [code, text] : c.narrative) {
    BAOCAO_TRY(utf8(code, "mục thuyết minh " + code));
    BAOCAO_TRY(utf8(text, "nội dung mục " + code));
    w.record({"narrative", code, core::text::normaliseLineEnds(text)});
    ++n;
  }
  std::vector<const core::workflow::Attachment*> atts;
  std::set<std::string> names;
  for (const auto& a : c.attachments) {
    BAOCAO_TRY(utf8(a.name, "tên tệp đính kèm"));
    BAOCAO_TRY(utf8(a.media_type, "kiểu tệp " + a.name));
    if (!isSha256Hex(a.sha256))
      return makeError(ErrorCode::InvalidField,
                       "Mã băm SHA-256 của tệp '" + a.name + "' không hợp lệ",
                       {{"attachments", a.name}});
    if (!names.insert(a.name).second)
      return makeError(ErrorCode::InvalidField, "Hai tệp đính kèm cùng tên '" + a.name + "'",
                       {{"attachments", a.name}});
    atts.push_back(&a);
  }
  std::sort(atts.begin(), atts.end(), [](auto* x, auto* y) {
    return std::tie(x->name, x->sha256) < std::tie(y->name, y->sha256);
  });
  for (const auto* a : atts) {
    const std::string size = std::to_string(a->size);
    w.record({"attachment", a->sha256, size, a->media_type, a->name});
    ++n;
  }
  w.record({"end", std::to_string(n)});
  return std::move(w.out);
}

}  // namespace baocao::app::signing
