// The main() of every CppUnit runner: runs all suites registered with
// CPPUNIT_TEST_SUITE_REGISTRATION and exits non-zero on any failure.
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <csignal>
#include <iostream>

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector collected;
    controller.addListener(&collected);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);

    CppUnit::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    // An optional argument selects one test or suite by name.
    runner.run(controller, argc > 1 ? argv[1] : "");

    CppUnit::CompilerOutputter outputter(&collected, std::cerr);
    outputter.write();
    return collected.wasSuccessful() ? 0 : 1;
}
