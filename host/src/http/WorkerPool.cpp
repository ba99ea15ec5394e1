#include "http/WorkerPool.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <exception>
#include <string>

namespace motel::host {

WorkerPool::WorkerPool(unsigned maxThreads, std::size_t maxQueued)
    : _maxThreads(maxThreads == 0 ? 1 : maxThreads), _maxQueued(maxQueued == 0 ? 1 : maxQueued) {}

WorkerPool::~WorkerPool() { stop(true); }

bool WorkerPool::trySubmit(Task task) {
    std::unique_lock<std::mutex> lock(_mutex);
    if (_stopping || _queue.size() >= _maxQueued) return false;
    _queue.push_back(std::move(task));
    // Idle threads already woken still count as idle until they take a task,
    // so start a thread only when waiting tasks outnumber idle threads.
    if (_queue.size() > _idle && _threads.size() < _maxThreads) {
        try {
            _threads.emplace_back([this] { workerMain(); });
        } catch (const std::exception& e) {
            // Out of threads: the task waits for an existing one.
            Poco::Logger::get("motel.http").warning("Cannot start a worker thread: %s", std::string(e.what()));
            if (_threads.empty()) {
                _queue.pop_back();
                return false;
            }
        }
    }
    const bool wake = _idle > 0;
    lock.unlock();
    if (wake) _available.notify_one();
    return true;
}

void WorkerPool::workerMain() {
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;) {
        if (_queue.empty()) {
            if (_stopping) return;
            ++_idle;
            _available.wait(lock, [this] { return _stopping || !_queue.empty(); });
            --_idle;
            continue;
        }
        Task task = std::move(_queue.front());
        _queue.pop_front();
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
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
        if (discardQueued) dropped.swap(_queue);
        threads.swap(_threads);
    }
    _available.notify_all();
    for (auto& thread : threads)
        if (thread.joinable()) thread.join();
    // `dropped` (and what its tasks captured) is released here, off the lock.
}

std::size_t WorkerPool::threadCount() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _threads.size();
}

std::size_t WorkerPool::queuedCount() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _queue.size();
}

} // namespace motel::host
