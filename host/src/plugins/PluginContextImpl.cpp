#include "plugins/PluginContextImpl.h"

namespace motel::host {

PluginContextImpl::PluginContextImpl(std::string pluginName, sdk::Settings config, HostServices& services)
    : name_(std::move(pluginName)), config_(std::move(config)), services_(services),
      logger_(Poco::Logger::get("motel." + name_)), routes_(services.router, name_) {}

} // namespace motel::host
