#include "http/WorkerPool.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace motel::host {

WorkerPool::WorkerPool(unsigned maxThreads, std::size_t maxQueued)
    : maxThreads_(maxThreads == 0 ? 1 : maxThreads), maxQueued_(maxQueued == 0 ? 1 : maxQueued) {}

WorkerPool::~WorkerPool() {
    stop(true);
}

bool WorkerPool::trySubmit(Task task) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_ || queue_.size() >= maxQueued_) return false;
    queue_.push_back(std::move(task));
    // Idle threads already woken still count as idle until they take a task,
    // so start a thread only when waiting tasks outnumber idle threads.
    if (queue_.size() > idle_ && threads_.size() < maxThreads_) {
        try {
            threads_.emplace_back([this] { workerMain(); });
        } catch (const std::exception& e) {
            // Out of threads: the task waits for an existing one.
            Poco::Logger::get("motel.http").warning("Cannot start a worker thread: %s", std::string(e.what()));
            if (threads_.empty()) {
                queue_.pop_back();
                return false;
            }
        }
    }
    const bool wake = idle_ > 0;
    lock.unlock();
    if (wake) available_.notify_one();
    return true;
}

void WorkerPool::workerMain() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        if (queue_.empty()) {
            if (stopping_) return;
            ++idle_;
            available_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            --idle_;
            continue;
        }
        Task task = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        try {
            task();
        } catch (...) {
            Poco::Logger::get("motel.http").error("Worker task threw: %s", describeCurrentException());
        }
        task = nullptr; // release what the task captured before waiting again
        lock.lock();
    }
}

void WorkerPool::stop(bool discardQueued) {
    std::vector<std::thread> threads;
    std::deque<Task> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        if (discardQueued) dropped.swap(queue_);
        threads.swap(threads_);
    }
    available_.notify_all();
    for (auto& thread : threads)
        if (thread.joinable()) thread.join();
    // `dropped` (and what its tasks captured) is released here, off the lock.
}

std::size_t WorkerPool::threadCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return threads_.size();
}

std::size_t WorkerPool::queuedCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

} // namespace motel::host
