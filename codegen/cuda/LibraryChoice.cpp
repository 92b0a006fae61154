// Which CUDA path an op takes (see LibraryChoice.h).
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/Payload.h"

#include "mlir/IR/Builders.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

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

PathChoice chooseRnn(LibraryPolicy policy) {
  if (policy == LibraryPolicy::Library)
    return {true, "cuda-cudnn calls cuDNN's RNN for every recurrent layer whose math it computes "
                  "exactly"};
  return {true, "default table: cuDNN's RNN runs the whole sequence in its own kernels; the "
                "generated path launches the gate kernels and a recurrent GEMM per time step"};
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

std::string parseTuneCache(llvm::StringRef text, TuneCache &out) {
  using nlohmann::json;
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return "not a JSON object";
  if (!j.contains("schema") || j["schema"] != kTuneCacheSchema.str())
    return "schema: expected \"" + kTuneCacheSchema.str() + "\"";
  if (!j.contains("device") || !j["device"].is_string())
    return "device: expected a string";
  out.device = j["device"].get<std::string>();
  if (!j.contains("layers") || !j["layers"].is_array())
    return "layers: expected an array";
  out.layers.clear();
  for (size_t i = 0; i < j["layers"].size(); ++i) {
    const json &e = j["layers"][i];
    const std::string at = "layers[" + std::to_string(i) + "]";
    if (!e.is_object())
      return at + ": expected an object";
    TunedLayer l;
    if (!e.contains("layer") || !e["layer"].is_string())
      return at + ".layer: expected a string";
    l.layer = e["layer"].get<std::string>();
    if (!e.contains("ops") || !e["ops"].is_array())
      return at + ".ops: expected an array of strings";
    for (const json &op : e["ops"]) {
      if (!op.is_string())
        return at + ".ops: expected an array of strings";
      l.ops.push_back(op.get<std::string>());
    }
    for (auto [key, field] : {std::pair<const char *, double *>{"library_ms", &l.libraryMs},
                              {"generated_ms", &l.generatedMs}}) {
      if (!e.contains(key) || !e[key].is_number() || e[key].get<double>() < 0)
        return at + "." + key + ": expected a number of milliseconds";
      *field = e[key].get<double>();
    }
    if (!e.contains("choice") || (e["choice"] != "library" && e["choice"] != "generated"))
      return at + ".choice: expected \"library\" or \"generated\"";
    l.library = e["choice"] == "library";
    out.layers.push_back(std::move(l));
  }
  return "";
}

std::string readTuneCache(llvm::StringRef path, TuneCache &out) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return "tune cache " + path.str() + ": " + buffer.getError().message();
  std::string problem = parseTuneCache((*buffer)->getBuffer(), out);
  return problem.empty() ? "" : "tune cache " + path.str() + ": " + problem;
}

std::string printTuneCache(const TuneCache &cache) {
  using nlohmann::json;
  json layers = json::array();
  for (const TunedLayer &l : cache.layers)
    layers.push_back({{"layer", l.layer},
                      {"ops", l.ops},
                      {"library_ms", l.libraryMs},
                      {"generated_ms", l.generatedMs},
                      {"choice", l.library ? "library" : "generated"}});
  json j = {{"schema", kTuneCacheSchema.str()}, {"device", cache.device}, {"layers", layers}};
  return j.dump(1) + "\n";
}

PathChoice applyTuneCache(const TuneCache *cache, llvm::StringRef layer, llvm::StringRef what,
                          PathChoice fallback) {
  if (!cache)
    return fallback;
  bool otherShapes = false;
  for (const TunedLayer &l : cache->layers) {
    if (l.layer != layer)
      continue;
    if (!llvm::is_contained(l.ops, what)) {
      otherShapes = true;
      continue;
    }
    std::string why;
    llvm::raw_string_ostream os(why);
    os << "measured by dlc tune on " << cache->device << ": the layer's steps take "
       << llvm::format("%.3f", l.libraryMs) << " ms with library calls, "
       << llvm::format("%.3f", l.generatedMs) << " ms with generated kernels";
    return {l.library, why};
  }
  if (otherShapes)
    fallback.why += " (the tune cache measured " + layer.str() + " with other ops or shapes)";
  else
    fallback.why += " (the tune cache has no " + layer.str() + ")";
  return fallback;
}

FailureOr<std::optional<TuneCache>> loadTuneCache(ModuleOp module, llvm::StringRef passName,
                                                  llvm::StringRef path, LibraryPolicy policy) {
  if (path.empty())
    return std::optional<TuneCache>();
  if (policy != LibraryPolicy::Default) {
    module.emitError() << passName << ": a tune cache applies to policy=default (--target=cuda)";
    return failure();
  }
  TuneCache cache;
  if (std::string problem = readTuneCache(path, cache); !problem.empty()) {
    module.emitError() << passName << ": " << problem;
    return failure();
  }
  return std::optional<TuneCache>(std::move(cache));
}

bool hasStaticF32Operands(Operation *op) {
  return llvm::all_of(op->getOperandTypes(), [](Type t) {
    auto s = dyn_cast<ShapedType>(t);
    return s && s.getElementType().isF32() && s.hasStaticShape();
  });
}

std::string shapeText(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(cast<ShapedType>(t).getShape(), os, "x");
  return s;
}

void recordPath(ModuleOp module, Location origin, llvm::StringRef what, llvm::StringRef path,
                llvm::StringRef why, llvm::StringRef key) {
  Builder b(module.getContext());
  SmallVector<Attribute> entries;
  if (auto existing = module->getAttrOfType<ArrayAttr>("dlc.paths"))
    entries.assign(existing.begin(), existing.end());
  NamedAttribute fields[] = {b.getNamedAttr("layer", b.getStringAttr(locationName(origin))),
                             b.getNamedAttr("what", b.getStringAttr(what)),
                             b.getNamedAttr("path", b.getStringAttr(path)),
                             b.getNamedAttr("why", b.getStringAttr(why)),
                             b.getNamedAttr("key", b.getStringAttr(key.empty() ? what : key))};
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
