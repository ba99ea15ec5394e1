#pragma once
// What the realtime unit tests put where the auth plugin would be: tokens
// spell out who they are, and a wait for something the loops do.

#include <motel/sdk/Authenticator.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <string>
#include <thread>

namespace motel::realtime::test {

/// Accepts "token-<id>-<role>" as user <id> with <role> (email u<id>@motel.test).
class TokenAuthenticator : public sdk::Authenticator {
public:
    std::optional<sdk::Principal> authenticate(const std::string& token) override {
        if (token.rfind("token-", 0) != 0) return std::nullopt;
        const auto dash = token.find('-', 6);
        sdk::Principal principal;
        principal.id = std::stoll(token.substr(6, dash - 6));
        principal.role = token.substr(dash + 1);
        principal.email = "u" + std::to_string(principal.id) + "@motel.test";
        return principal;
    }
};

/// Polls `done` for up to 2 s (something a loop thread does a moment later),
/// then asserts it.
template <class Condition> void waitUntil(Condition done) {
    for (int i = 0; i < 200 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CPPUNIT_ASSERT(done());
}

} // namespace motel::realtime::test
