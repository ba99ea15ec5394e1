#include <motel/sdk/Plugin.h>

namespace motel::sdk {

// Defined out of line so the vtable and typeinfo of Plugin live in the SDK
// library, once, for the host and every plugin.
Plugin::~Plugin() = default;

} // namespace motel::sdk
