#pragma once
/// The standard `auth` plugin: users and roles, login with JWTs, and the
/// sdk::Authenticator every other part of the host relies on (no other
/// plugin parses a token). Wires the pieces together at start():
/// AuthConfig -> PasswordHasher, TokenService, LoginRateLimiter -> the
/// services -> routes, and provides JwtAuthenticator under
/// sdk::kAuthenticatorService. Also keeps the audit trail: it stores the
/// host's `audit.request` events and its own login outcomes in `audit_log`
/// (through AuditWriter, off the request thread), serves `GET /api/audit`,
/// and deletes old rows with the daily job `auth.audit-retention`. Adds the
/// operator command `motel-host user ...` (UserCommand). The authenticator's
/// UserCache is kept in step with user changes through the `user.*` events.
/// Logouts and the user changes that end sessions travel between hosts
/// through `auth_revocations` (RevocationFeed: a poll, and a Redis wake-up
/// when `redis.url` is set), which publishes `token.revoked`,
/// `user.deactivated|deleted|roleChanged|passwordChanged` on every host's bus
/// (the realtime plugin ends the matching sockets).

#include "AuditLog.h"
#include "AuditRoutes.h"
#include "AuditWriter.h"
#include "AuthRoutes.h"
#include "JwtAuthenticator.h"
#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "PasswordHasher.h"
#include "PasswordPolicy.h"
#include "RevocationFeed.h"
#include "RevocationSignal.h"
#include "TokenService.h"
#include "UserCache.h"
#include "UserService.h"

#include <motel/sdk/Plugin.h>

#include <chrono>
#include <memory>
#include <optional>

namespace motel::auth {

class AuthPlugin : public sdk::Plugin {
public:
    AuthPlugin();
    ~AuthPlugin() override;

    sdk::PluginInfo info() const override;
    std::vector<sdk::Migration> migrations() const override;
    /// The secret policy and the other rules of AuthConfig that span keys
    /// (`motel.env` with `jwt.secret`, `jwt.previousSecret`, JWT_EXPIRES_IN),
    /// every problem at once, before any migration.
    std::vector<std::string> checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;
    void seed(sdk::PluginContext& context) override;
    std::vector<sdk::CommandInfo> commands() const override;
    int runCommand(sdk::PluginContext& context, const std::string& name, const std::vector<std::string>& args,
                   std::istream& in, std::ostream& out) override;

private:
    std::unique_ptr<PasswordHasher> hasher_;
    std::unique_ptr<PasswordPolicy> policy_;
    std::shared_ptr<const TokenService> tokens_;
    std::unique_ptr<RevocationFeed> revocations_;
    std::unique_ptr<RevocationSignal> revocationSignal_;
    std::unique_ptr<AuditWriter> auditWriter_;
    std::unique_ptr<AuditLog> audit_;
    std::unique_ptr<LoginRateLimiter> limiter_;
    std::unique_ptr<UserService> users_;
    std::unique_ptr<LoginService> login_;
    std::unique_ptr<AuthRoutes> routes_;
    std::unique_ptr<AuditRoutes> auditRoutes_;
    sdk::EventBus* events_ = nullptr;
    sdk::EventBus::SubscriptionId auditSubscription_ = 0;
    std::shared_ptr<UserCache> userCache_;
    std::optional<sdk::EventBus::SubscriptionId> userCacheSubscription_;

    void startAuditTrail(sdk::PluginContext& context, std::chrono::milliseconds retention);
    /// RevocationFeed (+ its Redis signal when configured) and the purge job.
    void startRevocations(sdk::PluginContext& context, const struct AuthConfig& config);
    /// Drops a user from the cache when this host changes it.
    void keepUserCacheInStep(std::chrono::milliseconds ttl);
    void bootstrapFirstAdmin(sdk::PluginContext& context, const std::string& email, const std::string& password);
};

} // namespace motel::auth
