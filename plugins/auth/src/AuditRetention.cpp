#include "AuditRetention.h"

#include "AuditRepository.h"

#include <motel/sdk/Time.h>

namespace motel::auth {

namespace {
constexpr std::int64_t kBatch = 5000;
}

AuditRetention::AuditRetention(sdk::Database& database, std::chrono::milliseconds retention, Poco::Logger& logger)
    : database_(database), retention_(retention), logger_(logger) {}

std::int64_t AuditRetention::run(Poco::Timestamp now) {
    const Poco::Timestamp cutoff =
        now - Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(retention_).count());
    const std::string cutoffText = sdk::formatTimestamp(cutoff);
    std::int64_t total = 0;
    for (;;) {
        std::int64_t deleted = 0;
        database_.withSession(
            [&](sdk::SqlSession& session) { deleted = AuditRepository(session).deleteOlderThan(cutoffText, kBatch); });
        total += deleted;
        if (deleted < kBatch) break;
    }
    if (total > 0)
        logger_.information("audit retention: deleted %Ld entries older than %s", static_cast<Poco::Int64>(total),
                            cutoffText);
    return total;
}

} // namespace motel::auth
