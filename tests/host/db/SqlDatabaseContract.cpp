#include "SqlDatabaseContract.h"

#include "db/DatabaseErrors.h"
#include "db/DatabaseUrl.h"
#include "db/SqlScript.h"

#include <Poco/Logger.h>

#include <atomic>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <typeinfo>

namespace motel::host::test {

namespace {

Poco::Logger& testLogger() {
    return Poco::Logger::get("motel.db.test");
}

/// Lets two threads start their work at the same moment.
class StartLine {
public:
    explicit StartLine(int runners) : waiting_(runners) {}
    void arriveAndWait() {
        std::unique_lock<std::mutex> lock(mutex_);
        if (--waiting_ == 0) changed_.notify_all();
        changed_.wait(lock, [&] { return waiting_ == 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int waiting_;
};

bool isInt64(const sdk::SqlValue& value) {
    return !value.isEmpty() && value.type() == typeid(Poco::Int64);
}
bool isDouble(const sdk::SqlValue& value) {
    return !value.isEmpty() && value.type() == typeid(double);
}
bool isString(const sdk::SqlValue& value) {
    return !value.isEmpty() && value.type() == typeid(std::string);
}

} // namespace

void SqlDatabaseContract::setUp() {
    url_ = freshDatabaseUrl();
    db_ = open();
}

void SqlDatabaseContract::tearDown() {
    db_.reset();
    dropDatabase();
}

std::unique_ptr<SqlDatabase> SqlDatabaseContract::open(SqlDatabaseOptions options) {
    return std::make_unique<SqlDatabase>(DatabaseUrl::parse(url_), options, testLogger());
}

void SqlDatabaseContract::createItems(SqlDatabase& database) {
    database.withSession([](sdk::SqlSession& session) {
        session.execute(SqlScript::expandTokens("CREATE TABLE items (id {{id}}, name TEXT NOT NULL UNIQUE, "
                                                "quantity {{bigint}}, price DOUBLE PRECISION, active INTEGER NOT NULL "
                                                "DEFAULT 0, note TEXT, version INTEGER NOT NULL DEFAULT 1)",
                                                session.dialect()));
    });
}

std::int64_t SqlDatabaseContract::insertItem(SqlDatabase& database, const std::string& name) {
    std::int64_t id = 0;
    database.withSession([&](sdk::SqlSession& session) {
        id = session.query("INSERT INTO items (name) VALUES ($1) RETURNING id", {name}).at(0).integer("id");
    });
    return id;
}

std::int64_t SqlDatabaseContract::countItems(SqlDatabase& database) {
    std::int64_t count = 0;
    database.withSession(
        [&](sdk::SqlSession& session) { count = session.query("SELECT COUNT(*) AS n FROM items").at(0).integer("n"); });
    return count;
}

void SqlDatabaseContract::testCrudWithEveryParameterType() {
    createItems(*db_);
    const Poco::Int64 big = 9007199254740993LL; // not representable as a double
    db_->withSession([&](sdk::SqlSession& session) {
        const auto inserted = session.query(
            "INSERT INTO items (name, quantity, price, active, note) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            {std::string("Zimmer 12 – Süd"), big, 19.5, true, sdk::SqlValue()});
        const std::int64_t id = inserted.at(0).integer("id");

        auto rows = session.query("SELECT name, quantity, price, active, note FROM items WHERE id = $1", {id});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Zimmer 12 – Süd"), rows[0].text("name"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(big), rows[0].integer("quantity"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(19.5, rows[0].real("price"), 1e-9);
        CPPUNIT_ASSERT(rows[0].boolean("active"));
        CPPUNIT_ASSERT(rows[0].isNull("note"));

        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             session.execute("UPDATE items SET note = $1, quantity = $2, active = $3 WHERE id = $4",
                                             {std::string("it's; \"quoted\""), sdk::SqlValue(), false, id}));
        rows = session.query("SELECT quantity, active, note FROM items WHERE id = $1", {id});
        CPPUNIT_ASSERT_EQUAL(std::string("it's; \"quoted\""), rows[0].text("note"));
        CPPUNIT_ASSERT(rows[0].isNull("quantity"));
        CPPUNIT_ASSERT(!rows[0].boolean("active"));

        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), session.execute("DELETE FROM items WHERE id = $1", {id + 1000}));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), session.execute("DELETE FROM items WHERE id = $1", {id}));
        CPPUNIT_ASSERT(session.query("SELECT id FROM items").empty());
    });
}

void SqlDatabaseContract::testReturningGivesInt64Ids() {
    createItems(*db_);
    db_->withSession([](sdk::SqlSession& session) {
        const auto first = session.query("INSERT INTO items (name) VALUES ($1) RETURNING id", {std::string("a")});
        const auto second =
            session.query("INSERT INTO items (name) VALUES ($1) RETURNING id, name", {std::string("b")});
        CPPUNIT_ASSERT(isInt64(first.at(0)["id"]));
        CPPUNIT_ASSERT(isInt64(second.at(0)["id"]));
        CPPUNIT_ASSERT(second[0].integer("id") > first[0].integer("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), second[0].text("name"));
        // An int parameter is as good as an Int64 one.
        CPPUNIT_ASSERT_EQUAL(std::size_t(1),
                             session.query("SELECT id FROM items WHERE id = $1", {int(first[0].integer("id"))}).size());
    });
}

void SqlDatabaseContract::testResultTypesAreNormalised() {
    createItems(*db_);
    insertItem(*db_, "a");
    insertItem(*db_, "b");
    db_->withSession([](sdk::SqlSession& session) {
        const auto row = session
                             .query("SELECT COUNT(*) AS n, MAX(id) AS top, MIN(name) AS first, "
                                    "MAX(price) AS no_price, CAST(2.5 AS DOUBLE PRECISION) AS real_value, "
                                    "active FROM items GROUP BY active")
                             .at(0);
        CPPUNIT_ASSERT(isInt64(row["n"]));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), row.integer("n"));
        CPPUNIT_ASSERT(isInt64(row["top"]));
        CPPUNIT_ASSERT(isString(row["first"]));
        CPPUNIT_ASSERT(row["no_price"].isEmpty());
        CPPUNIT_ASSERT(isDouble(row["real_value"]));
        CPPUNIT_ASSERT(isInt64(row["active"]));
        CPPUNIT_ASSERT_THROW(row["missing"], std::out_of_range);
    });
}

void SqlDatabaseContract::testPlaceholdersBindByNumber() {
    createItems(*db_);
    const auto id = insertItem(*db_, "before");
    db_->withSession([&](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), session.execute("UPDATE items SET name = $2, note = $2 WHERE id = $1",
                                                              {id, std::string("after")}));
        const auto row = session.query("SELECT name, note FROM items WHERE id = $1", {id}).at(0);
        CPPUNIT_ASSERT_EQUAL(std::string("after"), row.text("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("after"), row.text("note"));
    });
}

void SqlDatabaseContract::testWrongParameterCountIsAnError() {
    createItems(*db_);
    db_->withSession([](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_THROW(session.query("SELECT id FROM items WHERE id = $1 AND name = $2", {Poco::Int64(1)}),
                             DatabaseError);
        CPPUNIT_ASSERT_THROW(session.query("SELECT id FROM items WHERE id = $1", {Poco::Int64(1), std::string("x")}),
                             DatabaseError);
        CPPUNIT_ASSERT_THROW(session.query("SELEKT nonsense"), DatabaseError);
        // The session is still usable after a failed statement.
        CPPUNIT_ASSERT(session.query("SELECT id FROM items").empty());
    });
}

void SqlDatabaseContract::testTransactionCommits() {
    createItems(*db_);
    db_->transaction([](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("a")});
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("b")});
    });
    auto other = open();
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), countItems(*other));
}

void SqlDatabaseContract::testTransactionRollsBackAndRethrows() {
    createItems(*db_);
    CPPUNIT_ASSERT_THROW(db_->transaction([](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("a")});
        throw sdk::NotFound("suite not found");
    }),
                         sdk::NotFound);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(0), countItems(*db_));
}

void SqlDatabaseContract::testAfterCommitRunsOnlyAfterCommit() {
    createItems(*db_);
    int runs = 0;
    bool ranBeforeCommit = false;
    std::int64_t visibleToOthersWhenRun = -1;
    auto other = open();
    db_->transaction([&](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("a")});
        tx.afterCommit([&] {
            ++runs;
            visibleToOthersWhenRun = countItems(*other);
        });
        ranBeforeCommit = runs > 0;
    });
    CPPUNIT_ASSERT(!ranBeforeCommit);
    CPPUNIT_ASSERT_EQUAL(1, runs);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), visibleToOthersWhenRun);
}

void SqlDatabaseContract::testAfterCommitNeverRunsOnRollback() {
    createItems(*db_);
    insertItem(*db_, "taken");
    bool ran = false;
    CPPUNIT_ASSERT_THROW(db_->transaction([&](sdk::SqlSession& tx) {
        tx.afterCommit([&] { ran = true; });
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("taken")});
    }),
                         sdk::UniqueViolation);
    CPPUNIT_ASSERT(!ran);
}

void SqlDatabaseContract::testAfterCommitOutsideTransactionRunsAtOnce() {
    bool ran = false;
    db_->withSession([&](sdk::SqlSession& session) {
        session.afterCommit([&] { ran = true; });
        CPPUNIT_ASSERT(ran);
    });
}

void SqlDatabaseContract::testNestedTransactionIsASavepoint() {
    createItems(*db_);
    std::vector<std::string> hooks;
    db_->transaction([&](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("outer")});
        tx.afterCommit([&] { hooks.push_back("outer"); });
        try {
            db_->transaction([&](sdk::SqlSession& inner) {
                inner.execute("INSERT INTO items (name) VALUES ($1)", {std::string("inner")});
                inner.afterCommit([&] { hooks.push_back("inner-failed"); });
                inner.execute("INSERT INTO items (name) VALUES ($1)", {std::string("outer")}); // duplicate
            });
            CPPUNIT_FAIL("the duplicate should have thrown");
        } catch (const sdk::UniqueViolation&) {
        }
        db_->transaction([&](sdk::SqlSession& inner) {
            inner.execute("INSERT INTO items (name) VALUES ($1)", {std::string("inner-ok")});
            inner.afterCommit([&] { hooks.push_back("inner-ok"); });
        });
        CPPUNIT_ASSERT(hooks.empty());
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t(2), hooks.size());
    CPPUNIT_ASSERT_EQUAL(std::string("outer"), hooks[0]);
    CPPUNIT_ASSERT_EQUAL(std::string("inner-ok"), hooks[1]);
    db_->withSession([](sdk::SqlSession& session) {
        const auto rows = session.query("SELECT name FROM items ORDER BY name");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("inner-ok"), rows[0].text("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("outer"), rows[1].text("name"));
    });
}

void SqlDatabaseContract::testUniqueViolation() {
    createItems(*db_);
    insertItem(*db_, "Room 1");
    try {
        insertItem(*db_, "Room 1");
        CPPUNIT_FAIL("a duplicate name should be refused");
    } catch (const sdk::UniqueViolation& error) {
        CPPUNIT_ASSERT_EQUAL(409, error.status());
    }
    // Other constraint failures are not unique violations.
    db_->withSession([](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_THROW(session.execute("INSERT INTO items (name) VALUES ($1)", {sdk::SqlValue()}), DatabaseError);
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), countItems(*db_));
}

void SqlDatabaseContract::testNestedCallsReuseTheConnection() {
    SqlDatabaseOptions single;
    single.poolSize = 1;
    single.acquireTimeout = std::chrono::milliseconds(2000);
    auto db = open(single);
    createItems(*db);
    std::int64_t seenInside = -1;
    db->transaction([&](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("a")});
        // With one connection, anything but reuse would wait and fail.
        seenInside = countItems(*db);
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), seenInside);
}

void SqlDatabaseContract::testConcurrentVersionedUpdateHasOneWinner() {
    createItems(*db_);
    auto second = open();
    for (int round = 0; round < 10; ++round) {
        const std::int64_t id = insertItem(*db_, "item " + std::to_string(round));
        std::int64_t changed[2] = {-1, -1};
        std::string failures;
        std::mutex failuresMutex;
        StartLine start(2);
        auto update = [&](SqlDatabase& database, int runner) {
            try {
                start.arriveAndWait();
                database.transaction([&](sdk::SqlSession& tx) {
                    changed[runner] =
                        tx.execute("UPDATE items SET version = version + 1, note = $3 WHERE id = $1 AND version = $2",
                                   {id, Poco::Int64(1), std::string("runner ") + std::to_string(runner)});
                });
            } catch (const std::exception& error) {
                std::lock_guard<std::mutex> lock(failuresMutex);
                failures += error.what();
            }
        };
        std::thread a(update, std::ref(*db_), 0);
        std::thread b(update, std::ref(*second), 1);
        a.join();
        b.join();
        CPPUNIT_ASSERT_EQUAL(std::string(), failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), changed[0] + changed[1]);
        db_->withSession([&](sdk::SqlSession& session) {
            const auto row = session.query("SELECT version, note FROM items WHERE id = $1", {id}).at(0);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), row.integer("version"));
            CPPUNIT_ASSERT_EQUAL(std::string("runner ") + (changed[0] == 1 ? "0" : "1"), row.text("note"));
        });
    }
}

void SqlDatabaseContract::testExhaustedPoolIsServiceUnavailable() {
    SqlDatabaseOptions single;
    single.poolSize = 1;
    // No wait at all: the limit is crossed without the test sleeping through it.
    single.acquireTimeout = std::chrono::milliseconds(0);
    auto db = open(single);
    std::mutex mutex;
    std::condition_variable changed;
    bool holding = false;
    bool release = false;
    std::thread holder([&] {
        db->withSession([&](sdk::SqlSession&) {
            std::unique_lock<std::mutex> lock(mutex);
            holding = true;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        });
    });
    {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return holding; });
    }
    bool unavailable = false;
    try {
        db->withSession([](sdk::SqlSession&) {});
    } catch (const sdk::ServiceUnavailable& error) {
        unavailable = error.status() == 503;
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        release = true;
    }
    changed.notify_all();
    holder.join();
    CPPUNIT_ASSERT(unavailable);
    // Once the connection is back, calls go through again.
    db->withSession([](sdk::SqlSession& session) {
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), session.query("SELECT 1 AS one").size());
    });
}

void SqlDatabaseContract::testPingAnswers() {
    const auto result = db_->ping(std::chrono::milliseconds(2000));
    CPPUNIT_ASSERT_MESSAGE(result.error, result.up);
    CPPUNIT_ASSERT(result.milliseconds >= 0);
}

void SqlDatabaseContract::testStatementCacheIsBoundedAndStaysCorrect() {
    // Two cached statements per connection and five statements in rotation:
    // every call evicts one, and every answer must still be right.
    SqlDatabaseOptions small;
    small.poolSize = 1;
    small.statementCacheSize = 2;
    auto db = open(small);
    createItems(*db);
    for (int i = 0; i < 5; ++i) insertItem(*db, "item " + std::to_string(i));
    db->withSession([](sdk::SqlSession& session) {
        for (int round = 0; round < 3; ++round) {
            for (int variant = 0; variant < 5; ++variant) {
                const std::string sql = "SELECT COUNT(*) AS n FROM items WHERE id > $1 AND " + std::to_string(variant) +
                                        " = " + std::to_string(variant);
                CPPUNIT_ASSERT_EQUAL(std::int64_t(5 - variant),
                                     session.query(sql, {Poco::Int64(variant)}).at(0).integer("n"));
            }
        }
    });
}

void SqlDatabaseContract::testConcurrentWritersOfOneDatabaseAllLand() {
    // Writers of one pool queue for the write lock (transactions and lone
    // statements alike); none of them may fail or get lost.
    SqlDatabaseOptions pool;
    pool.poolSize = 4;
    auto db = open(pool);
    createItems(*db);
    constexpr int kThreads = 4;
    constexpr int kWrites = 25;
    std::string failures;
    std::mutex failuresMutex;
    std::vector<std::thread> writers;
    for (int t = 0; t < kThreads; ++t) {
        writers.emplace_back([&, t] {
            try {
                for (int w = 0; w < kWrites; ++w) {
                    const std::string name = "w" + std::to_string(t) + "-" + std::to_string(w);
                    if (w % 2 == 0) {
                        db->transaction([&](sdk::SqlSession& tx) {
                            tx.execute("INSERT INTO items (name) VALUES ($1)", {name});
                            tx.execute("UPDATE items SET quantity = 1 WHERE name = $1", {name});
                        });
                    } else {
                        db->withSession([&](sdk::SqlSession& session) {
                            session.execute("INSERT INTO items (name) VALUES ($1)", {name});
                        });
                    }
                }
            } catch (const std::exception& error) {
                std::lock_guard<std::mutex> lock(failuresMutex);
                failures += error.what();
            }
        });
    }
    for (auto& writer : writers) writer.join();
    CPPUNIT_ASSERT_EQUAL(std::string(), failures);
    CPPUNIT_ASSERT_EQUAL(std::int64_t(kThreads * kWrites), countItems(*db));
}

void SqlDatabaseContract::testForEachRowReadsWhatQueryReads() {
    createItems(*db_);
    const Poco::Int64 big = 9007199254740993LL;
    db_->withSession([&](sdk::SqlSession& session) {
        session.execute("INSERT INTO items (name, quantity, price, active, note) VALUES ($1, $2, $3, $4, $5)",
                        {std::string("caf\xc3\xa9 \"one\""), big, 2.5, Poco::Int64(1), sdk::SqlValue()});
        session.execute("INSERT INTO items (name, quantity, active, note) VALUES ($1, $2, $3, $4)",
                        {std::string("two"), sdk::SqlValue(), Poco::Int64(0), std::string("")});
    });
    const std::string sql = "SELECT id, name, quantity, price, active, note, COUNT(*) OVER () AS total FROM items "
                            "WHERE id > $1 ORDER BY id";
    db_->withSession([&](sdk::SqlSession& session) {
        const auto rows = session.query(sql, {Poco::Int64(0)});
        std::size_t seen = 0;
        session.forEachRow(sql, {Poco::Int64(0)}, [&](const sdk::RowView& view) {
            const sdk::Row& row = rows.at(seen++);
            CPPUNIT_ASSERT_EQUAL(std::size_t(7), view.size());
            CPPUNIT_ASSERT_EQUAL(row.integer("id"), view.integer(0));
            CPPUNIT_ASSERT_EQUAL(row.text("name"), std::string(view.text(1)));
            CPPUNIT_ASSERT_EQUAL(row.isNull("quantity"), view.isNull(2));
            CPPUNIT_ASSERT_EQUAL(row.integer("quantity"), view.integer(2));
            CPPUNIT_ASSERT_EQUAL(row.real("price"), view.real(3));
            CPPUNIT_ASSERT_EQUAL(row.integer("active"), view.integer(4));
            CPPUNIT_ASSERT_EQUAL(row.text("active"), std::string(view.text(4)));
            CPPUNIT_ASSERT_EQUAL(row.isNull("note"), view.isNull(5));
            CPPUNIT_ASSERT_EQUAL(row.text("note"), std::string(view.text(5)));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), view.integer(6));
            CPPUNIT_ASSERT_THROW(view.text(7), std::out_of_range);
        });
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), seen);
        CPPUNIT_ASSERT_EQUAL(big, rows.at(0).integer("quantity"));
        int none = 0;
        session.forEachRow(sql, {Poco::Int64(1000)}, [&](const sdk::RowView&) { ++none; });
        CPPUNIT_ASSERT_EQUAL(0, none);
        CPPUNIT_ASSERT_THROW(session.forEachRow("SELECT nope FROM items", {}, [](const sdk::RowView&) {}),
                             DatabaseError);
    });
}

void SqlDatabaseContract::testTransactionWithoutStatementsCommits() {
    createItems(*db_);
    int hooks = 0;
    db_->transaction([&](sdk::SqlSession& tx) { tx.afterCommit([&] { ++hooks; }); });
    CPPUNIT_ASSERT_EQUAL(1, hooks);
    CPPUNIT_ASSERT_THROW(db_->transaction([](sdk::SqlSession&) { throw sdk::NotFound("nothing ran"); }), sdk::NotFound);
    insertItem(*db_, "after");
    CPPUNIT_ASSERT_EQUAL(std::int64_t(1), countItems(*db_));
}

void SqlDatabaseContract::testFailedFirstStatementRollsBackAndFreesTheConnection() {
    // The first statement of a transaction (on PostgreSQL sent in one
    // pipeline with its BEGIN) fails: the error keeps its kind, nothing of
    // the transaction stays, and the one pooled connection serves again.
    SqlDatabaseOptions single;
    single.poolSize = 1;
    auto db = open(single);
    createItems(*db);
    insertItem(*db, "taken");
    CPPUNIT_ASSERT_THROW(db->transaction([](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("taken")});
    }),
                         sdk::UniqueViolation);
    CPPUNIT_ASSERT_THROW(db->transaction([](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {sdk::SqlValue()}); // NOT NULL
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("never")});
    }),
                         DatabaseError);
    db->transaction([](sdk::SqlSession& tx) {
        tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("second")});
        tx.execute("UPDATE items SET version = version + 1 WHERE name = $1", {std::string("second")});
    });
    std::int64_t count = 0;
    db->withSession([&](sdk::SqlSession& session) {
        count = session.query("SELECT COUNT(*) AS n FROM items").at(0).integer("n");
        CPPUNIT_ASSERT(session.query("SELECT id FROM items WHERE name = $1", {std::string("never")}).empty());
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t(2), count);
}

} // namespace motel::host::test
