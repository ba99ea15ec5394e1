#pragma once
/// The threads that run other plugins' client-event handlers
/// (`plugins.realtime.handlerThreads`), so that a handler that waits on the
/// database never stalls a Socket.IO I/O loop. Calls wait in a bounded queue
/// (`handlerQueue`): submit() refuses instead of growing without end.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace motel::realtime {

class HandlerPool {
public:
    using Task = std::function<void()>;

    HandlerPool(std::size_t threads, std::size_t maxQueued);
    ~HandlerPool(); ///< stop()
    HandlerPool(const HandlerPool&) = delete;
    HandlerPool& operator=(const HandlerPool&) = delete;

    /// Any thread. False when the queue is full or the pool stopped. A task
    /// must not throw (the dispatcher catches everything itself).
    bool submit(Task task);
    /// Drops what still waits, lets running tasks finish and joins. Idempotent.
    void stop();
    std::size_t queued() const;

private:
    void run();

    const std::size_t maxQueued_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace motel::realtime
