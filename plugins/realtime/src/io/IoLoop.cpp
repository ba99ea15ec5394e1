#include "io/IoLoop.h"

#include <motel/sdk/ExceptionText.h>

#include <Poco/Logger.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace motel::realtime {

namespace {

void runLogged(const IoLoop::Task& task, const char* what) {
    try {
        task();
    } catch (...) {
        Poco::Logger::get("motel.realtime").error("%s failed: %s", std::string(what), sdk::describeCurrentException());
    }
}

} // namespace

struct IoLoop::State {
    struct Timer {
        sdk::EventLoop::TimerId scheduled;
        Task task;
    };

    std::atomic<bool> open{true};
    std::mutex postedMutex;
    std::vector<Task> posted; ///< waiting for the one stub post()ed to the loop
    // Loop thread only:
    std::unordered_map<int, std::shared_ptr<EventHandler>> watches;
    std::unordered_map<std::uint64_t, Timer> timers;
    std::uint64_t nextKey = 1;

    void runPosted() {
        std::vector<Task> batch;
        {
            std::lock_guard<std::mutex> lock(postedMutex);
            if (!open) return;
            batch.swap(posted);
        }
        // One failing task must not cost the others of its batch.
        for (const Task& task : batch) runLogged(task, "realtime task");
    }

    void fire(std::uint64_t key) {
        const auto found = timers.find(key);
        if (found == timers.end()) return;
        const Task task = std::move(found->second.task);
        timers.erase(found);
        runLogged(task, "realtime timer");
    }

    void ready(int fd, sdk::IoEvents events) {
        const auto found = watches.find(fd);
        if (found == watches.end()) return;
        const auto handler = found->second; // alive even if it unwatches itself
        (*handler)(events);
    }
};

IoLoop::IoLoop(sdk::EventLoop& loop) : loop_(loop), state_(std::make_shared<State>()) {}

IoLoop::~IoLoop() = default;

void IoLoop::post(Task task) {
    bool first;
    {
        std::lock_guard<std::mutex> lock(state_->postedMutex);
        if (!state_->open) return;
        first = state_->posted.empty();
        state_->posted.push_back(std::move(task));
    }
    // One stub per batch: the stub takes everything queued when it runs.
    if (first) loop_.post([state = state_] { state->runPosted(); });
}

void IoLoop::watch(int fd, sdk::IoEvents interest, EventHandler handler) {
    if (!state_->open) return;
    if (state_->watches.count(fd)) throw std::runtime_error("descriptor " + std::to_string(fd) + " is already watched");
    state_->watches[fd] = std::make_shared<EventHandler>(std::move(handler));
    try {
        loop_.watch(fd, interest, [state = state_, fd](sdk::IoEvents events) { state->ready(fd, events); });
    } catch (...) {
        state_->watches.erase(fd);
        throw;
    }
}

void IoLoop::rewatch(int fd, sdk::IoEvents interest) {
    if (state_->watches.count(fd)) loop_.rewatch(fd, interest);
}

void IoLoop::unwatch(int fd) {
    const auto found = state_->watches.find(fd);
    if (found == state_->watches.end()) return;
    const auto doomed = std::move(found->second); // released after the map is consistent again
    state_->watches.erase(found);
    loop_.unwatch(fd);
}

IoLoop::TimerId IoLoop::runAfter(std::chrono::milliseconds delay, Task task) {
    if (!state_->open) return TimerId{};
    const std::uint64_t key = state_->nextKey++;
    const auto scheduled = loop_.runAfter(delay, [state = state_, key] { state->fire(key); });
    state_->timers[key] = State::Timer{scheduled, std::move(task)};
    return TimerId{key, scheduled};
}

void IoLoop::cancel(TimerId& timer) {
    if (timer.valid()) {
        const auto found = state_->timers.find(timer.key);
        if (found != state_->timers.end()) {
            loop_.cancel(found->second.scheduled);
            // Moved out first: its captures may cancel other timers as they go.
            const Task doomed = std::move(found->second.task);
            state_->timers.erase(found);
        }
    }
    timer = TimerId{};
}

std::size_t IoLoop::watchCount() const {
    return state_->watches.size();
}

std::size_t IoLoop::timerCount() const {
    return state_->timers.size();
}

void IoLoop::shutdown() {
    std::vector<Task> posted;
    {
        std::lock_guard<std::mutex> lock(state_->postedMutex);
        state_->open = false;
        posted.swap(state_->posted);
    }
    auto watches = std::move(state_->watches);
    state_->watches.clear();
    for (const auto& entry : watches) loop_.unwatch(entry.first);
    auto timers = std::move(state_->timers);
    state_->timers.clear();
    for (const auto& entry : timers) loop_.cancel(entry.second.scheduled);
    // `posted`, `watches` and `timers` release their captures here, while the
    // plugin is still whole; what they call back finds the adapter closed.
}

} // namespace motel::realtime
