#pragma once
/// Errors of the host's database layer beyond the two the SDK names
/// (sdk::UniqueViolation, sdk::ServiceUnavailable).
///
/// They are grouped in one header like the SDK's Errors.h: each is a few
/// lines and they are always thrown and caught together.

#include <motel/sdk/Errors.h>

#include <stdexcept>
#include <string>

namespace motel::host {

/// A statement failed for a reason that is the caller's bug or the schema's
/// (syntax error, wrong parameter count, constraint other than UNIQUE). The
/// message is the driver's, with the statement; it never holds parameter
/// values. Unhandled at the HTTP edge it is a 500 without details.
class DatabaseError : public std::runtime_error {
public:
    explicit DatabaseError(const std::string& message);
    ~DatabaseError() override;
};

/// The database cannot be reached (connection refused or lost, pool
/// exhausted, SQLite file locked past its busy timeout). A 503 for clients,
/// whose message stays generic; `detail()` says what went wrong for the log
/// and for `motel-host migrate`, without the password.
class DatabaseUnavailable : public sdk::ServiceUnavailable {
public:
    explicit DatabaseUnavailable(std::string detail);
    ~DatabaseUnavailable() override;
    const std::string& detail() const noexcept { return detail_; }

private:
    std::string detail_;
};

/// A migration cannot be applied: an applied one changed, versions clash, or
/// its SQL failed. The message names plugin and version.
class MigrationError : public std::runtime_error {
public:
    explicit MigrationError(const std::string& message);
    ~MigrationError() override;
};

} // namespace motel::host
