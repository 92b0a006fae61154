// Anchor translation unit for the shared MLIR precompiled header (cmake/DlcPrecompiledHeaders.cmake).
