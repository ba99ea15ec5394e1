#include "BrowserScript.h"

#include "support/NodeProject.h"

namespace motel::test {

namespace {

const NodeProject& browserProject() {
    static const NodeProject project("tests/integration/dashboard/browser", "tests/dashboard-e2e", {"board.e2e.cjs"},
                                     "playwright-core");
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
