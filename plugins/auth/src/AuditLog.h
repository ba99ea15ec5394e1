#pragma once
/// The audit trail of the auth plugin: one log line per login success,
/// failure and lockout, and per user create, update and deactivation, with
/// who did it, to whom, from where and in which request. Written to the
/// plugin's logger (`motel.auth`) as `audit action=... key=value ...`.
/// Entries for the `audit_log` table (logins, operator commands) go through
/// store() to the AuditWriter, when one is attached.
/// Passwords, hashes and tokens are never passed in, so they cannot leak;
/// values from clients are quoted and stripped of control characters so a
/// crafted email cannot forge a log line.

#include "AuditEntry.h"

#include <Poco/Logger.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::auth {

class AuditWriter;

/// Who acts, from where: the caller of a request (no id for a login attempt).
struct Actor {
    std::optional<std::int64_t> id;
    std::string address;
    std::string requestId;
};

class AuditLog {
public:
    /// Without a `writer`, store() does nothing (unit tests, seeding).
    explicit AuditLog(Poco::Logger& logger, AuditWriter* writer = nullptr) : logger_(logger), writer_(writer) {}

    /// `action` e.g. `login.success`, `user.update`; `details` are extra
    /// key/value pairs (field names changed, the email tried).
    void record(const std::string& action, const Actor& actor, std::optional<std::int64_t> targetId,
                const std::vector<std::pair<std::string, std::string>>& details = {});

    /// Queues `entry` for the `audit_log` table; returns at once, never throws.
    void store(AuditEntry entry) noexcept;

    /// The line record() writes (for tests).
    static std::string format(const std::string& action, const Actor& actor, std::optional<std::int64_t> targetId,
                              const std::vector<std::pair<std::string, std::string>>& details);
    /// `"value"` with quotes, backslashes and control characters escaped, cut at 200 bytes.
    static std::string quote(const std::string& value);

private:
    Poco::Logger& logger_;
    AuditWriter* writer_;
};

} // namespace motel::auth
