# motel_add_plugin_core(<target> <sources>...)
#
# The static library that holds a standard plugin's logic, linked by the
# plugin module (motel_add_plugin) and by the plugin's unit tests: its src/
# folder on the include path, the SDK kit and the published interfaces
# linked, and compiled like the module (hidden symbols, position
# independent) so nothing of it is exported from the .so. In-tree only; an
# out-of-tree plugin needs no such split.

function(motel_add_plugin_core target)
  add_library(${target} STATIC ${ARGN})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC Motel::sdk_kit Motel::plugin_interfaces)
  set_target_properties(${target} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
endfunction()
