// The frontend's API boundary: reads the file, runs the readers, and turns ImportError into MLIR diagnostics.
#include "frontend/KerasImporter.h"

#include "frontend/ConfigNode.h"
#include "frontend/GraphBuilder.h"
#include "frontend/KerasArchive.h"
#include "frontend/KerasModel.h"
#include "frontend/LayerRegistry.h"
#include "frontend/TrainingConfig.h"

#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <exception>
#include <new>

using namespace mlir;

namespace dlc {

namespace {

using frontend::ImportError;
using frontend::SourcePos;

Location locOf(MLIRContext &context, const SourcePos &pos) {
  return FileLineColLoc::get(&context, pos.file, pos.line, pos.col);
}

/// Keras 2 `to_json()` and Keras 3 config.json start with '{' (Keras 2.0
/// JSON of a list-form Sequential too); PyYAML block output never does.
bool isJsonSyntax(const std::string &text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      continue;
    return c == '{' || c == '[';
  }
  return false;
}

/// The value of the key that ends at `keyEnd` in YAML or JSON text
/// (`name: dense_1`, `"name": "dense_1"`), or "".
std::string valueAfterKey(const std::string &text, size_t keyEnd) {
  size_t i = keyEnd;
  if (i < text.size() && (text[i] == '"' || text[i] == '\''))
    ++i;
  while (i < text.size() && text[i] == ' ')
    ++i;
  if (i >= text.size() || text[i] != ':')
    return "";
  ++i;
  while (i < text.size() && (text[i] == ' ' || text[i] == '"' || text[i] == '\''))
    ++i;
  size_t start = i;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                             text[i] == '_' || text[i] == '-' || text[i] == '.'))
    ++i;
  return text.substr(start, i - start);
}

/// Best effort, for syntax errors only (no document to ask): the layer
/// whose text surrounds `offset`, as "layer 'dense_1' (Dense)". Looks for
/// the last `class_name` of a supported layer class before the offset and
/// the first `name` key after it.
std::string guessLayerAt(const std::string &text, size_t offset) {
  std::string cls;
  size_t clsPos = std::string::npos;
  for (size_t p = text.find("class_name"); p != std::string::npos && p < offset;
       p = text.find("class_name", p + 1)) {
    std::string c = valueAfterKey(text, p + 10);
    if (!c.empty() && frontend::findLayerImporter(c))
      cls = c, clsPos = p;
  }
  if (clsPos == std::string::npos)
    return "";
  for (size_t p = text.find("name", clsPos + 10); p != std::string::npos;
       p = text.find("name", p + 1)) {
    char before = p ? text[p - 1] : ' ';
    if (std::isalnum(static_cast<unsigned char>(before)) || before == '_')
      continue;
    std::string name = valueAfterKey(text, p + 4);
    if (!name.empty())
      return "layer '" + name + "' (" + cls + ")";
  }
  return "";
}

/// Runs the verifier; its diagnostics are re-emitted prefixed with the layer
/// (found through the op's NameLoc), so they read like the frontend's own.
bool verifyWithLayerNames(ModuleOp module, const frontend::KerasModel &model) {
  MLIRContext &context = *module.getContext();
  std::vector<std::pair<Location, std::string>> diags;
  LogicalResult result = success();
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      diags.emplace_back(diag.getLocation(), diag.str());
      return success();
    });
    result = verify(module);
  }
  if (succeeded(result))
    return true;
  for (auto &[loc, message] : diags) {
    std::string prefix;
    if (auto name = dyn_cast<NameLoc>(loc)) {
      std::string layer = name.getName().str();
      const frontend::LayerSpec *spec = model.findLayer(layer);
      prefix = spec ? frontend::layerContext(layer, spec->className)
                    : "layer '" + layer + "': ";
    }
    emitError(loc) << prefix << message;
  }
  if (diags.empty())
    emitError(module.getLoc()) << "the imported model does not verify";
  return false;
}

OwningOpRef<ModuleOp> importBuffer(const std::string &contents,
                                   const std::string &bufferName,
                                   MLIRContext &context,
                                   const ImportOptions &options) {
  context.getOrLoadDialect<DlcDialect>();
  context.getOrLoadDialect<func::FuncDialect>();
  std::string fileName = bufferName;
  try {
    if (options.batchSize < 0 || options.batchSize > frontend::kMaxDimSize)
      throw ImportError{SourcePos{bufferName, 1, 1},
                        "the batch size must be in [1, 2^31 - 1], got " +
                            std::to_string(options.batchSize)};
    std::string text;
    std::optional<std::string> archiveVersion;
    if (frontend::looksLikeZip(contents)) {
      frontend::KerasArchive archive =
          frontend::readKerasArchive(contents, bufferName);
      text = std::move(archive.config);
      archiveVersion = archive.kerasVersion;
      // Diagnostics point into the archive member.
      fileName = bufferName + "/config.json";
    } else if (llvm::StringRef(bufferName).ends_with(".keras")) {
      throw ImportError{SourcePos{bufferName, 1, 1},
                        "not a .keras archive: a Keras 3 .keras file is a zip "
                        "holding config.json, but this file does not start "
                        "with a zip header"};
    } else {
      text = contents;
    }
    std::vector<ImportError> warnings;
    frontend::ConfigNode root = frontend::parseConfig(text, fileName, &warnings);
    for (const ImportError &w : warnings)
      emitWarning(locOf(context, w.pos)) << w.message;
    std::string stem = llvm::sys::path::stem(bufferName).str();
    frontend::KerasModel model = frontend::readKerasModel(
        root, isJsonSyntax(text), archiveVersion, stem.empty() ? "model" : stem);

    Builder b(&context);
    frontend::TrainingConfig training;
    if (model.training)
      training = frontend::readTrainingConfig(*model.training, context);
    int64_t batch = options.batchSize > 0   ? options.batchSize
                    : training.batchSize > 0 ? training.batchSize
                                             : 1;

    OwningOpRef<ModuleOp> module(
        ModuleOp::create(locOf(context, root.valuePos())));
    SmallVector<NamedAttribute> info{
        b.getNamedAttr("name", b.getStringAttr(model.name)),
        b.getNamedAttr("format", b.getStringAttr(frontend::formatName(model.format)))};
    if (model.kerasVersion)
      info.push_back(b.getNamedAttr("keras_version",
                                    b.getStringAttr(*model.kerasVersion)));
    (*module)->setAttr("dlc.model", b.getDictionaryAttr(info));
    if (training.attr)
      (*module)->setAttr("dlc.training", training.attr);

    frontend::GraphBuilder graph(context, model, batch);
    graph.inputShapes = options.inputShapes;
    graph.build(*module);
    if (!verifyWithLayerNames(*module, model))
      return nullptr;
    return module;
  } catch (const ImportError &e) {
    std::string layer;
    if (e.syntaxOffset >= 0 && !frontend::looksLikeZip(contents))
      layer = guessLayerAt(contents, static_cast<size_t>(e.syntaxOffset));
    else if (e.syntaxOffset >= 0)
      layer = "";
    emitError(locOf(context, e.pos))
        << e.message << (layer.empty() ? "" : " (while reading " + layer + ")");
  } catch (const YAML::Exception &e) {
    // yaml-cpp reports some problems only when a node is accessed.
    SourcePos pos{fileName, 1, 1};
    if (!e.mark.is_null() && e.mark.line >= 0 && e.mark.column >= 0)
      pos = SourcePos{fileName, unsigned(e.mark.line) + 1, unsigned(e.mark.column) + 1};
    emitError(locOf(context, pos)) << "invalid model file: " << e.msg;
  } catch (const std::bad_alloc &) {
    emitError(locOf(context, SourcePos{fileName, 1, 1}))
        << "out of memory while reading the model";
  } catch (const std::exception &e) {
    emitError(locOf(context, SourcePos{fileName, 1, 1}))
        << "cannot read the model: " << e.what();
  }
  return nullptr;
}

} // namespace

OwningOpRef<ModuleOp> importKerasModel(llvm::StringRef path, MLIRContext &context,
                                       const ImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(&context, path, 0, 0))
        << "cannot read model file: " << buffer.getError().message();
    return nullptr;
  }
  return importBuffer((*buffer)->getBuffer().str(), path.str(), context, options);
}

OwningOpRef<ModuleOp> importKerasModelFromString(llvm::StringRef contents,
                                                 llvm::StringRef bufferName,
                                                 MLIRContext &context,
                                                 const ImportOptions &options) {
  return importBuffer(contents.str(), bufferName.str(), context, options);
}

} // namespace dlc
