#include "MigrationRunnerContract.h"

#include "db/DatabaseErrors.h"
#include "db/DatabaseUrl.h"
#include "db/SqlScript.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <set>
#include <thread>

namespace motel::host::test {

namespace {

Poco::Logger& testLogger() {
    return Poco::Logger::get("motel.db.test");
}

std::vector<sdk::Migration> roomMigrations() {
    return {
        {2, "add_floor", "ALTER TABLE rooms ADD COLUMN floor INTEGER NOT NULL DEFAULT 0"},
        {1, "create_rooms", "CREATE TABLE rooms (id {{id}}, name TEXT NOT NULL UNIQUE, guest_id {{bigint}})"},
    };
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

void MigrationRunnerContract::setUp() {
    url_ = freshDatabaseUrl();
    db_ = open();
}

void MigrationRunnerContract::tearDown() {
    db_.reset();
    dropDatabase();
}

std::unique_ptr<SqlDatabase> MigrationRunnerContract::open() {
    return std::make_unique<SqlDatabase>(DatabaseUrl::parse(url_), SqlDatabaseOptions{}, testLogger());
}

std::vector<std::string> MigrationRunnerContract::migrate(SqlDatabase& database,
                                                          const std::vector<MigrationRunner::PluginMigrations>& plan) {
    return MigrationRunner(database, testLogger()).apply(plan);
}

std::int64_t MigrationRunnerContract::count(const std::string& sql) {
    std::int64_t n = 0;
    db_->withSession([&](sdk::SqlSession& session) { n = session.query(sql).at(0).integer("n"); });
    return n;
}

void MigrationRunnerContract::testAppliesInVersionOrderAndRecordsThem() {
    const auto applied = migrate(*db_, {{"rooms", roomMigrations()}});
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), applied.size());
    CPPUNIT_ASSERT_EQUAL(std::string("rooms v1 create_rooms"), applied[0]);
    CPPUNIT_ASSERT_EQUAL(std::string("rooms v2 add_floor"), applied[1]);
    db_->withSession([](sdk::SqlSession& session) {
        const auto id = session
                            .query("INSERT INTO rooms (name, floor, guest_id) VALUES ($1, $2, $3) RETURNING id",
                                   {std::string("101"), 1, Poco::Int64(5000000000LL)})
                            .at(0)
                            .integer("id");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), id);
        const auto rows =
            session.query("SELECT owner, version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("rooms"), rows[0].text("owner"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), rows[0].integer("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("create_rooms"), rows[0].text("name"));
        CPPUNIT_ASSERT_EQUAL(SqlScript::checksum(roomMigrations()[1].sql), rows[0].text("checksum"));
        CPPUNIT_ASSERT(contains(rows[0].text("applied_at"), "T"));
    });
}

void MigrationRunnerContract::testSecondRunAppliesNothing() {
    migrate(*db_, {{"rooms", roomMigrations()}});
    CPPUNIT_ASSERT(migrate(*db_, {{"rooms", roomMigrations()}}).empty());
    auto other = open();
    CPPUNIT_ASSERT(migrate(*other, {{"rooms", roomMigrations()}}).empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), count("SELECT COUNT(*) AS n FROM schema_migrations"));
}

void MigrationRunnerContract::testOnlyPendingMigrationsApplyLater() {
    auto migrations = roomMigrations();
    migrate(*db_, {{"rooms", {migrations[1]}}});
    const auto applied = migrate(*db_, {{"rooms", migrations}});
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), applied.size());
    CPPUNIT_ASSERT_EQUAL(std::string("rooms v2 add_floor"), applied[0]);
}

void MigrationRunnerContract::testPluginsHaveTheirOwnVersions() {
    const auto applied =
        migrate(*db_, {{"rooms", roomMigrations()},
                       {"guests", {{1, "create_guests", "CREATE TABLE guests (id {{id}}, name TEXT)"}}}});
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), applied.size());
    CPPUNIT_ASSERT_EQUAL(std::string("guests v1 create_guests"), applied[2]);
}

void MigrationRunnerContract::testChangedMigrationIsRefused() {
    migrate(*db_, {{"rooms", roomMigrations()}});
    auto edited = roomMigrations();
    edited[1].sql += " ";
    edited.push_back({3, "add_notes", "ALTER TABLE rooms ADD COLUMN notes TEXT"});
    try {
        migrate(*db_, {{"rooms", edited}});
        CPPUNIT_FAIL("an edited applied migration must stop the run");
    } catch (const MigrationError& error) {
        const std::string message = error.what();
        CPPUNIT_ASSERT(contains(message, "'rooms'"));
        CPPUNIT_ASSERT(contains(message, "migration 1 (create_rooms)"));
        CPPUNIT_ASSERT(contains(message, SqlScript::checksum(roomMigrations()[1].sql)));
        CPPUNIT_ASSERT(contains(message, SqlScript::checksum(edited[1].sql)));
    }
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), count("SELECT COUNT(*) AS n FROM schema_migrations"));
}

void MigrationRunnerContract::testFailingMigrationLeavesNothingBehind() {
    const std::vector<sdk::Migration> broken{
        {1, "half", "CREATE TABLE first_half (id {{id}}); INSERT INTO no_such_table (x) VALUES (1)"}};
    try {
        migrate(*db_, {{"broken", broken}});
        CPPUNIT_FAIL("the failing statement must stop the run");
    } catch (const MigrationError& error) {
        CPPUNIT_ASSERT(contains(error.what(), "migration 1 (half) of plugin 'broken'"));
    }
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), count("SELECT COUNT(*) AS n FROM schema_migrations"));
    // The first statement was rolled back with the second.
    db_->withSession([](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_THROW(session.query("SELECT id FROM first_half"), DatabaseError);
    });
}

void MigrationRunnerContract::testScriptsWithSeveralStatementsAndQuotedSemicolons() {
    const std::vector<sdk::Migration> script{
        {1, "seed",
         "-- rooms and a note; with a semicolon in a comment\n"
         "CREATE TABLE notes (id {{id}}, body TEXT NOT NULL);\n"
         "INSERT INTO notes (body) VALUES ('first; still first');\n"
         "/* block; comment */ INSERT INTO notes (body) VALUES ('it''s second');\n"}};
    migrate(*db_, {{"notes", script}});
    db_->withSession([](sdk::SqlSession& session) {
        const auto rows = session.query("SELECT body FROM notes ORDER BY id");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("first; still first"), rows[0].text("body"));
        CPPUNIT_ASSERT_EQUAL(std::string("it's second"), rows[1].text("body"));
    });
}

void MigrationRunnerContract::testClashingVersionsAreRefused() {
    const std::vector<sdk::Migration> clash{{1, "a", "CREATE TABLE a (x INTEGER)"},
                                            {1, "b", "CREATE TABLE b (x INTEGER)"}};
    CPPUNIT_ASSERT_THROW(migrate(*db_, {{"clash", clash}}), MigrationError);
    CPPUNIT_ASSERT_THROW(migrate(*db_, {{"zero", {{0, "zero", "CREATE TABLE z (x INTEGER)"}}}}), MigrationError);
}

void MigrationRunnerContract::testTwoRunnersAtOnceApplyEachMigrationOnce() {
    // Each migration adds a row, and plain CREATE TABLE fails when repeated,
    // so a migration applied twice is an error or an extra row.
    std::vector<sdk::Migration> migrations{{1, "create", "CREATE TABLE ledger (id {{id}}, step INTEGER NOT NULL)"}};
    for (int version = 2; version <= 8; ++version)
        migrations.push_back({version, "step" + std::to_string(version),
                              "CREATE TABLE t" + std::to_string(version) +
                                  " (x INTEGER); INSERT INTO ledger (step) VALUES (" + std::to_string(version) + ")"});
    auto first = open();
    auto second = open();
    std::vector<std::string> appliedBy[2];
    std::string errors[2];
    auto run = [&](SqlDatabase& database, int runner) {
        try {
            appliedBy[runner] = migrate(database, {{"ledger", migrations}});
        } catch (const std::exception& error) {
            errors[runner] = error.what();
        }
    };
    std::thread a(run, std::ref(*first), 0);
    std::thread b(run, std::ref(*second), 1);
    a.join();
    b.join();
    CPPUNIT_ASSERT_EQUAL(std::string(), errors[0]);
    CPPUNIT_ASSERT_EQUAL(std::string(), errors[1]);
    std::multiset<std::string> all(appliedBy[0].begin(), appliedBy[0].end());
    all.insert(appliedBy[1].begin(), appliedBy[1].end());
    CPPUNIT_ASSERT_EQUAL(migrations.size(), all.size());
    CPPUNIT_ASSERT_EQUAL(migrations.size(), std::set<std::string>(all.begin(), all.end()).size());
    CPPUNIT_ASSERT_EQUAL(std::int64_t(7), count("SELECT COUNT(*) AS n FROM ledger"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t(8), count("SELECT COUNT(*) AS n FROM schema_migrations"));
}

} // namespace motel::host::test
