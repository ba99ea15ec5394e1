#include "app/PortFile.h"

#include <Poco/Exception.h>
#include <Poco/File.h>

#include <fstream>

namespace motel::host {

void writePortFile(const std::string& path, std::uint16_t port) {
    if (path.empty()) return;
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::trunc);
        out << port << "\n";
        out.close();
        if (!out) throw Poco::FileException("cannot write http.portFile", partial);
    }
    Poco::File(partial).renameTo(path);
}

} // namespace motel::host
