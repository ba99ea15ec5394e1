#pragma once
/// Whether bytes are well-formed UTF-8 (RFC 3629): no overlong forms, no
/// surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated
/// sequence. RFC 6455 §8.1 makes a text message that is not valid UTF-8 a
/// reason to fail the connection (close code 1007).

#include <string_view>

namespace motel::realtime {

class Utf8 {
public:
    static bool isValid(std::string_view text);
};

} // namespace motel::realtime
