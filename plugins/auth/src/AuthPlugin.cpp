#include "AuthPlugin.h"

#include "AdminBootstrap.h"
#include "AuthConfig.h"
#include "AuditRetention.h"
#include "AuthMigrations.h"
#include "DemoSeeder.h"
#include "RevocationRepository.h"
#include "UserCommand.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/RedisUrl.h>

#include <algorithm>
#include <thread>

namespace motel::auth {

namespace {
const char* const kRevocationPurgeJob = "auth.revocation-purge";
const char* const kRevocationPurgeSchedule = "41 * * * *"; // hourly
} // namespace

AuthPlugin::AuthPlugin() = default;
AuthPlugin::~AuthPlugin() = default;

namespace {
/// A declared setting whose default the plugin computes at start.
sdk::SettingSpec withoutDefault(sdk::SettingSpec spec) {
    spec.defaultValue.clear();
    return spec;
}
} // namespace

sdk::PluginInfo AuthPlugin::info() const {
    using sdk::SettingSpec;
    namespace topics = plugins::topics;
    sdk::PluginInfo info{"auth", "1.0.0", "Users, roles, login with JWTs and the host's authenticator", {}};
    info.settings = {
        SettingSpec::integer("loginMaxAttempts", 5, 1, 1000000, "failed logins per (client address, email) per window"),
        SettingSpec::duration("loginWindow", "1m", "the window of loginMaxAttempts", std::chrono::seconds(1)),
        SettingSpec::oneOf("passwordHashStrength", "interactive", {"interactive", "moderate"}, "argon2id cost"),
        SettingSpec::duration("auditRetention", "90d", "audit rows older than this are pruned daily",
                              std::chrono::hours(1)),
        SettingSpec::duration("userCacheTtl", "5s", "how long the token check may reuse a user it read (0: never)",
                              std::chrono::milliseconds(0), std::chrono::minutes(5)),
        SettingSpec::integer("loginMaxFailuresPerAddress", 20, 1, 1000000,
                             "failed logins per client address (any email) per loginAddressWindow"),
        SettingSpec::duration("loginAddressWindow", "1m", "the window of loginMaxFailuresPerAddress",
                              std::chrono::seconds(1)),
        SettingSpec::duration("revocationPoll", "500ms", "how often other hosts' session revocations are read",
                              std::chrono::milliseconds(1)),
        SettingSpec::text("revocationChannel", "motel:auth:revocations",
                          "the Redis channel that wakes other hosts for a revocation"),
        SettingSpec::list("commonPasswordFiles", "", "files of common passwords the password policy refuses"),
        // Defaults derived from the machine and http.workers: no fixed default.
        withoutDefault(SettingSpec::integer("hashConcurrency", 0, 1, 1024, "password hashes computed at once")),
        withoutDefault(SettingSpec::integer("hashQueue", 0, 0, 1000000, "password hashes waiting before a 503")),
    };
    info.publishes = {topics::kUserCreated, topics::kUserUpdated,     topics::kUserDeactivated,
                      topics::kUserDeleted, topics::kUserRoleChanged, topics::kUserPasswordChanged,
                      topics::kTokenRevoked};
    return info;
}

std::vector<sdk::Migration> AuthPlugin::migrations() const {
    return authMigrations();
}

std::vector<std::string> AuthPlugin::checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const {
    return AuthConfig::read(host.settings(), settings, host.isProduction()).errors;
}

void AuthPlugin::start(sdk::PluginContext& context) {
    const AuthConfig config =
        AuthConfig::load(context.host().settings(), context.config(), context.host().isProduction());
    for (const auto& warning : config.warnings) context.logger().warning(warning);

    hasher_ = std::make_unique<PasswordHasher>(config.passwordStrength, config.hashConcurrency, config.hashQueue);
    std::vector<std::string> policyWarnings;
    policy_ = std::make_unique<PasswordPolicy>(PasswordPolicy::fromFiles(config.commonPasswordFiles, policyWarnings));
    for (const auto& warning : policyWarnings) context.logger().warning(warning);
    tokens_ = std::make_shared<const TokenService>(config.jwtSecret, config.tokenLifetime, config.previousJwtSecret);
    startAuditTrail(context, config.auditRetention);
    startRevocations(context, config);
    limiter_ = std::make_unique<LoginRateLimiter>(context.cache(), config.loginMaxAttempts, config.loginWindow,
                                                  config.loginMaxFailuresPerAddress, config.loginAddressWindow);
    users_ = std::make_unique<UserService>(context.database(), context.events(), *hasher_, *audit_, policy_.get(),
                                           revocations_.get());
    login_ = std::make_unique<LoginService>(context.database(), *hasher_, *tokens_, *limiter_, *audit_);
    routes_ = std::make_unique<AuthRoutes>(*login_, *users_, *tokens_, *revocations_, *limiter_);

    bootstrapFirstAdmin(context, config.adminEmail, config.adminPassword);

    keepUserCacheInStep(config.userCacheTtl);
    context.services().provide<sdk::Authenticator>(
        sdk::kAuthenticatorService,
        std::make_shared<JwtAuthenticator>(tokens_, context.database(), userCache_, revocations_->revokedTokens()));
    routes_->registerWith(context.routes());
    auditRoutes_ = std::make_unique<AuditRoutes>(context.database());
    auditRoutes_->registerWith(context.routes());
    context.logger().information(
        "tokens expire after " + std::to_string(config.tokenLifetime.count()) + "s; failed logins limited to " +
        std::to_string(config.loginMaxAttempts) + " per " + std::to_string(config.loginWindow.count()) +
        "ms per address and email, " + std::to_string(config.loginMaxFailuresPerAddress) + " failures per " +
        std::to_string(config.loginAddressWindow.count()) + "ms per address; users cached " +
        std::to_string(config.userCacheTtl.count()) + "ms; " + std::to_string(config.hashConcurrency) +
        " password hashes at once (+" + std::to_string(config.hashQueue) + " waiting); " +
        std::to_string(policy_->listSize()) + " common passwords refused; revocations polled every " +
        std::to_string(config.revocationPoll.count()) + "ms" +
        (revocationSignal_ ? " and signalled through Redis" : ""));
}

void AuthPlugin::startRevocations(sdk::PluginContext& context, const AuthConfig& config) {
    revocations_ =
        std::make_unique<RevocationFeed>(context.database(), context.events(), std::make_shared<RevokedTokens>(),
                                         config.revocationPoll, context.logger());
    if (!config.redisUrl.empty()) {
        sdk::RedisUrl endpoint;
        try {
            endpoint = sdk::RedisUrl::parse(config.redisUrl);
        } catch (const std::invalid_argument& error) {
            throw sdk::ConfigError("redis.url: " + std::string(error.what()));
        }
        RevocationFeed* feed = revocations_.get();
        revocationSignal_ = std::make_unique<RevocationSignal>(
            endpoint, config.revocationChannel, [feed] { feed->wake(); }, context.logger());
        revocations_->setSignal(revocationSignal_.get());
    }
    revocations_->start();
    if (revocationSignal_) revocationSignal_->start();
    context.jobs().cron(kRevocationPurgeJob, kRevocationPurgeSchedule, [&database = context.database()] {
        const auto now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        database.transaction([now](sdk::SqlSession& session) { RevocationRepository(session).purgeExpired(now); });
    });
}

void AuthPlugin::keepUserCacheInStep(std::chrono::milliseconds ttl) {
    userCache_ = std::make_shared<UserCache>(ttl);
    if (!userCache_->enabled()) return;
    userCacheSubscription_ = UserCache::followUserEvents(*events_, userCache_);
}

void AuthPlugin::startAuditTrail(sdk::PluginContext& context, std::chrono::milliseconds retention) {
    auditWriter_ = std::make_unique<AuditWriter>(context.database(), context.logger());
    audit_ = std::make_unique<AuditLog>(context.logger(), auditWriter_.get());
    events_ = &context.events();
    // Runs on the request thread before the answer goes out: only queue.
    auditSubscription_ = events_->subscribe("audit.request", [writer = auditWriter_.get()](const sdk::Event& event) {
        if (auto entry = AuditEntry::fromRequestEvent(event.payload)) writer->submit(std::move(*entry));
    });
    const std::string schedule = context.config().getString("auditRetentionCron", AuditRetention::kSchedule);
    try {
        context.jobs().cron(AuditRetention::kJobName, schedule,
                            [&database = context.database(), &logger = context.logger(), retention] {
                                AuditRetention(database, retention, logger).run();
                            });
    } catch (const std::invalid_argument& error) {
        throw sdk::ConfigError(context.config().prefix() + "auditRetentionCron: '" + schedule +
                               "' is not a cron expression (m h dom mon dow): " + error.what());
    }
}

void AuthPlugin::bootstrapFirstAdmin(sdk::PluginContext& context, const std::string& email,
                                     const std::string& password) {
    if (email.empty() && password.empty()) return;
    if (email.empty() || password.empty()) {
        context.logger().warning("MOTEL_ADMIN_EMAIL and MOTEL_ADMIN_PASSWORD must both be set to create the "
                                 "first admin; ignoring the one that is set");
        return;
    }
    if (const auto admin = AdminBootstrap(context.database(), *hasher_, policy_.get()).run(email, password)) {
        audit_->record("user.create", Actor{std::nullopt, "local", ""}, admin->id,
                       {{"role", "admin"}, {"source", "MOTEL_ADMIN_EMAIL"}});
    }
}

void AuthPlugin::stop() noexcept {
    try {
        if (events_) events_->unsubscribe(auditSubscription_);
        if (events_ && userCacheSubscription_) events_->unsubscribe(*userCacheSubscription_);
        userCacheSubscription_.reset();
    } catch (...) {
    }
    events_ = nullptr;
    auditRoutes_.reset();
    routes_.reset();
    login_.reset();
    users_.reset();
    if (revocationSignal_) revocationSignal_->stop();
    if (revocations_) revocations_->stop();
    revocationSignal_.reset();
    revocations_.reset();
    limiter_.reset();
    audit_.reset();
    auditWriter_.reset(); // writes what is still queued
    tokens_.reset();
    policy_.reset();
    hasher_.reset();
}

void AuthPlugin::seed(sdk::PluginContext& context) {
    if (context.host().isProduction()) {
        context.logger().warning("seed: demo users are never created in production");
        return;
    }
    std::unique_ptr<PasswordHasher> ownHasher;
    if (!hasher_) ownHasher = std::make_unique<PasswordHasher>();
    const int created = DemoSeeder(context.database(), hasher_ ? *hasher_ : *ownHasher, context.logger()).run();
    context.logger().information("seed: " + std::to_string(created) + " demo user(s) created");
}

std::vector<sdk::CommandInfo> AuthPlugin::commands() const {
    return {UserCommand::info()};
}

int AuthPlugin::runCommand(sdk::PluginContext& context, const std::string& name, const std::vector<std::string>& args,
                           std::istream& in, std::ostream& out) {
    (void)context;
    if (name != UserCommand::info().name || !users_) return UserCommand::kUsage;
    const int code = UserCommand(*users_, *audit_).run(args, in, out);
    auditWriter_->flush(); // the process ends soon after: store the trail first
    return code;
}

} // namespace motel::auth

MOTEL_PLUGIN(motel::auth::AuthPlugin)
// Read from the file by `motel-host --help` and before any plugin is opened;
// the name matches UserCommand::info().
MOTEL_PLUGIN_COMMAND("user", "manage accounts from the shell: user add | passwd | disable | enable | list")
