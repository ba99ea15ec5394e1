#pragma once
/// Kit (Motel::sdk_kit). A list endpoint's answer, from the page query to the
/// wire: the rows go straight from the driver into the contract's envelope
/// `{"data":[...],"total","limit","offset"}` (SqlSession::forEachRow, no
/// ResultSet and no struct per row), and the answer carries a strong `ETag`
/// derived from that body, so a client that sends it back in
/// `If-None-Match` gets `304 Not Modified` without the page. The tag depends
/// only on the data (the same page gives the same tag on every host of a
/// cluster, any change to an item or to the total gives another), never on
/// host-local state.

#include <motel/sdk/Database.h>
#include <motel/sdk/PagedQuery.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/ResourceSchema.h>
#include <motel/sdk/Response.h>
#include <motel/sdk/SqlQuery.h>

#include <cstdint>
#include <functional>
#include <string>

namespace motel::sdk {

class ResourceList {
public:
    using AppendRow = std::function<void(std::string& out, const RowView& row)>;

    /// Runs `page` (PagedQuery::page: its last column is `total_count`) and
    /// renders the envelope, each row through `appendRow`. `count` runs only
    /// for a page past the end (offset > 0 and no row to carry the total).
    static std::string render(SqlSession& session, const SqlQuery& page, const SqlQuery& count, std::int64_t limit,
                              std::int64_t offset, const AppendRow& appendRow);

    /// The same for a resource described by `schema` (the page selects
    /// `schema.columns()` first).
    template <class T>
    static std::string render(SqlSession& session, const SqlQuery& page, const SqlQuery& count, std::int64_t limit,
                              std::int64_t offset, const ResourceSchema<T>& schema) {
        return render(session, page, count, limit, offset,
                      [&schema](std::string& out, const RowView& row) { schema.appendJson(out, row); });
    }

    /// Answers 200 with `body` (JSON) and its ETag, or 304 with the ETag and
    /// no body when the request's If-None-Match names it.
    static void respond(const Request& request, Response& response, std::string body);

    /// `"<64-bit hash of body in hex>-<length in hex>"`, quotes included.
    static std::string etagOf(const std::string& body);
    /// Whether an If-None-Match value (a comma list, `W/` tags compared
    /// weakly as RFC 9110 wants, `*` for any) names `etag`.
    static bool noneMatchNames(const std::string& ifNoneMatch, const std::string& etag);
};

} // namespace motel::sdk
