#pragma once
/// The contract's rules for changing a suite, free of HTTP and SQL so they can
/// be unit tested:
///  - check-out (occupied → vacant) makes the suite dirty and wins over a
///    `condition` sent with it; the caller then creates the cleaning task;
///  - check-in (vacant → occupied) is 409 unless the suite is in_service;
///    creating a suite is no check-in: a new suite may be in any combination
///    of states (an import of a motel's current state);
///  - `inspected` can only follow `clean`;
///  - staff may change only `condition`, and only to dirty or clean.

#include <motel/sdk/Principal.h>
#include "SuiteTypes.h"

namespace motel::suites {

struct SuiteResolution {
    Suite next;              ///< the suite after the change (version and timestamps untouched)
    bool checkedOut = false; ///< occupied → vacant happened
};

class SuiteRules {
public:
    /// Applies `change` to `current`, including the check-out effect. Does not
    /// validate: task effects use it as is.
    static SuiteResolution resolve(const Suite& current, const SuiteChange& change);

    /// Throws sdk::Forbidden when `caller` may not make `change` (staff
    /// beyond `condition` dirty/clean).
    static void checkPermission(const SuiteChange& change, const sdk::Principal& caller);

    /// Throws sdk::Conflict when a direct (API) change breaks a state rule.
    static void checkTransition(const Suite& current, const SuiteChange& change, const SuiteResolution& resolved);
};

} // namespace motel::suites
