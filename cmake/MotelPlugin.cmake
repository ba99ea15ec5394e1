# motel_add_plugin(<name> <sources>...)
#
# Builds a Motel Manager plugin: a shared library named <name>.so, linked only
# against the SDK (Motel::sdk, the ABI core; Motel::sdk_kit, the static
# helpers; Motel::plugin_interfaces, the published interfaces of other
# plugins), with hidden symbols (only the ABI stamp and Poco's manifest are
# exported), installed where the host looks for plugins.
# Used in-tree and, installed with the SDK package, by out-of-tree plugins.

function(motel_add_plugin name)
  if(NOT ARGN)
    message(FATAL_ERROR "motel_add_plugin(${name}): no sources given")
  endif()
  add_library(${name} MODULE ${ARGN})
  target_link_libraries(${name} PRIVATE Motel::sdk Motel::sdk_kit)
  if(TARGET Motel::plugin_interfaces)
    target_link_libraries(${name} PRIVATE Motel::plugin_interfaces)
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    INSTALL_RPATH "$ORIGIN/../..")
  if(DEFINED MOTEL_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${MOTEL_PLUGIN_OUTPUT_DIR})
  endif()
  if(NOT DEFINED MOTEL_PLUGIN_INSTALL_DIR)
    # Where the host looks by default: <prefix>/lib/motel/plugins.
    set(MOTEL_PLUGIN_INSTALL_DIR lib/motel/plugins)
  endif()
  # Test fixtures set MOTEL_PLUGIN_NO_INSTALL: they are never shipped.
  # MOTEL_PLUGIN_INSTALL_COMPONENT (optional): the install component, which
  # picks the Debian package in-tree (cmake/MotelPackaging.cmake).
  if(NOT MOTEL_PLUGIN_NO_INSTALL)
    if(MOTEL_PLUGIN_INSTALL_COMPONENT)
      install(TARGETS ${name} LIBRARY DESTINATION ${MOTEL_PLUGIN_INSTALL_DIR} COMPONENT ${MOTEL_PLUGIN_INSTALL_COMPONENT})
    else()
      install(TARGETS ${name} LIBRARY DESTINATION ${MOTEL_PLUGIN_INSTALL_DIR})
    endif()
  endif()
endfunction()
