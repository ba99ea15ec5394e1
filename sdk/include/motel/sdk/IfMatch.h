#pragma once
/// The `If-Match` precondition for resources whose ETag is `"<version>"`.

#include <motel/sdk/Request.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::sdk {

/// The entity tags of an `If-Match` header (RFC 9110 13.1.1): a
/// comma-separated list of `"<version>"` tags. It holds when one strong tag
/// names the current version. If-Match compares strongly, so a weak tag
/// (`W/"3"`) never matches: a list of weak tags alone is always 412. A tag
/// without quotes (`3`) is read as a strong tag, as the host always did.
/// Part of the kit (compiled into each plugin): it supersedes
/// Request::ifMatchVersion(), which reads one tag and takes `W/"3"` as strong.
class IfMatch {
public:
    /// One strong tag. Implicit, so code passing a version (or an
    /// std::optional<std::int64_t>) where an IfMatch is taken still compiles.
    IfMatch(std::int64_t version); // NOLINT(google-explicit-constructor)

    /// The request's `If-Match`; nullopt when absent or `*` (RFC 9110: `*`
    /// holds for any current representation, and the resource exists by the
    /// time this is asked). ValidationError as parse().
    static std::optional<IfMatch> of(const Request& request);
    /// A header value other than `*`. ValidationError ("If-Match must be a
    /// list of quoted version numbers") for an empty list, `*` inside a list,
    /// or a tag that is not a version number.
    static IfMatch parse(const std::string& value);

    /// True when a strong tag names `version`.
    bool matches(std::int64_t version) const;
    /// Throws PreconditionFailed("<resource> is at version <current>, not
    /// <tags>") unless matches(current). `resource` names it ("Suite 5").
    void require(const std::string& resource, std::int64_t current) const;
    /// The tags as a client reads them back: `2`, `2, 4`, `W/"3"`.
    std::string tags() const;

private:
    IfMatch() = default;

    struct Tag {
        std::int64_t version;
        bool weak;
    };
    std::vector<Tag> tags_;
};

} // namespace motel::sdk
