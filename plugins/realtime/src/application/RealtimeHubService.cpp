#include "application/RealtimeHubService.h"

#include "application/PluginChannel.h"

namespace motel::realtime {

std::shared_ptr<plugins::realtime::RealtimeChannel> RealtimeHubService::open(const std::string& name) {
    registry_->openChannel(name);
    logger_.information("realtime: plugin channel '%s' open (client events %s:*)", name, name);
    return std::make_shared<PluginChannel>(name, registry_, outlet_, logger_);
}

} // namespace motel::realtime
