#pragma once
// Where the host's log lines go and how they look, from the configuration:
//   log.format   text (default) or json (JsonLogFormatter)
//   log.file     empty: standard error (journald under systemd); else a file
//                the host appends to and reopens on reopenFiles() (SIGHUP,
//                `systemctl reload`, after logrotate moved it)
//   log.level    every logger's level
//   log.level.<logger>  one logger and the loggers below it, e.g.
//                log.level.motel.access = warning
// Writing is asynchronous so a slow terminal, pipe or disk never holds up a
// request (BatchingAsyncChannel: one writer thread, woken once per batch).

#include "logging/BatchingAsyncChannel.h"

#include <Poco/AutoPtr.h>
#include <Poco/FileChannel.h>

#include <string>

namespace motel::host {

class HostConfig;

class HostLogging {
public:
    HostLogging() = default;
    ~HostLogging();
    HostLogging(const HostLogging&) = delete;
    HostLogging& operator=(const HostLogging&) = delete;

    /// Installs the channel and the levels for every logger, present and
    /// future. Call once, before plugins are loaded.
    void configure(const HostConfig& config);
    /// Applies the levels of `config` again (the reload path); the format and
    /// the file are kept, they need a restart.
    static void applyLevels(const HostConfig& config);
    /// Closes the log file so the next line opens it again at its path.
    /// Nothing to do when logging to standard error.
    void reopenFiles();
    /// Writes what is queued and stops the writer (before the process exits).
    void flush();

private:
    Poco::AutoPtr<BatchingAsyncChannel> async_;
    Poco::AutoPtr<Poco::FileChannel> file_;
};

} // namespace motel::host
