#pragma once
/// Pagination, sorting and filter parsing for list endpoints, with the
/// contract's rules: `limit` defaults to 50 and is clamped to 200, `limit < 1`,
/// `offset < 0`, non-numbers, unknown enum values and undocumented sort fields
/// are 400. Also renders the list envelope `{"data","total","limit","offset"}`.

#include <motel/sdk/Export.h>
#include <motel/sdk/Request.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::sdk {

struct SortOrder {
    std::string field; ///< as the client named it; empty: default order (by id)
    bool descending = false;
};

class ListQuery {
public:
    /// Parses `limit`, `offset` and (when `sortFields` is not empty) `sort`.
    /// Other query keys are left to the caller's filter methods; keys nobody
    /// asks for are ignored, as NestJS would. Problems are collected; call
    /// finish() after reading the filters.
    ListQuery(const Request& request, const std::vector<std::string>& sortFields);

    std::int64_t limit() const { return limit_; }
    std::int64_t offset() const { return offset_; }
    const SortOrder& sort() const { return sort_; }

    /// Filters: each returns nullopt when absent, records a problem when bad.
    std::optional<std::string> enumFilter(const std::string& name, const std::vector<std::string>& allowed);
    /// A comma separated list of enum values (`status=pending,in_progress`).
    std::optional<std::vector<std::string>> enumListFilter(const std::string& name,
                                                           const std::vector<std::string>& allowed);
    std::optional<std::int64_t> integerFilter(const std::string& name);
    /// `true` or `false`.
    std::optional<bool> booleanFilter(const std::string& name);

    /// Throws ValidationError when any parameter was bad.
    void finish() const;

    /// `{"data": data, "total": total, "limit": limit, "offset": offset}`
    Poco::JSON::Object::Ptr envelope(Poco::JSON::Array::Ptr data, std::int64_t total) const;

private:
    /// `limit` / `offset`: a number beyond 64 bits saturates (then clamps).
    std::optional<std::int64_t> pagingNumber(const std::string& name);
    std::optional<std::int64_t> integer(const std::string& name, bool saturate);

    const Request& request_;
    std::int64_t limit_ = 50;
    std::int64_t offset_ = 0;
    SortOrder sort_;
    std::vector<std::string> problems_;
};

} // namespace motel::sdk
