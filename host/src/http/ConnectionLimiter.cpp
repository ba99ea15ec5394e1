#include "http/ConnectionLimiter.h"

#include <algorithm>

#include <sys/stat.h>

namespace motel::host {

namespace {
bool sameSocket(int fd, dev_t device, ino_t inode) {
    struct stat now {};
    return ::fstat(fd, &now) == 0 && S_ISSOCK(now.st_mode) && now.st_dev == device && now.st_ino == inode;
}
} // namespace

bool ConnectionLimiter::admit(const std::string& address) {
    if (perAddress_ == 0) return true;
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = byAddress_[address];
    if (entry.open + entry.handedOver.size() >= perAddress_) forgetClosed(entry);
    if (entry.open + entry.handedOver.size() >= perAddress_) return false;
    ++entry.open;
    return true;
}

void ConnectionLimiter::closed(const std::string& address) {
    if (perAddress_ == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = byAddress_.find(address);
    if (found == byAddress_.end()) return;
    Entry& entry = found->second;
    if (entry.open > 0) --entry.open;
    if (entry.open == 0) {
        forgetClosed(entry);
        if (entry.handedOver.empty()) byAddress_.erase(found);
    }
}

void ConnectionLimiter::handedOver(const std::string& address, int fd) {
    if (perAddress_ == 0) return;
    struct stat socket {};
    const bool known = ::fstat(fd, &socket) == 0 && S_ISSOCK(socket.st_mode);
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = byAddress_.find(address);
    if (found == byAddress_.end()) return;
    Entry& entry = found->second;
    if (entry.open > 0) --entry.open;
    if (known) entry.handedOver.push_back(HandedOver{fd, socket.st_dev, socket.st_ino});
    if (entry.open == 0 && entry.handedOver.empty()) byAddress_.erase(found);
}

std::size_t ConnectionLimiter::count(const std::string& address) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = byAddress_.find(address);
    if (found == byAddress_.end()) return 0;
    Entry copy = found->second;
    forgetClosed(copy);
    return copy.open + copy.handedOver.size();
}

void ConnectionLimiter::forgetClosed(Entry& entry) {
    auto& sockets = entry.handedOver;
    sockets.erase(std::remove_if(sockets.begin(), sockets.end(),
                                 [](const HandedOver& s) { return !sameSocket(s.fd, s.device, s.inode); }),
                  sockets.end());
}

} // namespace motel::host
