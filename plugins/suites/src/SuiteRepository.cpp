#include "SuiteRepository.h"

#include "SuiteSchema.h"

#include <motel/sdk/ResourceList.h>

namespace motel::suites {

namespace {

sdk::SqlValue id(std::int64_t value) {
    return static_cast<Poco::Int64>(value);
}

sdk::SqlValue text(const std::optional<std::string>& value) {
    return value ? sdk::SqlValue(*value) : sdk::SqlValue();
}

} // namespace

const std::string& SuiteRepository::columns() {
    return suiteSchema().columns();
}

Suite SuiteRepository::fromRow(const sdk::Row& row) {
    return suiteSchema().read(row);
}

std::optional<Suite> SuiteRepository::find(sdk::SqlSession& session, std::int64_t suiteId, bool lock) {
    std::string sql = "SELECT " + columns() + " FROM suites WHERE id = $1";
    if (lock && session.dialect() == sdk::Dialect::postgresql) sql += " FOR UPDATE";
    const auto rows = session.query(sql, {id(suiteId)});
    if (rows.empty()) return std::nullopt;
    return fromRow(rows.front());
}

bool SuiteRepository::numberTaken(sdk::SqlSession& session, const std::string& number, std::int64_t exceptId) {
    return !session.query("SELECT id FROM suites WHERE number = $1 AND id <> $2", {number, id(exceptId)}).empty();
}

Suite SuiteRepository::insert(sdk::SqlSession& session, const Suite& suite, const std::string& now) {
    const auto rows = session.query(
        "INSERT INTO suites (number, name, floor, type, occupancy, condition, service_state, notes, version, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING " +
            columns(),
        {suite.number, text(suite.name), id(suite.floor), suite.type, suite.occupancy, suite.condition,
         suite.serviceState, text(suite.notes), now});
    return fromRow(rows.at(0));
}

std::optional<Suite> SuiteRepository::compareAndSet(sdk::SqlSession& session, const Suite& next,
                                                    std::int64_t expectedVersion, const std::string& now) {
    const auto rows = session.query(
        "UPDATE suites SET number = $3, name = $4, floor = $5, type = $6, occupancy = $7, condition = $8, "
        "service_state = $9, notes = $10, updated_at = $11, version = version + 1 "
        "WHERE id = $1 AND version = $2 RETURNING " +
            columns(),
        {id(next.id), id(expectedVersion), next.number, text(next.name), id(next.floor), next.type, next.occupancy,
         next.condition, next.serviceState, text(next.notes), now});
    if (rows.empty()) return std::nullopt;
    return fromRow(rows.front());
}

bool SuiteRepository::touch(sdk::SqlSession& session, std::int64_t suiteId, std::int64_t expectedVersion) {
    return session.execute("UPDATE suites SET version = version + 1 WHERE id = $1 AND version = $2",
                           {id(suiteId), id(expectedVersion)}) == 1;
}

void SuiteRepository::remove(sdk::SqlSession& session, std::int64_t suiteId) {
    session.execute("DELETE FROM suites WHERE id = $1", {id(suiteId)});
}

SuitePage SuiteRepository::list(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                                bool pastEnd) {
    return sdk::PagedQuery::fetch<Suite>(session, page, count, pastEnd, &SuiteRepository::fromRow);
}

std::string SuiteRepository::listJson(sdk::SqlSession& session, const sdk::SqlQuery& page, const sdk::SqlQuery& count,
                                      std::int64_t limit, std::int64_t offset) {
    return sdk::ResourceList::render(session, page, count, limit, offset, suiteSchema());
}

std::int64_t SuiteRepository::countAll(sdk::SqlSession& session) {
    const auto rows = session.query("SELECT COUNT(*) AS n FROM suites");
    return rows.empty() ? 0 : rows.front().integer("n");
}

} // namespace motel::suites
