#pragma once
/// Keeps the audit trail from growing without end: the daily job
/// `auth.audit-retention` deletes `audit_log` rows older than
/// `plugins.auth.auditRetention` (default 90 days). With Redis-backed jobs
/// one host runs it per day; deleting is idempotent anyway.

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <cstdint>

namespace motel::auth {

class AuditRetention {
public:
    AuditRetention(sdk::Database& database, std::chrono::milliseconds retention, Poco::Logger& logger);

    /// Deletes the rows older than `now - retention`; returns how many.
    std::int64_t run(Poco::Timestamp now = Poco::Timestamp());

    static constexpr const char* kJobName = "auth.audit-retention";
    /// Every day at 03:17 UTC (off the hour, when other jobs cluster); the
    /// setting `plugins.auth.auditRetentionCron` replaces it.
    static constexpr const char* kSchedule = "17 3 * * *";

private:
    sdk::Database& database_;
    std::chrono::milliseconds retention_;
    Poco::Logger& logger_;
};

} // namespace motel::auth
