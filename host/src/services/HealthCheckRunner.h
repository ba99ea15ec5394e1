#pragma once
// Runs the health checks that plugins register, each bounded by its timeout.

#include "services/DeadlineClock.h"

#include <motel/sdk/Health.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace motel::host {

/// The HealthRegistry every plugin receives; the `health` plugin calls
/// runAll() for `GET /health`.
///
/// Each run of a check gets its own detached thread, so runAll() returns
/// after the longest timeout at most, whatever the checks do. A check that
/// overruns is reported down/critical with `{"error":"timed out after N ms"}`
/// and keeps its thread; while that run is still going, no new run of the
/// same check starts: later callers share it (waiting only until its original
/// deadline), so a hung dependency costs one thread per check, not one per
/// request. Concurrent callers likewise share a run in progress.
///
/// A detached run may outlive the runner (it owns everything it touches),
/// but not the plugin library its check lives in: the host stops serving
/// `/health` before it unloads plugins.
class HealthCheckRunner : public sdk::HealthRegistry {
public:
    /// Timeouts are measured on `clock` (tests move it by hand).
    explicit HealthCheckRunner(std::shared_ptr<DeadlineClock> clock = DeadlineClock::machine());
    ~HealthCheckRunner() override;

    HealthCheckRunner(const HealthCheckRunner&) = delete;
    HealthCheckRunner& operator=(const HealthCheckRunner&) = delete;

    /// Throws std::invalid_argument for an empty name or check, or a timeout
    /// that is not positive. Re-adding a name replaces the check in place
    /// (it keeps its position in the results).
    void add(const std::string& name, Check check,
             std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) override;
    std::vector<std::pair<std::string, sdk::HealthResult>> runAll() override;

    /// Names of the registered checks in registration order.
    std::vector<std::string> names() const;

private:
    class Run;
    struct Registration {
        std::string name;
        Check check;
        std::chrono::milliseconds timeout;
        std::shared_ptr<Run> latest; ///< the last run started; may still be going
    };

    std::shared_ptr<Run> start(const Registration& registration);

    const std::shared_ptr<DeadlineClock> clock_;
    mutable std::mutex mutex_;
    std::vector<Registration> registrations_;
};

} // namespace motel::host
