#include "services/ServiceDirectory.h"

#include <cxxabi.h>

#include <cstdlib>
#include <stdexcept>

namespace motel::host {

namespace {

/// A readable type name for error messages ("motel::sdk::Authenticator").
std::string readableTypeName(const std::string& mangled) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status),
                                                     std::free);
    return status == 0 && demangled ? std::string(demangled.get()) : mangled;
}

/// Refuses a consumer built against an interface the provider does not offer.
void checkVersion(const std::string& name, sdk::InterfaceVersion provided, sdk::InterfaceVersion wanted) {
    const bool versioned = (provided.major || provided.minor) && (wanted.major || wanted.minor);
    if (!versioned) return;
    if (provided.major != wanted.major)
        throw sdk::ServiceVersionMismatch("service '" + name + "': the caller was built against interface version " +
                                          wanted.text() + ", the provider offers " + provided.text() +
                                          " (major versions differ; rebuild the caller against the installed "
                                          "interface headers)");
    if (wanted.minor > provided.minor)
        throw sdk::ServiceVersionMismatch("service '" + name + "': the caller was built against interface version " +
                                          wanted.text() + ", the provider offers only " + provided.text() +
                                          " (update the providing plugin)");
}

} // namespace

ServiceDirectory::ServiceDirectory() = default;

ServiceDirectory::~ServiceDirectory() = default;

std::vector<std::string> ServiceDirectory::names() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> result;
    result.reserve(services_.size());
    for (const auto& [name, entry] : services_) result.push_back(name);
    return result;
}

void ServiceDirectory::clear() {
    std::map<std::string, Entry> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        dropped.swap(services_);
    }
    // `dropped` releases the services here, outside the lock, in case a
    // destructor looks something up.
}

void ServiceDirectory::provideErased(const std::string& name, std::shared_ptr<void> service, const char* typeName,
                                     sdk::InterfaceVersion version) {
    if (name.empty()) throw std::invalid_argument("a service needs a name");
    if (!service) throw std::invalid_argument("service '" + name + "' is null");
    std::lock_guard<std::mutex> lock(mutex_);
    const auto existing = services_.find(name);
    if (existing != services_.end())
        throw std::logic_error("service '" + name + "' is already provided (as " +
                               readableTypeName(existing->second.typeName) + ")");
    services_.emplace(name, Entry{typeName, std::move(service), version});
}

std::shared_ptr<void> ServiceDirectory::findErased(const std::string& name, const char* typeName,
                                                   sdk::InterfaceVersion version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = services_.find(name);
    if (found == services_.end()) return nullptr;
    if (found->second.typeName != typeName)
        throw std::logic_error("service '" + name + "' is a " + readableTypeName(found->second.typeName) + ", not a " +
                               readableTypeName(typeName));
    checkVersion(name, found->second.version, version);
    return found->second.service;
}

} // namespace motel::host
