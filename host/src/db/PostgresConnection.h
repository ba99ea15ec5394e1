#pragma once
/// SqlConnection for PostgreSQL, over Poco::Data's PostgreSQL connector.
///
/// Each parameter is bound by its normalised type (Poco sends all of them as
/// text and the server infers the type from the statement); results come
/// through a RecordSet and are normalised (TEXT arrives as a CLOB, INT4 as
/// Int32, BOOL as bool). Poco reports errors as text only, so the SQLSTATE is
/// read from its message; a lost connection is recognised by the libpq
/// connection status going bad, which also makes the pool drop it.

#include "db/SqlConnection.h"

#include <Poco/Data/Session.h>
#include <Poco/Logger.h>

namespace Poco::Data::PostgreSQL {
class SessionHandle;
}

namespace motel::host {

class PostgresConnection : public SqlConnection {
public:
    /// `session` must be a PostgreSQL session and outlive this object.
    explicit PostgresConnection(Poco::Data::Session& session);

    sdk::Dialect dialect() const override { return sdk::Dialect::postgresql; }
    sdk::ResultSet query(const std::string& sql, const sdk::SqlParams& params) override;
    std::int64_t execute(const std::string& sql, const sdk::SqlParams& params) override;
    void begin() override;
    /// Refuses to "commit" a transaction an earlier failed statement aborted
    /// (PostgreSQL would silently roll it back and report success).
    void commit() override;
    void rollback() noexcept override;
    void discard() noexcept override;

    /// Sends the server's NOTICE/WARNING messages to `logger` instead of
    /// libpq's default of printing them on stderr. Called once per new
    /// connection by the pool; `logger` must outlive the connection.
    static void configure(Poco::Data::Session& session, Poco::Logger& logger);
    /// False when the server has closed this idle connection (restart,
    /// pg_terminate_backend): reads what already arrived without waiting or
    /// sending anything, so the pool can skip a dead connection before a call
    /// fails on it.
    static bool isAlive(Poco::Data::Session& session);
    /// Reopens a connection the server closed, in place. Poco 1.11 never
    /// frees a PGconn that went bad (nor one whose connect failed), so
    /// reusing it is what keeps a server restart from leaking memory.
    static bool reconnect(Poco::Data::Session& session);
    /// Whether a server answers at `connectionString` (PQping): checked
    /// before the pool opens a new connection, for the same leak's sake.
    static bool serverAnswers(const std::string& connectionString);

private:
    Poco::Data::Session& session_;
    Poco::Data::PostgreSQL::SessionHandle& handle_;

    /// Turns a driver exception into the layer's errors; never returns.
    [[noreturn]] void fail(const std::exception& error, const std::string& sql) const;
    bool connected() const;
};

} // namespace motel::host
