#pragma once
// The lease that lets one host, and only one, run a tick of a scheduled job.

#include "services/redis/RedisScript.h"

#include <chrono>
#include <cstdint>
#include <string>

namespace motel::host {

class RedisConnection;

/// For a scheduled job `name`, two keys:
///   <prefix>schedule:<name>:lock  the lease: SET NX PX by the host running
///                                 a tick (value: its token, which names the
///                                 host and the tick), renewed while it runs,
///                                 released by compare-and-delete
///   <prefix>schedule:<name>:tick  the last tick claimed (ms since the epoch)
/// claim() checks and sets both in one script: a tick runs at most once
/// across all hosts even when their clocks disagree by more than the run
/// takes (a late host finds its tick already claimed; a plain lock keyed by
/// tick alone would be free again once released or expired), and two runs of
/// one job never overlap (a lock still held means the previous run goes on).
/// If the holder dies, the lease expires and a later tick runs elsewhere.
class RedisScheduleLock {
public:
    enum class Claim { acquired, alreadyClaimed, stillRunning };

    explicit RedisScheduleLock(std::string prefix);

    /// Try to take tick `tickMs` of `name` for `lease`. `token` must be unique
    /// per host and tick.
    Claim claim(RedisConnection& redis, const std::string& name, std::int64_t tickMs, const std::string& token,
                std::chrono::milliseconds lease) const;
    /// Extend the lease; false when it is no longer ours (expired and taken).
    bool renew(RedisConnection& redis, const std::string& name, const std::string& token,
               std::chrono::milliseconds lease) const;
    /// Drop the lease if it is still ours.
    void release(RedisConnection& redis, const std::string& name, const std::string& token) const;

    std::string lockKey(const std::string& name) const { return prefix_ + "schedule:" + name + ":lock"; }
    std::string tickKey(const std::string& name) const { return prefix_ + "schedule:" + name + ":tick"; }

private:
    const std::string prefix_;
    const RedisScript claim_;
    const RedisScript renew_;
    const RedisScript release_;
};

} // namespace motel::host
