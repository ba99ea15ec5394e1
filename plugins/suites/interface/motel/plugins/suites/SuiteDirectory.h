#pragma once
/// Published interface of the `suites` plugin (interface version 1.0): the
/// suite directory other plugins use to find a suite and change it. Every
/// call takes the caller's open SqlSession, so the suite change joins the
/// caller's transaction: a task's effect on its suite and the task change
/// commit together or not at all.
///
///   // info().dependencies lists "suites"; in start():
///   auto directory = context.services().require<plugins::suites::SuiteDirectory>();
///   directory->update(session, suiteId, [](const plugins::suites::Suite& now) {
///       plugins::suites::SuiteChange change;
///       if (now.condition == "dirty") change.condition = "clean";
///       return change;
///   }, origin);
///
/// Header-only and abstract: the implementation and its vtable live in
/// suites.so. The lookup names kVersion, the version the caller was compiled
/// against; the host refuses it when the major differs from what suites
/// provides (or the caller needs a newer minor). Bump the minor for added
/// virtual functions at the end, the major for anything else.

#include <motel/sdk/Database.h>
#include <motel/sdk/Services.h>
#include <motel/plugins/suites/Suite.h>
#include <motel/plugins/suites/SuiteChange.h>
#include <motel/plugins/suites/SuiteTaskHooks.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace motel::plugins::suites {

inline constexpr const char* kSuiteDirectoryService = "suites.directory";

class SuiteDirectory {
public:
    static constexpr const char* kServiceName = kSuiteDirectoryService;
    static constexpr sdk::InterfaceVersion kVersion{1, 0};

    using Decide = std::function<SuiteChange(const Suite& current)>;

    virtual ~SuiteDirectory() = default;

    /// The suite as `session` sees it now; nullopt when there is none.
    virtual std::optional<Suite> find(sdk::SqlSession& session, std::int64_t id) = 0;

    /// Inside `session`'s transaction: lock suite `id`, let `decide` pick the
    /// change from its current state, and apply it the way every suite change
    /// is applied (a check-out makes it dirty and calls the task hooks;
    /// version + 1; a history row per changed field; `suite.updated` after
    /// commit, plus the intent event `suite.checked_out` or `suite.checked_in`
    /// when occupancy changes). No permission or API rules are checked: the caller's rules
    /// decided. Returns the suite after the change, or nullopt when no such
    /// suite exists.
    virtual std::optional<Suite> update(sdk::SqlSession& session, std::int64_t id, const Decide& decide,
                                        const ChangeOrigin& origin) = 0;

    /// Registers the hooks called on check-out and before a delete; nullptr
    /// removes them (then a check-out only makes the suite dirty).
    virtual void setTaskHooks(std::shared_ptr<SuiteTaskHooks> hooks) = 0;
};

} // namespace motel::plugins::suites
