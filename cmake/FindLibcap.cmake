# Finds libcap (Debian: libcap-dev), which ships a pkg-config file but no CMake package.
# Defines Libcap::Libcap.
find_path(Libcap_INCLUDE_DIR NAMES sys/capability.h)
find_library(Libcap_LIBRARY NAMES cap)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libcap REQUIRED_VARS Libcap_LIBRARY Libcap_INCLUDE_DIR)
if(Libcap_FOUND AND NOT TARGET Libcap::Libcap)
  add_library(Libcap::Libcap UNKNOWN IMPORTED)
  set_target_properties(Libcap::Libcap PROPERTIES
    IMPORTED_LOCATION "${Libcap_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Libcap_INCLUDE_DIR}")
endif()
mark_as_advanced(Libcap_INCLUDE_DIR Libcap_LIBRARY)
