#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motel::host {

/// The decoded parts of an origin-form request-target (`/path?query`), the
/// only form the host serves. decode() throws sdk::BadRequest (answered 400)
/// for any other form (`*`, `http://...`), malformed percent-encoding, or a
/// path that decodes to a NUL byte. In the query `+` means a space, as HTML
/// forms and JavaScript clients send it; in the path it stays `+`.
struct RequestTarget {
    std::string path;
    std::vector<std::pair<std::string, std::string>> query; ///< in order; `?a` gives ("a", "")

    static RequestTarget decode(std::string_view target);
};

} // namespace motel::host
