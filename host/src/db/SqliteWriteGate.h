#pragma once
/// The queue this process's SQLite writers wait in, one per database file
/// (shared by every connection SqlDatabase opens to it).
///
/// SQLite lets one writer at a time hold the file's write lock; a second one
/// that finds it taken is told "busy" and polls through the busy handler,
/// sleeping 1, 2, 5, ... up to 100 ms between attempts. Under load that
/// sleeping, not work, made the p99 of concurrent writes (> 100 ms). Writers
/// of the same process therefore take this gate first (before BEGIN
/// IMMEDIATE, or around a lone write statement) and are woken the moment
/// the previous one commits. The busy handler still covers other processes
/// writing to the same file (motel-host commands, a second host).
///
/// Not tied to a thread: acquire() and release() may happen on different
/// threads, unlike std::mutex.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace motel::host {

class SqliteWriteGate {
public:
    /// Waits up to `timeout` for the gate; false when it stayed taken.
    bool acquire(std::chrono::milliseconds timeout);
    void release() noexcept;

private:
    std::mutex mutex_;
    std::condition_variable released_;
    bool taken_ = false;
};

} // namespace motel::host
