#include "app/HostInfoImpl.h"

namespace motel::host {

HostInfoImpl::HostInfoImpl(const HostConfig& config, const TrafficWindow& traffic)
    : config_(config), traffic_(traffic) {}

} // namespace motel::host
