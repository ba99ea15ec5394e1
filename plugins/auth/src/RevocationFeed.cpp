#include "RevocationFeed.h"

#include "RandomHex.h"
#include "RevocationRepository.h"

#include <stdexcept>

namespace motel::auth {

namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr std::chrono::seconds kExpiredSweep{60};

} // namespace

RevocationFeed::RevocationFeed(sdk::Database& database, sdk::EventBus& events, std::shared_ptr<RevokedTokens> revoked,
                               std::chrono::milliseconds pollInterval, Poco::Logger& logger)
    : database_(database), events_(events), revoked_(std::move(revoked)), pollInterval_(pollInterval), logger_(logger),
      instanceId_(randomHex(8)) {}

RevocationFeed::~RevocationFeed() {
    stop();
}

void RevocationFeed::start() {
    const std::int64_t startedMs = nowMs();
    database_.withSession([&](sdk::SqlSession& session) {
        RevocationRepository repository(session);
        for (const auto& row : repository.activeTokenRevocations(startedMs / 1000))
            revoked_->add(row.tokenId, row.expiresAt);
        // What happened before this host started needs no event: its sockets are all new.
        std::lock_guard<std::mutex> lock(pollMutex_);
        for (const auto& row : repository.writtenAfter(startedMs - kLookback.count())) seen_[row.id] = row.createdMs;
    });
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void RevocationFeed::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RevocationFeed::wake() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void RevocationFeed::announce(sdk::SqlSession& session, Revocation revocation) {
    revocation.origin = instanceId_;
    revocation.createdMs = nowMs();
    if (revocation.expiresAt == 0)
        revocation.expiresAt = revocation.createdMs / 1000 + static_cast<std::int64_t>(kNoticeLifetime.count());
    revocation.id = RevocationRepository(session).insert(revocation);
    session.afterCommit([this, revocation] {
        apply(revocation);
        if (signal_) signal_->notify();
    });
}

void RevocationFeed::announce(Revocation revocation) {
    database_.transaction([&](sdk::SqlSession& session) { announce(session, std::move(revocation)); });
}

std::size_t RevocationFeed::poll() {
    std::lock_guard<std::mutex> lock(pollMutex_);
    const std::int64_t horizon = nowMs() - kLookback.count();
    std::vector<Revocation> rows;
    database_.withSession(
        [&](sdk::SqlSession& session) { rows = RevocationRepository(session).writtenAfter(horizon); });
    std::size_t applied = 0;
    for (const auto& row : rows) {
        if (!seen_.emplace(row.id, row.createdMs).second) continue;
        if (row.origin == instanceId_) continue; // applied by announce()
        apply(row);
        ++applied;
    }
    for (auto it = seen_.begin(); it != seen_.end();) {
        if (it->second <= horizon)
            it = seen_.erase(it);
        else
            ++it;
    }
    return applied;
}

void RevocationFeed::apply(const Revocation& revocation) {
    if (revocation.topic == Revocation::kTokenRevoked) revoked_->add(revocation.tokenId, revocation.expiresAt);
    events_.publish(revocation.topic, revocation.payload());
}

void RevocationFeed::run() {
    auto nextSweep = std::chrono::steady_clock::now() + kExpiredSweep;
    bool failing = false;
    while (true) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wakeUp_.wait_for(lock, pollInterval_, [this] { return stopping_ || woken_; });
            if (stopping_) return;
            woken_ = false;
        }
        try {
            poll();
            if (failing) logger_.information("auth: revocations are read from the database again");
            failing = false;
        } catch (const std::exception& error) {
            if (!failing)
                logger_.warning("auth: reading revocations failed (retrying every poll): %s",
                                std::string(error.what()));
            failing = true;
        }
        if (std::chrono::steady_clock::now() >= nextSweep) {
            revoked_->forgetExpired(nowMs() / 1000);
            nextSweep = std::chrono::steady_clock::now() + kExpiredSweep;
        }
    }
}

} // namespace motel::auth
