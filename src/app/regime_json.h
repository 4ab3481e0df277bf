// Canonical JSON of report regimes and forms (docs/api.md "Report regimes"), shared by the HTTP
// API, the store (a regime version's body is this JSON) and the demo data files.
//
// Canonical: every key is always written, in the documented order, with defaults spelled out
// (null for an unset optional), so that write(parse(x)) is byte-identical for any x that
// write() produced: a form designed, saved and reloaded comes back identical.
// Reading is strict: unknown keys are refused (UnknownField), wrong types name the path
// ("forms[0].rows[2].kind": InvalidField); absent keys take their defaults.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "core/common/result.h"
#include "core/form/form.h"
#include "core/regime/regime.h"

namespace baocao::app::regime_json {

nlohmann::ordered_json form(const core::form::Form& f);
nlohmann::ordered_json regime(const core::regime::Regime& r);
nlohmann::ordered_json sections(const std::vector<core::form::Section>& s);

/// `path` prefixes the field names in errors ("" for a top-level document).
core::Result<core::form::Form> parseForm(const nlohmann::json& j, const std::string& path = "");
core::Result<core::regime::Regime> parseRegime(const nlohmann::json& j,
                                               const std::string& path = "");

/// The stored body of a regime version (regime(r).dump()) and back.
std::string body(const core::regime::Regime& r);
core::Result<core::regime::Regime> parseBody(const std::string& body);

}  // namespace baocao::app::regime_json
