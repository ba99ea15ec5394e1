#pragma once
/// The `suite_blocks` table: for each suite that open `blocksSuite` tasks
/// keep out of order, the service state it had before the first of them
/// opened (`in_service`, or the `out_of_service` / `out_of_order` a manager
/// had set). The last blocking task to close puts that state back
/// (SuiteEffects). A manager (or job) who changes the suite's service state
/// while it is blocked takes over: the row is forgotten and closing the tasks
/// leaves the suite as that person set it. All calls join the caller's
/// transaction.

#include <motel/sdk/Database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::tasks {

class SuiteBlockStore {
public:
    /// Records `serviceState` as what suite `suiteId` returns to, unless a
    /// state is already recorded (a blocking task was already open: the state
    /// before the first one counts).
    static void remember(sdk::SqlSession& session, std::int64_t suiteId, const std::string& serviceState,
                         const std::string& now);
    /// Removes and returns the recorded state; nullopt when none is recorded.
    static std::optional<std::string> take(sdk::SqlSession& session, std::int64_t suiteId);
    static void forget(sdk::SqlSession& session, std::int64_t suiteId);
};

} // namespace motel::tasks
