#pragma once
/// The process's memory figures at one moment, as the `memory` health check
/// and the `motel_memory_*` metrics report them.

#include <cstdint>

namespace motel::health {

struct MemorySnapshot {
    std::uint64_t heapUsedBytes = 0; ///< bytes malloc has handed out and not taken back
    std::uint64_t residentBytes = 0; ///< resident set size (what the OOM killer counts)
    std::uint64_t limitBytes = 0;    ///< the limit resident memory is compared with; 0 when unknown
};

} // namespace motel::health
