#include "SuiteService.h"

#include "SuiteDiff.h"
#include "SuiteJson.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/JSON/Object.h>

namespace motel::suites {

namespace topics = plugins::topics;

namespace {

/// A change that keeps losing the race this many times in a row is answered
/// with 409 instead of spinning.
constexpr int kMaxAttempts = 5;

sdk::Conflict duplicateNumber(const std::string& number) {
    return sdk::Conflict("Suite number " + number + " already exists");
}

sdk::Conflict keptChanging(std::int64_t id) {
    return sdk::Conflict("Suite " + std::to_string(id) + " kept changing while it was being updated; try again");
}

} // namespace

SuiteService::SuiteService(sdk::Database& database, sdk::EventBus& events, sdk::Gauge& suitesTotal)
    : database_(database), events_(events), suitesTotal_(suitesTotal) {}

sdk::NotFound SuiteService::notFound(std::int64_t id) {
    return sdk::NotFound("Suite " + std::to_string(id) + " not found");
}

void SuiteService::countSuites() {
    database_.withSession(
        [&](sdk::SqlSession& session) { suitesTotal_.set(static_cast<double>(SuiteRepository::countAll(session))); });
}

std::shared_ptr<SuiteTaskHooks> SuiteService::hooks() const {
    std::lock_guard<std::mutex> lock(hooksMutex_);
    return hooks_;
}

void SuiteService::setTaskHooks(std::shared_ptr<SuiteTaskHooks> hooks) {
    std::lock_guard<std::mutex> lock(hooksMutex_);
    hooks_ = std::move(hooks);
}

Suite SuiteService::read(std::int64_t id) {
    std::optional<Suite> suite;
    database_.withSession([&](sdk::SqlSession& session) { suite = SuiteRepository::find(session, id); });
    if (!suite) throw notFound(id);
    return *suite;
}

void SuiteService::checkVersion(const Suite& current, const std::optional<sdk::IfMatch>& ifMatch) {
    if (ifMatch) ifMatch->require("Suite " + std::to_string(current.id), current.version);
}

Suite SuiteService::create(const Suite& draft) {
    checkNumberFree(draft.number, 0);
    std::optional<Suite> created;
    try {
        database_.transaction([&](sdk::SqlSession& session) {
            created = SuiteRepository::insert(session, draft, sdk::nowTimestamp());
            const Suite published = *created;
            session.afterCommit([this, published] {
                suitesTotal_.increment();
                events_.publish(topics::kSuiteCreated, SuiteJson::object(published));
            });
        });
    } catch (const sdk::UniqueViolation&) {
        throw duplicateNumber(draft.number);
    }
    return *created;
}

void SuiteService::checkNumberFree(const std::string& number, std::int64_t exceptId) {
    bool taken = false;
    database_.withSession(
        [&](sdk::SqlSession& session) { taken = SuiteRepository::numberTaken(session, number, exceptId); });
    if (taken) throw duplicateNumber(number);
}

Suite SuiteService::get(std::int64_t id) {
    return read(id);
}

Suite SuiteService::change(std::int64_t id, const SuiteChange& change, const sdk::Principal& caller,
                           std::optional<sdk::IfMatch> ifMatch) {
    const ChangeOrigin origin{caller.id, "api", std::nullopt};
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const Suite current = read(id);
        SuiteRules::checkPermission(change, caller);
        checkVersion(current, ifMatch);
        const SuiteResolution resolved = SuiteRules::resolve(current, change);
        SuiteRules::checkTransition(current, change, resolved);
        if (SuiteDiff::between(current, resolved.next).empty()) return current;
        if (resolved.next.number != current.number) checkNumberFree(resolved.next.number, id);

        std::optional<Suite> updated;
        try {
            database_.transaction(
                [&](sdk::SqlSession& session) { updated = apply(session, current, resolved, origin); });
        } catch (const sdk::UniqueViolation&) {
            throw duplicateNumber(change.number.value_or(current.number));
        }
        if (updated) return *updated;
    }
    throw keptChanging(id);
}

void SuiteService::remove(std::int64_t id, const sdk::Principal& caller, std::optional<sdk::IfMatch> ifMatch) {
    const ChangeOrigin origin{caller.id, "api", std::nullopt};
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const Suite current = read(id);
        checkVersion(current, ifMatch);
        bool removed = false;
        database_.transaction([&](sdk::SqlSession& session) {
            if (!SuiteRepository::touch(session, id, current.version)) return; // stale: read again
            if (auto taskHooks = hooks()) taskHooks->suiteDeleting(session, current, origin);
            SuiteHistoryStore::removeAll(session, id);
            SuiteRepository::remove(session, id);
            removed = true;
            session.afterCommit([this, id] {
                suitesTotal_.decrement();
                Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
                payload->set("id", static_cast<Poco::Int64>(id));
                events_.publish(topics::kSuiteDeleted, payload);
            });
        });
        if (removed) return;
    }
    throw keptChanging(id);
}

SuitePage SuiteService::list(const SuiteFilters& filters) {
    SuitePage page;
    database_.withSession([&](sdk::SqlSession& session) {
        page = SuiteRepository::list(session, SuiteListQuery::page(filters), SuiteListQuery::count(filters),
                                     filters.offset > 0);
    });
    return page;
}

std::string SuiteService::listJson(const SuiteFilters& filters) {
    std::string json;
    database_.withSession([&](sdk::SqlSession& session) {
        json = SuiteRepository::listJson(session, SuiteListQuery::page(filters), SuiteListQuery::count(filters),
                                         filters.limit, filters.offset);
    });
    return json;
}

HistoryPage SuiteService::history(std::int64_t id, std::int64_t limit, std::int64_t offset) {
    HistoryPage page;
    database_.withSession([&](sdk::SqlSession& session) {
        if (!SuiteRepository::find(session, id)) throw notFound(id);
        page = SuiteHistoryStore::page(session, id, limit, offset);
    });
    return page;
}

std::optional<Suite> SuiteService::find(sdk::SqlSession& session, std::int64_t id) {
    return SuiteRepository::find(session, id);
}

std::optional<Suite> SuiteService::update(sdk::SqlSession& session, std::int64_t id, const Decide& decide,
                                          const ChangeOrigin& origin) {
    const auto current = SuiteRepository::find(session, id, true);
    if (!current) return std::nullopt;
    const SuiteResolution resolved = SuiteRules::resolve(*current, decide(*current));
    if (SuiteDiff::between(*current, resolved.next).empty()) return current;
    auto updated = apply(session, *current, resolved, origin);
    if (!updated) throw keptChanging(id); // cannot happen while the row is locked
    return updated;
}

std::optional<Suite> SuiteService::apply(sdk::SqlSession& session, const Suite& current,
                                         const SuiteResolution& resolved, const ChangeOrigin& origin) {
    const std::string now = sdk::nowTimestamp();
    auto updated = SuiteRepository::compareAndSet(session, resolved.next, current.version, now);
    if (!updated) return std::nullopt;
    SuiteHistoryStore::record(session, current.id, SuiteDiff::between(current, *updated), origin, now);
    // Registered before the hooks run, so listeners hear of the suite change
    // before the task it caused.
    const Suite published = *updated;
    const char* intent = resolved.checkedOut ? topics::kSuiteCheckedOut
                         : current.occupancy != "occupied" && published.occupancy == "occupied"
                             ? topics::kSuiteCheckedIn
                             : nullptr;
    session.afterCommit([this, published, intent] {
        const auto payload = SuiteJson::object(published);
        events_.publish(topics::kSuiteUpdated, payload);
        if (intent) events_.publish(intent, payload);
    });
    const bool decidedServiceState = origin.source != "task" && updated->serviceState != current.serviceState;
    if (resolved.checkedOut || decidedServiceState) {
        if (auto taskHooks = hooks()) {
            if (decidedServiceState) taskHooks->serviceStateDecided(session, *updated, origin);
            if (resolved.checkedOut) taskHooks->suiteCheckedOut(session, *updated, origin);
        }
    }
    return updated;
}

} // namespace motel::suites
