#include "db/PoolSizing.h"

#include <algorithm>
#include <thread>

#include <sched.h>

namespace motel::host {

int defaultDatabasePoolSize() {
    // The CPUs we may run on (a container's cpuset), not the machine's.
    int cpus = 0;
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (::sched_getaffinity(0, sizeof(allowed), &allowed) == 0) cpus = CPU_COUNT(&allowed);
    if (cpus <= 0) cpus = static_cast<int>(std::thread::hardware_concurrency());
    return std::clamp(2 * cpus, 2, 32);
}

} // namespace motel::host
