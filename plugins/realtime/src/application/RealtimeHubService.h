#pragma once
/// The realtime plugin's published RealtimeHub: opens plugin channels over
/// one ClientEventRegistry and one HubOutlet.

#include "application/ClientEventRegistry.h"
#include "application/HubOutlet.h"

#include <motel/plugins/realtime/RealtimeHub.h>

#include <Poco/Logger.h>

#include <memory>

namespace motel::realtime {

class RealtimeHubService : public plugins::realtime::RealtimeHub {
public:
    RealtimeHubService(std::shared_ptr<ClientEventRegistry> registry, std::shared_ptr<HubOutlet> outlet,
                       Poco::Logger& logger)
        : registry_(std::move(registry)), outlet_(std::move(outlet)), logger_(logger) {}

    std::shared_ptr<plugins::realtime::RealtimeChannel> open(const std::string& name) override;

private:
    std::shared_ptr<ClientEventRegistry> registry_;
    std::shared_ptr<HubOutlet> outlet_;
    Poco::Logger& logger_;
};

} // namespace motel::realtime
