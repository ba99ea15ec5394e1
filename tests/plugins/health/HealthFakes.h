#pragma once
// Stand-ins for the host's HostInfo, HealthRegistry and RouteRegistry, so the
// health plugin's classes can be tested without a running host.

#include <motel/sdk/Health.h>
#include <motel/sdk/HostInfo.h>
#include <motel/sdk/Routes.h>

#include <Poco/Timestamp.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace motel::health::test {

class FakeHostInfo : public sdk::HostInfo {
public:
    bool started = true;
    sdk::TrafficStats traffic;
    sdk::MemoryFigures memoryFigures;
    sdk::Settings hostSettings;
    Poco::Timestamp started_at;

    std::string version() const override { return "9.8.7"; }
    std::string environment() const override { return "development"; }
    Poco::Timestamp startedAt() const override { return started_at; }
    bool allPluginsStarted() const override { return started; }
    std::vector<std::string> loadedPlugins() const override { return {"health"}; }
    const sdk::Settings& settings() const override { return hostSettings; }
    sdk::TrafficStats recentTraffic() const override { return traffic; }
    sdk::MemoryFigures memory() const override { return memoryFigures; }
};

/// Runs checks one after another on the caller's thread (no timeouts).
class FakeHealthRegistry : public sdk::HealthRegistry {
public:
    std::vector<std::pair<std::string, Check>> checks;

    void add(const std::string& name, Check check, std::chrono::milliseconds) override {
        for (auto& entry : checks) {
            if (entry.first == name) {
                entry.second = std::move(check);
                return;
            }
        }
        checks.emplace_back(name, std::move(check));
    }
    std::vector<std::pair<std::string, sdk::HealthResult>> runAll() override {
        std::vector<std::pair<std::string, sdk::HealthResult>> results;
        for (const auto& [name, check] : checks) results.emplace_back(name, check());
        return results;
    }
};

class FakeRouteRegistry : public sdk::RouteRegistry {
public:
    std::map<std::string, sdk::Route> routes; ///< "GET /path" → route

    void add(sdk::Route route) override { routes[route.method + " " + route.path] = std::move(route); }
};

inline sdk::HealthResult resultOf(bool up, sdk::HealthLevel level) {
    sdk::HealthResult result;
    result.up = up;
    result.level = level;
    return result;
}

} // namespace motel::health::test
