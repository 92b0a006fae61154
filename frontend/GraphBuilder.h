// Builds func @forward from a KerasModel: values, parameters, layouts, and the per-layer context importers use.
#ifndef DLC_FRONTEND_GRAPHBUILDER_H
#define DLC_FRONTEND_GRAPHBUILDER_H

#include "frontend/ConfigNode.h"
#include "frontend/Initializers.h"
#include "frontend/KerasModel.h"

#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

#include <map>
#include <string>
#include <vector>

namespace dlc::frontend {

/// A value of the Keras graph. `shape` is the shape Keras sees (batch
/// first). For rank-4 values `nchw` says the IR value holds the NHWC
/// transpose of a tensor Keras sees as NCHW (a channels_first layer's
/// output): dlc image ops are NHWC-only, and the layout is switched back
/// lazily where a consumer needs Keras' element order.
struct Tensor {
  mlir::Value value;
  std::vector<int64_t> shape;
  bool nchw = false;
  /// Where the value was produced; layout transposes are located there.
  mlir::LocationAttr loc;

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  bool isInteger() const;
};

/// A parsed `activation` field.
struct ActivationSpec {
  bool softmax = false;
  dlc::Activation kind = dlc::Activation::linear;
};

class GraphBuilder;

/// What one layer importer sees for one call of its layer.
class LayerContext {
public:
  LayerContext(GraphBuilder &graph, const LayerSpec &spec, mlir::OpBuilder &b,
               std::vector<Tensor> inputs, std::string paramPrefix,
               int64_t ordinal);

  GraphBuilder &graph;
  const LayerSpec &spec;
  /// spec.config; its messages start with "layer 'name' (Class): ".
  ConfigNode config;
  mlir::OpBuilder &b;
  /// NameLoc(layer name, file:line:col of the layer's entry).
  mlir::Location loc;
  std::vector<Tensor> inputs;
  /// "<layer>" or, inside TimeDistributed, "<wrapper>/<layer>".
  std::string paramPrefix;
  /// The ordinal of the (outermost) layer: default dropout seed and
  /// parameter order.
  int64_t ordinal;

  KerasFormat format() const;
  int64_t batchSize() const;

  /// Fails at the layer's entry with the layer context.
  [[noreturn]] void fail(const std::string &message) const;
  /// The one input of a single-input layer (fails otherwise); float unless
  /// `allowInteger`.
  const Tensor &input(bool allowInteger = false) const;
  /// Fails unless `t` has rank `rank`, naming what the layer expects.
  void expectRank(const Tensor &t, int64_t rank, const char *what) const;

  /// `t` with the IR value in Keras element order (undoes an NHWC switch).
  Tensor kerasLayout(const Tensor &t) const;
  /// The NHWC IR value of `t`, which Keras sees as channels_first (NCHW).
  Tensor channelsFirstAsNHWC(const Tensor &t) const;
  /// Builds a dlc.transpose (with an explicit, checked result type).
  mlir::Value transpose(mlir::Value v, llvm::ArrayRef<int64_t> perm,
                        mlir::Location at) const;

  /// The weight `<prefix>/<name>` as a @forward argument; a layer called a
  /// second time gets its first call's argument (shared weights), after a
  /// shape check.
  mlir::Value param(const std::string &name, const std::vector<int64_t> &shape,
                    const Initializer &init) const;
  /// Reads the initializer `keys` (Keras 2/3 spelling first, then Keras 1).
  Initializer initializer(std::initializer_list<const char *> keys,
                          const std::string &defaultName) const;

  /// Reads an `activation` field; softmax only where `allowSoftmax`.
  ActivationSpec activation(const ConfigNode &node, bool allowSoftmax) const;
  /// The element-wise kind of an activation field of a recurrent layer.
  dlc::Activation recurrentActivation(std::initializer_list<const char *> keys,
                                      const char *defaultName) const;
  /// Applies a parsed activation (no-op for linear).
  Tensor applyActivation(const Tensor &t, const ActivationSpec &act) const;

  /// Fails unless each listed option is absent, null, false, 0 or empty:
  /// options whose other values change what the layer computes or how it
  /// trains.
  void rejectOptions(std::initializer_list<const char *> keys) const;
  /// Fails unless the layer's `dtype` (Keras 2 string or Keras 3 policy) is
  /// float32 or absent, and `trainable` is not false.
  void checkCommonOptions() const;
  /// "channels_last" or "channels_first" from `data_format` / Keras 1
  /// `dim_ordering`.
  bool channelsFirst() const;

  mlir::RankedTensorType floatType(const std::vector<int64_t> &shape) const;
  /// Fails unless every size is in [1, 2^31) and the count is at most 2^40.
  void checkShape(const std::vector<int64_t> &shape, const std::string &what) const;
  Tensor result(mlir::Value v, std::vector<int64_t> shape, bool nchw = false) const;
};

using LayerImporter = Tensor (*)(LayerContext &);

/// Turns a KerasModel into a module; throws ImportError on bad input.
class GraphBuilder {
public:
  GraphBuilder(mlir::MLIRContext &context, const KerasModel &model,
               int64_t batchSize);

  /// Builds func @forward into `module`.
  void build(mlir::ModuleOp module);

  mlir::Location layerLoc(const LayerSpec &spec) const;
  mlir::Location posLoc(const SourcePos &pos) const;

  mlir::MLIRContext &context;
  const KerasModel &model;
  int64_t batchSize;
  /// Sizes for the dimensions the model file leaves open (`None`), by input
  /// name (`--input-shape NAME=D1xD2...`, every dimension but the batch); ""
  /// names the model's only input.
  std::map<std::string, std::vector<int64_t>> inputShapes;

  struct Param {
    std::string name;
    mlir::BlockArgument arg;
    mlir::DictionaryAttr init;
    int64_t ordinal;
    size_t seq;
    std::vector<int64_t> shape;
  };
  std::vector<Param> params;
  std::map<std::string, size_t> paramIndex;
  /// Layout switches already built, so a value shared by several consumers
  /// is transposed once: (value, to-NHWC?) -> transposed value.
  mutable llvm::DenseMap<std::pair<mlir::Value, int>, mlir::Value> layoutCache;
  mlir::Block *entry = nullptr;

  /// Imports one call of a layer with `b`'s insertion point; also used by
  /// TimeDistributed for its inner layer.
  Tensor importLayer(const LayerSpec &spec, mlir::OpBuilder &b,
                     std::vector<Tensor> inputs, const std::string &paramPrefix,
                     int64_t ordinal);

private:
  Tensor importInput(const LayerSpec &spec, bool feedsEmbedding);
  void reorderParams(size_t numInputs);
  std::map<std::pair<size_t, size_t>, Tensor> values;
};

} // namespace dlc::frontend

#endif // DLC_FRONTEND_GRAPHBUILDER_H
