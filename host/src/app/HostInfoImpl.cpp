#include "app/HostInfoImpl.h"

#include "services/memory/MemoryLimit.h"

namespace motel::host {

HostInfoImpl::HostInfoImpl(const HostConfig& config, const TrafficWindow& traffic)
    : config_(config), traffic_(traffic) {
    // A cgroup limit does not change under a running process: find it once.
    const MemoryLimit limit;
    memoryLimitBytes_ = limit.bytes();
    memoryLimitSource_ = limit.source();
}

sdk::MemoryFigures HostInfoImpl::memory() const {
    sdk::MemoryFigures figures = memory_.read();
    figures.limitBytes = memoryLimitBytes_;
    figures.limitSource = memoryLimitSource_;
    return figures;
}

} // namespace motel::host
