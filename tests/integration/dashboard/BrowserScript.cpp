#include "BrowserScript.h"

#include "support/NodeProject.h"

namespace motel::test {

namespace {

const NodeProject& browserProject() {
    static const NodeProject project("tests/integration/dashboard/browser", "tests/dashboard-e2e",
                                     {"board.e2e.cjs", "e2e-support.cjs", "e2e-seed.cjs", "scenario-live.cjs",
                                      "scenario-safe-actions.cjs", "scenario-offline.cjs", "scenario-inspections.cjs",
                                      "scenario-history.cjs", "scenario-staff-fit.cjs", "scenario-glance.cjs",
                                      "scenario-accessibility.cjs"},
                                     "axe-core");
    return project;
}

} // namespace

void BrowserScript::ensureInstalled() {
    browserProject().ensureInstalled();
}

BrowserRun BrowserScript::run(const std::string& optionsJson) {
    BrowserRun result;
    result.exitCode = browserProject().run({"board.e2e.cjs", optionsJson}, result.output);
    return result;
}

std::string BrowserScript::screenshotsDir() {
    return browserProject().installDir() + "/screenshots";
}

} // namespace motel::test
