#include "support/NodeClient.h"

#include "support/NodeProject.h"

#include <Poco/JSON/Parser.h>

namespace motel::test {

namespace {

const NodeProject& clientProject() {
    static const NodeProject project("tests/integration/realtime/client", "tests/realtime-client", {"scenarios.cjs"},
                                     "socket.io-client");
    return project;
}

} // namespace

void NodeClient::ensureInstalled() {
    clientProject().ensureInstalled();
}

ScenarioResult NodeClient::run(const std::string& name, const std::string& optionsJson) {
    ScenarioResult result;
    result.exitCode = clientProject().run({"scenarios.cjs", name, optionsJson}, result.output);
    const auto start = result.output.rfind("\n{", result.output.size() > 1 ? result.output.size() - 2 : 0);
    const std::string line = result.output.substr(start == std::string::npos ? 0 : start + 1);
    try {
        result.result = Poco::JSON::Parser().parse(line);
    } catch (...) {
        result.result.clear();
    }
    return result;
}

} // namespace motel::test
