#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motel::host {

/// Bounds a parser enforces; see HttpServerOptions for the defaults.
struct HttpParserLimits {
    std::size_t maxHeaderBytes = 16 * 1024; ///< request line + header block (431 beyond)
    std::size_t maxBodyBytes = 1024 * 1024; ///< decoded body (413 beyond)
    std::size_t maxHeaderCount = 100;       ///< header fields (431 beyond)
    std::size_t maxChunkLineBytes = 4096;   ///< one chunk-size line (400 beyond)
};

/// One request as it came off the wire, before any decoding of the target.
struct ParsedRequest {
    std::string method;
    std::string target;                                       ///< raw request-target
    int minorVersion = 1;                                     ///< HTTP/1.<minorVersion>
    std::vector<std::pair<std::string, std::string>> headers; ///< names as sent
    std::string body;                                         ///< de-chunked
    bool keepAlive = true;                                    ///< from version and `Connection`
    bool expectsContinue = false;                             ///< `Expect: 100-continue`
    bool hasBody = false;                                     ///< Content-Length > 0 or chunked
};

/// An incremental HTTP/1.x request parser: bytes go in as they arrive, in
/// pieces of any size (down to one byte), and complete requests come out.
/// Pure logic with no I/O so it can be unit-tested and fuzzed. Accepts
/// Content-Length and chunked bodies, rejects anything ambiguous (both
/// framings, conflicting lengths, folded headers, bare CR) and enforces the
/// limits; on failure errorStatus() says what to answer (400, 413, 431, 501,
/// 505) and the connection must be closed since the stream cannot be resynced.
class HttpParser {
public:
    enum class Event {
        needMore,        ///< all input consumed, the request is incomplete
        headersComplete, ///< head parsed, a body follows: feed the rest
        messageComplete, ///< take() the request; unconsumed input is the next one
        error            ///< see errorStatus()/errorMessage()
    };
    struct Progress {
        Event event;
        std::size_t consumed; ///< bytes used from the input
    };

    explicit HttpParser(HttpParserLimits limits = {});

    /// Consumes input until the request completes, its head completes (when
    /// a body follows), an error occurs, or the input runs out.
    Progress feed(const char* data, std::size_t size);
    Progress feed(std::string_view data) { return feed(data.data(), data.size()); }

    /// True once any byte of the current request arrived (leading empty
    /// lines do not count).
    bool started() const { return state_ != State::requestLine || !line_.empty(); }
    /// True while the body of the current request is being read.
    bool readingBody() const;
    /// The request so far (its head is complete after headersComplete).
    const ParsedRequest& request() const { return request_; }

    /// Moves the completed request out and resets for the next one.
    ParsedRequest take();
    void reset();

    int errorStatus() const { return errorStatus_; }
    const std::string& errorMessage() const { return errorMessage_; }

private:
    enum class State { requestLine, headerLine, body, chunkSize, chunkData, chunkDataEnd, trailer, complete, failed };

    Progress fail(int status, std::string message, std::size_t consumed);
    bool reject(int status, std::string message); ///< fail() for the line parsers
    // The steps of feed(): each returns what feed() returns when it must stop.
    /// Body or chunk bytes from `data` at `pos` (advanced).
    std::optional<Progress> readBodyBytes(const char* data, std::size_t size, std::size_t& pos);
    /// The next complete line (without CR LF) into `line`, `pos` advanced past it.
    std::optional<Progress> readLine(const char* data, std::size_t size, std::size_t& pos, std::string_view& line);
    /// Counts `take` more bytes of a line against the head or chunk-line limit.
    std::optional<Progress> chargeLineBytes(std::size_t take, std::size_t pos);
    /// Acts on one complete line in the current state.
    std::optional<Progress> handleLine(std::string_view line, std::size_t pos);
    bool parseRequestLine(std::string_view line);
    bool parseHeaderLine(std::string_view line);
    Event finishHead();
    bool parseChunkSize(std::string_view line);

    HttpParserLimits limits_;
    State state_ = State::requestLine;
    ParsedRequest request_;
    std::string line_;          ///< a line split across feeds
    std::size_t headBytes_ = 0; ///< bytes of request line + headers (+ trailers)
    std::size_t remaining_ = 0; ///< body or chunk bytes still expected
    bool seenContentLength_ = false;
    std::uint64_t contentLength_ = 0;
    bool seenTransferEncoding_ = false;
    int chunkedCodings_ = 0;        ///< how often `chunked` was listed
    std::string unsupportedCoding_; ///< first coding other than chunked
    bool connectionClose_ = false;
    bool connectionKeepAlive_ = false;
    int errorStatus_ = 0;
    std::string errorMessage_;
};

} // namespace motel::host
