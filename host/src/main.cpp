// motel-host: the Motel Manager host process. Everything lives in
// MotelApplication; this file only starts it.
#include "app/MotelApplication.h"

int main(int argc, char** argv) {
    motel::host::MotelApplication app;
    return app.run(argc, argv);
}
