#pragma once
/// Services one plugin provides to others. Providers register during start();
/// dependants list the provider in PluginInfo::dependencies so it has started
/// first, and look the service up in their own start().
///
/// Published interfaces (docs/plugin-guide.md, "Published interfaces") are
/// abstract, header-only classes a plugin installs beside the SDK under
/// include/motel/plugins/<plugin>/. Each declares its service name and the
/// version of the interface:
///
///   class SuiteDirectory {
///   public:
///       static constexpr const char* kServiceName = "suites.directory";
///       static constexpr sdk::InterfaceVersion kVersion{1, 0};
///       virtual ~SuiteDirectory() = default;
///       ...
///   };
///
/// The provider calls publish<SuiteDirectory>(impl); a consumer calls
/// require<SuiteDirectory>() (or lookup<>() when the service is optional).
/// Both sides pass the version they were compiled against, and the host
/// refuses a lookup whose major differs from the provider's, or that needs a
/// newer minor than the provider has, with a ServiceVersionMismatch naming
/// both versions.

#include <motel/sdk/Export.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <typeinfo>

namespace motel::sdk {

/// The version of a published interface. Minor: virtual functions added at the
/// end (older consumers keep working). Major: anything else.
struct InterfaceVersion {
    int major = 0;
    int minor = 0;

    std::string text() const { return std::to_string(major) + "." + std::to_string(minor); }
};

/// A lookup refused because the caller was built against an interface version
/// the provider does not offer. The message names both versions.
class MOTEL_SDK_API ServiceVersionMismatch : public std::logic_error {
public:
    explicit ServiceVersionMismatch(const std::string& message);
    ~ServiceVersionMismatch() override;
};

/// require<>() found no provider.
class MOTEL_SDK_API ServiceMissing : public std::logic_error {
public:
    explicit ServiceMissing(const std::string& message);
    ~ServiceMissing() override;
};

class ServiceRegistry {
public:
    virtual ~ServiceRegistry() = default;

    /// Provide a published interface under I::kServiceName at I::kVersion.
    template <class I> void publish(std::shared_ptr<I> service) {
        provideErased(I::kServiceName, std::static_pointer_cast<void>(std::move(service)), typeid(I).name(),
                      I::kVersion);
    }
    /// The provider of published interface I, checked against the version
    /// this code was compiled with; nullptr when nobody provides it. Throws
    /// ServiceVersionMismatch (see the file comment) or std::logic_error when
    /// the name is provided as another type.
    template <class I> std::shared_ptr<I> lookup() const {
        return std::static_pointer_cast<I>(findErased(I::kServiceName, typeid(I).name(), I::kVersion));
    }
    /// lookup<I>(), but throws ServiceMissing when nobody provides it.
    template <class I> std::shared_ptr<I> require() const {
        auto found = lookup<I>();
        if (!found)
            throw ServiceMissing(std::string("no plugin provides service '") + I::kServiceName +
                                 "' (is its plugin in plugins.load and in this plugin's dependencies?)");
        return found;
    }

    /// An unversioned service under any name (the host's own Authenticator).
    template <class T> void provide(const std::string& name, std::shared_ptr<T> service) {
        provideErased(name, std::static_pointer_cast<void>(std::move(service)), typeid(T).name(), {});
    }
    /// The service, or nullptr when none is registered under `name`. Throws
    /// std::logic_error when it was registered with another type.
    template <class T> std::shared_ptr<T> find(const std::string& name) const {
        return std::static_pointer_cast<T>(findErased(name, typeid(T).name(), {}));
    }

protected:
    /// `version` {0, 0}: unversioned (no check).
    virtual void provideErased(const std::string& name, std::shared_ptr<void> service, const char* typeName,
                               InterfaceVersion version) = 0;
    virtual std::shared_ptr<void> findErased(const std::string& name, const char* typeName,
                                             InterfaceVersion version) const = 0;
};

} // namespace motel::sdk
