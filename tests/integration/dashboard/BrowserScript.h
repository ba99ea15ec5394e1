#pragma once
// Runs browser/board.e2e.cjs and its scenario-*.cjs files (playwright-core
// driving Debian's /usr/bin/chromium, axe-core for the accessibility scan),
// installed with `npm ci` from the pinned lockfile into
// the build tree once per lockfile change, as the realtime tests install
// their socket.io-client.

#include <string>

namespace motel::test {

struct BrowserRun {
    int exitCode = -1;
    std::string output; ///< everything the script printed (progress and its JSON line)
    bool ok() const { return exitCode == 0; }
};

class BrowserScript {
public:
    static constexpr const char* kChromium = "/usr/bin/chromium";

    /// Installs the script's project into the build tree when needed; throws
    /// std::runtime_error with npm's output when that fails.
    static void ensureInstalled();
    /// Runs `node board.e2e.cjs <optionsJson>` (bounded by the script's watchdog).
    static BrowserRun run(const std::string& optionsJson);
    /// Where screenshots go by default: <build>/tests/dashboard-e2e/screenshots.
    static std::string screenshotsDir();
};

} // namespace motel::test
