#include "db/PostgresConnection.h"

#include "db/DatabaseErrors.h"
#include "db/PostgresValues.h"
#include "db/SqlValues.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdlib>
#include <cstring>

namespace motel::host {

namespace {

/// libpq's messages end in a newline and may span lines (DETAIL, HINT, LINE):
/// keep the first line, which is the error itself.
std::string firstLine(const char* text) {
    std::string line = text ? text : "";
    line = line.substr(0, line.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line;
}

std::string field(const PGresult* result, int code) {
    const char* value = result ? PQresultErrorField(result, code) : nullptr;
    return value ? value : "";
}

bool unavailableState(const std::string& state) {
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300";
}

void logNotice(void* logger, const char* message) {
    std::string text = message ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    auto& target = *static_cast<Poco::Logger*>(logger);
    if (text.rfind("WARNING", 0) == 0)
        target.warning("PostgreSQL: " + text);
    else
        target.debug("PostgreSQL: " + text);
}

} // namespace

void PostgresConnection::ResultDeleter::operator()(pg_result* result) const noexcept {
    PQclear(result);
}
void PostgresConnection::ConnectionDeleter::operator()(pg_conn* connection) const noexcept {
    PQfinish(connection);
}

PostgresConnection::PostgresConnection(const std::string& connectionString, Poco::Logger& logger,
                                       std::size_t statementCacheSize)
    : connection_(PQconnectdb(connectionString.c_str())), statements_(statementCacheSize) {
    if (!connection_) throw DatabaseUnavailable("libpq could not allocate a connection");
    if (PQstatus(connection_.get()) != CONNECTION_OK)
        throw DatabaseUnavailable(firstLine(PQerrorMessage(connection_.get())));
    PQsetNoticeProcessor(connection_.get(), logNotice, &logger);
}

PostgresConnection::~PostgresConnection() = default; // PQfinish drops the server's prepared statements too

bool PostgresConnection::reusable() const noexcept {
    return !discarded_ && PQstatus(connection_.get()) == CONNECTION_OK &&
           PQtransactionStatus(connection_.get()) == PQTRANS_IDLE;
}

bool PostgresConnection::alive() noexcept {
    PGconn* connection = connection_.get();
    // A server ending a connection sends an error message, then closes the
    // socket: read while something is pending, so the close is seen too.
    for (int round = 0; round < 4 && PQstatus(connection) == CONNECTION_OK; ++round) {
        pollfd pending{PQsocket(connection), POLLIN, 0};
        if (::poll(&pending, 1, 0) <= 0) break;
        if (PQconsumeInput(connection) != 1) return false;
    }
    return PQstatus(connection) == CONNECTION_OK;
}

const PostgresConnection::Prepared& PostgresConnection::prepared(const std::string& sql) {
    if (const Prepared* cached = statements_.find(sql)) return *cached;
    PGconn* connection = connection_.get();
    Prepared statement;
    statement.name = "motel_" + std::to_string(++nextName_);
    Result parsed(PQprepare(connection, statement.name.c_str(), sql.c_str(), 0, nullptr));
    if (PQresultStatus(parsed.get()) != PGRES_COMMAND_OK) fail(parsed.get(), sql);
    Result described(PQdescribePrepared(connection, statement.name.c_str()));
    if (PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
        deallocate(statement.name);
        fail(described.get(), sql);
    }
    statement.parameterCount = PQnparams(described.get());
    const int columnCount = PQnfields(described.get());
    if (columnCount > 0) {
        auto names = std::make_shared<std::vector<std::string>>();
        names->reserve(static_cast<std::size_t>(columnCount));
        for (int c = 0; c < columnCount; ++c) {
            names->emplace_back(PQfname(described.get(), c));
            statement.columnTypes.push_back(PQftype(described.get(), c));
        }
        statement.columns = std::move(names);
    }
    if (auto evicted = statements_.insert(sql, std::move(statement))) deallocate(evicted->name);
    return *statements_.find(sql);
}

PostgresConnection::Result PostgresConnection::run(const std::string& sql, const sdk::SqlParams& params,
                                                   const Prepared*& statement) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const sdk::SqlValue value = SqlValues::parameter(params[i], i + 1);
        if (value.isEmpty()) continue; // NULL
        texts[i] = PostgresValues::parameterText(value);
        values[i] = texts[i].c_str();
    }
    for (int attempt = 1;; ++attempt) {
        statement = &prepared(sql);
        if (static_cast<int>(params.size()) != statement->parameterCount)
            throw DatabaseError("the statement uses " + std::to_string(statement->parameterCount) +
                                " placeholder(s) but " + std::to_string(params.size()) +
                                " parameter(s) were given: " + sql);
        Result result =
            beginPending_ ? beginAndExecute(*statement, values)
                          : Result(PQexecPrepared(connection_.get(), statement->name.c_str(),
                                                  static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return result;
        // The statement is gone (DEALLOCATE or DISCARD by hand) or a schema
        // change altered its result columns: forget it and, outside a
        // transaction (nothing was aborted), prepare it again once.
        const std::string state = field(result.get(), PG_DIAG_SQLSTATE);
        if (state == "26000" || state == "0A000") {
            if (auto stale = statements_.remove(sql); stale && state == "0A000") deallocate(stale->name);
            if (attempt == 1 && PQtransactionStatus(connection_.get()) == PQTRANS_IDLE) continue;
        }
        fail(result.get(), sql);
    }
}

PostgresConnection::Result PostgresConnection::beginAndExecute(const Prepared& statement,
                                                               const std::vector<const char*>& values) {
    PGconn* connection = connection_.get();
    beginPending_ = false;
    if (PQenterPipelineMode(connection) != 1) { // only refused with results pending: never expected
        simple("BEGIN");
        return Result(PQexecPrepared(connection, statement.name.c_str(), static_cast<int>(values.size()), values.data(),
                                     nullptr, nullptr, 0));
    }
    const bool sent = PQsendQueryParams(connection, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                      PQsendQueryPrepared(connection, statement.name.c_str(), static_cast<int>(values.size()),
                                          values.data(), nullptr, nullptr, 0) == 1 &&
                      PQpipelineSync(connection) == 1;
    // Each query's results end with a null; the Sync's own result ends the
    // pipeline. Read all of it (even after a failure) so the connection
    // leaves pipeline mode clean.
    Result begun;
    Result result;
    int query = 0;
    for (int nulls = 0; sent && nulls < 4;) {
        Result next(PQgetResult(connection));
        if (!next) {
            if (PQstatus(connection) != CONNECTION_OK) break;
            ++query;
            ++nulls;
            continue;
        }
        const ExecStatusType status = PQresultStatus(next.get());
        if (status == PGRES_PIPELINE_SYNC) break;
        if (query == 0 && !begun)
            begun = std::move(next);
        else if (query == 1 && !result)
            result = std::move(next);
    }
    if (PQexitPipelineMode(connection) != 1) discard(); // something unread: not safe to lend again
    if (!sent || !begun || PQresultStatus(begun.get()) != PGRES_COMMAND_OK) fail(begun.get(), "BEGIN");
    if (!result) fail(nullptr, "BEGIN"); // the connection broke between the two
    return result;
}

sdk::ResultSet PostgresConnection::query(const std::string& sql, const sdk::SqlParams& params) {
    const Prepared* statement = nullptr;
    const Result result = run(sql, params, statement);
    sdk::ResultSet rows;
    const int rowCount = PQntuples(result.get());
    const int columnCount = PQnfields(result.get());
    if (rowCount == 0 || columnCount == 0) return rows;
    std::shared_ptr<const std::vector<std::string>> columns = statement->columns;
    const std::vector<unsigned>* types = &statement->columnTypes;
    std::vector<unsigned> ownTypes;
    if (!columns || columns->size() != static_cast<std::size_t>(columnCount)) { // never expected; be safe
        auto names = std::make_shared<std::vector<std::string>>();
        for (int c = 0; c < columnCount; ++c) {
            names->emplace_back(PQfname(result.get(), c));
            ownTypes.push_back(PQftype(result.get(), c));
        }
        columns = std::move(names);
        types = &ownTypes;
    }
    rows.reserve(static_cast<std::size_t>(rowCount));
    for (int r = 0; r < rowCount; ++r) {
        std::vector<sdk::SqlValue> values;
        values.reserve(static_cast<std::size_t>(columnCount));
        for (int c = 0; c < columnCount; ++c) {
            if (PQgetisnull(result.get(), r, c))
                values.emplace_back();
            else
                PostgresValues::append(values, (*types)[static_cast<std::size_t>(c)], PQgetvalue(result.get(), r, c),
                                       PQgetlength(result.get(), r, c));
        }
        rows.emplace_back(columns, std::move(values));
    }
    return rows;
}

void PostgresConnection::forEachRow(const std::string& sql, const sdk::SqlParams& params,
                                    const std::function<void(const sdk::RowView&)>& onRow) {
    const Prepared* statement = nullptr;
    const Result result = run(sql, params, statement);
    PostgresRowView view(result.get());
    const int rowCount = PQntuples(result.get());
    for (int r = 0; r < rowCount; ++r) {
        view.moveTo(r);
        onRow(view);
    }
}

std::int64_t PostgresConnection::execute(const std::string& sql, const sdk::SqlParams& params) {
    const Prepared* statement = nullptr;
    const Result result = run(sql, params, statement);
    const char* changed = PQcmdTuples(result.get());
    return changed && *changed ? std::strtoll(changed, nullptr, 10) : 0;
}

void PostgresConnection::simple(const char* sql) {
    Result result(PQexec(connection_.get(), sql));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(result.get(), sql);
}

void PostgresConnection::begin() {
    beginPending_ = true;
}

void PostgresConnection::commit() {
    if (beginPending_) { // nothing ran: there is no transaction to commit
        beginPending_ = false;
        return;
    }
    if (PQstatus(connection_.get()) == CONNECTION_OK && PQtransactionStatus(connection_.get()) == PQTRANS_INERROR)
        throw DatabaseError("the transaction was aborted by an earlier failed statement and cannot commit");
    simple("COMMIT");
}

void PostgresConnection::rollback() noexcept {
    beginPending_ = false;
    PGconn* connection = connection_.get();
    if (PQstatus(connection) != CONNECTION_OK) return; // the pool drops it
    const PGTransactionStatusType status = PQtransactionStatus(connection);
    if (status == PQTRANS_IDLE) return;
    if (status == PQTRANS_ACTIVE || status == PQTRANS_UNKNOWN) {
        discard(); // in the middle of something else: not safe to reuse
        return;
    }
    Result result(PQexec(connection, "ROLLBACK"));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) discard();
}

void PostgresConnection::deallocate(const std::string& name) noexcept {
    PGconn* connection = connection_.get();
    if (PQstatus(connection) != CONNECTION_OK || PQtransactionStatus(connection) == PQTRANS_INERROR) return;
    Result result(PQexec(connection, ("DEALLOCATE " + name).c_str()));
}

void PostgresConnection::fail(const pg_result* result, const std::string& sql) {
    PGconn* connection = connection_.get();
    const std::string message = firstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
    if (PQstatus(connection) != CONNECTION_OK) throw DatabaseUnavailable("PostgreSQL connection lost: " + message);
    const std::string state = field(result, PG_DIAG_SQLSTATE);
    if (state == "23505") {
        const std::string constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
        throw sdk::UniqueViolation("duplicate value violates unique constraint " +
                                   (constraint.empty() ? std::string("(unknown)") : constraint));
    }
    if (unavailableState(state)) throw DatabaseUnavailable("PostgreSQL: " + message);
    throw DatabaseError(message + (state.empty() ? "" : " (SQLSTATE " + state + ")") + " [SQL: " + sql + "]");
}

} // namespace motel::host
