#pragma once
/// Turns a bearer token into the caller. Provided by the `auth` plugin under
/// kAuthenticatorService; the host uses it for every protected route and the
/// realtime plugin for the Socket.IO handshake. Nothing else parses tokens.

#include <motel/sdk/Principal.h>

#include <optional>
#include <string>

namespace motel::sdk {

inline constexpr const char* kAuthenticatorService = "auth.authenticator";

class Authenticator {
public:
    virtual ~Authenticator() = default;
    /// The caller for a valid, unexpired token of an active user; nullopt for
    /// anything else (bad signature, other algorithm, expired, deactivated).
    virtual std::optional<Principal> authenticate(const std::string& token) = 0;
};

} // namespace motel::sdk
