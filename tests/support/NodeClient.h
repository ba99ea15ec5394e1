#pragma once
// Runs the scenarios of tests/integration/realtime/client/scenarios.cjs with
// the official socket.io-client, installed with `npm ci` from the pinned
// lockfile into the build tree (once per lockfile change). Used by the
// realtime, fault and scale-out tests.

#include <Poco/Dynamic/Var.h>

#include <string>

namespace motel::test {

struct ScenarioResult {
    int exitCode = -1;
    std::string output;        ///< what the script printed
    Poco::Dynamic::Var result; ///< its JSON line (empty when none)
    bool ok() const { return exitCode == 0; }
};

class NodeClient {
public:
    /// Installs the client project into the build tree when needed; throws
    /// std::runtime_error with npm's output when that fails.
    static void ensureInstalled();
    /// Runs `node scenarios.cjs <name> <optionsJson>` (bounded by the script's own watchdog).
    static ScenarioResult run(const std::string& name, const std::string& optionsJson);
};

} // namespace motel::test
