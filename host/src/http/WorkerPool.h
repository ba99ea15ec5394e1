#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace motel::host {

/// The bounded pool that runs request dispatch off the I/O threads, so a slow
/// handler (a database query, a password hash) never stalls other
/// connections. Threads start on demand up to `maxThreads` and then stay, so
/// an idle host holds only as many as it ever needed. The queue is bounded:
/// trySubmit() refuses work beyond `maxQueued` waiting tasks (the server then
/// answers 503) instead of letting memory grow.
class WorkerPool {
public:
    using Task = std::function<void()>;

    WorkerPool(unsigned maxThreads, std::size_t maxQueued);
    ~WorkerPool(); ///< stop(true)
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queues `task`; false when the queue is full or the pool is stopping.
    /// Exceptions escaping a task are logged and swallowed.
    bool trySubmit(Task task);

    /// Refuses new tasks, drops the queued ones when `discardQueued` (else runs
    /// them), and joins every thread (waiting for running tasks to return).
    void stop(bool discardQueued);

    std::size_t threadCount() const;
    std::size_t queuedCount() const;

private:
    void workerMain();

    const unsigned maxThreads_;
    const std::size_t maxQueued_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::deque<Task> queue_;
    std::vector<std::thread> threads_;
    unsigned idle_ = 0; ///< threads waiting for work
    bool stopping_ = false;
};

} // namespace motel::host
