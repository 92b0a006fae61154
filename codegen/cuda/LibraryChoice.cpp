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
  if (j.contains("schema") && j["schema"] == "dlc-tune/1")
    return "schema dlc-tune/1: a cache of per-layer choices timed step by step outside the CUDA "
           "graph, which this dlc no longer reads; run dlc tune again for a dlc-tune/2 cache "
           "(per op, timed inside a captured graph)";
  if (!j.contains("schema") || j["schema"] != kTuneCacheSchema.str())
    return "schema: expected \"" + kTuneCacheSchema.str() + "\"";
  if (!j.contains("device") || !j["device"].is_string())
    return "device: expected a string";
  out.device = j["device"].get<std::string>();
  if (!j.contains("ops") || !j["ops"].is_array())
    return "ops: expected an array";
  out.ops.clear();
  for (size_t i = 0; i < j["ops"].size(); ++i) {
    const json &e = j["ops"][i];
    const std::string at = "ops[" + std::to_string(i) + "]";
    if (!e.is_object())
      return at + ": expected an object";
    TunedOp o;
    for (auto [key, field] : {std::pair<const char *, std::string *>{"layer", &o.layer},
                              {"op", &o.op}}) {
      if (!e.contains(key) || !e[key].is_string() || e[key].get<std::string>().empty())
        return at + "." + key + ": expected a non-empty string";
      *field = e[key].get<std::string>();
    }
    for (auto [key, field] : {std::pair<const char *, double *>{"library_ms", &o.libraryMs},
                              {"generated_ms", &o.generatedMs}}) {
      if (!e.contains(key) || !e[key].is_number() || e[key].get<double>() < 0)
        return at + "." + key + ": expected a number of milliseconds";
      *field = e[key].get<double>();
    }
    if (!e.contains("choice") || (e["choice"] != "library" && e["choice"] != "generated"))
      return at + ".choice: expected \"library\" or \"generated\"";
    o.library = e["choice"] == "library";
    out.ops.push_back(std::move(o));
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
  json ops = json::array();
  for (const TunedOp &o : cache.ops)
    ops.push_back({{"layer", o.layer},
                   {"op", o.op},
                   {"library_ms", o.libraryMs},
                   {"generated_ms", o.generatedMs},
                   {"choice", o.library ? "library" : "generated"}});
  json j = {{"schema", kTuneCacheSchema.str()}, {"device", cache.device}, {"ops", ops}};
  return j.dump(1) + "\n";
}

PathChoice applyTuneCache(const TuneCache *cache, llvm::StringRef layer, llvm::StringRef key,
                          PathChoice fallback) {
  if (!cache)
    return fallback;
  bool otherOps = false;
  for (const TunedOp &o : cache->ops) {
    if (o.layer != layer)
      continue;
    if (o.op != key) {
      otherOps = true;
      continue;
    }
    std::string why;
    llvm::raw_string_ostream os(why);
    os << "measured by dlc tune on " << cache->device << ": "
       << llvm::format("%.4f", o.libraryMs) << " ms with the library call, "
       << llvm::format("%.4f", o.generatedMs) << " ms with generated kernels";
    return {o.library, why};
  }
  if (otherOps)
    fallback.why += " (the tune cache measured other ops or shapes of " + layer.str() + ")";
  else
    fallback.why += " (the tune cache has no op of " + layer.str() + ")";
  return fallback;
}

namespace {
constexpr llvm::StringLiteral kOpKeyAttr = "dlc.op_key";
} // namespace

Location withOpKey(Location loc, llvm::StringRef key) {
  if (opKeyOf(loc) == key)
    return loc;
  Builder b(loc->getContext());
  return FusedLoc::get(b.getContext(), {loc},
                       b.getDictionaryAttr(b.getNamedAttr(kOpKeyAttr, b.getStringAttr(key))));
}

std::string opKeyOf(Location loc) {
  std::string key;
  loc->walk([&](Location inner) {
    auto fused = dyn_cast<FusedLoc>(inner);
    auto meta = fused ? dyn_cast_or_null<DictionaryAttr>(fused.getMetadata()) : DictionaryAttr();
    if (auto k = meta ? meta.getAs<StringAttr>(kOpKeyAttr) : StringAttr()) {
      key = k.str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return key;
}

FailureOr<LibraryPassOptions> readLibraryPassOptions(ModuleOp module, llvm::StringRef passName,
                                                     llvm::StringRef policy,
                                                     llvm::StringRef tuneCachePath) {
  LibraryPassOptions options;
  std::optional<LibraryPolicy> parsed = parseLibraryPolicy(policy);
  if (!parsed) {
    module.emitError() << passName << ": policy '" << policy
                       << "' is neither 'library' nor 'default'";
    return failure();
  }
  options.policy = *parsed;
  if (tuneCachePath.empty())
    return options;
  if (options.policy != LibraryPolicy::Default) {
    module.emitError() << passName << ": a tune cache applies to policy=default (--target=cuda)";
    return failure();
  }
  TuneCache cache;
  if (std::string problem = readTuneCache(tuneCachePath, cache); !problem.empty()) {
    module.emitError() << passName << ": " << problem;
    return failure();
  }
  options.cache = std::move(cache);
  return options;
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
