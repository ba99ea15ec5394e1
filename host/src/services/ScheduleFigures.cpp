#include "services/ScheduleFigures.h"

namespace motel::host {

void ScheduleFigures::add(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    figures_[name];
}

void ScheduleFigures::ran(const std::string& name, bool failed) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& figures = figures_[name];
    ++figures.runs;
    if (failed) ++figures.failures;
}

void ScheduleFigures::skipped(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++figures_[name].skipped;
}

void ScheduleFigures::late(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++figures_[name].late;
}

std::map<std::string, JobEngine::ScheduleStats> ScheduleFigures::snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return figures_;
}

} // namespace motel::host
