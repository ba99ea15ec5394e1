#include "MemoryCheck.h"

#include <motel/sdk/HealthThreshold.h>

#include <cmath>

namespace motel::health {

namespace {

constexpr double bytesPerMB = 1024.0 * 1024.0;

/// Megabytes with two decimals: a small heap is 0.49, not 0.
double megabytes(std::uint64_t bytes) {
    return std::round(static_cast<double>(bytes) / bytesPerMB * 100) / 100;
}

} // namespace

MemoryCheck::MemoryCheck(Reader reader, double warningPercent, double criticalPercent)
    : reader_(std::move(reader)), warningPercent_(warningPercent), criticalPercent_(criticalPercent) {}

sdk::HealthResult MemoryCheck::operator()() const {
    return evaluate(reader_(), warningPercent_, criticalPercent_);
}

sdk::HealthResult MemoryCheck::evaluate(const MemorySnapshot& snapshot, double warningPercent, double criticalPercent) {
    sdk::HealthResult result;
    result.up = true;
    result.details = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result.details->set("heapUsedMB", megabytes(snapshot.heapUsedBytes));
    result.details->set("rssMB", megabytes(snapshot.residentBytes));
    if (snapshot.limitBytes > 0) {
        const double percent =
            100.0 * static_cast<double>(snapshot.residentBytes) / static_cast<double>(snapshot.limitBytes);
        result.details->set("limitMB", megabytes(snapshot.limitBytes));
        result.details->set("usagePercent", std::round(percent * 10) / 10);
        sdk::judgeAbove(result, "usagePercent", percent, warningPercent, criticalPercent);
    }
    return result;
}

} // namespace motel::health
