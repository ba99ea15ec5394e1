#pragma once
// Turns a request body into JSON for the handlers, with the contract's
// answers: 415 for a body that is not declared as JSON, 400 for malformed
// JSON, invalid UTF-8, nesting deeper than the parser allows, or a NUL
// character (`\u0000`) in any string or key: PostgreSQL cannot store one in
// text, and no field of the API needs it, so it is refused the same way on
// every database instead of being cut off or failing deep in a handler. A
// number beyond what the parser holds is not malformed (JsonNumberRange).

#include <motel/sdk/Request.h>

#include <Poco/Dynamic/Var.h>

#include <string>

namespace motel::host {

class JsonBody {
public:
    static constexpr std::size_t kMaxDepth = 64;

    /// Empty Var when the method carries no body or the body is empty.
    static Poco::Dynamic::Var parse(const sdk::Request& request);
    static bool isJsonContentType(const std::string& contentType);
    static bool isValidUtf8(const std::string& text);
    /// True when a string or an object key anywhere in `value` holds U+0000.
    static bool containsNul(const Poco::Dynamic::Var& value);
};

} // namespace motel::host
