#pragma once
/// Migration SQL as the runner applies it: the portable tokens expanded for
/// the dialect, the script split into single statements (both Poco's
/// PostgreSQL connector and sqlite3_prepare take one at a time), and the
/// checksum that detects an applied migration being edited.
///
/// Splitting honours '...' and "..." quotes, PostgreSQL $tag$...$tag$
/// bodies, `--` and `/* */` comments. It does not understand SQLite's
/// CREATE TRIGGER ... BEGIN ...; END (write such a body as one migration
/// statement without inner semicolons, or avoid triggers).

#include <motel/sdk/Database.h>

#include <string>
#include <vector>

namespace motel::host {

class SqlScript {
public:
    /// `{{id}}` and `{{bigint}}` for `dialect`; throws std::invalid_argument
    /// on any other `{{...}}`.
    static std::string expandTokens(const std::string& sql, sdk::Dialect dialect);
    /// The statements of `sql`, trimmed, without the separating `;`; blank
    /// and comment-only pieces are dropped.
    static std::vector<std::string> split(const std::string& sql);
    /// Hex SHA-256 of the SQL as the plugin wrote it (before token
    /// expansion, so it is the same on both dialects).
    static std::string checksum(const std::string& sql);
};

} // namespace motel::host
