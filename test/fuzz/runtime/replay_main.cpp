// dlc-fuzz-replay TARGET FILE|FOLDER...: runs the runtime fuzz targets' code on
// saved inputs outside libFuzzer (the regression inputs under
// test/fuzz/regressions/TARGET/ in the default test suite). An input that
// crashes the reader crashes this tool; every other outcome is a pass.
#include "test/fuzz/FuzzTarget.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

int main(int argc, char **argv) {
  namespace fs = std::filesystem;
  auto &targets = dlc::fuzz::targets();
  if (argc < 3 || !targets.count(argv[1])) {
    std::cerr << "usage: dlc-fuzz-replay TARGET FILE|FOLDER...; targets:";
    for (const auto &[name, f] : targets) std::cerr << " " << name;
    std::cerr << "\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const fs::directory_entry &e : fs::directory_iterator(argv[i]))
        if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
    } else {
      files.push_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "dlc-fuzz-replay: no input files\n";
    return 2;
  }
  for (const fs::path &p : files) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      std::cerr << "dlc-fuzz-replay: cannot read " << p << "\n";
      return 2;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    targets.at(argv[1])(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    std::cout << "ok " << p.filename().string() << " (" << bytes.size() << " bytes)\n";
  }
  return 0;
}
