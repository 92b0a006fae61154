# The libraries the runtime links, linked statically where the system has the
# archives (Abseil, zlib): a runtime-only executable (dlc-run) then needs
# nothing on a machine but the C and C++ runtime libraries, and the libraries a
# GPU machine has (libcuda, cuDNN, cuBLAS), which the runtime loads itself.
#   DlcAbseil  every Abseil archive, as one link group (the linker takes what
#              the runtime uses), else the shared absl:: targets
#   DlcZlib    libz.a, else ZLIB::ZLIB
find_package(Threads REQUIRED)
add_library(DlcAbseil INTERFACE)
file(GLOB DLC_ABSL_ARCHIVES "${CMAKE_LIBRARY_ARCHITECTURE_DIR}/libabsl_*.a"
     "/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/libabsl_*.a" "/usr/lib/libabsl_*.a")
list(REMOVE_DUPLICATES DLC_ABSL_ARCHIVES)
if(DLC_ABSL_ARCHIVES)
  list(LENGTH DLC_ABSL_ARCHIVES DLC_ABSL_COUNT)
  message(STATUS "Abseil: ${DLC_ABSL_COUNT} static archives (the runtime links Abseil statically)")
  target_link_libraries(DlcAbseil INTERFACE
    -Wl,--start-group ${DLC_ABSL_ARCHIVES} -Wl,--end-group Threads::Threads)
else()
  message(STATUS "Abseil: no static archives; the runtime links the shared libraries")
  target_link_libraries(DlcAbseil INTERFACE absl::status absl::statusor absl::strings
    absl::str_format absl::span)
endif()

add_library(DlcZlib INTERFACE)
find_library(DLC_ZLIB_ARCHIVE NAMES libz.a)
if(DLC_ZLIB_ARCHIVE)
  target_link_libraries(DlcZlib INTERFACE ${DLC_ZLIB_ARCHIVE})
  target_include_directories(DlcZlib INTERFACE ${ZLIB_INCLUDE_DIRS})
else()
  target_link_libraries(DlcZlib INTERFACE ZLIB::ZLIB)
endif()
