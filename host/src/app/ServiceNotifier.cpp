#include "app/ServiceNotifier.h"

#include <systemd/sd-daemon.h>

namespace motel::host {

void ServiceNotifier::ready(const std::string& status) const {
    sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
}

void ServiceNotifier::reloading() const {
    sd_notify(0, "RELOADING=1");
}

void ServiceNotifier::stopping() const {
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
}

} // namespace motel::host
