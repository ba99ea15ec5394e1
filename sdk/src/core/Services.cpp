#include <motel/sdk/Services.h>

namespace motel::sdk {

// Out of line so the exception types have one typeinfo, in libmotel-sdk.
ServiceVersionMismatch::ServiceVersionMismatch(const std::string& message) : std::logic_error(message) {}
ServiceVersionMismatch::~ServiceVersionMismatch() = default;

ServiceMissing::ServiceMissing(const std::string& message) : std::logic_error(message) {}
ServiceMissing::~ServiceMissing() = default;

} // namespace motel::sdk
