#pragma once
// Small helpers shared by the health and metrics integration suites.

#include "support/HostProcess.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <string>
#include <vector>

namespace motel::test::observe {

/// A host loading `plugins` with extra `properties`.
inline HostOptions hostWith(std::vector<std::string> plugins, std::map<std::string, std::string> properties = {}) {
    HostOptions options;
    options.plugins = std::move(plugins);
    options.properties = std::move(properties);
    return options;
}

/// "503 {body}" for assertion messages.
inline std::string describe(const HttpResult& result) {
    return std::to_string(result.status) + " " + result.body;
}

/// The JSON body with its keys in the order the host sent them.
inline Poco::JSON::Object::Ptr orderedBody(const HttpResult& result) {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    return parser.parse(result.body).extract<Poco::JSON::Object::Ptr>();
}

} // namespace motel::test::observe
