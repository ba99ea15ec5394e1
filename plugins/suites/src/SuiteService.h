#pragma once
/// Everything that reads or changes suites, each change in one transaction:
/// the compare-and-set on `version`, the history rows, the check-out hook (the
/// tasks plugin's cleaning task), and the `suite.*` events and metric after
/// commit. Also the SuiteDirectory other plugins use, so a task's effect on
/// a suite goes through the same path as a change made through the API.
///
/// Reads that decide a change happen before the transaction; the
/// transaction's first statement is the compare-and-set, which on SQLite takes
/// the write lock at once and on PostgreSQL fails cleanly when someone else got
/// there first. A stale write is retried from a fresh read (where If-Match
/// then answers 412 and the rules their 409).

#include "SuiteHistoryStore.h"
#include "SuiteListQuery.h"
#include "SuiteRepository.h"
#include "SuiteRules.h"

#include <motel/sdk/IfMatch.h>
#include <motel/sdk/Database.h>
#include <motel/sdk/Events.h>
#include <motel/sdk/Metrics.h>
#include <motel/sdk/Principal.h>
#include "SuiteTypes.h"

#include <memory>
#include <mutex>
#include <optional>

namespace motel::suites {

class SuiteService : public SuiteDirectory {
public:
    SuiteService(sdk::Database& database, sdk::EventBus& events, sdk::Gauge& suitesTotal);

    /// Sets the suites gauge from the table (once, at start).
    void countSuites();

    Suite create(const Suite& draft);
    Suite get(std::int64_t id);
    /// PATCH: 404, then staff permission 403, then If-Match 412, then 409.
    Suite change(std::int64_t id, const SuiteChange& change, const sdk::Principal& caller,
                 std::optional<sdk::IfMatch> ifMatch);
    /// DELETE: 404, If-Match 412, 409 while the suite has open tasks.
    void remove(std::int64_t id, const sdk::Principal& caller, std::optional<sdk::IfMatch> ifMatch);
    SuitePage list(const SuiteFilters& filters);
    /// The same page as `GET /api/suites`'s JSON envelope, with no Suite in
    /// between (the list endpoint's path).
    std::string listJson(const SuiteFilters& filters);
    HistoryPage history(std::int64_t id, std::int64_t limit, std::int64_t offset);

    // SuiteDirectory
    std::optional<Suite> find(sdk::SqlSession& session, std::int64_t id) override;
    std::optional<Suite> update(sdk::SqlSession& session, std::int64_t id, const Decide& decide,
                                const ChangeOrigin& origin) override;
    void setTaskHooks(std::shared_ptr<SuiteTaskHooks> hooks) override;

    static sdk::NotFound notFound(std::int64_t id);

private:
    sdk::Database& database_;
    sdk::EventBus& events_;
    sdk::Gauge& suitesTotal_;
    mutable std::mutex hooksMutex_;
    std::shared_ptr<SuiteTaskHooks> hooks_;

    std::shared_ptr<SuiteTaskHooks> hooks() const;
    Suite read(std::int64_t id);
    /// The write half of every change: compare-and-set, history, check-out
    /// hook, event after commit. nullopt when `current.version` is stale.
    std::optional<Suite> apply(sdk::SqlSession& session, const Suite& current, const SuiteResolution& resolved,
                               const ChangeOrigin& origin);
    /// 409 when another suite has `number` (the UNIQUE index still decides races).
    void checkNumberFree(const std::string& number, std::int64_t exceptId);
    static void checkVersion(const Suite& current, const std::optional<sdk::IfMatch>& ifMatch);
};

} // namespace motel::suites
