#pragma once
// Compares a plugin's ABI stamp with the host's before any plugin code runs.
// Unlike nginx's "is not binary compatible", the message names every field
// that differs, expected vs actual.

#include <motel/sdk/Version.h>

#include <string>
#include <vector>

namespace motel::host {

class AbiCheck {
public:
    /// Every mismatching field as "field: expected X, plugin has Y"; empty
    /// when the plugin may be loaded. A higher SDK minor than the host's is a
    /// mismatch (the plugin may call what this host lacks); a lower one is fine.
    static std::vector<std::string> mismatches(const sdk::AbiStamp& host, const sdk::AbiStamp& plugin);
    /// The mismatches joined into one line.
    static std::string describe(const std::vector<std::string>& mismatches);
};

} // namespace motel::host
