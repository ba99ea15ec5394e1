#include "application/HandlerPool.h"

namespace motel::realtime {

HandlerPool::HandlerPool(std::size_t threads, std::size_t maxQueued) : maxQueued_(maxQueued) {
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

HandlerPool::~HandlerPool() {
    stop();
}

bool HandlerPool::submit(Task task) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_ || queue_.size() >= maxQueued_) return false;
        queue_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

void HandlerPool::stop() {
    std::deque<Task> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        dropped.swap(queue_);
    }
    wake_.notify_all();
    for (auto& thread : threads_)
        if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) thread.join();
    threads_.clear();
}

std::size_t HandlerPool::queued() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

void HandlerPool::run() {
    for (;;) {
        Task task;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        task();
    }
}

} // namespace motel::realtime
