#pragma once
// What plugins may know about the running host (sdk::HostInfo).

#include "config/HostConfig.h"
#include "routing/TrafficWindow.h"
#include "services/memory/ProcessMemory.h"

#include <motel/sdk/HostInfo.h>

#include <atomic>
#include <functional>

namespace motel::host {

class HostInfoImpl : public sdk::HostInfo {
public:
    HostInfoImpl(const HostConfig& config, const TrafficWindow& traffic);

    std::string version() const override { return MOTEL_HOST_VERSION; }
    std::string environment() const override { return config_.environment(); }
    Poco::Timestamp startedAt() const override { return startedAt_; }
    bool allPluginsStarted() const override { return started_ && started_(); }
    std::vector<std::string> loadedPlugins() const override { return plugins_; }
    const sdk::Settings& settings() const override { return config_.hostSettings(); }
    sdk::TrafficStats recentTraffic() const override { return traffic_.snapshot(); }
    sdk::MemoryFigures memory() const override;

    void setPlugins(std::vector<std::string> names, std::function<bool()> allStarted) {
        plugins_ = std::move(names);
        started_ = std::move(allStarted);
    }

private:
    const HostConfig& config_;
    const TrafficWindow& traffic_;
    Poco::Timestamp startedAt_;
    std::vector<std::string> plugins_;
    std::function<bool()> started_;
    ProcessMemory memory_;
    std::uint64_t memoryLimitBytes_ = 0;
    std::string memoryLimitSource_;
};

} // namespace motel::host
