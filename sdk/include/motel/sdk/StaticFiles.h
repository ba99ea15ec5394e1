#pragma once
/// Serving a directory of files (a built web front end) through the host's
/// router, so a plugin can ship a single-page app without a web server in
/// front of the host. The dashboard plugin uses it; any plugin may.
///
///   auto files = std::make_unique<motel::sdk::StaticFiles>(motel::sdk::StaticFiles::Options{root});
///   files->mount(context.routes(), "/");   // GET /*path, public
///
/// What it does for every request:
/// - refuses paths that could leave the root: `..` or `.` segments (also when
///   they arrived percent-encoded: the host decodes paths first), hidden
///   files, NUL bytes, and symlinks pointing outside the root (the real path
///   must stay under the real root) — all answered as 404, never 403, so
///   nothing is revealed about what exists outside;
/// - `Content-Type` by extension (`text/javascript; charset=utf-8`, ...);
/// - a strong `ETag` (content hash) and `If-None-Match` → 304;
/// - `Cache-Control: public, max-age=31536000, immutable` for content-hashed
///   names (`assets/index-BdZk3x9Q.js`, see isHashedAssetName()), `no-cache`
///   (revalidate every time) for everything else, `index.html` included;
/// - gzip when the client accepts it, for text-like types, compressed once
///   and cached with the file (`Vary: Accept-Encoding`);
/// - HEAD (the host routes HEAD as GET and sends no body);
/// - the single-page-app fallback: a GET that names no file and accepts
///   `text/html` gets the index file, so `/board/floor/2` reloads the app;
///   never for the excluded prefixes (`/api`, `/health`, `/metrics`,
///   `/socket.io`), which keep their own 404.
///
/// Files are read once and kept in memory while their size and modification
/// time stay the same: meant for a built front end (a few hundred kB), not
/// for large downloads. Thread-safe; the object must outlive the routes it
/// mounted (keep it in the plugin and let stop() come after the server).

#include <motel/sdk/Export.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>
#include <motel/sdk/Routes.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

class StaticFiles {
public:
    struct Options {
        Options() = default;
        explicit Options(std::string rootDirectory) : root(std::move(rootDirectory)) {}

        std::string root;                     ///< the directory served; must exist
        std::string indexFile = "index.html"; ///< for `/` and the fallback
        bool singlePageFallback = true;
        /// Paths never answered with the index fallback.
        std::vector<std::string> excludedPrefixes{"/api", "/health", "/metrics", "/socket.io"};
        /// Extra headers on HTML answers, e.g. a Content-Security-Policy.
        std::vector<std::pair<std::string, std::string>> htmlHeaders;
    };

    /// Throws std::invalid_argument when `options.root` is not a directory.
    explicit StaticFiles(Options options);
    ~StaticFiles();
    StaticFiles(const StaticFiles&) = delete;
    StaticFiles& operator=(const StaticFiles&) = delete;

    /// Registers the public route `GET <mountPath>/*path` that calls serve().
    /// Under the host's router a catch-all comes last: every other route
    /// wins, and other plugins' path namespaces (`/api/...`) stay theirs.
    void mount(RouteRegistry& routes, const std::string& mountPath = "/");

    /// Answers `request` with the file at `relativePath` (decoded, relative to
    /// the root; empty means the index). Throws NotFound (`Cannot GET <path>`)
    /// when there is nothing to serve.
    void serve(const Request& request, const std::string& relativePath, Response& response) const;

    /// The Content-Type for a file name, by extension; application/octet-stream
    /// when unknown.
    static std::string contentTypeFor(const std::string& fileName);
    /// True for names carrying a content hash as bundlers write them:
    /// `name-HASH.ext` or `name.HASH.ext` with a hash of 8+ characters of
    /// [A-Za-z0-9_-] that has a digit or mixes upper and lower case (so
    /// `my-component.js` is not taken for one).
    static bool isHashedAssetName(const std::string& fileName);
    /// Whether `acceptEncoding` (an Accept-Encoding value) allows gzip.
    static bool acceptsGzip(const std::string& acceptEncoding);

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace motel::sdk
