#include "app/ServiceNotifier.h"

#include <cstdlib>
#include <cstring>
#include <cstddef>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace motel::host {

namespace {
std::string notifySocketFromEnvironment() {
    const char* value = std::getenv("NOTIFY_SOCKET");
    return value ? value : "";
}

// A socket closed on every path out of notify().
class DatagramSocket {
public:
    DatagramSocket() : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {}
    ~DatagramSocket() {
        if (fd_ >= 0) ::close(fd_);
    }
    DatagramSocket(const DatagramSocket&) = delete;
    DatagramSocket& operator=(const DatagramSocket&) = delete;
    int fd() const { return fd_; }

private:
    int fd_;
};
} // namespace

ServiceNotifier::ServiceNotifier() : ServiceNotifier(notifySocketFromEnvironment()) {}

ServiceNotifier::ServiceNotifier(std::string socketAddress) : socketAddress_(std::move(socketAddress)) {}

bool ServiceNotifier::notify(const std::string& message) const {
    // Like sd_notify: only an absolute path or an abstract name is an
    // address; anything else (and an empty variable) means "not notified".
    if (socketAddress_.empty() || (socketAddress_[0] != '/' && socketAddress_[0] != '@')) return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socketAddress_.size() > sizeof(address.sun_path) - (socketAddress_[0] == '/' ? 1 : 0)) return false;
    std::memcpy(address.sun_path, socketAddress_.data(), socketAddress_.size());
    socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socketAddress_.size());
    if (socketAddress_[0] == '@')
        address.sun_path[0] = '\0'; // abstract namespace: the name is exactly its bytes
    else
        ++length; // a path: include its terminating NUL
    const DatagramSocket socket;
    if (socket.fd() < 0) return false;
    const ssize_t sent = ::sendto(socket.fd(), message.data(), message.size(), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr*>(&address), length);
    return sent == static_cast<ssize_t>(message.size());
}

void ServiceNotifier::ready(const std::string& status) const {
    notify("READY=1\nSTATUS=" + status);
}

void ServiceNotifier::reloading() const {
    notify("RELOADING=1");
}

void ServiceNotifier::stopping() const {
    notify("STOPPING=1\nSTATUS=stopping");
}

} // namespace motel::host
