# Read by cpack when it runs (CPACK_PROJECT_CONFIG_FILE): the Debian revision
# from MOTEL_PACKAGE_RELEASE (default 1), so the same build can be packaged
# again as a newer version (an upgrade) without reconfiguring.
set(MOTEL_PACKAGE_RELEASE "$ENV{MOTEL_PACKAGE_RELEASE}")
if(NOT MOTEL_PACKAGE_RELEASE)
  set(MOTEL_PACKAGE_RELEASE 1)
endif()
if(NOT MOTEL_PACKAGE_RELEASE MATCHES "^[0-9][0-9a-z.+~]*$")
  message(FATAL_ERROR "MOTEL_PACKAGE_RELEASE='${MOTEL_PACKAGE_RELEASE}' is not a Debian revision")
endif()
set(CPACK_DEBIAN_PACKAGE_RELEASE ${MOTEL_PACKAGE_RELEASE})
set(MOTEL_DEB_VERSION "${CPACK_PACKAGE_VERSION}-${MOTEL_PACKAGE_RELEASE}")
foreach(group DASHBOARD SDK)
  string(REPLACE "%MOTEL_DEB_VERSION%" "${MOTEL_DEB_VERSION}" CPACK_DEBIAN_${group}_PACKAGE_DEPENDS
         "${CPACK_DEBIAN_${group}_PACKAGE_DEPENDS}")
endforeach()
# CPack warns for every plugin module that has no SONAME (they are modules,
# not libraries: nothing links them, so they belong in no shlibs file).
set(CMAKE_SUPPRESS_DEVELOPER_WARNINGS ON CACHE INTERNAL "")
