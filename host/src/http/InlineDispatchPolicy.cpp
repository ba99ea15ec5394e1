#include "http/InlineDispatchPolicy.h"

namespace motel::host {

std::uint64_t InlineDispatchPolicy::typeOf(std::string_view method, std::string_view target, bool hasBody) const {
    if (!_enabled || hasBody || (method != "GET" && method != "HEAD")) return 0;
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
    const auto found = _types.find(type);
    return found != _types.end() && found->second.runsInline;
}

bool InlineDispatchPolicy::isFast(const DispatchCost& cost) {
    return !cost.blocked && cost.cpu <= cpuLimit && cost.wall <= wallLimit;
}

void InlineDispatchPolicy::record(std::uint64_t type, const DispatchCost& cost, bool ranInline) {
    if (type == 0) return;
    auto found = _types.find(type);
    if (found == _types.end()) {
        if (_types.size() >= maxTrackedTypes) _types.clear(); // ids in paths: keep memory bounded
        found = _types.emplace(type, Record{}).first;
    }
    Record& record = found->second;
    if (record.strikes >= maxStrikes) return;
    const bool fast = isFast(cost);
    if (ranInline) {
        if (!fast) {
            record.runsInline = false;
            record.fastRuns = 0;
            ++record.strikes;
        }
        return;
    }
    record.fastRuns = fast ? record.fastRuns + 1 : 0;
    if (record.fastRuns >= qualifyingRuns) record.runsInline = true;
}

} // namespace motel::host
