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

    /// Someone other than a task (a manager through the API, a job) changed
    /// `suite`'s serviceState inside `session`'s transaction; `suite` is as it
    /// is after the change. A task never overrides that decision: the tasks
    /// plugin forgets the state it meant to restore when the suite's blocking
    /// tasks close. Not pure, so hooks written before it still compile.
    virtual void serviceStateDecided(sdk::SqlSession& session, const Suite& suite, const ChangeOrigin& origin) {
        (void)session;
        (void)suite;
        (void)origin;
    }
};

} // namespace motel::plugins::suites
