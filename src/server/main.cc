// baocao: one binary for the server and the operator's command line.
#include "server/cli.h"

int main(int argc, char** argv) { return baocao::server::runCli(argc, argv); }
