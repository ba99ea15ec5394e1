#pragma once
// What each scheduled job did on this host, for the motel_jobs_scheduled_*
// metrics; both job engines keep one.

#include "services/JobEngine.h"

#include <map>
#include <mutex>
#include <string>

namespace motel::host {

/// Thread-safe counters per scheduled job name.
class ScheduleFigures {
public:
    /// The job shows up (at zero) from registration on.
    void add(const std::string& name);
    /// A run ended; `failed` when it threw.
    void ran(const std::string& name, bool failed);
    /// A tick was not run: the previous run was still going.
    void skipped(const std::string& name);
    /// A tick ran after its time because Redis could not be asked at it.
    void late(const std::string& name);

    std::map<std::string, JobEngine::ScheduleStats> snapshot() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, JobEngine::ScheduleStats> figures_;
};

} // namespace motel::host
