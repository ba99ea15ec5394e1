// ServiceNotifier speaks systemd's notification protocol: one datagram per
// message to the NOTIFY_SOCKET address, a path or an abstract `@name`; no
// address (or one systemd would refuse) sends nothing.
#include "app/ServiceNotifier.h"

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using motel::host::ServiceNotifier;

namespace {

std::string uniqueName(const std::string& what) {
    return "motel-notify-" + what + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

// A bound datagram socket standing in for systemd's end.
class NotifyReceiver {
public:
    // `address`: a path, or `@name` for the abstract namespace.
    explicit NotifyReceiver(const std::string& address) : address_(address) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        CPPUNIT_ASSERT(fd_ >= 0);
        sockaddr_un where{};
        where.sun_family = AF_UNIX;
        std::memcpy(where.sun_path, address.data(), address.size());
        socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
        if (address[0] == '@') where.sun_path[0] = '\0';
        CPPUNIT_ASSERT_EQUAL(0, ::bind(fd_, reinterpret_cast<const sockaddr*>(&where), length));
    }
    ~NotifyReceiver() {
        ::close(fd_);
        if (address_[0] == '/') std::remove(address_.c_str());
    }

    // The next datagram, or "" when none arrives within a second.
    std::string next() const {
        pollfd readable{fd_, POLLIN, 0};
        if (::poll(&readable, 1, 1000) != 1) return "";
        char buffer[4096];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
    }

private:
    std::string address_;
    int fd_ = -1;
};

} // namespace

class ServiceNotifierTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ServiceNotifierTest);
    CPPUNIT_TEST(messagesReachAPathSocket);
    CPPUNIT_TEST(messagesReachAnAbstractSocket);
    CPPUNIT_TEST(noAddressSendsNothing);
    CPPUNIT_TEST(addressesSystemdRefusesSendNothing);
    CPPUNIT_TEST(environmentNamesTheSocket);
    CPPUNIT_TEST_SUITE_END();

public:
    void messagesReachAPathSocket() {
        const std::string path = "/tmp/" + uniqueName("path") + ".sock";
        const NotifyReceiver systemd(path);
        const ServiceNotifier notifier(path);
        notifier.ready("listening on port 3001");
        notifier.reloading();
        notifier.stopping();
        CPPUNIT_ASSERT_EQUAL(std::string("READY=1\nSTATUS=listening on port 3001"), systemd.next());
        CPPUNIT_ASSERT_EQUAL(std::string("RELOADING=1"), systemd.next());
        CPPUNIT_ASSERT_EQUAL(std::string("STOPPING=1\nSTATUS=stopping"), systemd.next());
    }

    void messagesReachAnAbstractSocket() {
        const std::string name = "@" + uniqueName("abstract");
        const NotifyReceiver systemd(name);
        CPPUNIT_ASSERT(ServiceNotifier(name).notify("READY=1"));
        CPPUNIT_ASSERT_EQUAL(std::string("READY=1"), systemd.next());
    }

    void noAddressSendsNothing() {
        CPPUNIT_ASSERT(!ServiceNotifier("").notify("READY=1"));
        ServiceNotifier("").ready("no systemd"); // a no-op, not an error
    }

    void addressesSystemdRefusesSendNothing() {
        CPPUNIT_ASSERT(!ServiceNotifier("relative/notify.sock").notify("READY=1"));
        CPPUNIT_ASSERT(!ServiceNotifier("/" + std::string(200, 'x')).notify("READY=1"));
        // Nobody listening there: the send fails quietly.
        CPPUNIT_ASSERT(!ServiceNotifier("/tmp/" + uniqueName("absent") + ".sock").notify("READY=1"));
    }

    void environmentNamesTheSocket() {
        const std::string name = "@" + uniqueName("env");
        const NotifyReceiver systemd(name);
        ::setenv("NOTIFY_SOCKET", name.c_str(), 1);
        const ServiceNotifier notifier;
        ::unsetenv("NOTIFY_SOCKET");
        notifier.stopping();
        CPPUNIT_ASSERT_EQUAL(std::string("STOPPING=1\nSTATUS=stopping"), systemd.next());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServiceNotifierTest);
