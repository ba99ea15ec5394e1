#include <motel/sdk/Errors.h>
#include <motel/sdk/StaticFiles.h>

#include <Poco/File.h>
#include <Poco/InflatingStream.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

using motel::sdk::NotFound;
using motel::sdk::Request;
using motel::sdk::Response;
using motel::sdk::StaticFiles;

namespace {

const std::string kIndex = "<!doctype html><title>Board</title>" + std::string(600, ' ') + "<div id=app></div>";
const std::string kScript = "console.log('board');\n" + std::string(2000, '/');

void write(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

std::string gunzip(const std::string& compressed) {
    std::istringstream in(compressed);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string out;
    Poco::StreamCopier::copyToString(inflater, out);
    return out;
}

class RecordingRoutes : public motel::sdk::RouteRegistry {
public:
    void add(motel::sdk::Route route) override { routes.push_back(std::move(route)); }
    std::vector<motel::sdk::Route> routes;
};

} // namespace

class StaticFilesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StaticFilesTest);
    CPPUNIT_TEST(servesFilesWithTheirContentType);
    CPPUNIT_TEST(hashedAssetsAreImmutableAndTheIndexIsRevalidated);
    CPPUNIT_TEST(matchingEtagGivesNotModified);
    CPPUNIT_TEST(gzipOnlyWhenTheClientAcceptsIt);
    CPPUNIT_TEST(pathsLeavingTheRootAreNotFound);
    CPPUNIT_TEST(htmlNavigationsFallBackToTheIndex);
    CPPUNIT_TEST(htmlAnswersCarryTheConfiguredHeaders);
    CPPUNIT_TEST(aChangedFileIsServedFresh);
    CPPUNIT_TEST(mountAddsOnePublicCatchAll);
    CPPUNIT_TEST(namesTypesAndEncodings);
    CPPUNIT_TEST(rootMustBeADirectory);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        base_ = std::make_unique<Poco::TemporaryFile>();
        Poco::File(base_->path() + "/web/assets").createDirectories();
        Poco::File(base_->path() + "/outside").createDirectories();
        root_ = base_->path() + "/web";
        write(root_ + "/index.html", kIndex);
        write(root_ + "/assets/index-BdZk3x9Q.js", kScript);
        write(root_ + "/assets/logo.png", std::string("\x89PNG\r\n", 6));
        write(root_ + "/.env", "SECRET=1");
        write(base_->path() + "/outside/secret.txt", "secret");
        CPPUNIT_ASSERT_EQUAL(0, ::symlink((base_->path() + "/outside").c_str(), (root_ + "/escape").c_str()));
        files_ = std::make_unique<StaticFiles>(StaticFiles::Options{root_});
    }

    void tearDown() override {
        files_.reset();
        base_.reset(); // removes the tree
    }

    void servesFilesWithTheirContentType() {
        const Response script = get("/assets/index-BdZk3x9Q.js");
        CPPUNIT_ASSERT_EQUAL(200, script.status);
        CPPUNIT_ASSERT_EQUAL(kScript, script.body);
        CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"), script.header("Content-Type"));
        CPPUNIT_ASSERT_EQUAL(std::string("image/png"), get("/assets/logo.png").header("Content-Type"));
        const Response root = get("/");
        CPPUNIT_ASSERT_EQUAL(kIndex, root.body);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), root.header("Content-Type"));
    }

    void hashedAssetsAreImmutableAndTheIndexIsRevalidated() {
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=31536000, immutable"),
                             get("/assets/index-BdZk3x9Q.js").header("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), get("/").header("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), get("/assets/logo.png").header("Cache-Control"));
    }

    void matchingEtagGivesNotModified() {
        const std::string etag = get("/assets/index-BdZk3x9Q.js").header("ETag");
        CPPUNIT_ASSERT(etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        const Response again = get("/assets/index-BdZk3x9Q.js", {{"If-None-Match", "\"other\", " + etag}});
        CPPUNIT_ASSERT_EQUAL(304, again.status);
        CPPUNIT_ASSERT(again.body.empty());
        CPPUNIT_ASSERT_EQUAL(etag, again.header("ETag"));
        CPPUNIT_ASSERT_EQUAL(200, get("/assets/index-BdZk3x9Q.js", {{"If-None-Match", "\"other\""}}).status);
    }

    void gzipOnlyWhenTheClientAcceptsIt() {
        const Response zipped = get("/assets/index-BdZk3x9Q.js", {{"Accept-Encoding", "gzip, deflate, br"}});
        CPPUNIT_ASSERT_EQUAL(std::string("gzip"), zipped.header("Content-Encoding"));
        CPPUNIT_ASSERT_EQUAL(std::string("Accept-Encoding"), zipped.header("Vary"));
        CPPUNIT_ASSERT(zipped.body.size() < kScript.size());
        CPPUNIT_ASSERT_EQUAL(kScript, gunzip(zipped.body));
        const Response plain = get("/assets/index-BdZk3x9Q.js");
        CPPUNIT_ASSERT(plain.header("Content-Encoding").empty());
        // Two representations, two strong validators.
        CPPUNIT_ASSERT(plain.header("ETag") != zipped.header("ETag"));
        CPPUNIT_ASSERT(
            get("/assets/index-BdZk3x9Q.js", {{"Accept-Encoding", "gzip;q=0"}}).header("Content-Encoding").empty());
        // Images are already compressed.
        CPPUNIT_ASSERT(get("/assets/logo.png", {{"Accept-Encoding", "gzip"}}).header("Content-Encoding").empty());
    }

    void pathsLeavingTheRootAreNotFound() {
        // The host hands handlers decoded paths: %2e%2e arrives as "..".
        for (const std::string& path : std::vector<std::string>{
                 "../outside/secret.txt", "assets/../../outside/secret.txt", "./index.html", "/etc/passwd",
                 "escape/secret.txt", ".env", "assets\\..\\index.html", std::string("index.html\0x", 12)}) {
            Request request = requestFor("/" + path, {{"Accept", "text/html"}});
            Response response;
            CPPUNIT_ASSERT_THROW_MESSAGE(path, files_->serve(request, path, response), NotFound);
        }
    }

    void htmlNavigationsFallBackToTheIndex() {
        const Response page = get("/board/floor/2", {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
        CPPUNIT_ASSERT_EQUAL(200, page.status);
        CPPUNIT_ASSERT_EQUAL(kIndex, page.body);
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), page.header("Cache-Control"));
        // A script or fetch that misses is a 404, not a page of HTML.
        CPPUNIT_ASSERT_THROW(get("/assets/missing-1234abcd.js", {{"Accept", "*/*"}}), NotFound);
        for (const std::string path : {"/api/rooms", "/health/x", "/metrics/y", "/socket.io/z", "/api"}) {
            try {
                get(path, {{"Accept", "text/html"}});
                CPPUNIT_FAIL(path + " fell back to the index");
            } catch (const NotFound& error) {
                CPPUNIT_ASSERT_EQUAL("Cannot GET " + path, std::string(error.what()));
            }
        }
        StaticFiles::Options options{root_};
        options.singlePageFallback = false;
        StaticFiles plain(options);
        Request request = requestFor("/board", {{"Accept", "text/html"}});
        Response response;
        CPPUNIT_ASSERT_THROW(plain.serve(request, "board", response), NotFound);
    }

    void htmlAnswersCarryTheConfiguredHeaders() {
        StaticFiles::Options options{root_};
        options.htmlHeaders = {{"Content-Security-Policy", "default-src 'self'"}};
        StaticFiles withPolicy(options);
        Request request = requestFor("/", {});
        Response html, script;
        withPolicy.serve(request, "", html);
        withPolicy.serve(request, "assets/index-BdZk3x9Q.js", script);
        CPPUNIT_ASSERT_EQUAL(std::string("default-src 'self'"), html.header("Content-Security-Policy"));
        CPPUNIT_ASSERT(script.header("Content-Security-Policy").empty());
    }

    void aChangedFileIsServedFresh() {
        const std::string before = get("/").header("ETag");
        write(root_ + "/index.html", kIndex + "<p>new build</p>");
        const Response after = get("/");
        CPPUNIT_ASSERT(after.body.find("new build") != std::string::npos);
        CPPUNIT_ASSERT(after.header("ETag") != before);
    }

    void mountAddsOnePublicCatchAll() {
        RecordingRoutes routes;
        files_->mount(routes, "/");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), routes.routes.size());
        const auto& route = routes.routes.front();
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), route.method);
        CPPUNIT_ASSERT_EQUAL(std::string("/*path"), route.path);
        CPPUNIT_ASSERT(!route.access.requiresAuthentication);
        Request request = requestFor("/assets/logo.png", {});
        request.params["path"] = "assets/logo.png";
        Response response;
        route.handler(request, response);
        CPPUNIT_ASSERT_EQUAL(std::string("image/png"), response.header("Content-Type"));
        RecordingRoutes under;
        files_->mount(under, "/board/");
        CPPUNIT_ASSERT_EQUAL(std::string("/board/*path"), under.routes.front().path);
    }

    void namesTypesAndEncodings() {
        CPPUNIT_ASSERT(StaticFiles::isHashedAssetName("assets/index-BdZk3x9Q.js"));
        CPPUNIT_ASSERT(StaticFiles::isHashedAssetName("index-Bd-k3x9Q.css"));
        CPPUNIT_ASSERT(StaticFiles::isHashedAssetName("chunk.a1b2c3d4.js"));
        CPPUNIT_ASSERT(!StaticFiles::isHashedAssetName("my-component.js"));
        CPPUNIT_ASSERT(!StaticFiles::isHashedAssetName("index.html"));
        CPPUNIT_ASSERT(!StaticFiles::isHashedAssetName("logo-12.svg"));
        CPPUNIT_ASSERT_EQUAL(std::string("text/css; charset=utf-8"), StaticFiles::contentTypeFor("a/b.CSS"));
        CPPUNIT_ASSERT_EQUAL(std::string("image/svg+xml"), StaticFiles::contentTypeFor("icon.svg"));
        CPPUNIT_ASSERT_EQUAL(std::string("application/octet-stream"), StaticFiles::contentTypeFor("README"));
        CPPUNIT_ASSERT(StaticFiles::acceptsGzip("br;q=1.0, gzip;q=0.8"));
        CPPUNIT_ASSERT(StaticFiles::acceptsGzip("*"));
        CPPUNIT_ASSERT(!StaticFiles::acceptsGzip("identity"));
        CPPUNIT_ASSERT(!StaticFiles::acceptsGzip("gzip;q=0"));
        CPPUNIT_ASSERT(!StaticFiles::acceptsGzip(""));
    }

    void rootMustBeADirectory() {
        CPPUNIT_ASSERT_THROW(StaticFiles(StaticFiles::Options{root_ + "/index.html"}), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(StaticFiles(StaticFiles::Options{root_ + "/missing"}), std::invalid_argument);
    }

private:
    std::unique_ptr<Poco::TemporaryFile> base_;
    std::string root_;
    std::unique_ptr<StaticFiles> files_;

    static Request requestFor(const std::string& path, std::vector<std::pair<std::string, std::string>> headers) {
        Request request;
        request.method = "GET";
        request.path = path;
        request.headers = std::move(headers);
        return request;
    }

    Response get(const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {}) {
        Request request = requestFor(path, std::move(headers));
        Response response;
        files_->serve(request, path.substr(1), response);
        return response;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StaticFilesTest);
