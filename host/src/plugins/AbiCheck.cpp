#include "plugins/AbiCheck.h"

namespace motel::host {

namespace {
std::string pocoVersionText(std::uint64_t v) {
    return std::to_string((v >> 24) & 0xff) + "." + std::to_string((v >> 16) & 0xff) + "." +
           std::to_string((v >> 8) & 0xff);
}
} // namespace

std::vector<std::string> AbiCheck::mismatches(const sdk::AbiStamp& host, const sdk::AbiStamp& plugin) {
    std::vector<std::string> out;
    if (plugin.magic != sdk::kAbiMagic) {
        out.push_back("magic: not a Motel Manager plugin stamp");
        return out;
    }
    if (plugin.sdkMajor != host.sdkMajor)
        out.push_back("SDK ABI major: expected " + std::to_string(host.sdkMajor) + ", plugin has " +
                      std::to_string(plugin.sdkMajor));
    if (plugin.sdkMajor == host.sdkMajor && plugin.sdkMinor > host.sdkMinor)
        out.push_back("SDK ABI minor: expected at most " + std::to_string(host.sdkMinor) + ", plugin has " +
                      std::to_string(plugin.sdkMinor));
    // Past the first three fields, a stamp of another layout means nothing.
    if (plugin.size != host.size) {
        out.push_back("stamp size: expected " + std::to_string(host.size) + ", plugin has " +
                      std::to_string(plugin.size) + " (built with another SDK)");
        return out;
    }
    // Poco keeps its ABI within a major.minor series.
    if ((plugin.pocoVersion >> 16) != (host.pocoVersion >> 16))
        out.push_back("Poco version: expected " + pocoVersionText(host.pocoVersion) + ", plugin has " +
                      pocoVersionText(plugin.pocoVersion));
    if (plugin.cxxAbi != host.cxxAbi)
        out.push_back("C++ ABI: expected " + std::to_string(host.cxxAbi) + ", plugin has " +
                      std::to_string(plugin.cxxAbi));
    if (plugin.cxx11Abi != host.cxx11Abi)
        out.push_back("_GLIBCXX_USE_CXX11_ABI: expected " + std::to_string(host.cxx11Abi) + ", plugin has " +
                      std::to_string(plugin.cxx11Abi));
    if (plugin.libstdcxxRelease > host.libstdcxxRelease)
        out.push_back("libstdc++ release: expected at most " + std::to_string(host.libstdcxxRelease) + ", plugin has " +
                      std::to_string(plugin.libstdcxxRelease));
    return out;
}

std::string AbiCheck::describe(const std::vector<std::string>& mismatches) {
    std::string text;
    for (const auto& m : mismatches) text += (text.empty() ? "" : "; ") + m;
    return text;
}

} // namespace motel::host
