# Finds libcap (Debian: libcap-dev), which ships a pkg-config file but no CMake package.
# Defines Libcap::Libcap, on the static archive when there is one (oci-lint links statically
# for a fast start: see validator/CMakeLists.txt), and Libcap_IS_STATIC.
find_path(Libcap_INCLUDE_DIR NAMES sys/capability.h)
find_library(Libcap_ARCHIVE NAMES libcap.a)
find_library(Libcap_LIBRARY NAMES cap)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libcap REQUIRED_VARS Libcap_LIBRARY Libcap_INCLUDE_DIR)
if(Libcap_FOUND AND NOT TARGET Libcap::Libcap)
  if(Libcap_ARCHIVE)
    set(Libcap_IS_STATIC TRUE)
    set(Libcap_LOCATION "${Libcap_ARCHIVE}")
  else()
    set(Libcap_IS_STATIC FALSE)
    set(Libcap_LOCATION "${Libcap_LIBRARY}")
  endif()
  add_library(Libcap::Libcap UNKNOWN IMPORTED)
  set_target_properties(Libcap::Libcap PROPERTIES
    IMPORTED_LOCATION "${Libcap_LOCATION}"
    INTERFACE_INCLUDE_DIRECTORIES "${Libcap_INCLUDE_DIR}")
endif()
mark_as_advanced(Libcap_INCLUDE_DIR Libcap_ARCHIVE Libcap_LIBRARY)
