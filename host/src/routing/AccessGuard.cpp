#include "routing/AccessGuard.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <motel/sdk/Errors.h>

#include <Poco/String.h>

#include <algorithm>

namespace motel::host {

std::optional<std::string> AccessGuard::bearerToken(const sdk::Request& request) {
    const std::string value = Poco::trim(request.header("Authorization"));
    if (value.size() < 8 || Poco::icompare(value.substr(0, 7), "bearer ") != 0) return std::nullopt;
    std::string token = Poco::trim(value.substr(7));
    if (token.empty()) return std::nullopt;
    return token;
}

std::optional<sdk::Principal> AccessGuard::identify(const sdk::Request& request) const {
    auto token = bearerToken(request);
    if (!token || !authenticator_) return std::nullopt;
    try {
        return authenticator_->authenticate(*token);
    } catch (const sdk::HttpError&) {
        throw; // e.g. 503 when the user store is down
    } catch (...) {
        // A bad token yields no principal; a throw is the authenticator failing.
        Poco::Logger::get("motel.http").error("Authenticator failed, answering 401: %s", describeCurrentException());
        return std::nullopt;
    }
}

AccessGuard::Verdict AccessGuard::admit(const sdk::Access& access, sdk::Request& request) const {
    if (!access.requiresAuthentication) return Verdict::admitted;
    request.principal = identify(request);
    if (!request.principal) return Verdict::unauthorized;
    if (!access.roles.empty() && !request.principal->hasAnyRole(access.roles)) return Verdict::forbidden;
    return Verdict::admitted;
}

} // namespace motel::host
