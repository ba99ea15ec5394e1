#pragma once
/// The `memory` check of `/health`: heap in use and resident memory, judged
/// by how close the resident set is to the limit the process may use
/// (> memoryWarningPercent: warning, > memoryCriticalPercent: critical).
/// The check reports `degraded` past the warning and `down` past the
/// critical threshold, naming it in `details.threshold` (sdk::judgeAbove).
///
/// Details, in megabytes with two decimals: `heapUsedMB` (the documented
/// field), `rssMB`, `limitMB` and `usagePercent` (the last two only when a
/// limit is known).

#include "MemorySnapshot.h"

#include <motel/sdk/Health.h>

#include <functional>

namespace motel::health {

class MemoryCheck {
public:
    using Reader = std::function<MemorySnapshot()>;

    MemoryCheck(Reader reader, double warningPercent, double criticalPercent);

    /// Reads the figures now and judges them.
    sdk::HealthResult operator()() const;

    static sdk::HealthResult evaluate(const MemorySnapshot& snapshot, double warningPercent, double criticalPercent);

private:
    Reader reader_;
    double warningPercent_;
    double criticalPercent_;
};

} // namespace motel::health
