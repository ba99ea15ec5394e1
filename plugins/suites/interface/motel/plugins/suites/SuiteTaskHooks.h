#pragma once
/// What the `suites` plugin asks of whoever manages work on suites (the
/// `tasks` plugin registers one through SuiteDirectory::setTaskHooks). The
/// suites plugin cannot depend on tasks, so it calls out through this
/// interface, inside its own transaction: whatever the hooks write commits or
/// rolls back together with the suite change.
///
/// Header-only and abstract on purpose: the implementation (and its vtable)
/// lives in the tasks library, and both libraries see the same type name.

#include <motel/sdk/Database.h>
#include <motel/plugins/suites/Suite.h>
#include <motel/plugins/suites/SuiteChange.h>

namespace motel::plugins::suites {

class SuiteTaskHooks {
public:
    virtual ~SuiteTaskHooks() = default;

    /// `suite` (as it is after the change) was just checked out inside
    /// `session`'s transaction: put its cleaning task on the board.
    virtual void suiteCheckedOut(sdk::SqlSession& session, const Suite& suite, const ChangeOrigin& origin) = 0;

    /// `suite` is about to be deleted inside `session`'s transaction. Throw
    /// sdk::Conflict while it has open tasks; otherwise let go of the closed
    /// ones (they outlive the suite with no suite).
    virtual void suiteDeleting(sdk::SqlSession& session, const Suite& suite, const ChangeOrigin& origin) = 0;
};

} // namespace motel::plugins::suites
