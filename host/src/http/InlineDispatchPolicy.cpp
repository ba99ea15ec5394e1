#include "http/InlineDispatchPolicy.h"

#include <algorithm>

namespace motel::host {

std::uint64_t InlineDispatchPolicy::typeOf(std::string_view method, std::string_view target, bool hasBody) const {
    if (!enabled_ || hasBody || (method != "GET" && method != "HEAD")) return 0;
    const std::string_view path = target.substr(0, target.find('?'));
    // FNV-1a over method, a separator and the path.
    std::uint64_t hash = 14695981039346656037ull;
    const auto mix = [&hash](std::string_view text) {
        for (const char c : text) {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ull;
        }
    };
    mix(method);
    mix(" ");
    mix(path);
    return hash == 0 ? 1 : hash;
}

bool InlineDispatchPolicy::shouldRunInline(std::uint64_t type) const {
    if (type == 0) return false;
    const auto found = types_.find(type);
    return found != types_.end() && found->second.runsInline;
}

bool InlineDispatchPolicy::wantsPreciseCost(std::uint64_t type) {
    if (type == 0) return false; // never judged
    const auto found = types_.find(type);
    if (found == types_.end() || !found->second.runsInline) return true;
    Record& record = found->second;
    if (record.suspect || ++record.sincePrecise >= preciseEvery) {
        record.sincePrecise = 0;
        return true;
    }
    return false;
}

bool InlineDispatchPolicy::sleptLong(const DispatchCost& cost) {
    return cost.blocked && cost.wall - cost.cpu > sleepLimit;
}

InlineDispatchPolicy::Record& InlineDispatchPolicy::recordOf(std::uint64_t type) {
    auto found = types_.find(type);
    if (found == types_.end()) {
        if (types_.size() >= maxTrackedTypes) types_.clear(); // ids in paths: keep memory bounded
        found = types_.emplace(type, Record{}).first;
    }
    return found->second;
}

void InlineDispatchPolicy::excludeForGood(std::uint64_t type) {
    if (type == 0) return;
    Record& record = recordOf(type);
    record.runsInline = false;
    record.strikes = maxStrikes;
}

void InlineDispatchPolicy::record(std::uint64_t type, const DispatchCost& cost, bool ranInline) {
    if (type == 0) return;
    Record& record = recordOf(type);
    if (record.strikes >= maxStrikes) return;
    if (!cost.precise) { // an inline run timed by the wall clock only
        record.suspect = cost.wall > cpuLimit;
        return;
    }
    record.suspect = false;
    if (ranInline)
        recordInlineRun(record, cost);
    else
        recordPoolRun(record, cost);
}

void InlineDispatchPolicy::recordPoolRun(Record& record, const DispatchCost& cost) {
    if (sleptLong(cost) || cost.cpu > inlineCpuLimit) record.windowSpoiled = true;
    record.windowCpu += static_cast<std::uint64_t>(cost.cpu.count());
    if (++record.windowRuns < qualifyingRuns) return;
    const bool qualifies =
        !record.windowSpoiled && record.windowCpu <= static_cast<std::uint64_t>(cpuLimit.count()) * qualifyingRuns;
    record.windowRuns = 0;
    record.windowCpu = 0;
    record.windowSpoiled = false;
    if (!qualifies) return;
    record.runsInline = true;
    record.goodInlineRuns = 0;
    record.averageCpu8 = 0;
}

void InlineDispatchPolicy::recordInlineRun(Record& record, const DispatchCost& cost) {
    // Moving average over ~8 precise runs, in eighths of a microsecond.
    const auto cpu = static_cast<std::uint32_t>(std::min<long long>(cost.cpu.count(), 1000000));
    record.averageCpu8 = record.averageCpu8 - record.averageCpu8 / 8 + cpu;
    const bool acceptable = !sleptLong(cost) && cost.cpu <= inlineCpuLimit &&
                            record.averageCpu8 / 8 <= 2 * static_cast<std::uint32_t>(cpuLimit.count());
    if (acceptable) {
        if (++record.goodInlineRuns >= forgiveAfter) {
            record.goodInlineRuns = 0;
            if (record.strikes > 0) --record.strikes;
        }
        return;
    }
    record.runsInline = false;
    ++record.strikes;
}

} // namespace motel::host
