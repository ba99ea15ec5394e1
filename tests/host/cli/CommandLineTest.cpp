// The host's option parser: the forms operators use, the errors they get,
// and the same handled options, leftover arguments and error messages as
// Poco::Util's OptionProcessor (what the host used before it stopped linking
// PocoUtil) on hand-picked and on generated command lines.
#include "cli/CommandLine.h"

#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <cppunit/extensions/HelperMacros.h>

#include <random>

using motel::host::CommandLine;
using motel::host::OptionError;
using motel::host::OptionSpec;

namespace {

const std::vector<OptionSpec>& specs() {
    static const std::vector<OptionSpec> options{
        {"daemon", "", "", "Run application as a daemon."},
        {"umask", "", "mask", "Set the daemon's umask."},
        {"pidfile", "", "path", "Write the process ID to the given file."},
        {"help", "h", "", "Show this help and exit.", true},
        {"version", "V", "", "Print the versions and exit.", true},
        {"config", "c", "FILE", "Read configuration from FILE."},
    };
    return options;
}

// What a parse did: the options handled ("name=value" each), then the
// leftover arguments, or the error message.
struct Outcome {
    std::vector<std::string> handled;
    std::vector<std::string> rest;
    std::string error;

    std::string text() const {
        std::string out = "handled:";
        for (const auto& h : handled) out += " [" + h + "]";
        out += " rest:";
        for (const auto& r : rest) out += " [" + r + "]";
        return out + " error: " + error;
    }
};

Outcome ours(const std::vector<std::string>& arguments) {
    Outcome outcome;
    try {
        outcome.rest = CommandLine(specs()).parse(arguments, [&](const OptionSpec& option, const std::string& value) {
            outcome.handled.push_back(option.fullName + "=" + value);
        });
    } catch (const OptionError& e) {
        outcome.error = e.what();
        outcome.rest.clear();
    }
    return outcome;
}

// Poco::Util::Application::processOptions, with --help and --version
// stopping the processing as the host's callbacks did.
Outcome poco(const std::vector<std::string>& arguments) {
    Poco::Util::OptionSet options;
    for (const auto& spec : specs()) {
        Poco::Util::Option option(spec.fullName, spec.shortName, spec.description);
        option.required(false).repeatable(false);
        if (spec.takesArgument()) option.argument(spec.argumentName);
        options.addOption(option);
    }
    Poco::Util::OptionProcessor processor(options);
    processor.setUnixStyle(true);
    Outcome outcome;
    std::vector<std::string> rest = arguments;
    bool stop = false;
    try {
        for (auto it = rest.begin(); it != rest.end() && !stop;) {
            std::string name;
            std::string value;
            if (processor.process(*it, name, value)) {
                if (!name.empty()) {
                    outcome.handled.push_back(name + "=" + value);
                    stop = name == "help" || name == "version";
                }
                it = rest.erase(it);
            } else {
                ++it;
            }
        }
        if (!stop) processor.checkRequired();
        outcome.rest = rest;
    } catch (const Poco::Exception& e) {
        outcome.error = e.displayText();
    }
    return outcome;
}

void assertSameAsPoco(const std::vector<std::string>& arguments) {
    std::string line;
    for (const auto& a : arguments) line += " '" + a + "'";
    CPPUNIT_ASSERT_EQUAL_MESSAGE("arguments:" + line, poco(arguments).text(), ours(arguments).text());
}

} // namespace

class CommandLineTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CommandLineTest);
    CPPUNIT_TEST(theFormsOperatorsUse);
    CPPUNIT_TEST(optionsMayFollowTheCommandUntilDoubleDash);
    CPPUNIT_TEST(helpAndVersionStopTheParsing);
    CPPUNIT_TEST(badOptionsAreErrorsWithTheirMessage);
    CPPUNIT_TEST(sameAsPocoOnTrickyCommandLines);
    CPPUNIT_TEST(sameAsPocoOnGeneratedCommandLines);
    CPPUNIT_TEST_SUITE_END();

public:
    void theFormsOperatorsUse() {
        for (const auto& form : std::vector<std::vector<std::string>>{{"--config=/etc/motel/motel.properties"},
                                                                      {"--config", "/etc/motel/motel.properties"},
                                                                      {"--config:/etc/motel/motel.properties"},
                                                                      {"-c", "/etc/motel/motel.properties"},
                                                                      {"-c/etc/motel/motel.properties"},
                                                                      {"--conf=/etc/motel/motel.properties"},
                                                                      {"--CONFIG=/etc/motel/motel.properties"}}) {
            auto arguments = form;
            arguments.push_back("serve");
            const Outcome outcome = ours(arguments);
            CPPUNIT_ASSERT_EQUAL(std::string("handled: [config=/etc/motel/motel.properties] rest: [serve] error: "),
                                 outcome.text());
        }
    }

    void optionsMayFollowTheCommandUntilDoubleDash() {
        CPPUNIT_ASSERT_EQUAL(std::string("handled: [config=x] rest: [user] [add] [a@b.c] error: "),
                             ours({"user", "add", "--config=x", "a@b.c"}).text());
        CPPUNIT_ASSERT_EQUAL(std::string("handled: rest: [user] [add] [--name] [-] error: "),
                             ours({"user", "add", "--", "--name", "-"}).text());
    }

    void helpAndVersionStopTheParsing() {
        CPPUNIT_ASSERT_EQUAL(std::string("handled: [help=] rest: [--bogus] [--] [x] error: "),
                             ours({"--help", "--bogus", "--", "x"}).text());
        CPPUNIT_ASSERT_EQUAL(std::string("handled: [version=] rest: [-x] error: "), ours({"-V", "-x"}).text());
    }

    void badOptionsAreErrorsWithTheirMessage() {
        CPPUNIT_ASSERT_EQUAL(std::string("Unknown option specified: bogus"), ours({"--bogus"}).error);
        CPPUNIT_ASSERT_EQUAL(std::string("Unknown option specified: v"), ours({"-v"}).error);
        CPPUNIT_ASSERT_EQUAL(std::string("Missing option argument: config requires FILE"), ours({"--config"}).error);
        CPPUNIT_ASSERT_EQUAL(std::string("Unexpected option argument: help=yes"), ours({"--help=yes"}).error);
        CPPUNIT_ASSERT_EQUAL(std::string("Option must not be given more than once: config"),
                             ours({"-ca", "--config=b"}).error);
        CPPUNIT_ASSERT_EQUAL(std::string("Ambiguous option specified: =x"), ours({"--=x"}).error);
    }

    void sameAsPocoOnTrickyCommandLines() {
        for (const auto& arguments : std::vector<std::vector<std::string>>{
                 {},
                 {"-"},
                 {"--"},
                 {"--", "--"},
                 {"---"},
                 {"--=x"},
                 {"--:"},
                 {"-=x"},
                 {"-hx"},
                 {"-conf"},
                 {"-cx=y"},
                 {"--config", "--version"},
                 {"--config", "--"},
                 {"-c"},
                 {"--he"},
                 {"--h=1"},
                 {"--d"},
                 {"--daemonx"},
                 {"--daemon=", "x"},
                 {"--umask"},
                 {"--umask", "027", "serve"},
                 {"--pidfile:/run/x.pid"},
                 {"--p=x", "--pi=y"},
                 {"--help", "--help"},
                 {"-h", "-h"},
                 {"--configx=1"},
                 {"--VERSION"},
                 {"-VV"},
             })
            assertSameAsPoco(arguments);
    }

    void sameAsPocoOnGeneratedCommandLines() {
        const std::vector<std::string> tokens{
            "--help",     "-h",          "--HELP",    "--he",        "-hx",        "--config", "--config=a",
            "--config:b", "-c",          "-cfile",    "-c=x",        "--c",        "--",       "-",
            "x",          "serve",       "--version", "-V",          "-v",         "--ver=1",  "--daemon",
            "--d",        "--umask=027", "--umask",   "--pidfile=p", "--p",        "--=x",     "--bogus",
            "-conf",      "--co",        "user",      "--u",         "--version=", "-Vx",      ""};
        std::mt19937 random(20261207);
        std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
        std::uniform_int_distribution<int> length(0, 5);
        for (int round = 0; round < 20000; ++round) {
            std::vector<std::string> arguments;
            for (int i = length(random); i > 0; --i) arguments.push_back(tokens[pick(random)]);
            assertSameAsPoco(arguments);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CommandLineTest);
