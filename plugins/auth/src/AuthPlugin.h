#pragma once
/// The standard `auth` plugin: users and roles, login with JWTs, and the
/// sdk::Authenticator every other part of the host relies on (no other
/// plugin parses a token). Wires the pieces together at start():
/// AuthConfig -> PasswordHasher, TokenService, LoginRateLimiter -> the
/// services -> routes, and provides JwtAuthenticator under
/// sdk::kAuthenticatorService.

#include "AuditLog.h"
#include "AuthRoutes.h"
#include "JwtAuthenticator.h"
#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "PasswordHasher.h"
#include "TokenService.h"
#include "UserService.h"

#include <motel/sdk/Plugin.h>

#include <memory>

namespace motel::auth {

class AuthPlugin : public sdk::Plugin {
public:
    AuthPlugin();
    ~AuthPlugin() override;

    sdk::PluginInfo info() const override;
    std::vector<sdk::Migration> migrations() const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;
    void seed(sdk::PluginContext& context) override;

private:
    std::unique_ptr<PasswordHasher> hasher_;
    std::shared_ptr<const TokenService> tokens_;
    std::unique_ptr<AuditLog> audit_;
    std::unique_ptr<LoginRateLimiter> limiter_;
    std::unique_ptr<UserService> users_;
    std::unique_ptr<LoginService> login_;
    std::unique_ptr<AuthRoutes> routes_;

    void bootstrapFirstAdmin(sdk::PluginContext& context, const std::string& email, const std::string& password);
};

} // namespace motel::auth
