#include "HealthDocument.h"

#include <algorithm>
#include <array>

namespace motel::health {

namespace {

constexpr std::array<const char*, 3> leadingChecks{"database", "websocket", "memory"};

} // namespace

CheckResults HealthDocument::arrange(CheckResults results) {
    const auto named = [&results](const std::string& name) {
        return std::find_if(results.begin(), results.end(), [&name](const auto& entry) { return entry.first == name; });
    };
    if (named("websocket") == results.end()) results.emplace_back("websocket", idleWebsocket());

    CheckResults arranged;
    arranged.reserve(results.size());
    for (const char* name : leadingChecks) {
        const auto found = named(name);
        if (found != results.end()) arranged.push_back(*found);
    }
    for (const auto& entry : results) {
        if (std::find(leadingChecks.begin(), leadingChecks.end(), entry.first) == leadingChecks.end())
            arranged.push_back(entry);
    }
    return arranged;
}

Poco::JSON::Object::Ptr HealthDocument::render(const CheckResults& results, OverallHealth health,
                                               const std::string& timestamp, const std::string& version,
                                               double uptimeSeconds) {
    Poco::JSON::Object::Ptr checks = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [name, result] : results) checks->set(name, renderCheck(result));

    Poco::JSON::Object::Ptr document = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    document->set("status", std::string(HealthStatus::name(health)));
    document->set("timestamp", timestamp);
    document->set("version", version);
    document->set("uptime", uptimeSeconds);
    document->set("checks", checks);
    return document;
}

const char* HealthDocument::checkStatus(const sdk::HealthResult& result) {
    switch (HealthStatus::effectiveLevel(result)) {
    case sdk::HealthLevel::critical:
        return "down";
    case sdk::HealthLevel::warning:
        return result.up ? "degraded" : "down";
    case sdk::HealthLevel::ok:
        break;
    }
    return "up";
}

Poco::JSON::Object::Ptr HealthDocument::renderCheck(const sdk::HealthResult& result) {
    Poco::JSON::Object::Ptr check = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    check->set("status", std::string(checkStatus(result)));
    if (result.responseTimeMs) check->set("responseTime", *result.responseTimeMs);
    if (result.details) check->set("details", result.details);
    return check;
}

sdk::HealthResult HealthDocument::idleWebsocket() {
    sdk::HealthResult result;
    result.details = new Poco::JSON::Object;
    result.details->set("connectedUsers", 0);
    return result;
}

} // namespace motel::health
