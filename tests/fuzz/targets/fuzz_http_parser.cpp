// Fuzzes the HTTP/1.1 request parser the way a connection drives it: bytes
// arrive in pieces of arbitrary size, requests may be pipelined, and each
// complete request's target is decoded. Checks the parser's promises: a
// complete body never exceeds the limit, errors carry one of the documented
// statuses, and every byte is accounted for.
#include "http/HttpParser.h"
#include "http/RequestTarget.h"

#include <motel/sdk/Errors.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}

bool isDocumentedError(int status) {
    return status == 400 || status == 413 || status == 431 || status == 501 || status == 505;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the piece size, so one input covers byte-by-byte
    // delivery as well as whole buffers.
    const std::size_t step = 1 + data[0] % 64;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    motel::host::HttpParserLimits limits;
    limits.maxHeaderBytes = 2048; // small limits so the fuzzer reaches their edges
    limits.maxBodyBytes = 4096;
    limits.maxHeaderCount = 16;
    limits.maxChunkLineBytes = 64;
    motel::host::HttpParser parser(limits);

    std::size_t offset = 0;
    while (offset < input.size()) {
        const std::size_t piece = std::min(step, input.size() - offset);
        const auto progress = parser.feed(input.data() + offset, piece);
        check(progress.consumed <= piece);
        offset += progress.consumed;
        using Event = motel::host::HttpParser::Event;
        if (progress.event == Event::error) {
            check(isDocumentedError(parser.errorStatus()));
            check(!parser.errorMessage().empty());
            return 0; // the connection closes here
        }
        if (progress.event == Event::messageComplete) {
            const auto request = parser.take();
            check(request.body.size() <= limits.maxBodyBytes);
            check(!request.method.empty() && !request.target.empty());
            try {
                (void)motel::host::RequestTarget::decode(request.target);
            } catch (const motel::sdk::HttpError& error) {
                check(error.status() == 400);
            }
            continue;
        }
        if (progress.event == Event::needMore) check(progress.consumed == piece);
    }
    return 0;
}
