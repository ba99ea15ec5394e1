#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace motel::host {

/// What one dispatch (plus serialisation) cost, measured on the thread that ran it.
struct DispatchCost {
    std::chrono::microseconds cpu{0};  ///< CPU time of the thread
    std::chrono::microseconds wall{0}; ///< for information: includes preemption
    bool blocked = false;              ///< the thread slept (voluntary context switch: I/O, lock, sleep)
    bool precise = true;               ///< cpu and blocked were measured (else only wall)
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
/// it proved fast on the pool: over a window of `qualifyingRuns` dispatches
/// its average CPU time stayed within `cpuLimit`, no run used more than
/// `inlineCpuLimit`, and none slept long (a voluntary context switch with more
/// than `sleepLimit` off the CPU: a database round trip, a file read; short
/// lock waits pass). Preemption is not held against a run. Inline runs keep
/// being measured; the type goes back to the pool (to qualify again, with a
/// strike) when one sleeps long or uses more than `inlineCpuLimit`, or when
/// the moving average of their CPU time exceeds twice `cpuLimit`.
/// `forgiveAfter` good inline runs in a row forgive a strike; a type with
/// `maxStrikes` stays on the pool for good. A type whose handler deferred its
/// answer or claimed the connection stays on the pool for good at once
/// (excludeForGood): it returns fast because its work happens elsewhere, and
/// long-polls and upgrades gain nothing from inlining. Only bodiless GET and HEAD
/// requests are candidates. One policy per I/O thread, used on that thread only.
///
/// Measuring CPU time and context switches takes four system calls, ~15% of
/// a trivial request; so inline runs are measured precisely one in
/// `preciseEvery`, the others by wall time only (a vDSO clock read). An inline
/// run whose wall time exceeds `cpuLimit` makes the next run precise, so a
/// handler that turned slow is caught within a run or two.
class InlineDispatchPolicy {
public:
    static constexpr std::chrono::microseconds cpuLimit{50};
    static constexpr std::chrono::microseconds inlineCpuLimit{500};
    static constexpr std::chrono::microseconds sleepLimit{100};
    static constexpr std::uint32_t qualifyingRuns = 64;
    static constexpr std::uint32_t forgiveAfter = 1000;
    static constexpr std::uint8_t maxStrikes = 5;
    static constexpr std::uint8_t preciseEvery = 8;
    static constexpr std::size_t maxTrackedTypes = 1024; ///< then forget all and learn again

    explicit InlineDispatchPolicy(bool enabled) : enabled_(enabled) {}

    /// The request type of `method` + `target` (a hash; 0 = never inline).
    std::uint64_t typeOf(std::string_view method, std::string_view target, bool hasBody) const;
    bool shouldRunInline(std::uint64_t type) const;
    /// Whether the next dispatch of `type` must measure CPU time and sleeps
    /// (always on the pool; sampled inline).
    bool wantsPreciseCost(std::uint64_t type);
    void record(std::uint64_t type, const DispatchCost& cost, bool ranInline);
    /// Keeps `type` on the pool from now on (its handler deferred or took over).
    void excludeForGood(std::uint64_t type);

    /// Slept (voluntary switch) and spent more than sleepLimit off the CPU.
    static bool sleptLong(const DispatchCost& cost);

private:
    struct Record {
        std::uint32_t windowRuns = 0; ///< pool runs in the current qualifying window
        std::uint64_t windowCpu = 0;  ///< their CPU µs
        bool windowSpoiled = false;   ///< a run slept long or used too much CPU
        std::uint32_t goodInlineRuns = 0;
        std::uint32_t averageCpu8 = 0; ///< moving average of inline CPU µs, times 8
        std::uint8_t strikes = 0;
        std::uint8_t sincePrecise = 0; ///< inline runs since the last precise one
        bool runsInline = false;
        bool suspect = false; ///< last inline run was slow by the wall clock
    };

    void recordPoolRun(Record& record, const DispatchCost& cost);
    void recordInlineRun(Record& record, const DispatchCost& cost);
    Record& recordOf(std::uint64_t type);

    bool enabled_;
    std::unordered_map<std::uint64_t, Record> types_;
};

} // namespace motel::host
