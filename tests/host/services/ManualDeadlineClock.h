#pragma once
// A DeadlineClock a test moves by hand: a job engine's deadlines (ticks,
// delays, retries, stop()'s grace) and a health check's timeout pass when the
// test calls advance(), never by sleeping. Its calendar starts at a fixed instant (2026-01-05 10:00:00 UTC),
// far from any cron minute a test might hit by chance.

#include "services/DeadlineClock.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace motel::host::test {

class ManualDeadlineClock : public DeadlineClock {
public:
    Steady::time_point now() const override { return steadyStart_ + elapsed(); }
    Wall::time_point wallNow() const override {
        return Wall::time_point(std::chrono::seconds(1767607200)) +
               std::chrono::duration_cast<Wall::duration>(elapsed());
    }
    void waitUntil(std::condition_variable& condition, std::unique_lock<std::mutex>& lock,
                   Steady::time_point deadline) const override {
        if (deadline > now()) condition.wait(lock); // advance() wakes it
    }
    void onJump(std::function<void()> wake) override {
        std::lock_guard<std::mutex> lock(mutex_);
        wakes_.push_back(std::move(wake));
    }

    /// Move time forward and wake everything waiting on this clock.
    void advance(std::chrono::milliseconds by) {
        elapsed_ += std::chrono::duration_cast<Steady::duration>(by).count();
        std::vector<std::function<void()>> wakes;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            wakes = wakes_;
        }
        for (const auto& wake : wakes) wake();
    }

private:
    Steady::duration elapsed() const { return Steady::duration(elapsed_.load()); }

    const Steady::time_point steadyStart_ = Steady::now();
    std::atomic<Steady::rep> elapsed_{0};
    mutable std::mutex mutex_;
    std::vector<std::function<void()>> wakes_;
};

/// While it lives, a thread moves `clock` forward by `step` about every
/// millisecond: for a call that blocks until a deadline on the clock passes.
class Timekeeper {
public:
    Timekeeper(ManualDeadlineClock& clock, std::chrono::milliseconds step)
        : thread_([this, &clock, step] {
              while (!done_) {
                  clock.advance(step);
                  std::this_thread::sleep_for(std::chrono::milliseconds(1));
              }
          }) {}
    ~Timekeeper() {
        done_ = true;
        thread_.join();
    }
    Timekeeper(const Timekeeper&) = delete;
    Timekeeper& operator=(const Timekeeper&) = delete;

private:
    std::atomic<bool> done_{false};
    std::thread thread_;
};

} // namespace motel::host::test
