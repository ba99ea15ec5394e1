#include "routing/AccessGuard.h"

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

sdk::Principal AccessGuard::authenticate(const sdk::Request& request) const {
    auto token = bearerToken(request);
    if (!token || !authenticator_) throw sdk::Unauthorized();
    std::optional<sdk::Principal> principal;
    try {
        principal = authenticator_->authenticate(*token);
    } catch (const sdk::HttpError&) {
        throw; // e.g. 503 when the user store is down
    } catch (const std::exception&) {
        throw sdk::Unauthorized();
    }
    if (!principal) throw sdk::Unauthorized();
    return *principal;
}

void AccessGuard::admit(const sdk::Access& access, sdk::Request& request) const {
    if (!access.requiresAuthentication) return;
    request.principal = authenticate(request);
    if (!access.roles.empty() && !request.principal->hasAnyRole(access.roles))
        throw sdk::Forbidden();
}

} // namespace motel::host
