#pragma once
/// One row of the audit trail (`audit_log`) and its public shape in
/// `GET /api/audit`:
/// `{"id","at","actorId","action","entity","entityId","status","clientAddress","requestId","detail"}`.
///
/// Rows come from three sources: the host's `audit.request` event after every
/// successful API mutation (fromRequestEvent()), the login outcomes
/// (`login.success|login.failure|login.locked`, LoginService) and the
/// operator commands (`cli.user.*`, UserCommand). None carries a password, a
/// hash or a token.

#include <motel/sdk/Database.h>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::auth {

struct AuditEntry {
    std::int64_t id = 0;                 ///< set once stored
    std::string at;                      ///< ISO 8601 UTC with milliseconds
    std::optional<std::int64_t> actorId; ///< nullopt: anonymous or the operator's shell
    std::string action;                  ///< `PATCH /api/suites/:id`, `login.failure`, `cli.user.add`
    std::string entity;                  ///< `suites`, `auth`, `users`
    std::string entityId;                ///< may be empty
    std::optional<std::int64_t> status;  ///< the HTTP status; nullopt for operator commands
    std::string clientAddress;
    std::string requestId;
    std::optional<std::string> detail; ///< e.g. the lower-cased email of a login

    /// The action of the login route, which fromRequestEvent() leaves out:
    /// LoginService records every login itself, with the account.
    static constexpr const char* kLoginRouteAction = "POST /api/auth/login";

    /// The columns fromRow() expects, for SELECT lists.
    static const char* columns();
    static AuditEntry fromRow(const sdk::Row& row);

    /// The entry for an `audit.request` payload (`{actorId, action, entity,
    /// entityId, status, requestId, clientAddress, at}`); nullopt for a payload
    /// that is not such an object, or for the login route. `at` is normalised
    /// (the time of the call when missing or unreadable). Never throws.
    static std::optional<AuditEntry> fromRequestEvent(const Poco::Dynamic::Var& payload) noexcept;

    Poco::JSON::Object::Ptr toJson() const;
};

} // namespace motel::auth
