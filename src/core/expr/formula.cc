#include "core/expr/formula.h"

#include <algorithm>
#include <array>

#include "core/common/text.h"
#include "core/expr/type_rules.h"

namespace baocao::core::expr {
namespace {

enum class Tok : uint8_t {
  End, Error, Number, String, Ident, Ref, LParen, RParen, Comma,
  Plus, Minus, Star, Slash, Eq, Ne, Lt, Le, Gt, Ge,
};

struct Token {
  Tok kind = Tok::End;
  int pos = 0;             // 1-based code point
  std::string_view src;    // as typed
  std::string value;       // String: decoded text; Error: the message
  std::string code, part;  // Ref
};

bool isAsciiAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isCodeChar(unsigned char c) { return isAsciiAlpha(c) || isDigit(c) || c == '_' || c == '-'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Error formulaError(int pos, std::string_view what) { return rules::at(pos, what); }

// Multi-byte symbols the lexer knows: the Unicode spellings of the operators, and the
// no-break space pasted from word processors.
struct Symbol {
  std::string_view utf8;
  Tok kind;
};
constexpr std::array<Symbol, 6> kUnicodeSymbols = {{
    {"\xC3\x97", Tok::Star},       // ×
    {"\xC3\xB7", Tok::Slash},      // ÷
    {"\xE2\x88\x92", Tok::Minus},  // −
    {"\xE2\x89\xA4", Tok::Le},     // ≤
    {"\xE2\x89\xA5", Tok::Ge},     // ≥
    {"\xE2\x89\xA0", Tok::Ne},     // ≠
}};
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

size_t utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  return 4;
}

// The code point at s[i] (the text is valid UTF-8: parse() checks it first).
char32_t codePointAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(i + k < s.size() ? s[i + k] : 0); };
  const unsigned char lead = b(0);
  switch (utf8Length(lead)) {
    case 1: return lead;
    case 2: return ((lead & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    case 3: return ((lead & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    default:
      return ((lead & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
  }
}

// Letters of Vietnamese (and other Latin) words, precomposed or with combining marks: a word
// such as 'và' lexes as one identifier so the error can name it. Other symbols stay symbols.
bool isLatinLetter(char32_t c) {
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    skipSpace();
    Token t;
    t.pos = cp_;
    if (i_ >= s_.size()) {
      t.kind = Tok::End;
      return t;
    }
    const size_t begin = i_;
    const unsigned char c = static_cast<unsigned char>(s_[i_]);
    auto single = [&](Tok k, size_t len = 1) {
      t.kind = k;
      advanceBytes(len);
      t.src = s_.substr(begin, len);
      return t;
    };
    auto peek = [&](size_t off) { return i_ + off < s_.size() ? s_[i_ + off] : '\0'; };
    switch (c) {
      case '(': return single(Tok::LParen);
      case ')': return single(Tok::RParen);
      case ',': return single(Tok::Comma);
      case '+': return single(Tok::Plus);
      case '-': return single(Tok::Minus);
      case '*': return single(Tok::Star);
      case '/': return single(Tok::Slash);
      case '=': return single(Tok::Eq, peek(1) == '=' ? 2 : 1);
      case '!':
        if (peek(1) == '=') return single(Tok::Ne, 2);
        break;
      case '<':
        if (peek(1) == '=') return single(Tok::Le, 2);
        if (peek(1) == '>') return single(Tok::Ne, 2);
        return single(Tok::Lt);
      case '>':
        if (peek(1) == '=') return single(Tok::Ge, 2);
        return single(Tok::Gt);
      case '"': return lexString(t);
      case '[': return lexRef(t);
      default: break;
    }
    if (isDigit(c)) return lexNumber(t);
    for (const Symbol& sym : kUnicodeSymbols) {
      if (s_.substr(i_, sym.utf8.size()) == sym.utf8) return single(sym.kind, sym.utf8.size());
    }
    if (isAsciiAlpha(c) || c == '_' || isLatinLetter(codePointAt(s_, i_))) {
      while (i_ < s_.size()) {
        const unsigned char d = static_cast<unsigned char>(s_[i_]);
        if (d < 0x80 ? !(isAsciiAlpha(d) || isDigit(d) || d == '_')
                     : !isLatinLetter(codePointAt(s_, i_))) {
          break;
        }
        advanceChar();
      }
      t.kind = Tok::Ident;
      t.src = s_.substr(begin, i_ - begin);
      return t;
    }
    const size_t len = std::min(utf8Length(c), s_.size() - i_);
    const char32_t cp = codePointAt(s_, i_);
    std::string msg = "không hiểu ký hiệu '" + std::string(s_.substr(i_, len)) + "'";
    if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || c == '\'') {
      msg += "; văn bản đặt trong dấu nháy kép thẳng, ví dụ \"Hà Nội\"";
    }
    return error(t, msg);
  }

 private:
  void skipSpace() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advanceChar();
      } else if (s_.substr(i_, kNoBreakSpace.size()) == kNoBreakSpace) {
        advanceChar();
      } else {
        break;
      }
    }
  }

  void advanceChar() { advanceBytes(std::min(utf8Length(static_cast<unsigned char>(s_[i_])), s_.size() - i_)); }
  void advanceBytes(size_t n) {
    for (size_t k = 0; k < n; ++k, ++i_)
      if ((static_cast<unsigned char>(s_[i_]) & 0xC0) != 0x80) ++cp_;
  }

  Token error(Token& t, std::string message) {
    t.kind = Tok::Error;
    t.value = std::move(message);
    return t;
  }

  Token lexNumber(Token& t) {
    const size_t begin = i_;
    while (i_ < s_.size() && isDigit(static_cast<unsigned char>(s_[i_]))) advanceBytes(1);
    if (i_ < s_.size() && s_[i_] == '.') {
      advanceBytes(1);
      if (i_ >= s_.size() || !isDigit(static_cast<unsigned char>(s_[i_]))) {
        return error(t, "số '" + std::string(s_.substr(begin, i_ - begin)) +
                            "' thiếu chữ số sau dấu chấm thập phân");
      }
      while (i_ < s_.size() && isDigit(static_cast<unsigned char>(s_[i_]))) advanceBytes(1);
    }
    t.src = s_.substr(begin, i_ - begin);
    auto d = Decimal::parse(t.src);
    if (!d) return error(t, "số " + d.error().message);
    t.kind = Tok::Number;
    t.value = std::string(t.src);
    return t;
  }

  Token lexString(Token& t) {
    const size_t begin = i_;
    advanceBytes(1);
    std::string value;
    while (i_ < s_.size()) {
      if (s_[i_] == '"') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {  // "" is one quote, as in Excel
          value += '"';
          advanceBytes(2);
          continue;
        }
        advanceBytes(1);
        t.kind = Tok::String;
        t.src = s_.substr(begin, i_ - begin);
        t.value = std::move(value);
        return t;
      }
      const size_t len = std::min(utf8Length(static_cast<unsigned char>(s_[i_])), s_.size() - i_);
      value += s_.substr(i_, len);
      advanceBytes(len);
    }
    return error(t, "chuỗi văn bản thiếu dấu '\"' đóng");
  }

  Token lexRef(Token& t) {
    const size_t begin = i_;
    advanceBytes(1);  // '['
    const size_t code_begin = i_;
    while (i_ < s_.size() && isCodeChar(static_cast<unsigned char>(s_[i_]))) advanceBytes(1);
    t.code = std::string(s_.substr(code_begin, i_ - code_begin));
    if (i_ < s_.size() && s_[i_] == '.') {
      advanceBytes(1);
      const size_t part_begin = i_;
      while (i_ < s_.size() &&
             (isCodeChar(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) {
        advanceBytes(1);
      }
      t.part = std::string(s_.substr(part_begin, i_ - part_begin));
      if (t.part.empty() || t.part.back() == '.') {
        t.pos = cp_;
        return error(t, "thiếu tên phần chỉ tiêu sau dấu '.'");
      }
    }
    if (i_ < s_.size() && s_[i_] == ']') {
      advanceBytes(1);
      t.src = s_.substr(begin, i_ - begin);
      if (t.code.empty()) return error(t, "thiếu mã chỉ tiêu trong '" + std::string(t.src) + "'");
      t.kind = Tok::Ref;
      return t;
    }
    // Either the ']' is missing, or a character that no code may contain stands before it.
    const size_t close = s_.find(']', i_);
    const size_t reopen = s_.find('[', i_);
    if (i_ >= s_.size() || close == std::string_view::npos ||
        (reopen != std::string_view::npos && reopen < close)) {
      t.pos = cp_;
      return error(t, "thiếu dấu ']'");
    }
    t.pos = cp_;
    const size_t len = std::min(utf8Length(static_cast<unsigned char>(s_[i_])), s_.size() - i_);
    return error(t, "mã chỉ tiêu chỉ gồm chữ cái không dấu, chữ số, '_', '-' (gặp '" +
                        std::string(s_.substr(i_, len)) + "')");
  }

  std::string_view s_;
  size_t i_ = 0;
  int cp_ = 1;
};

struct FunctionSpec {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
  NodeKind kind;
  bool shift;  // prev / samelastyear / ytd: no node, shifts the references inside
};
constexpr std::array<FunctionSpec, 10> kFunctions = {{
    {"if", 3, 3, NodeKind::If, false},
    {"min", 1, -1, NodeKind::Min, false},
    {"max", 1, -1, NodeKind::Max, false},
    {"abs", 1, 1, NodeKind::Abs, false},
    {"round", 2, 2, NodeKind::Round, false},
    {"sum", 1, -1, NodeKind::Sum, false},
    {"coalesce", 2, -1, NodeKind::Coalesce, false},
    {"prev", 1, 1, NodeKind::Ref, true},
    {"samelastyear", 1, 1, NodeKind::Ref, true},
    {"ytd", 1, 1, NodeKind::Ref, true},
}};

const FunctionSpec* findFunction(std::string_view lowered) {
  for (const auto& f : kFunctions)
    if (f.name == lowered) return &f;
  return nullptr;
}

bool startsOperand(Tok k) {
  return k == Tok::Number || k == Tok::String || k == Tok::Ident || k == Tok::Ref ||
         k == Tok::LParen;
}

std::string describe(const Token& t) { return "'" + std::string(t.src) + "'"; }

// Words a Vietnamese user may type for an operator or a constant, and what to write instead.
std::optional<std::string_view> englishFor(std::string_view lowered) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kHints = {{
      {"và", "and"}, {"va", "and"}, {"hoặc", "or"}, {"hoac", "or"}, {"không", "not"},
      {"khong", "not"}, {"đúng", "true"}, {"dung", "true"}, {"sai", "false"},
  }};
  for (const auto& [vi, en] : kHints)
    if (lowered == vi) return en;
  return std::nullopt;
}

// 'và' / 'hoặc' typed between two operands. Only and/or can stand there: 'không' in that
// place is more likely a word of a text missing its quotes.
bool isVietnameseAndOr(const Token& t) {
  if (t.kind != Tok::Ident) return false;
  auto en = englishFor(lower(t.src));
  return en && (*en == "and" || *en == "or");
}

// A token that could start an operand stands where an operator was expected.
Error missingOperator(const Token& t) {
  if (isVietnameseAndOr(t)) {
    if (auto en = englishFor(lower(t.src))) {
      return formulaError(t.pos, "không hiểu '" + std::string(t.src) + "'; trong công thức viết '" +
                                     std::string(*en) + "'");
    }
  }
  return formulaError(t.pos, "thiếu phép toán trước " + describe(t));
}

}  // namespace

class Parser {
 public:
  explicit Parser(std::string_view text) : lex_(text) { f_.text_ = std::string(text); }

  Result<Formula> run() {
    BAOCAO_TRY(advance());
    if (cur_.kind == Tok::End) return makeError(ErrorCode::InvalidFormula, "công thức trống");
    BAOCAO_ASSIGN(uint32_t root, parseOr());
    if (cur_.kind != Tok::End) {
      if (cur_.kind == Tok::RParen) return formulaError(cur_.pos, "thừa dấu ')'");
      if (cur_.kind == Tok::Comma) {
        return formulaError(cur_.pos,
                            "dấu ',' chỉ dùng để ngăn cách các đối số của hàm; số thập phân "
                            "viết bằng dấu chấm, ví dụ 1.5");
      }
      return missingOperator(cur_);
    }
    f_.root_ = root;
    return std::move(f_);
  }

 private:
  struct DepthGuard {
    explicit DepthGuard(int& d) : d_(d) { ++d_; }
    ~DepthGuard() { --d_; }
    int& d_;
  };

  Status advance() {
    prev_ = std::move(cur_);
    cur_ = lex_.next();
    if (cur_.kind == Tok::Error) return formulaError(cur_.pos, cur_.value);
    return ok();
  }

  Error tooDeep() const {
    return formulaError(cur_.pos, "công thức lồng nhau quá sâu (tối đa " +
                                      std::to_string(Formula::kMaxDepth) + " mức)");
  }

  Result<uint32_t> addNode(NodeKind kind, int pos, int start, std::span<const uint32_t> kids,
                           uint32_t leaf_index = 0) {
    uint16_t depth = 1;
    for (uint32_t k : kids) depth = std::max<uint16_t>(depth, depth_[k] + 1);
    if (depth > Formula::kMaxDepth) return tooDeep();
    Node n{kind, pos, start, leaf_index, static_cast<uint32_t>(kids.size())};
    if (!kids.empty()) {
      n.first = static_cast<uint32_t>(f_.children_.size());
      f_.children_.insert(f_.children_.end(), kids.begin(), kids.end());
    }
    f_.nodes_.push_back(n);
    depth_.push_back(depth);
    return static_cast<uint32_t>(f_.nodes_.size() - 1);
  }

  Result<uint32_t> binary(NodeKind kind, int pos, uint32_t l, uint32_t r) {
    const uint32_t kids[2] = {l, r};
    return addNode(kind, pos, f_.nodes_[l].start, kids);
  }

  Result<uint32_t> parseOr() {
    BAOCAO_ASSIGN(uint32_t left, parseAnd());
    while (cur_.kind == Tok::Ident && lower(cur_.src) == "or") {
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t right, parseAnd());
      BAOCAO_ASSIGN(left, binary(NodeKind::Or, pos, left, right));
    }
    return left;
  }

  Result<uint32_t> parseAnd() {
    BAOCAO_ASSIGN(uint32_t left, parseNot());
    while (cur_.kind == Tok::Ident && lower(cur_.src) == "and") {
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t right, parseNot());
      BAOCAO_ASSIGN(left, binary(NodeKind::And, pos, left, right));
    }
    return left;
  }

  Result<uint32_t> parseNot() {
    if (cur_.kind == Tok::Ident && lower(cur_.src) == "not") {
      DepthGuard guard(nesting_);
      if (nesting_ > Formula::kMaxDepth) return tooDeep();
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t operand, parseNot());
      const uint32_t kids[1] = {operand};
      return addNode(NodeKind::Not, pos, pos, kids);
    }
    return parseComparison();
  }

  static std::optional<NodeKind> comparisonKind(Tok k) {
    switch (k) {
      case Tok::Eq: return NodeKind::Equal;
      case Tok::Ne: return NodeKind::NotEqual;
      case Tok::Lt: return NodeKind::Less;
      case Tok::Le: return NodeKind::LessEqual;
      case Tok::Gt: return NodeKind::Greater;
      case Tok::Ge: return NodeKind::GreaterEqual;
      default: return std::nullopt;
    }
  }

  Result<uint32_t> parseComparison() {
    BAOCAO_ASSIGN(uint32_t left, parseAdditive());
    auto kind = comparisonKind(cur_.kind);
    if (!kind) return left;
    const int pos = cur_.pos;
    BAOCAO_TRY(advance());
    BAOCAO_ASSIGN(uint32_t right, parseAdditive());
    if (comparisonKind(cur_.kind)) {
      return formulaError(cur_.pos,
                          "không được viết liền hai phép so sánh; hãy nối bằng and, ví dụ "
                          "[A] < [B] and [B] < [C]");
    }
    return binary(*kind, pos, left, right);
  }

  Result<uint32_t> parseAdditive() {
    BAOCAO_ASSIGN(uint32_t left, parseMultiplicative());
    while (cur_.kind == Tok::Plus || cur_.kind == Tok::Minus) {
      const NodeKind kind = cur_.kind == Tok::Plus ? NodeKind::Add : NodeKind::Subtract;
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t right, parseMultiplicative());
      BAOCAO_ASSIGN(left, binary(kind, pos, left, right));
    }
    return left;
  }

  Result<uint32_t> parseMultiplicative() {
    BAOCAO_ASSIGN(uint32_t left, parseUnary());
    while (cur_.kind == Tok::Star || cur_.kind == Tok::Slash) {
      const NodeKind kind = cur_.kind == Tok::Star ? NodeKind::Multiply : NodeKind::Divide;
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t right, parseUnary());
      BAOCAO_ASSIGN(left, binary(kind, pos, left, right));
    }
    return left;
  }

  Result<uint32_t> parseUnary() {
    if (cur_.kind == Tok::Minus || cur_.kind == Tok::Plus) {
      DepthGuard guard(nesting_);
      if (nesting_ > Formula::kMaxDepth) return tooDeep();
      const bool negate = cur_.kind == Tok::Minus;
      const int pos = cur_.pos;
      BAOCAO_TRY(advance());
      BAOCAO_ASSIGN(uint32_t operand, parseUnary());
      if (!negate) return operand;
      const uint32_t kids[1] = {operand};
      return addNode(NodeKind::Negate, pos, pos, kids);
    }
    return parsePrimary();
  }

  Error missingValue() const {
    if (cur_.kind == Tok::End && prev_.src.empty()) {
      return makeError(ErrorCode::InvalidFormula, "công thức trống");
    }
    if (!prev_.src.empty()) return formulaError(cur_.pos, "thiếu giá trị sau " + describe(prev_));
    return formulaError(cur_.pos, "thiếu giá trị trước " + describe(cur_));
  }

  Result<uint32_t> leaf(NodeKind kind, Value v) {
    const int pos = cur_.pos;
    f_.constants_.push_back(std::move(v));
    BAOCAO_ASSIGN(uint32_t n, addNode(kind, pos, pos, {},
                                      static_cast<uint32_t>(f_.constants_.size() - 1)));
    BAOCAO_TRY(advance());
    return n;
  }

  Result<uint32_t> parsePrimary() {
    switch (cur_.kind) {
      case Tok::Number: {
        auto d = Decimal::parse(cur_.value);  // the lexer has validated it
        if (!d) return formulaError(cur_.pos, "số " + d.error().message);
        return leaf(NodeKind::Number, Value::ofNumber(*d));
      }
      case Tok::String: return leaf(NodeKind::Text, Value::ofText(cur_.value));
      case Tok::Ref: {
        const int pos = cur_.pos;
        f_.refs_.push_back(Reference{cur_.code, cur_.part, {}, pos});
        BAOCAO_ASSIGN(uint32_t n, addNode(NodeKind::Ref, pos, pos, {},
                                          static_cast<uint32_t>(f_.refs_.size() - 1)));
        BAOCAO_TRY(advance());
        return n;
      }
      case Tok::LParen: {
        DepthGuard guard(nesting_);
        if (nesting_ > Formula::kMaxDepth) return tooDeep();
        const int open = cur_.pos;
        BAOCAO_TRY(advance());
        BAOCAO_ASSIGN(uint32_t inner, parseOr());
        if (cur_.kind != Tok::RParen) {
          if (startsOperand(cur_.kind)) return missingOperator(cur_);
          return formulaError(cur_.pos, "thiếu dấu ')'");
        }
        BAOCAO_TRY(advance());
        f_.nodes_[inner].start = open;
        return inner;
      }
      case Tok::Ident: return parseWord();
      default: return missingValue();
    }
  }

  Result<uint32_t> parseWord() {
    const std::string word = lower(cur_.src);
    const int pos = cur_.pos;
    if (word == "true" || word == "false") return leaf(NodeKind::Boolean, Value::ofBool(word == "true"));
    const std::string name(cur_.src);
    BAOCAO_TRY(advance());
    if (cur_.kind != Tok::LParen) {
      if (auto en = englishFor(word)) {
        return formulaError(pos, "không hiểu '" + name + "'; trong công thức viết '" +
                                     std::string(*en) + "'");
      }
      if (word == "and" || word == "or" || word == "not") {
        return formulaError(pos, "thiếu giá trị trước '" + name + "'");
      }
      return formulaError(pos, "không hiểu '" + name +
                                   "'; tham chiếu chỉ tiêu viết trong ngoặc vuông, ví dụ [" +
                                   name + "]");
    }
    const FunctionSpec* fn = findFunction(word);
    if (fn == nullptr) return formulaError(pos, "hàm '" + name + "' không tồn tại");
    DepthGuard guard(nesting_);
    if (nesting_ > Formula::kMaxDepth) return tooDeep();
    BAOCAO_TRY(advance());  // '('
    std::vector<uint32_t> args;
    const size_t refs_before = f_.refs_.size();
    if (cur_.kind != Tok::RParen) {
      while (true) {
        BAOCAO_ASSIGN(uint32_t arg, parseOr());
        args.push_back(arg);
        if (cur_.kind == Tok::Comma) {
          BAOCAO_TRY(advance());
          continue;
        }
        if (cur_.kind == Tok::RParen) break;
        if (startsOperand(cur_.kind)) {
          if (isVietnameseAndOr(cur_)) return missingOperator(cur_);
          return formulaError(cur_.pos, "thiếu dấu ',' trước " + describe(cur_));
        }
        return formulaError(cur_.pos, "thiếu dấu ')'");
      }
    }
    const int n = static_cast<int>(args.size());
    if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args)) {
      std::string need = fn->min_args == fn->max_args
                             ? "cần " + std::to_string(fn->min_args) + " đối số"
                             : "cần ít nhất " + std::to_string(fn->min_args) + " đối số";
      return formulaError(pos, "hàm '" + std::string(fn->name) + "' " + need);
    }
    BAOCAO_TRY(advance());  // ')'
    if (fn->shift) {
      if (refs_before == f_.refs_.size()) {
        return formulaError(pos, "hàm '" + std::string(fn->name) +
                                     "' cần tham chiếu chỉ tiêu, ví dụ " + std::string(fn->name) +
                                     "([CT01])");
      }
      for (size_t i = refs_before; i < f_.refs_.size(); ++i) {
        PeriodShift& s = f_.refs_[i].shift;
        if (fn->name == "prev") ++s.periods;
        if (fn->name == "samelastyear") ++s.years;
        if (fn->name == "ytd") s.ytd = true;
      }
      f_.nodes_[args[0]].start = pos;
      return args[0];
    }
    return addNode(fn->kind, pos, pos, args);
  }

  Lexer lex_;
  Token cur_, prev_;
  Formula f_;
  std::vector<uint16_t> depth_;
  int nesting_ = 0;
};

Result<Formula> Formula::parse(std::string_view text) {
  if (auto bad = text::firstInvalidUtf8(text)) {
    int cp = 1;
    for (size_t k = 0; k < *bad; ++k)
      if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++cp;
    return formulaError(cp, "văn bản không phải UTF-8 hợp lệ");
  }
  return Parser(text).run();
}

// ---- printing ----

std::string_view kindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::Number: return "số";
    case NodeKind::Text: return "văn bản";
    case NodeKind::Boolean: return "đúng/sai";
    case NodeKind::Ref: return "tham chiếu";
    case NodeKind::Negate: return "-";
    case NodeKind::Not: return "not";
    case NodeKind::Add: return "+";
    case NodeKind::Subtract: return "-";
    case NodeKind::Multiply: return "*";
    case NodeKind::Divide: return "/";
    case NodeKind::Equal: return "=";
    case NodeKind::NotEqual: return "<>";
    case NodeKind::Less: return "<";
    case NodeKind::LessEqual: return "<=";
    case NodeKind::Greater: return ">";
    case NodeKind::GreaterEqual: return ">=";
    case NodeKind::And: return "and";
    case NodeKind::Or: return "or";
    case NodeKind::If: return "if";
    case NodeKind::Min: return "min";
    case NodeKind::Max: return "max";
    case NodeKind::Abs: return "abs";
    case NodeKind::Round: return "round";
    case NodeKind::Sum: return "sum";
    case NodeKind::Coalesce: return "coalesce";
  }
  return "?";
}

std::string Reference::toString() const {
  std::string s = "[" + code + (part.empty() ? "" : "." + part) + "]";
  if (shift.ytd) s = "ytd(" + s + ")";
  for (int i = 0; i < shift.years; ++i) s = "samelastyear(" + s + ")";
  for (int i = 0; i < shift.periods; ++i) s = "prev(" + s + ")";
  return s;
}

namespace {

int precedence(NodeKind k) {
  switch (k) {
    case NodeKind::Or: return 1;
    case NodeKind::And: return 2;
    case NodeKind::Not: return 3;
    case NodeKind::Equal: case NodeKind::NotEqual: case NodeKind::Less:
    case NodeKind::LessEqual: case NodeKind::Greater: case NodeKind::GreaterEqual: return 4;
    case NodeKind::Add: case NodeKind::Subtract: return 5;
    case NodeKind::Multiply: case NodeKind::Divide: return 6;
    case NodeKind::Negate: return 7;
    default: return 8;
  }
}

void print(const Formula& f, uint32_t i, std::string& out) {
  const Node& n = f.node(i);
  auto kids = f.children(n);
  auto wrapped = [&](uint32_t k, bool parens) {
    if (parens) out += '(';
    print(f, k, out);
    if (parens) out += ')';
  };
  const int p = precedence(n.kind);
  switch (n.kind) {
    case NodeKind::Number: case NodeKind::Text: case NodeKind::Boolean:
      out += f.constant(n).toString();
      return;
    case NodeKind::Ref: out += f.reference(n).toString(); return;
    case NodeKind::Negate:
      // "--1", not "-(-1)": parentheses would count as extra nesting when re-parsed.
      out += '-';
      wrapped(kids[0], precedence(f.node(kids[0]).kind) < p);
      return;
    case NodeKind::Not:
      out += "not ";
      wrapped(kids[0], precedence(f.node(kids[0]).kind) < p);
      return;
    default: break;
  }
  if (p < 8) {  // binary
    const int lp = precedence(f.node(kids[0]).kind), rp = precedence(f.node(kids[1]).kind);
    wrapped(kids[0], p == 4 ? lp <= p : lp < p);
    out += ' ';
    out += kindName(n.kind);
    out += ' ';
    wrapped(kids[1], rp <= p);
    return;
  }
  out += kindName(n.kind);
  out += '(';
  for (size_t k = 0; k < kids.size(); ++k) {
    if (k > 0) out += ", ";
    print(f, kids[k], out);
  }
  out += ')';
}

}  // namespace

std::string Formula::toString() const {
  std::string out;
  if (!nodes_.empty()) print(*this, root_, out);
  return out;
}

}  // namespace baocao::core::expr
