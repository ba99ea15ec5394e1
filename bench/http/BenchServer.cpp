// A standalone HttpServer with a trivial handler, for measuring the HTTP front
// end against nginx without plugins or a database in the way.
//
//   motel_http_bench [--port N] [--io-threads N] [--workers N] [--inline 0|1]
//
// Answers every request like /health/live does ({"status":"ok"}), prints
// "listening on <port>" and runs until SIGINT/SIGTERM, then stops gracefully.
#include "http/HttpServer.h"

#include <Poco/JSON/Object.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include <unistd.h>

int main(int argc, char** argv) {
    motel::host::HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const unsigned value = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
        if (flag == "--port")
            options.port = static_cast<std::uint16_t>(value);
        else if (flag == "--io-threads")
            options.ioThreads = value;
        else if (flag == "--workers")
            options.workerThreads = value;
        else if (flag == "--inline")
            options.inlineFastHandlers = value != 0;
        else {
            std::cerr << "unknown option " << flag << "\n";
            return 2;
        }
    }

    // Block the stop signals before any thread starts, then wait for them here.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    motel::host::HttpServer server(
        options, [](motel::sdk::Request&, motel::sdk::Response& response, motel::host::ConnectionTakeover&) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
            body->set("status", "ok");
            response.json(200, body);
        });
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    std::cout << "listening on " << server.port() << std::endl;
    int signal = 0;
    sigwait(&stopSignals, &signal);
    server.stop(std::chrono::seconds(5));
    return 0;
}
