#pragma once
/// The `db.url` setting, parsed once at start: which database, where, and how
/// the host connects to it (sqlite3 / libpq; the tests also use Poco::Data).
///
///   sqlite:PATH          a file; a relative PATH is resolved against the base
///                        folder the host passes (its prefix). `sqlite:///abs`
///                        and `sqlite:` + `:memory:` work too.
///   postgresql://user:password@host:port/db?sslmode=require
///                        (`postgres://` too; user, password and db are
///                        percent-decoded; port defaults to 5432)
///
/// Supported PostgreSQL query parameters: sslmode, connect_timeout,
/// application_name, sslrootcert, sslcert, sslkey, and host/port (a socket
/// folder when the URL has no host). Anything else is refused so a typo does not
/// silently connect without TLS. `redacted()` is the form for logs: the
/// password never leaves this class except in connectionString().

#include <motel/sdk/Database.h>

#include <map>
#include <string>

namespace motel::host {

class DatabaseUrl {
public:
    /// Throws sdk::ConfigError naming `db.url` (redacted) and what is wrong.
    static DatabaseUrl parse(const std::string& url, const std::string& baseDir = "");

    sdk::Dialect dialect() const { return dialect_; }
    /// Poco::Data connector key: "sqlite" or "postgresql".
    std::string connector() const;
    /// SQLite: the file path. PostgreSQL: libpq `key=value` pairs as Poco's
    /// connector splits them (on spaces, which is why no value may hold one).
    /// `connect_timeout` is added when the URL does not set it.
    std::string connectionString(int defaultConnectTimeoutSeconds = 5) const;
    /// The URL with the password replaced by `***`.
    std::string redacted() const;
    /// The full URL again, password included (tests and tools only).
    std::string toString() const;

    bool isInMemory() const { return dialect_ == sdk::Dialect::sqlite && path_ == ":memory:"; }
    const std::string& path() const { return path_; } ///< SQLite file
    const std::string& host() const { return host_; }
    int port() const { return port_; }
    const std::string& user() const { return user_; }
    const std::string& database() const { return database_; }
    const std::map<std::string, std::string>& parameters() const { return parameters_; }

    /// The same PostgreSQL server and credentials, another database.
    DatabaseUrl withDatabase(const std::string& database) const;

private:
    sdk::Dialect dialect_ = sdk::Dialect::sqlite;
    std::string path_;
    std::string host_;
    int port_ = 5432;
    std::string user_;
    std::string password_;
    std::string database_;
    std::map<std::string, std::string> parameters_;

    static DatabaseUrl parseSqlite(const std::string& rest, const std::string& baseDir);
    static DatabaseUrl parsePostgres(const std::string& url, const std::string& rest);
    // The steps of parsePostgres(); each fails with sdk::ConfigError naming `url`.
    void readCredentials(const std::string& url, const std::string& credentials); ///< user[:password]
    void readLocation(const std::string& url, const std::string& location);       ///< host[:port]/database
    void readParameters(const std::string& url, const std::string& queryText);    ///< after '?'
    void refuseSpaces(const std::string& url) const;
    std::string format(bool withPassword) const;
};

} // namespace motel::host
