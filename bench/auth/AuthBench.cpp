// What authentication costs, measured on the auth plugin's own classes
// (auth_core) and the host's database layer, without HTTP:
//
//   motel_auth_bench [db-url] [verifications=200000] [login-seconds=5] [login-threads=2]
//
//   token issue          TokenService::issue (HS256 signing)
//   token verify         TokenService::verify (header check, constant-time
//                        HMAC-SHA256 with libsodium, claims)
//   authenticate         JwtAuthenticator::authenticate = verify + the user's
//                        primary-key lookup (no cache: plugins.auth.userCacheTtl=0)
//   authenticate, cached the same with UserCache (the default): the lookup
//                        only when the cached user is older than its TTL
//   password verify      PasswordHasher::verify (argon2id, INTERACTIVE)
//   login                LoginService::login end to end (throttle, lookup,
//                        argon2id, token), `login-threads` at once
//
// db-url defaults to a fresh SQLite file in a temp folder; pass a
// postgresql:// URL of an empty database to measure PostgreSQL instead.

#include "AuditLog.h"
#include "AuthMigrations.h"
#include "JwtAuthenticator.h"
#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "PasswordHasher.h"
#include "TokenService.h"
#include "UserCache.h"
#include "UserService.h"

#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"
#include "services/InProcessEventBus.h"
#include "services/MemoryCache.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace motel;
using Clock = std::chrono::steady_clock;

namespace {

double microseconds(Clock::duration elapsed) {
    return std::chrono::duration<double, std::micro>(elapsed).count();
}

/// Runs `op` `count` times, timing each call; prints rate, mean, p50, p99.
void measure(const char* name, int count, const std::function<void()>& op) {
    std::vector<double> samples;
    samples.reserve(count);
    const auto started = Clock::now();
    for (int i = 0; i < count; ++i) {
        const auto before = Clock::now();
        op();
        samples.push_back(microseconds(Clock::now() - before));
    }
    const double total = microseconds(Clock::now() - started);
    std::sort(samples.begin(), samples.end());
    std::printf("%-18s %9d ops  %10.0f ops/s  mean %8.1f us  p50 %8.1f us  p99 %8.1f us\n", name, count,
                count / (total / 1e6), total / count, samples[samples.size() / 2], samples[samples.size() * 99 / 100]);
}

} // namespace

int main(int argc, char** argv) {
    std::string url = argc > 1 ? argv[1] : "";
    const int verifications = argc > 2 ? std::stoi(argv[2]) : 200000;
    const int loginSeconds = argc > 3 ? std::stoi(argv[3]) : 5;
    const int loginThreads = argc > 4 ? std::stoi(argv[4]) : 2;
    auto& logger = Poco::Logger::get("bench");
    logger.setLevel(Poco::Message::PRIO_ERROR);

    std::string scratch;
    if (url.empty()) {
        scratch = Poco::Path::temp() + "motel-auth-bench-" + std::to_string(::getpid());
        Poco::File(scratch).createDirectories();
        url = "sqlite:" + scratch + "/motel.db";
    }
    host::SqlDatabase database(host::DatabaseUrl::parse(url), host::SqlDatabaseOptions{}, logger);
    host::MigrationRunner(database, logger).apply({{"auth", auth::authMigrations()}});

    auth::PasswordHasher hasher(auth::PasswordStrength::interactive, std::max(2u, std::thread::hardware_concurrency()));
    auto tokens = std::make_shared<const auth::TokenService>(std::string(64, 's'), std::chrono::hours(24));
    host::InProcessEventBus events(logger);
    auth::AuditLog audit(logger);
    auth::UserService users(database, events, hasher, audit);
    const auth::Actor actor{std::nullopt, "127.0.0.1", "bench"};
    const auto user = users.create({"bench@motel.test", "Bench", "bench-password", "manager"}, actor);

    std::printf("database: %s\n", url.rfind("sqlite:", 0) == 0 ? "sqlite (file)" : "postgresql");
    const std::string token = tokens->issue(user.id, user.role, user.tokenVersion);
    measure("token issue", verifications / 4, [&] { (void)tokens->issue(user.id, user.role, user.tokenVersion); });
    measure("token verify", verifications, [&] {
        if (!tokens->verify(token)) std::abort();
    });
    auth::JwtAuthenticator authenticator(tokens, database);
    measure("authenticate", verifications / 4, [&] {
        if (!authenticator.authenticate(token)) std::abort();
    });
    auth::JwtAuthenticator cachedAuthenticator(tokens, database,
                                               std::make_shared<auth::UserCache>(std::chrono::seconds(5)));
    measure("authenticate, cached", verifications / 4, [&] {
        if (!cachedAuthenticator.authenticate(token)) std::abort();
    });
    measure("password verify", 20, [&] {
        if (!hasher.verify(user.passwordHash, "bench-password")) std::abort();
    });

    host::MemoryCache cache(100000);
    auth::LoginRateLimiter limiter(cache, 1000000, std::chrono::minutes(1));
    auth::LoginService login(database, hasher, *tokens, limiter, audit);
    std::atomic<bool> stop{false};
    std::atomic<long> logins{0};
    std::vector<std::thread> threads;
    const auto started = Clock::now();
    for (int t = 0; t < loginThreads; ++t)
        threads.emplace_back([&] {
            while (!stop.load()) {
                login.login({"bench@motel.test", "bench-password"}, actor);
                ++logins;
            }
        });
    std::this_thread::sleep_for(std::chrono::seconds(loginSeconds));
    stop = true;
    for (auto& thread : threads) thread.join();
    const double elapsed = microseconds(Clock::now() - started) / 1e6;
    std::printf("%-18s %9ld ops  %10.1f ops/s  with %d threads (mean %.1f ms per login)\n", "login", logins.load(),
                logins.load() / elapsed, loginThreads, elapsed * 1000.0 * loginThreads / logins.load());

    if (!scratch.empty()) Poco::File(scratch).remove(true);
    return 0;
}
