#pragma once
/// The calls of one plugin channel's handlers that are running right now.
/// Closing the channel waits for them, so a plugin that closes its channel
/// in stop() knows none of its handler code runs afterwards (its library may
/// be unloaded next). Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace motel::realtime {

class ChannelCalls {
public:
    /// A handler call begins; false once the channel is closed.
    bool enter();
    void exit();
    /// Refuses new calls and waits for the running ones (except the calling
    /// thread's own, when a handler closes its own channel).
    void closeAndWait();
    bool closed() const;

    /// enter()/exit() as a scope.
    class Scope {
    public:
        explicit Scope(ChannelCalls& calls) : calls_(calls), entered_(calls.enter()) {}
        ~Scope() {
            if (entered_) calls_.exit();
        }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
        bool entered() const { return entered_; }

    private:
        ChannelCalls& calls_;
        const bool entered_;
    };

private:
    mutable std::mutex mutex_;
    std::condition_variable idle_;
    std::size_t running_ = 0;
    bool closed_ = false;
};

} // namespace motel::realtime
