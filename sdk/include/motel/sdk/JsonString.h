#pragma once
/// Writing a JSON string by hand, for plugins that build JSON text directly
/// instead of a Poco::JSON tree (hot paths: list pages, realtime frames).

#include <motel/sdk/Export.h>

#include <string>
#include <string_view>

namespace motel::sdk {

/// Appends `text` to `out` as a quoted JSON string: `"` `\` and control
/// characters escaped, UTF-8 kept as is, no `\/` (as JSON.stringify does).
void appendJsonString(std::string& out, std::string_view text);

} // namespace motel::sdk
