// Which CUDA path an op takes (see LibraryChoice.h).
#include "codegen/cuda/LibraryChoice.h"

#include "mlir/IR/Builders.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace dlc::cuda {

std::optional<LibraryPolicy> parseLibraryPolicy(llvm::StringRef name) {
  if (name == "library")
    return LibraryPolicy::Library;
  if (name == "default")
    return LibraryPolicy::Default;
  return std::nullopt;
}

PathChoice chooseConvolution(LibraryPolicy policy) {
  if (policy == LibraryPolicy::Library)
    return {true, "cuda-cudnn calls cuDNN for every convolution"};
  return {true, "default table: cuDNN's engines are chosen per GPU when the bundle is opened; "
                "the generated convolution is one tiled implicit GEMM (and its input gradient "
                "goes through a materialised patch-gradient matrix)"};
}

PathChoice chooseGemm(LibraryPolicy policy, int64_t m, int64_t n, int64_t k) {
  if (policy == LibraryPolicy::Library)
    return {true, "cuda-cudnn calls cuBLASLt for every GEMM"};
  const int64_t macs = m * n * k;
  std::string size;
  llvm::raw_string_ostream os(size);
  os << m << "·" << n << "·" << k << " = " << macs << " multiply-adds";
  if (macs >= kDefaultGemmLibraryMacs)
    return {true, "default table: " + size + " ≥ 2^21: cuBLASLt picks its tile shape and split "
                  "for this size per GPU; the generated kernel has one (64×64 tiles)"};
  return {false, "default table: " + size + " < 2^21: a short GEMM either way; the generated "
                 "kernel needs no library plan or workspace"};
}

std::string layerOf(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

void recordPath(ModuleOp module, Location origin, llvm::StringRef what, llvm::StringRef path,
                llvm::StringRef why) {
  Builder b(module.getContext());
  SmallVector<Attribute> entries;
  if (auto existing = module->getAttrOfType<ArrayAttr>("dlc.paths"))
    entries.assign(existing.begin(), existing.end());
  NamedAttribute fields[] = {b.getNamedAttr("layer", b.getStringAttr(layerOf(origin))),
                             b.getNamedAttr("what", b.getStringAttr(what)),
                             b.getNamedAttr("path", b.getStringAttr(path)),
                             b.getNamedAttr("why", b.getStringAttr(why))};
  Attribute entry = b.getDictionaryAttr(fields);
  if (!llvm::is_contained(entries, entry))
    entries.push_back(entry);
  module->setAttr("dlc.paths", b.getArrayAttr(entries));
}

std::string describePaths(ModuleOp module) {
  std::string out;
  llvm::raw_string_ostream os(out);
  auto entries = module->getAttrOfType<ArrayAttr>("dlc.paths");
  if (!entries)
    return out;
  for (Attribute a : entries) {
    auto d = cast<DictionaryAttr>(a);
    auto text = [&](llvm::StringRef key) { return cast<StringAttr>(d.get(key)).getValue(); };
    os << "  " << (text("layer").empty() ? "?" : text("layer")) << "  " << text("what") << ": "
       << text("path") << " (" << text("why") << ")\n";
  }
  return out;
}

} // namespace dlc::cuda
