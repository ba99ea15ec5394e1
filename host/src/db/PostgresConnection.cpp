#include "db/PostgresConnection.h"

#include "db/DatabaseErrors.h"
#include "db/SqlValues.h"

#include <Poco/Data/PostgreSQL/SessionHandle.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <libpq-fe.h>
#include <poll.h>

namespace motel::host {

namespace {

namespace keywords = Poco::Data::Keywords;

Poco::Data::PostgreSQL::SessionHandle& handleOf(Poco::Data::Session& session) {
    return *Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
}

/// Poco folds PQresultErrorField()s into its message as "Name: value".
std::string field(const std::string& text, const std::string& name) {
    const auto at = text.find(" " + name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 3;
    const auto end = text.find(' ', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

void bindAll(Poco::Data::Statement& statement, const sdk::SqlParams& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const sdk::SqlValue value = SqlValues::parameter(params[i], i + 1);
        switch (SqlValues::kindOf(value)) {
        case SqlValues::Kind::null: statement.addBind(keywords::use(keywords::null)); break;
        case SqlValues::Kind::integer: statement.addBind(keywords::bind(value.extract<Poco::Int64>())); break;
        case SqlValues::Kind::real: statement.addBind(keywords::bind(value.extract<double>())); break;
        case SqlValues::Kind::text: statement.addBind(keywords::bind(value.extract<std::string>())); break;
        }
    }
}

void logNotice(void* logger, const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    auto& target = *static_cast<Poco::Logger*>(logger);
    if (text.rfind("WARNING", 0) == 0) target.warning("PostgreSQL: " + text);
    else target.debug("PostgreSQL: " + text);
}

} // namespace

void PostgresConnection::configure(Poco::Data::Session& session, Poco::Logger& logger) {
    PQsetNoticeProcessor(handleOf(session), logNotice, &logger);
}

bool PostgresConnection::isAlive(Poco::Data::Session& session) {
    PGconn* connection = handleOf(session);
    // A server ending a connection sends an error message, then closes the
    // socket: read while something is pending, so the close is seen too.
    for (int round = 0; round < 4 && PQstatus(connection) == CONNECTION_OK; ++round) {
        pollfd pending{PQsocket(connection), POLLIN, 0};
        if (::poll(&pending, 1, 0) <= 0) break;
        if (PQconsumeInput(connection) != 1) return false;
    }
    return PQstatus(connection) == CONNECTION_OK;
}

bool PostgresConnection::reconnect(Poco::Data::Session& session) {
    PGconn* connection = handleOf(session);
    PQreset(connection);
    return PQstatus(connection) == CONNECTION_OK;
}

bool PostgresConnection::serverAnswers(const std::string& connectionString) {
    return PQping(connectionString.c_str()) == PQPING_OK;
}

PostgresConnection::PostgresConnection(Poco::Data::Session& session) : session_(session), handle_(handleOf(session)) {}

bool PostgresConnection::connected() const { return handle_.isConnected(); }

sdk::ResultSet PostgresConnection::query(const std::string& sql, const sdk::SqlParams& params) {
    try {
        Poco::Data::Statement statement(session_);
        statement << sql;
        bindAll(statement, params);
        statement.execute();
        Poco::Data::RecordSet records(statement);
        const std::size_t columnCount = records.columnCount();
        sdk::ResultSet rows;
        if (columnCount == 0) return rows;
        auto names = std::make_shared<std::vector<std::string>>();
        for (std::size_t c = 0; c < columnCount; ++c) names->push_back(records.columnName(c));
        const std::shared_ptr<const std::vector<std::string>> columns = std::move(names);
        const std::size_t rowCount = records.rowCount();
        rows.reserve(rowCount);
        for (std::size_t r = 0; r < rowCount; ++r) {
            std::vector<sdk::SqlValue> values;
            values.reserve(columnCount);
            for (std::size_t c = 0; c < columnCount; ++c) values.push_back(SqlValues::result(records.value(c, r, false)));
            rows.emplace_back(columns, std::move(values));
        }
        return rows;
    } catch (const sdk::HttpError&) {
        throw;
    } catch (const DatabaseError&) {
        throw;
    } catch (const std::exception& error) {
        fail(error, sql);
    }
}

std::int64_t PostgresConnection::execute(const std::string& sql, const sdk::SqlParams& params) {
    try {
        Poco::Data::Statement statement(session_);
        statement << sql;
        bindAll(statement, params);
        return static_cast<std::int64_t>(statement.execute());
    } catch (const sdk::HttpError&) {
        throw;
    } catch (const DatabaseError&) {
        throw;
    } catch (const std::exception& error) {
        fail(error, sql);
    }
}

void PostgresConnection::begin() {
    try {
        session_.begin();
    } catch (const std::exception& error) {
        fail(error, "BEGIN");
    }
}

void PostgresConnection::commit() {
    if (connected() && PQtransactionStatus(handle_) == PQTRANS_INERROR)
        throw DatabaseError("the transaction was aborted by an earlier failed statement and cannot commit");
    try {
        session_.commit();
    } catch (const std::exception& error) {
        fail(error, "COMMIT");
    }
}

void PostgresConnection::rollback() noexcept {
    try {
        if (!connected()) return; // the pool drops it
        if (!session_.isTransaction() && PQtransactionStatus(handle_) == PQTRANS_IDLE) return;
        session_.rollback();
    } catch (...) {
        discard();
    }
}

void PostgresConnection::discard() noexcept {
    try {
        handle_.disconnect();
    } catch (...) {
    }
}

void PostgresConnection::fail(const std::exception& error, const std::string& sql) const {
    const auto* poco = dynamic_cast<const Poco::Exception*>(&error);
    const std::string text = poco ? poco->displayText() : error.what();
    if (!connected()) throw DatabaseUnavailable("PostgreSQL connection lost: " + firstLine(text));
    const std::string state = field(text, "State");
    if (state == "23505") {
        const std::string constraint = field(text, "Constraint");
        throw sdk::UniqueViolation("duplicate value violates unique constraint " +
                                   (constraint.empty() || constraint == "N/A" ? std::string("(unknown)") : constraint));
    }
    if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300")
        throw DatabaseUnavailable("PostgreSQL: " + firstLine(text));
    if (text.find(sql) == std::string::npos) throw DatabaseError(text + " [SQL: " + sql + "]");
    throw DatabaseError(text);
}

} // namespace motel::host
