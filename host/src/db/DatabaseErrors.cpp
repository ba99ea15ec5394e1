#include "db/DatabaseErrors.h"

namespace motel::host {

DatabaseError::DatabaseError(const std::string& message) : std::runtime_error(message) {}
DatabaseError::~DatabaseError() = default;

DatabaseUnavailable::DatabaseUnavailable(std::string detail)
    : sdk::ServiceUnavailable("Database unavailable"), detail_(std::move(detail)) {}
DatabaseUnavailable::~DatabaseUnavailable() = default;

MigrationError::MigrationError(const std::string& message) : std::runtime_error(message) {}
MigrationError::~MigrationError() = default;

} // namespace motel::host
