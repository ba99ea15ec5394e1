#include "app/ControlSignals.h"

#include <csignal>
#include <pthread.h>

namespace motel::host {

namespace {
sigset_t controlSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGQUIT);
    sigaddset(&signals, SIGHUP);
    return signals;
}
} // namespace

void ControlSignals::block() {
    const sigset_t signals = controlSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void ControlSignals::waitForStop(const std::function<void()>& onReload) {
    const sigset_t signals = controlSignals();
    for (;;) {
        int received = 0;
        if (sigwait(&signals, &received) != 0) continue;
        if (received != SIGHUP) return;
        onReload();
    }
}

} // namespace motel::host
