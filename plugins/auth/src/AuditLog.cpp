#include "AuditLog.h"

#include "AuditWriter.h"

#include <cstdio>

namespace motel::auth {

std::string AuditLog::quote(const std::string& value) {
    constexpr std::size_t kMaxLength = 200;
    std::string out = "\"";
    for (std::size_t i = 0; i < value.size() && i < kMaxLength; ++i) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (value.size() > kMaxLength) out += "...";
    return out + "\"";
}

std::string AuditLog::format(const std::string& action, const Actor& actor, std::optional<std::int64_t> targetId,
                             const std::vector<std::pair<std::string, std::string>>& details) {
    std::string line = "audit action=" + action;
    line += " actor=" + (actor.id ? std::to_string(*actor.id) : std::string("-"));
    line += " target=" + (targetId ? std::to_string(*targetId) : std::string("-"));
    line += " ip=" + quote(actor.address);
    if (!actor.requestId.empty()) line += " requestId=" + quote(actor.requestId);
    for (const auto& [key, value] : details) line += " " + key + "=" + quote(value);
    return line;
}

void AuditLog::record(const std::string& action, const Actor& actor, std::optional<std::int64_t> targetId,
                      const std::vector<std::pair<std::string, std::string>>& details) {
    const std::string line = format(action, actor, targetId, details);
    if (action == "login.failure" || action == "login.locked")
        logger_.warning(line);
    else
        logger_.information(line);
}

void AuditLog::store(AuditEntry entry) noexcept {
    if (writer_) writer_->submit(std::move(entry));
}

} // namespace motel::auth
