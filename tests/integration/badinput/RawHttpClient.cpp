#include "RawHttpClient.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

namespace motel::test {

RawHttpClient::RawHttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : socket_(Poco::Net::SocketAddress("127.0.0.1", port)) {
    socket_.setReceiveTimeout(Poco::Timespan(timeout.count() * 1000));
    socket_.setSendTimeout(Poco::Timespan(timeout.count() * 1000));
    socket_.setNoDelay(true);
}

void RawHttpClient::send(const std::string& bytes) {
    try {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const int n = socket_.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0) return;
            sent += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        // The host may close early (413, 431): what it answered is what counts.
    }
}

bool RawHttpClient::fill() {
    char chunk[8192];
    try {
        const int n = socket_.receiveBytes(chunk, sizeof chunk);
        if (n <= 0) return false;
        buffered_.append(chunk, static_cast<std::size_t>(n));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

HttpResult RawHttpClient::readResponse() {
    HttpResult result;
    std::size_t headEnd;
    while ((headEnd = buffered_.find("\r\n\r\n")) == std::string::npos)
        if (!fill()) return result;
    const std::string head = buffered_.substr(0, headEnd);
    buffered_.erase(0, headEnd + 4);

    std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.size() >= 12) result.status = Poco::NumberParser::parse(statusLine.substr(9, 3));
    while (lineEnd != std::string::npos) {
        const std::size_t start = lineEnd + 2;
        lineEnd = head.find("\r\n", start);
        const std::string line = head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
        const std::size_t colon = line.find(':');
        if (colon != std::string::npos)
            result.headers[Poco::toLower(line.substr(0, colon))] = Poco::trim(line.substr(colon + 1));
    }
    if (result.headers.count("content-length")) {
        const std::size_t length = Poco::NumberParser::parseUnsigned(result.header("content-length"));
        while (buffered_.size() < length)
            if (!fill()) break;
        result.body = buffered_.substr(0, length);
        buffered_.erase(0, std::min(length, buffered_.size()));
    } else {
        while (fill()) {
        }
        result.body = buffered_;
        buffered_.clear();
    }
    return result;
}

bool RawHttpClient::closedByPeer(std::chrono::milliseconds wait) {
    socket_.setReceiveTimeout(Poco::Timespan(wait.count() * 1000));
    char byte;
    try {
        for (;;) {
            const int n = socket_.receiveBytes(&byte, 1);
            if (n <= 0) return true;
        }
    } catch (const Poco::TimeoutException&) {
        return false;
    } catch (const Poco::Exception&) {
        return true; // reset by peer
    }
}

HttpResult RawHttpClient::exchange(std::uint16_t port, const std::string& bytes) {
    RawHttpClient client(port);
    client.send(bytes);
    return client.readResponse();
}

} // namespace motel::test
