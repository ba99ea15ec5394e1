#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace motel::host {

/// What one dispatch (plus serialisation) cost, measured on the thread that ran it.
struct DispatchCost {
    std::chrono::microseconds cpu{0};  ///< CPU time of the thread
    std::chrono::microseconds wall{0};
    bool blocked = false; ///< the thread slept (voluntary context switch: I/O, lock, sleep)
};

/// Decides which requests an I/O thread may dispatch itself instead of
/// handing them to the worker pool.
///
/// Why: for trivial handlers (`/health/live`, a cached answer) the two thread
/// hops of the pool cost far more than the handler; measured with wrk on 2
/// cores the pool path reached ~0.6 of nginx `return 200`, the inline path
/// ~1.0 (docs/benchmarks.md, "HTTP front end"). A slow handler on an I/O
/// thread, however, would stall every connection of that thread.
///
/// So a request type (method + path, query ignored) runs inline only after
/// it proved fast on the pool: `qualifyingRuns` dispatches in a row that
/// used at most `cpuLimit` of CPU, `wallLimit` of wall time and never slept
/// (no voluntary context switch, i.e. no database round trip, lock wait or
/// file read). Inline runs keep being measured; one that is not fast sends the
/// type back to the pool to qualify again, and after `maxStrikes` such
/// misses it stays on the pool for good. Only bodiless GET and HEAD requests
/// are candidates. One per I/O thread, used on that thread only.
class InlineDispatchPolicy {
public:
    static constexpr std::chrono::microseconds cpuLimit{50};
    static constexpr std::chrono::microseconds wallLimit{1000};
    static constexpr std::uint32_t qualifyingRuns = 64;
    static constexpr std::uint8_t maxStrikes = 3;
    static constexpr std::size_t maxTrackedTypes = 1024; ///< then forget all and learn again

    explicit InlineDispatchPolicy(bool enabled) : _enabled(enabled) {}

    /// The request type of `method` + `target` (a hash; 0 = never inline).
    std::uint64_t typeOf(std::string_view method, std::string_view target, bool hasBody) const;
    bool shouldRunInline(std::uint64_t type) const;
    void record(std::uint64_t type, const DispatchCost& cost, bool ranInline);

    static bool isFast(const DispatchCost& cost);

private:
    struct Record {
        std::uint32_t fastRuns = 0; ///< consecutive fast pool runs
        std::uint8_t strikes = 0;
        bool runsInline = false;
    };

    bool _enabled;
    std::unordered_map<std::uint64_t, Record> _types;
};

} // namespace motel::host
