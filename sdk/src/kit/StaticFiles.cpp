#include <motel/sdk/StaticFiles.h>

#include <motel/sdk/Errors.h>

#include <Poco/DeflatingStream.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace motel::sdk {

namespace {

/// One file as served: read once, kept while size and mtime stay the same.
struct CachedFile {
    off_t size = 0;
    std::int64_t modifiedNs = 0;
    std::string content;
    std::string gzipped; ///< empty when the type is not compressible or gzip does not pay
    std::string etag;    ///< strong, quoted; the gzip variant appends `-gz`
    std::string contentType;
    bool immutable = false;
};

const std::map<std::string, std::string>& contentTypes() {
    static const std::map<std::string, std::string> types{{"html", "text/html; charset=utf-8"},
                                                          {"htm", "text/html; charset=utf-8"},
                                                          {"js", "text/javascript; charset=utf-8"},
                                                          {"mjs", "text/javascript; charset=utf-8"},
                                                          {"css", "text/css; charset=utf-8"},
                                                          {"json", "application/json; charset=utf-8"},
                                                          {"map", "application/json; charset=utf-8"},
                                                          {"webmanifest", "application/manifest+json; charset=utf-8"},
                                                          {"txt", "text/plain; charset=utf-8"},
                                                          {"xml", "application/xml; charset=utf-8"},
                                                          {"svg", "image/svg+xml"},
                                                          {"png", "image/png"},
                                                          {"jpg", "image/jpeg"},
                                                          {"jpeg", "image/jpeg"},
                                                          {"gif", "image/gif"},
                                                          {"webp", "image/webp"},
                                                          {"avif", "image/avif"},
                                                          {"ico", "image/x-icon"},
                                                          {"woff", "font/woff"},
                                                          {"woff2", "font/woff2"},
                                                          {"ttf", "font/ttf"},
                                                          {"otf", "font/otf"},
                                                          {"wasm", "application/wasm"},
                                                          {"pdf", "application/pdf"}};
    return types;
}

bool isCompressible(const std::string& contentType) {
    return contentType.rfind("text/", 0) == 0 || contentType.rfind("application/json", 0) == 0 ||
           contentType.rfind("application/manifest+json", 0) == 0 || contentType.rfind("application/xml", 0) == 0 ||
           contentType == "image/svg+xml" || contentType == "application/wasm";
}

std::string baseName(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// No `.`/`..` segments, no hidden files, no NUL or backslash: a path that
/// can only name something below the root (symlinks are checked after).
bool isSafeRelativePath(const std::string& path) {
    if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
    if (!path.empty() && path[0] == '/') return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string segment = path.substr(start, slash - start);
        if (!segment.empty() && segment[0] == '.') return false; // ., .., .env, .git
        start = slash + 1;
    }
    return true;
}

std::string realPath(const std::string& path) {
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) ? std::string(resolved) : std::string();
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read " + path);
    return content.str();
}

std::string gzip(const std::string& content) {
    std::ostringstream out;
    {
        Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 9);
        deflater.write(content.data(), static_cast<std::streamsize>(content.size()));
        deflater.close();
    }
    return out.str();
}

std::string contentHash(const std::string& content) {
    Poco::SHA1Engine sha1;
    sha1.update(content);
    return Poco::DigestEngine::digestToHex(sha1.digest()).substr(0, 24);
}

/// Whether an If-None-Match value names `etag` (weak comparison, as RFC 9110
/// wants for If-None-Match; `*` matches anything).
bool matchesAny(const std::string& ifNoneMatch, const std::string& etag) {
    std::size_t start = 0;
    while (start < ifNoneMatch.size()) {
        std::size_t comma = ifNoneMatch.find(',', start);
        if (comma == std::string::npos) comma = ifNoneMatch.size();
        std::string tag = Poco::trim(ifNoneMatch.substr(start, comma - start));
        if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
        if (tag == "*" || tag == etag) return true;
        start = comma + 1;
    }
    return false;
}

bool startsWithSegment(const std::string& path, const std::string& prefix) {
    return path.rfind(prefix, 0) == 0 && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

} // namespace

class StaticFiles::Impl {
public:
    explicit Impl(Options options) : options_(std::move(options)) {
        struct stat info {};
        if (options_.root.empty() || ::stat(options_.root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
            throw std::invalid_argument("static files root '" + options_.root + "' is not a directory");
        realRoot_ = realPath(options_.root);
    }

    /// The file to answer with, or nullptr; `escapes` tells a path that
    /// exists but resolves outside the root (a symlink out).
    std::shared_ptr<const CachedFile> find(const std::string& relativePath, bool& escapes) const {
        escapes = false;
        if (!isSafeRelativePath(relativePath)) return nullptr;
        const std::string real = realPath(realRoot_ + "/" + relativePath);
        if (real.empty()) return nullptr;
        escapes = real.rfind(realRoot_ + "/", 0) != 0;
        if (escapes) return nullptr;
        struct stat info {};
        if (::stat(real.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return nullptr;
        const std::int64_t modifiedNs =
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            const auto cached = files_.find(real);
            if (cached != files_.end() && cached->second->size == info.st_size &&
                cached->second->modifiedNs == modifiedNs)
                return cached->second;
        }
        auto file = std::make_shared<CachedFile>();
        file->size = info.st_size;
        file->modifiedNs = modifiedNs;
        file->content = readAll(real);
        file->contentType = contentTypeFor(real);
        file->immutable = isHashedAssetName(baseName(real));
        file->etag = "\"" + contentHash(file->content) + "\"";
        if (isCompressible(file->contentType) && file->content.size() > 256) {
            std::string compressed = gzip(file->content);
            if (compressed.size() < file->content.size()) file->gzipped = std::move(compressed);
        }
        std::lock_guard<std::mutex> lock(mutex_);
        files_[real] = file;
        return file;
    }

    bool fallbackAllowed(const Request& request) const {
        if (!options_.singlePageFallback) return false;
        for (const auto& prefix : options_.excludedPrefixes)
            if (startsWithSegment(request.path, prefix)) return false;
        return request.header("Accept").find("text/html") != std::string::npos;
    }

    const Options& options() const { return options_; }

private:
    Options options_;
    std::string realRoot_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::shared_ptr<const CachedFile>> files_;
};

StaticFiles::StaticFiles(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
StaticFiles::~StaticFiles() = default;

void StaticFiles::mount(RouteRegistry& routes, const std::string& mountPath) {
    std::string base = mountPath;
    while (!base.empty() && base.back() == '/') base.pop_back();
    routes.get(base + "/*path", Access::publicRoute(),
               [this](const Request& request, Response& response) { serve(request, request.param("path"), response); });
}

void StaticFiles::serve(const Request& request, const std::string& relativePath, Response& response) const {
    const Options& options = impl_->options();
    // A path that tries to leave the root (by name or by a symlink) gets a
    // 404, never the index page.
    if (!isSafeRelativePath(relativePath)) throw NotFound("Cannot " + request.method + " " + request.path);
    bool escapes = false;
    auto file = impl_->find(relativePath.empty() ? options.indexFile : relativePath, escapes);
    if (!file && !escapes && impl_->fallbackAllowed(request)) file = impl_->find(options.indexFile, escapes);
    if (!file) throw NotFound("Cannot " + request.method + " " + request.path);

    const bool compressed = !file->gzipped.empty() && acceptsGzip(request.header("Accept-Encoding"));
    const std::string etag = compressed ? file->etag.substr(0, file->etag.size() - 1) + "-gz\"" : file->etag;
    response.setHeader("ETag", etag);
    response.setHeader("Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (!file->gzipped.empty()) response.setHeader("Vary", "Accept-Encoding");
    if (file->contentType.rfind("text/html", 0) == 0)
        for (const auto& [name, value] : options.htmlHeaders) response.setHeader(name, value);

    if (matchesAny(request.header("If-None-Match"), etag)) {
        response.status = 304;
        response.body.clear();
        return;
    }
    response.status = 200;
    response.setHeader("Content-Type", file->contentType);
    if (compressed) response.setHeader("Content-Encoding", "gzip");
    response.body = compressed ? file->gzipped : file->content;
}

std::string StaticFiles::contentTypeFor(const std::string& fileName) {
    const std::string name = baseName(fileName);
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) return "application/octet-stream";
    const auto type = contentTypes().find(Poco::toLower(name.substr(dot + 1)));
    return type == contentTypes().end() ? "application/octet-stream" : type->second;
}

bool StaticFiles::isHashedAssetName(const std::string& fileName) {
    const std::string name = baseName(fileName);
    const auto extension = name.rfind('.');
    if (extension == std::string::npos || extension == 0) return false;
    // Walk back from the extension over hash characters; the hash starts after
    // the first '-' or '.' that leaves 8+ characters (hashes may hold '-').
    std::size_t start = extension;
    while (start > 0) {
        const char c = name[start - 1];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) break;
        --start;
    }
    for (std::size_t i = start; i < extension; ++i) {
        if (i == 0 || (name[i - 1] != '-' && name[i - 1] != '.')) continue;
        const std::string hash = name.substr(i, extension - i);
        if (hash.size() < 8) break;
        bool digit = false, upper = false, lower = false;
        for (const char c : hash) {
            digit = digit || std::isdigit(static_cast<unsigned char>(c));
            upper = upper || std::isupper(static_cast<unsigned char>(c));
            lower = lower || std::islower(static_cast<unsigned char>(c));
        }
        if (digit || (upper && lower)) return true;
    }
    return false;
}

bool StaticFiles::acceptsGzip(const std::string& acceptEncoding) {
    std::size_t start = 0;
    while (start < acceptEncoding.size()) {
        std::size_t comma = acceptEncoding.find(',', start);
        if (comma == std::string::npos) comma = acceptEncoding.size();
        const std::string item = Poco::trim(acceptEncoding.substr(start, comma - start));
        const auto semicolon = item.find(';');
        const std::string coding = Poco::toLower(Poco::trim(item.substr(0, semicolon)));
        if (coding == "gzip" || coding == "x-gzip" || coding == "*") {
            if (semicolon == std::string::npos) return true;
            const std::string parameter = Poco::trim(item.substr(semicolon + 1));
            if (parameter.rfind("q=", 0) != 0) return true;
            return std::strtod(parameter.c_str() + 2, nullptr) > 0;
        }
        start = comma + 1;
    }
    return false;
}

} // namespace motel::sdk
