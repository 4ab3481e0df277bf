# Writes OUT, a C++ file defining `const std::string& NAME()` that returns the bytes of IN.
file(READ "${IN}" content)
file(WRITE "${OUT}" "// Generated from ${IN}; do not edit.\n#include <string>\nnamespace baocao::http {\nconst std::string& ${NAME}() {\n  static const std::string s = R\"__BAOCAO__(${content})__BAOCAO__\";\n  return s;\n}\n}  // namespace baocao::http\n")
