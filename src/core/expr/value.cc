#include "core/expr/value.h"

namespace baocao::core::expr {

std::string_view typeName(ValueType type) {
  switch (type) {
    case ValueType::Number: return "số";
    case ValueType::Boolean: return "đúng/sai";
    case ValueType::Text: return "văn bản";
    case ValueType::Date: return "ngày";
  }
  return "?";
}

const Decimal& Value::number() const {
  BAOCAO_CHECK(v_.index() == 1, "number() needs a number value; check type() first");
  return std::get<1>(v_);
}

bool Value::boolean() const {
  BAOCAO_CHECK(v_.index() == 2, "boolean() needs a yes/no value; check type() first");
  return std::get<2>(v_);
}

const std::string& Value::text() const {
  BAOCAO_CHECK(v_.index() == 3, "text() needs a text value; check type() first");
  return std::get<3>(v_);
}

Date Value::date() const {
  BAOCAO_CHECK(v_.index() == 4, "date() needs a date value; check type() first");
  return std::get<4>(v_);
}

std::string Value::toString() const {
  switch (v_.index()) {
    case 1: return number().toString();
    case 2: return boolean() ? "true" : "false";
    case 3: {
      std::string out = "\"";
      for (char c : text()) {
        if (c == '"') out += '"';
        out += c;
      }
      return out + "\"";
    }
    case 4: return date().iso();
    default: return "null";
  }
}

}  // namespace baocao::core::expr
