// The `baocao` command line: serve, migrate, user, org, backup, audit (and calendar).
// Every option can also come from the environment (BAOCAO_DB, BAOCAO_PORT, ...) or from a
// TOML/INI file given with --config. Thread-safety: called once from main().
#pragma once

namespace baocao::server {

/// Runs the command line; returns the process exit code.
int runCli(int argc, char** argv);

}  // namespace baocao::server
