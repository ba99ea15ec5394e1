#pragma once
/// The `suites` plugin's service for other plugins, registered under
/// kSuiteDirectoryService. Every call takes the caller's open SqlSession, so
/// the suite change joins the caller's transaction: a task's effect on its
/// suite and the task change commit together or not at all.
///
///   auto directory = context.services().find<suites::SuiteDirectory>(suites::kSuiteDirectoryService);
///   directory->update(session, suiteId, [](const suites::Suite& now) {
///       suites::SuiteChange change;
///       if (now.condition == "dirty") change.condition = "clean";
///       return change;
///   }, origin);
///
/// Header-only and abstract: the vtable is emitted in the suites library, and
/// the ServiceRegistry matches the type by its name, which both libraries
/// share.

#include <motel/sdk/Database.h>
#include <motel/suites/Suite.h>
#include <motel/suites/SuiteChange.h>
#include <motel/suites/SuiteTaskHooks.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace motel::suites {

inline constexpr const char* kSuiteDirectoryService = "suites.directory";

class SuiteDirectory {
public:
    using Decide = std::function<SuiteChange(const Suite& current)>;

    virtual ~SuiteDirectory() = default;

    /// The suite as `session` sees it now; nullopt when there is none.
    virtual std::optional<Suite> find(sdk::SqlSession& session, std::int64_t id) = 0;

    /// Inside `session`'s transaction: lock suite `id`, let `decide` pick the
    /// change from its current state, and apply it the way every suite change
    /// is applied (a check-out makes it dirty and calls the task hooks;
    /// version + 1; a history row per changed field; `suite.updated` after
    /// commit). No permission or API rules are checked: the caller's rules
    /// decided. Returns the suite after the change, or nullopt when no such
    /// suite exists.
    virtual std::optional<Suite> update(sdk::SqlSession& session, std::int64_t id, const Decide& decide,
                                        const ChangeOrigin& origin) = 0;

    /// Registers the hooks called on check-out and before a delete; nullptr
    /// removes them (then a check-out only makes the suite dirty).
    virtual void setTaskHooks(std::shared_ptr<SuiteTaskHooks> hooks) = 0;
};

} // namespace motel::suites
