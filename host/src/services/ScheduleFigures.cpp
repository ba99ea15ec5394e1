#include "services/ScheduleFigures.h"

namespace motel::host {

void ScheduleFigures::add(const std::string& name) {
    std::lock_guard<std::mutex> lock(_mutex);
    _figures[name];
}

void ScheduleFigures::ran(const std::string& name, bool failed) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto& figures = _figures[name];
    ++figures.runs;
    if (failed) ++figures.failures;
}

void ScheduleFigures::skipped(const std::string& name) {
    std::lock_guard<std::mutex> lock(_mutex);
    ++_figures[name].skipped;
}

void ScheduleFigures::late(const std::string& name) {
    std::lock_guard<std::mutex> lock(_mutex);
    ++_figures[name].late;
}

std::map<std::string, JobEngine::ScheduleStats> ScheduleFigures::snapshot() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _figures;
}

} // namespace motel::host
