// The library steps as cuBLASLt and cuDNN calls (implementation of
// LibraryCalls.h).
#include "runtime/backends/cuda/LibraryCalls.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "abi/CudaAbi.h"
#include "abi/CudnnRnnLayout.h"
#include "runtime/backends/cuda/VendorLibraries.h"
#include "runtime/bundle/StatusMacros.h"

namespace dlc::rt::cuda {

uint32_t alignmentOf(uint64_t address) {
  uint32_t a = 1;
  while (a < 256 && address % (2 * a) == 0) a *= 2;
  return a;
}

namespace {

ColumnMajorMatrix columnMajor(const TensorView &v) {
  // A one-row matrix's row stride is whatever the view says; any value at
  // least its width will do.
  const int64_t ld = v.shape[0] > 1 ? v.strides[0] : v.shape[1];
  return {uint64_t(v.shape[1]), uint64_t(v.shape[0]), std::max<int64_t>(ld, 1)};
}

} // namespace

ColumnMajorGemm columnMajorGemm(const LibraryStep &s) {
  ColumnMajorGemm g;
  g.m = uint64_t(s.c.shape[1]);
  g.n = uint64_t(s.c.shape[0]);
  g.k = uint64_t(s.transposeA ? s.a.shape[0] : s.a.shape[1]);
  g.transA = s.transposeB;
  g.transB = s.transposeA;
  g.a = columnMajor(s.b);
  g.b = columnMajor(s.a);
  g.c = columnMajor(s.c);
  return g;
}

bool isRowMajorMatrix(int nbDims, const int *dims, const int *strides, int64_t rows,
                      int64_t cols) {
  std::vector<std::pair<int64_t, int64_t>> kept; // (size, stride) of the non-unit dimensions
  for (int d = 0; d < nbDims; ++d)
    if (dims[d] != 1) kept.push_back({dims[d], strides[d]});
  std::vector<int64_t> want;
  for (int64_t x : {rows, cols})
    if (x != 1) want.push_back(x);
  if (kept.size() != want.size()) return false;
  int64_t stride = 1;
  for (size_t i = kept.size(); i-- > 0;) {
    if (kept[i].first != want[i] || kept[i].second != stride) return false;
    stride *= kept[i].first;
  }
  return true;
}

CudnnTensor cudnnDims(const TensorView &v) {
  const auto &d = v.shape;
  const auto &s = v.strides;
  return {{d[0], d[3], d[1], d[2]}, {s[0], s[3], s[1], s[2]}};
}

namespace {

//===----------------------------------------------------------------------===//
// cuBLASLt
//===----------------------------------------------------------------------===//

class GemmCall : public LibraryCall {
public:
  GemmCall(const CublasLt &lt, const LibraryStep &step) : LibraryCall(step), lt_(lt) {}
  ~GemmCall() override {
    const CublasLtApi &a = lt_.api;
    if (preference_) a.cublasLtMatmulPreferenceDestroy(preference_);
    for (cublasLtMatrixLayout_t l : {layoutA_, layoutB_, layoutC_})
      if (l) a.cublasLtMatrixLayoutDestroy(l);
    if (desc_) a.cublasLtMatmulDescDestroy(desc_);
  }

  absl::Status describe() {
    const CublasLtApi &a = lt_.api;
    const ColumnMajorGemm g = columnMajorGemm(step_);
    DLC_RT_RETURN_IF_ERROR(check(a.cublasLtMatmulDescCreate(&desc_, CUBLAS_COMPUTE_32F, CUDA_R_32F),
                                 "cublasLtMatmulDescCreate(CUBLAS_COMPUTE_32F)"));
    const cublasOperation_t ta = g.transA ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t tb = g.transB ? CUBLAS_OP_T : CUBLAS_OP_N;
    DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_TRANSA, ta, "TRANSA"));
    DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_TRANSB, tb, "TRANSB"));
    cublasLtEpilogue_t epilogue = CUBLASLT_EPILOGUE_DEFAULT;
    if (step_.epilogue == "bias") epilogue = CUBLASLT_EPILOGUE_BIAS;
    else if (step_.epilogue == "relu") epilogue = CUBLASLT_EPILOGUE_RELU;
    else if (step_.epilogue == "relu_bias") epilogue = CUBLASLT_EPILOGUE_RELU_BIAS;
    // The step's b is cuBLASLt's A; its column sums over k are A's row sums
    // over k, one per row of D: BGRADA (see the header).
    else if (step_.epilogue == "bgrad") epilogue = CUBLASLT_EPILOGUE_BGRADA;
    DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_EPILOGUE, epilogue, "EPILOGUE"));
    if (step_.hasBias || step_.hasBiasGrad) {
      const cudaDataType_t biasType = CUDA_R_32F;
      DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE, biasType, "BIAS_DATA_TYPE"));
    }
    auto layout = [&](cublasLtMatrixLayout_t &l, const ColumnMajorMatrix &m, const char *which) {
      return check(a.cublasLtMatrixLayoutCreate(&l, CUDA_R_32F, m.rows, m.cols, m.ld),
                   absl::StrCat("cublasLtMatrixLayoutCreate(", which, ": ", m.rows, "x", m.cols,
                                ", ld ", m.ld, ")"));
    };
    DLC_RT_RETURN_IF_ERROR(layout(layoutA_, g.a, "A"));
    DLC_RT_RETURN_IF_ERROR(layout(layoutB_, g.b, "B"));
    DLC_RT_RETURN_IF_ERROR(layout(layoutC_, g.c, "C"));
    alpha_ = 1.0f;
    beta_ = step_.accumulate ? 1.0f : 0.0f;
    return absl::OkStatus();
  }

  absl::Status plan(void *handle, const AddressOf &addressOf) override {
    const CublasLtApi &a = lt_.api;
    // Operands swap places: cuBLASLt's A is the step's b (see the header).
    ptrA_ = addressOf(step_.b.pointer);
    ptrB_ = addressOf(step_.a.pointer);
    ptrC_ = addressOf(step_.c.pointer);
    workspace_ = addressOf(step_.workspace);
    if (step_.hasBias) {
      const void *bias = reinterpret_cast<const void *>(addressOf(step_.bias.pointer));
      DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_BIAS_POINTER, bias, "BIAS_POINTER"));
    }
    if (step_.hasBiasGrad) {
      // The bias gradient's output; the heuristic reads its alignment.
      void *biasGrad = reinterpret_cast<void *>(addressOf(step_.biasGrad.pointer));
      DLC_RT_RETURN_IF_ERROR(set(CUBLASLT_MATMUL_DESC_BIAS_POINTER, biasGrad, "BIAS_POINTER"));
    }
    DLC_RT_RETURN_IF_ERROR(check(a.cublasLtMatmulPreferenceCreate(&preference_),
                                 "cublasLtMatmulPreferenceCreate"));
    const uint64_t workspaceBytes = step_.workspaceBytes;
    DLC_RT_RETURN_IF_ERROR(prefer(CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, workspaceBytes,
                                  "MAX_WORKSPACE_BYTES"));
    const uint32_t alignA = alignmentOf(ptrA_), alignB = alignmentOf(ptrB_),
                   alignC = alignmentOf(ptrC_);
    DLC_RT_RETURN_IF_ERROR(prefer(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, alignA, "ALIGN_A"));
    DLC_RT_RETURN_IF_ERROR(prefer(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES, alignB, "ALIGN_B"));
    DLC_RT_RETURN_IF_ERROR(prefer(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES, alignC, "ALIGN_C"));
    DLC_RT_RETURN_IF_ERROR(prefer(CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES, alignC, "ALIGN_D"));
    cublasLtMatmulHeuristicResult_t result{};
    int found = 0;
    DLC_RT_RETURN_IF_ERROR(check(
        a.cublasLtMatmulAlgoGetHeuristic(static_cast<cublasLtHandle_t>(handle), desc_, layoutA_,
                                         layoutB_, layoutC_, layoutC_, preference_, 1, &result,
                                         &found),
        "cublasLtMatmulAlgoGetHeuristic"));
    if (found == 0 || result.state != CUBLAS_STATUS_SUCCESS) {
      const ColumnMajorGemm g = columnMajorGemm(step_);
      return absl::FailedPreconditionError(absl::StrCat(
          step_.where, ": cuBLASLt has no float32 algorithm for this GEMM (m ", g.m, ", n ", g.n,
          ", k ", g.k, ", epilogue ", step_.epilogue, ", alignments ", alignA, "/", alignB, "/",
          alignC, " bytes, at most ", workspaceBytes, " bytes of workspace)"));
    }
    algo_ = result.algo;
    algoWorkspace_ = result.workspaceSize;
    return absl::OkStatus();
  }

  absl::Status enqueue(void *handle, void *stream) override {
    return check(lt_.api.cublasLtMatmul(static_cast<cublasLtHandle_t>(handle), desc_, &alpha_,
                                        reinterpret_cast<const void *>(ptrA_), layoutA_,
                                        reinterpret_cast<const void *>(ptrB_), layoutB_, &beta_,
                                        reinterpret_cast<const void *>(ptrC_), layoutC_,
                                        reinterpret_cast<void *>(ptrC_), layoutC_, &algo_,
                                        reinterpret_cast<void *>(workspace_), step_.workspaceBytes,
                                        static_cast<cudaStream_t>(stream)),
                 "cublasLtMatmul");
  }

  std::string chosen() const override {
    return absl::StrCat("cuBLASLt heuristic's first algorithm, ", algoWorkspace_,
                        " bytes of workspace");
  }

private:
  absl::Status check(cublasStatus_t s, std::string_view call) const {
    absl::Status status = lt_.check(s, call);
    if (status.ok()) return status;
    return absl::Status(status.code(), absl::StrCat(step_.where, ": ", status.message()));
  }
  template <typename T>
  absl::Status set(cublasLtMatmulDescAttributes_t attr, const T &value, const char *name) {
    return check(lt_.api.cublasLtMatmulDescSetAttribute(desc_, attr, &value, sizeof value),
                 absl::StrCat("cublasLtMatmulDescSetAttribute(", name, ")"));
  }
  template <typename T>
  absl::Status prefer(cublasLtMatmulPreferenceAttributes_t attr, const T &value, const char *name) {
    return check(lt_.api.cublasLtMatmulPreferenceSetAttribute(preference_, attr, &value, sizeof value),
                 absl::StrCat("cublasLtMatmulPreferenceSetAttribute(", name, ")"));
  }

  const CublasLt &lt_;
  cublasLtMatmulDesc_t desc_ = nullptr;
  cublasLtMatrixLayout_t layoutA_ = nullptr, layoutB_ = nullptr, layoutC_ = nullptr;
  cublasLtMatmulPreference_t preference_ = nullptr;
  cublasLtMatmulAlgo_t algo_{};
  size_t algoWorkspace_ = 0;
  float alpha_ = 1, beta_ = 0;
  uint64_t ptrA_ = 0, ptrB_ = 0, ptrC_ = 0, workspace_ = 0;
};

//===----------------------------------------------------------------------===//
// cuDNN
//===----------------------------------------------------------------------===//

/// A backend descriptor, destroyed with its owner.
class Descriptor {
public:
  Descriptor() = default;
  Descriptor(const CudnnApi *api, cudnnBackendDescriptor_t d) : api_(api), d_(d) {}
  Descriptor(Descriptor &&o) noexcept : api_(o.api_), d_(o.d_) { o.d_ = nullptr; }
  Descriptor &operator=(Descriptor &&o) noexcept {
    std::swap(api_, o.api_);
    std::swap(d_, o.d_);
    return *this;
  }
  ~Descriptor() {
    if (d_) api_->cudnnBackendDestroyDescriptor(d_);
  }
  cudnnBackendDescriptor_t get() const { return d_; }
  cudnnBackendDescriptor_t *address() { return &d_; }

private:
  const CudnnApi *api_ = nullptr;
  cudnnBackendDescriptor_t d_ = nullptr;
};

constexpr int64_t kUidX = 'x', kUidW = 'w', kUidY = 'y', kUidBias = 'b';
// The fused graph's virtual intermediates: the convolution's output and the
// biased sum before the activation.
constexpr int64_t kUidConv = 'c', kUidSum = 's';

class ConvolutionCall : public LibraryCall {
public:
  ConvolutionCall(const Cudnn &cudnn, const LibraryStep &step) : LibraryCall(step), c_(cudnn) {}

  absl::Status describe() {
    const bool fused = step_.kind == LibraryStep::Kind::ConvBiasActivation;
    DLC_RT_ASSIGN_OR_RETURN(x_, tensor(step_.x, kUidX, "x"));
    DLC_RT_ASSIGN_OR_RETURN(w_, tensor(step_.w, kUidW, "w"));
    DLC_RT_ASSIGN_OR_RETURN(y_, tensor(step_.y, kUidY, "y"));
    // Fused: the convolution writes a virtual tensor of y's shape, which the
    // pointwise add (and relu) read (describeBiasActivation).
    if (fused) {
      DLC_RT_ASSIGN_OR_RETURN(conv_out_, tensor(step_.y, kUidConv, "the convolution's virtual output",
                                               /*isVirtual=*/true));
    }
    DLC_RT_ASSIGN_OR_RETURN(conv_, create(CUDNN_BACKEND_CONVOLUTION_DESCRIPTOR, "convolution"));
    const int64_t spatial = 2;
    const cudnnDataType_t compute = CUDNN_DATA_FLOAT;
    const cudnnConvolutionMode_t mode = CUDNN_CROSS_CORRELATION;
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_SPATIAL_DIMS, CUDNN_TYPE_INT64, 1, &spatial));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_COMP_TYPE, CUDNN_TYPE_DATA_TYPE, 1, &compute));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_CONV_MODE, CUDNN_TYPE_CONVOLUTION_MODE, 1, &mode));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_PRE_PADDINGS, CUDNN_TYPE_INT64, 2,
                               step_.prePadding.data()));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_POST_PADDINGS, CUDNN_TYPE_INT64, 2,
                               step_.postPadding.data()));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_FILTER_STRIDES, CUDNN_TYPE_INT64, 2,
                               step_.strides.data()));
    DLC_RT_RETURN_IF_ERROR(set(conv_, CUDNN_ATTR_CONVOLUTION_DILATIONS, CUDNN_TYPE_INT64, 2,
                               step_.dilations.data()));
    DLC_RT_RETURN_IF_ERROR(finalize(conv_, "the convolution descriptor"));

    cudnnBackendDescriptorType_t type;
    cudnnBackendAttributeName_t ax, aw, ay, aconv, aalpha, abeta;
    switch (step_.kind) {
    case LibraryStep::Kind::ConvForward:
    case LibraryStep::Kind::ConvBiasActivation:
      type = CUDNN_BACKEND_OPERATION_CONVOLUTION_FORWARD_DESCRIPTOR;
      ax = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_X;
      aw = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_W;
      ay = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_Y;
      aconv = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_CONV_DESC;
      aalpha = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_ALPHA;
      abeta = CUDNN_ATTR_OPERATION_CONVOLUTION_FORWARD_BETA;
      break;
    case LibraryStep::Kind::ConvBackwardData:
      type = CUDNN_BACKEND_OPERATION_CONVOLUTION_BACKWARD_DATA_DESCRIPTOR;
      ax = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_DX;
      aw = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_W;
      ay = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_DY;
      aconv = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_CONV_DESC;
      aalpha = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_ALPHA;
      abeta = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_DATA_BETA;
      break;
    default:
      type = CUDNN_BACKEND_OPERATION_CONVOLUTION_BACKWARD_FILTER_DESCRIPTOR;
      ax = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_X;
      aw = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_DW;
      ay = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_DY;
      aconv = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_CONV_DESC;
      aalpha = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_ALPHA;
      abeta = CUDNN_ATTR_OPERATION_CONVOLUTION_BWD_FILTER_BETA;
      break;
    }
    Descriptor op;
    DLC_RT_ASSIGN_OR_RETURN(op, create(type, "the operation"));
    const float alpha = 1.0f, beta = step_.accumulate ? 1.0f : 0.0f;
    Descriptor &convY = fused ? conv_out_ : y_;
    DLC_RT_RETURN_IF_ERROR(set(op, ax, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, x_.address()));
    DLC_RT_RETURN_IF_ERROR(set(op, aw, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, w_.address()));
    DLC_RT_RETURN_IF_ERROR(set(op, ay, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, convY.address()));
    DLC_RT_RETURN_IF_ERROR(set(op, aconv, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, conv_.address()));
    DLC_RT_RETURN_IF_ERROR(set(op, aalpha, CUDNN_TYPE_FLOAT, 1, &alpha));
    DLC_RT_RETURN_IF_ERROR(set(op, abeta, CUDNN_TYPE_FLOAT, 1, &beta));
    DLC_RT_RETURN_IF_ERROR(finalize(op, "the operation (cuDNN checks the shapes here)"));
    ops_.push_back(std::move(op));
    return fused ? describeBiasActivation() : absl::OkStatus();
  }

  /// The fused graph's pointwise operations after the convolution: the bias
  /// (a [1, K, 1, 1] tensor, broadcast over N, H and W) added to the virtual
  /// convolution output, then relu (or nothing) into y. Float32 math.
  absl::Status describeBiasActivation() {
    const int64_t k = step_.y.shape[3];
    TensorView bias;
    bias.pointer = step_.bias.pointer;
    bias.shape = {1, 1, 1, k}; // NHWC [1, 1, 1, K]: cuDNN's [1, K, 1, 1]
    bias.strides = {k, k, k, 1};
    DLC_RT_ASSIGN_OR_RETURN(bias_, tensor(bias, kUidBias, "bias"));
    const bool relu = step_.activation == "relu";
    if (relu) {
      DLC_RT_ASSIGN_OR_RETURN(sum_, tensor(step_.y, kUidSum, "the biased sum (virtual)",
                                           /*isVirtual=*/true));
    }
    Descriptor &sumOut = relu ? sum_ : y_;
    DLC_RT_ASSIGN_OR_RETURN(addMode_, pointwise(CUDNN_POINTWISE_ADD, "add"));
    DLC_RT_ASSIGN_OR_RETURN(Descriptor add, pointwiseOperation(addMode_, conv_out_, &bias_, sumOut,
                                                              "the bias add (pointwise ADD)"));
    ops_.push_back(std::move(add));
    if (!relu) return absl::OkStatus();
    DLC_RT_ASSIGN_OR_RETURN(reluMode_, pointwise(CUDNN_POINTWISE_RELU_FWD, "relu"));
    DLC_RT_ASSIGN_OR_RETURN(Descriptor act, pointwiseOperation(reluMode_, sum_, nullptr, y_,
                                                              "the relu (pointwise RELU_FWD)"));
    ops_.push_back(std::move(act));
    return absl::OkStatus();
  }

  /// A finalized pointwise operation of the graph: y = mode(x[, b]).
  absl::StatusOr<Descriptor> pointwiseOperation(Descriptor &mode, Descriptor &x, Descriptor *b,
                                                Descriptor &y, std::string_view what) {
    DLC_RT_ASSIGN_OR_RETURN(Descriptor op,
                            create(CUDNN_BACKEND_OPERATION_POINTWISE_DESCRIPTOR, what));
    DLC_RT_RETURN_IF_ERROR(set(op, CUDNN_ATTR_OPERATION_POINTWISE_PW_DESCRIPTOR,
                               CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, mode.address()));
    DLC_RT_RETURN_IF_ERROR(set(op, CUDNN_ATTR_OPERATION_POINTWISE_XDESC,
                               CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, x.address()));
    if (b)
      DLC_RT_RETURN_IF_ERROR(set(op, CUDNN_ATTR_OPERATION_POINTWISE_BDESC,
                                 CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, b->address()));
    DLC_RT_RETURN_IF_ERROR(set(op, CUDNN_ATTR_OPERATION_POINTWISE_YDESC,
                               CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, y.address()));
    DLC_RT_RETURN_IF_ERROR(finalize(op, what));
    return op;
  }

  absl::StatusOr<Descriptor> pointwise(cudnnPointwiseMode_t mode, const char *name) {
    DLC_RT_ASSIGN_OR_RETURN(Descriptor d, create(CUDNN_BACKEND_POINTWISE_DESCRIPTOR, name));
    const cudnnDataType_t precision = CUDNN_DATA_FLOAT;
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_POINTWISE_MODE, CUDNN_TYPE_POINTWISE_MODE, 1, &mode));
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_POINTWISE_MATH_PREC, CUDNN_TYPE_DATA_TYPE, 1, &precision));
    DLC_RT_RETURN_IF_ERROR(finalize(d, absl::StrCat("the pointwise ", name, " descriptor")));
    return d;
  }

  absl::Status plan(void *handlePtr, const AddressOf &addressOf) override {
    cudnnHandle_t handle = static_cast<cudnnHandle_t>(handlePtr);
    DLC_RT_ASSIGN_OR_RETURN(graph_, create(CUDNN_BACKEND_OPERATIONGRAPH_DESCRIPTOR, "graph"));
    std::vector<cudnnBackendDescriptor_t> ops;
    for (const Descriptor &op : ops_) ops.push_back(op.get());
    DLC_RT_RETURN_IF_ERROR(set(graph_, CUDNN_ATTR_OPERATIONGRAPH_OPS, CUDNN_TYPE_BACKEND_DESCRIPTOR,
                               int64_t(ops.size()), ops.data()));
    DLC_RT_RETURN_IF_ERROR(set(graph_, CUDNN_ATTR_OPERATIONGRAPH_HANDLE, CUDNN_TYPE_HANDLE, 1, &handle));
    DLC_RT_RETURN_IF_ERROR(finalize(graph_, "the operation graph"));

    std::vector<std::string> refused;
    for (cudnnBackendHeurMode_t mode : {CUDNN_HEUR_MODE_A, CUDNN_HEUR_MODE_FALLBACK}) {
      DLC_RT_ASSIGN_OR_RETURN(Descriptor heur, create(CUDNN_BACKEND_ENGINEHEUR_DESCRIPTOR, "heuristics"));
      DLC_RT_RETURN_IF_ERROR(set(heur, CUDNN_ATTR_ENGINEHEUR_OPERATION_GRAPH,
                                 CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, graph_.address()));
      DLC_RT_RETURN_IF_ERROR(set(heur, CUDNN_ATTR_ENGINEHEUR_MODE, CUDNN_TYPE_HEUR_MODE, 1, &mode));
      if (c_.api.cudnnBackendFinalize(heur.get()) != CUDNN_STATUS_SUCCESS) {
        refused.push_back(absl::StrCat("heuristics mode ", int(mode), " gave no list"));
        continue;
      }
      int64_t count = 0;
      DLC_RT_RETURN_IF_ERROR(check(c_.api.cudnnBackendGetAttribute(
                                       heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS,
                                       CUDNN_TYPE_BACKEND_DESCRIPTOR, 0, &count, nullptr),
                                   "cudnnBackendGetAttribute(ENGINEHEUR_RESULTS count)"));
      std::vector<Descriptor> configs;
      std::vector<cudnnBackendDescriptor_t> raw;
      for (int64_t i = 0; i < count; ++i) {
        DLC_RT_ASSIGN_OR_RETURN(Descriptor cfg, create(CUDNN_BACKEND_ENGINECFG_DESCRIPTOR, "engine config"));
        raw.push_back(cfg.get());
        configs.push_back(std::move(cfg));
      }
      int64_t returned = 0;
      if (count > 0)
        DLC_RT_RETURN_IF_ERROR(check(c_.api.cudnnBackendGetAttribute(
                                         heur.get(), CUDNN_ATTR_ENGINEHEUR_RESULTS,
                                         CUDNN_TYPE_BACKEND_DESCRIPTOR, count, &returned, raw.data()),
                                     "cudnnBackendGetAttribute(ENGINEHEUR_RESULTS)"));
      for (int64_t i = 0; i < returned; ++i) {
        std::string why;
        if (tryConfig(handle, configs[size_t(i)], why)) {
          chosen_ = absl::StrCat("engine config ", i, " of heuristics mode ",
                                 mode == CUDNN_HEUR_MODE_A ? "A" : "FALLBACK", ", ", workspace_,
                                 " bytes of workspace");
          config_ = std::move(configs[size_t(i)]);
          return variantPack(addressOf);
        }
        refused.push_back(why);
      }
    }
    return absl::FailedPreconditionError(absl::StrCat(
        step_.where, ": cuDNN has no deterministic float32 engine without tensor-core math ",
        ops_.size() > 1 ? "for the fused convolution, bias and activation graph " : "",
        "whose workspace fits ", step_.workspaceBytes, " bytes (",
        refused.empty() ? std::string("the heuristics listed none")
                        : absl::StrJoin(refused, "; "),
        ")"));
  }

  absl::Status enqueue(void *handle, void *) override {
    return check(c_.api.cudnnBackendExecute(static_cast<cudnnHandle_t>(handle), plan_.get(),
                                            pack_.get()),
                 "cudnnBackendExecute");
  }

  std::string chosen() const override { return chosen_; }

private:
  /// Whether `cfg` gives a plan we accept: deterministic, float32 math (no
  /// tensor cores, no down-converted inputs or reduced-precision sums), its
  /// workspace within the step's.
  bool tryConfig(cudnnHandle_t handle, Descriptor &cfg, std::string &why) {
    absl::StatusOr<Descriptor> engine = create(CUDNN_BACKEND_ENGINE_DESCRIPTOR, "engine");
    if (!engine.ok()) {
      why = std::string(engine.status().message());
      return false;
    }
    int64_t n = 0;
    if (c_.api.cudnnBackendGetAttribute(cfg.get(), CUDNN_ATTR_ENGINECFG_ENGINE,
                                        CUDNN_TYPE_BACKEND_DESCRIPTOR, 1, &n,
                                        engine->address()) != CUDNN_STATUS_SUCCESS) {
      why = "an engine config without its engine";
      return false;
    }
    cudnnBackendNumericalNote_t notes[CUDNN_NUMERICAL_NOTE_TYPE_COUNT];
    int64_t noteCount = 0;
    if (c_.api.cudnnBackendGetAttribute(engine->get(), CUDNN_ATTR_ENGINE_NUMERICAL_NOTE,
                                        CUDNN_TYPE_NUMERICAL_NOTE, CUDNN_NUMERICAL_NOTE_TYPE_COUNT,
                                        &noteCount, notes) != CUDNN_STATUS_SUCCESS) {
      why = "an engine whose numerical notes cannot be read";
      return false;
    }
    for (int64_t i = 0; i < noteCount; ++i) {
      switch (notes[i]) {
      case CUDNN_NUMERICAL_NOTE_TENSOR_CORE: why = "an engine with tensor-core (TF32) math"; return false;
      case CUDNN_NUMERICAL_NOTE_DOWN_CONVERT_INPUTS: why = "an engine that down-converts inputs"; return false;
      case CUDNN_NUMERICAL_NOTE_REDUCED_PRECISION_REDUCTION: why = "an engine with reduced-precision sums"; return false;
      case CUDNN_NUMERICAL_NOTE_NONDETERMINISTIC: why = "a nondeterministic engine"; return false;
      default: break;
      }
    }
    absl::StatusOr<Descriptor> plan = create(CUDNN_BACKEND_EXECUTION_PLAN_DESCRIPTOR, "plan");
    if (!plan.ok()) {
      why = std::string(plan.status().message());
      return false;
    }
    if (!set(*plan, CUDNN_ATTR_EXECUTION_PLAN_HANDLE, CUDNN_TYPE_HANDLE, 1, &handle).ok() ||
        !set(*plan, CUDNN_ATTR_EXECUTION_PLAN_ENGINE_CONFIG, CUDNN_TYPE_BACKEND_DESCRIPTOR, 1,
             cfg.address()).ok() ||
        c_.api.cudnnBackendFinalize(plan->get()) != CUDNN_STATUS_SUCCESS) {
      why = "an engine config that does not build a plan here";
      return false;
    }
    int64_t workspace = 0;
    if (c_.api.cudnnBackendGetAttribute(plan->get(), CUDNN_ATTR_EXECUTION_PLAN_WORKSPACE_SIZE,
                                        CUDNN_TYPE_INT64, 1, &n, &workspace) != CUDNN_STATUS_SUCCESS) {
      why = "a plan whose workspace size cannot be read";
      return false;
    }
    if (uint64_t(workspace) > step_.workspaceBytes) {
      why = absl::StrCat("an engine needing ", workspace, " bytes of workspace");
      return false;
    }
    workspace_ = uint64_t(workspace);
    plan_ = std::move(*plan);
    return true;
  }

  absl::Status variantPack(const AddressOf &addressOf) {
    DLC_RT_ASSIGN_OR_RETURN(pack_, create(CUDNN_BACKEND_VARIANT_PACK_DESCRIPTOR, "variant pack"));
    // The real tensors only; the fused graph's virtual ones have no memory.
    std::vector<int64_t> uids = {kUidX, kUidW, kUidY};
    std::vector<void *> pointers = {reinterpret_cast<void *>(addressOf(step_.x.pointer)),
                                    reinterpret_cast<void *>(addressOf(step_.w.pointer)),
                                    reinterpret_cast<void *>(addressOf(step_.y.pointer))};
    if (step_.kind == LibraryStep::Kind::ConvBiasActivation) {
      uids.push_back(kUidBias);
      pointers.push_back(reinterpret_cast<void *>(addressOf(step_.bias.pointer)));
    }
    void *workspace = reinterpret_cast<void *>(addressOf(step_.workspace));
    const int64_t n = int64_t(uids.size());
    DLC_RT_RETURN_IF_ERROR(set(pack_, CUDNN_ATTR_VARIANT_PACK_UNIQUE_IDS, CUDNN_TYPE_INT64, n, uids.data()));
    DLC_RT_RETURN_IF_ERROR(set(pack_, CUDNN_ATTR_VARIANT_PACK_DATA_POINTERS, CUDNN_TYPE_VOID_PTR, n,
                               pointers.data()));
    DLC_RT_RETURN_IF_ERROR(set(pack_, CUDNN_ATTR_VARIANT_PACK_WORKSPACE, CUDNN_TYPE_VOID_PTR, 1, &workspace));
    return finalize(pack_, "the variant pack");
  }

  absl::StatusOr<Descriptor> tensor(const TensorView &v, int64_t uid, const char *name,
                                    bool isVirtual = false) {
    DLC_RT_ASSIGN_OR_RETURN(Descriptor d, create(CUDNN_BACKEND_TENSOR_DESCRIPTOR, name));
    if (isVirtual) {
      const bool yes = true;
      DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_IS_VIRTUAL, CUDNN_TYPE_BOOLEAN, 1, &yes));
    }
    const CudnnTensor t = cudnnDims(v);
    const cudnnDataType_t type = CUDNN_DATA_FLOAT;
    const int64_t alignment = std::min<uint32_t>(alignmentOf(abi::pointerOffset(v.pointer)), 16);
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_DATA_TYPE, CUDNN_TYPE_DATA_TYPE, 1, &type));
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_DIMENSIONS, CUDNN_TYPE_INT64, 4, t.dims.data()));
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_STRIDES, CUDNN_TYPE_INT64, 4, t.strides.data()));
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_UNIQUE_ID, CUDNN_TYPE_INT64, 1, &uid));
    DLC_RT_RETURN_IF_ERROR(set(d, CUDNN_ATTR_TENSOR_BYTE_ALIGNMENT, CUDNN_TYPE_INT64, 1, &alignment));
    DLC_RT_RETURN_IF_ERROR(finalize(d, absl::StrCat("tensor ", name, " [", absl::StrJoin(t.dims, ","),
                                                    "] strides [", absl::StrJoin(t.strides, ","), "]")));
    return d;
  }

  absl::StatusOr<Descriptor> create(cudnnBackendDescriptorType_t type, std::string_view what) {
    Descriptor d(&c_.api, nullptr);
    DLC_RT_RETURN_IF_ERROR(check(c_.api.cudnnBackendCreateDescriptor(type, d.address()),
                                 absl::StrCat("cudnnBackendCreateDescriptor(", std::string(what), ")")));
    return d;
  }
  absl::Status set(Descriptor &d, cudnnBackendAttributeName_t name, cudnnBackendAttributeType_t type,
                   int64_t count, const void *value) {
    return check(c_.api.cudnnBackendSetAttribute(d.get(), name, type, count, value),
                 absl::StrCat("cudnnBackendSetAttribute(", int(name), ")"));
  }
  absl::Status finalize(Descriptor &d, std::string_view what) {
    return check(c_.api.cudnnBackendFinalize(d.get()), absl::StrCat("finalizing ", std::string(what)));
  }
  absl::Status check(cudnnStatus_t s, std::string_view call) const {
    absl::Status status = c_.check(s, call);
    if (status.ok()) return status;
    return absl::Status(status.code(), absl::StrCat(step_.where, ": ", status.message()));
  }

  const Cudnn &c_;
  Descriptor x_, w_, y_, conv_, graph_, config_, plan_, pack_;
  // The fused graph's: the bias, the virtual intermediates, the pointwise
  // modes. ops_ is the graph's operations in order (one when not fused).
  Descriptor bias_, conv_out_, sum_, addMode_, reluMode_;
  std::vector<Descriptor> ops_;
  uint64_t workspace_ = 0;
  std::string chosen_;
};

//===----------------------------------------------------------------------===//
// cuDNN RNNs (the legacy RNN API: the graph API has no RNN operation)
//===----------------------------------------------------------------------===//

class RnnCall : public LibraryCall {
public:
  RnnCall(const Cudnn &cudnn, const LibraryStep &step) : LibraryCall(step), c_(cudnn) {
    abi::parseRnnCell(step.cell, cell_);
  }
  ~RnnCall() override {
    const CudnnApi &a = c_.api;
    if (rnn_) a.cudnnDestroyRNNDescriptor(rnn_);
    if (dropout_) a.cudnnDestroyDropoutDescriptor(dropout_);
    for (cudnnRNNDataDescriptor_t d : {x_, y_})
      if (d) a.cudnnDestroyRNNDataDescriptor(d);
    for (cudnnTensorDescriptor_t d : {h_, matrix_, bias_})
      if (d) a.cudnnDestroyTensorDescriptor(d);
  }

  /// The RNN and data descriptors: no GPU needed.
  absl::Status describe() {
    const CudnnApi &a = c_.api;
    const int n = int(step_.x.shape[0]), t = int(step_.x.shape[1]);
    const int f = int(step_.x.shape[2]), u = int(step_.y.shape[2]);
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateRNNDescriptor(&rnn_), "cudnnCreateRNNDescriptor"));
    DLC_RT_RETURN_IF_ERROR(setRnn(nullptr));
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateRNNDataDescriptor(&x_), "cudnnCreateRNNDataDescriptor(x)"));
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateRNNDataDescriptor(&y_), "cudnnCreateRNNDataDescriptor(y)"));
    // Every sequence has all T steps (Keras without masking).
    std::vector<int> lengths(size_t(n), t);
    DLC_RT_RETURN_IF_ERROR(check(
        a.cudnnSetRNNDataDescriptor(x_, CUDNN_DATA_FLOAT, CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED,
                                    t, n, f, lengths.data(), nullptr),
        absl::StrCat("cudnnSetRNNDataDescriptor(x: ", n, " sequences of ", t, "x", f, ")")));
    DLC_RT_RETURN_IF_ERROR(check(
        a.cudnnSetRNNDataDescriptor(y_, CUDNN_DATA_FLOAT, CUDNN_RNN_DATA_LAYOUT_BATCH_MAJOR_UNPACKED,
                                    t, n, u, lengths.data(), nullptr),
        absl::StrCat("cudnnSetRNNDataDescriptor(y: ", n, " sequences of ", t, "x", u, ")")));
    // The (unused: zero initial state) hidden and cell states [layers, N, U].
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateTensorDescriptor(&h_), "cudnnCreateTensorDescriptor"));
    const int dims[3] = {1, n, u}, strides[3] = {n * u, u, 1};
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnSetTensorNdDescriptor(h_, CUDNN_DATA_FLOAT, 3, dims, strides),
                                 "cudnnSetTensorNdDescriptor(h)"));
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateTensorDescriptor(&matrix_), "cudnnCreateTensorDescriptor"));
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateTensorDescriptor(&bias_), "cudnnCreateTensorDescriptor"));
    return absl::OkStatus();
  }

  /// With the handle: no dropout, then cuDNN's sizes and weight layout
  /// checked against what the bundle reserved and packed.
  absl::Status plan(void *handle, const AddressOf &addressOf) override {
    const CudnnApi &a = c_.api;
    cudnnHandle_t h = static_cast<cudnnHandle_t>(handle);
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnCreateDropoutDescriptor(&dropout_), "cudnnCreateDropoutDescriptor"));
    // Dropout 0 needs no random states (one layer has no dropout anyway).
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnSetDropoutDescriptor(dropout_, h, 0.0f, nullptr, 0, 0),
                                 "cudnnSetDropoutDescriptor(no dropout)"));
    DLC_RT_RETURN_IF_ERROR(setRnn(dropout_));

    const abi::RnnWeightSpace space{cell_, step_.x.shape[2], step_.y.shape[2]};
    size_t weightBytes = 0;
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnGetRNNWeightSpaceSize(h, rnn_, &weightBytes),
                                 "cudnnGetRNNWeightSpaceSize"));
    if (weightBytes != uint64_t(space.size()) * sizeof(float))
      return misfit(absl::StrCat("cuDNN's weight space has ", weightBytes, " bytes, the bundle packed ",
                                 space.size() * int64_t(sizeof(float))));
    weightBytes_ = weightBytes;
    const cudnnForwardMode_t mode = training() ? CUDNN_FWD_MODE_TRAINING : CUDNN_FWD_MODE_INFERENCE;
    size_t work = 0, reserve = 0;
    DLC_RT_RETURN_IF_ERROR(check(a.cudnnGetRNNTempSpaceSizes(h, rnn_, mode, x_, &work, &reserve),
                                 "cudnnGetRNNTempSpaceSizes"));
    if (work > step_.workspaceBytes)
      return misfit(absl::StrCat("cuDNN needs ", work, " bytes of workspace, the bundle reserved ",
                                 step_.workspaceBytes));
    const uint64_t reserved = step_.hasReserve ? uint64_t(step_.reserve.shape[0]) * sizeof(float) : 0;
    if (training() && reserve > reserved)
      return misfit(absl::StrCat("cuDNN needs ", reserve, " bytes of reserve space, the bundle reserved ",
                                 reserved));
    workBytes_ = work;
    reserveBytes_ = training() ? reserve : 0;

    x_ptr_ = addressOf(step_.x.pointer);
    y_ptr_ = addressOf(step_.y.pointer);
    w_ptr_ = addressOf(step_.w.pointer);
    seq_ptr_ = addressOf(step_.seqLengths.pointer);
    workspace_ = addressOf(step_.workspace);
    if (step_.kind == LibraryStep::Kind::RnnBackwardData) dy_ptr_ = addressOf(step_.dy.pointer);
    if (step_.hasReserve) reserve_ptr_ = addressOf(step_.reserve.pointer);
    return checkWeightLayout(h, space);
  }

  absl::Status enqueue(void *handle, void *) override {
    const CudnnApi &a = c_.api;
    cudnnHandle_t h = static_cast<cudnnHandle_t>(handle);
    auto p = [](uint64_t address) { return reinterpret_cast<void *>(address); };
    const int32_t *seq = static_cast<const int32_t *>(p(seq_ptr_));
    switch (step_.kind) {
    case LibraryStep::Kind::RnnForward:
      return check(a.cudnnRNNForward(h, rnn_, training() ? CUDNN_FWD_MODE_TRAINING : CUDNN_FWD_MODE_INFERENCE,
                                     seq, x_, p(x_ptr_), y_, p(y_ptr_), h_, nullptr, nullptr, h_,
                                     nullptr, nullptr, weightBytes_, p(w_ptr_), workBytes_,
                                     p(workspace_), reserveBytes_, p(reserve_ptr_)),
                   "cudnnRNNForward");
    case LibraryStep::Kind::RnnBackwardData:
      return check(a.cudnnRNNBackwardData_v8(h, rnn_, seq, y_, p(y_ptr_), p(dy_ptr_), x_, p(x_ptr_),
                                             h_, nullptr, nullptr, nullptr, h_, nullptr, nullptr,
                                             nullptr, weightBytes_, p(w_ptr_), workBytes_,
                                             p(workspace_), reserveBytes_, p(reserve_ptr_)),
                   "cudnnRNNBackwardData_v8");
    default:
      // dw accumulates (CUDNN_WGRAD_MODE_ADD); the compiled step zeroes it first.
      return check(a.cudnnRNNBackwardWeights_v8(h, rnn_, CUDNN_WGRAD_MODE_ADD, seq, x_, p(x_ptr_),
                                                h_, nullptr, y_, p(y_ptr_), weightBytes_,
                                                p(w_ptr_), workBytes_, p(workspace_),
                                                reserveBytes_, p(reserve_ptr_)),
                   "cudnnRNNBackwardWeights_v8");
    }
  }

  std::string chosen() const override {
    return absl::StrCat("cuDNN RNN (", step_.cell, ", standard algorithm, FMA math), ", workBytes_,
                        " bytes of workspace, ", reserveBytes_, " of reserve");
  }

private:
  bool training() const { return step_.kind != LibraryStep::Kind::RnnForward || step_.hasReserve; }

  /// One layer, one direction, linear input, two biases, float32 data and
  /// math without tensor cores (CUDNN_FMA_MATH: no TF32), no projection;
  /// padded I/O enabled, which is what permits the batch-major unpacked
  /// layout of the data descriptors (with every sequence T long, nothing is
  /// padded).
  absl::Status setRnn(cudnnDropoutDescriptor_t dropout) {
    const int f = int(step_.x.shape[2]), u = int(step_.y.shape[2]);
    cudnnRNNMode_t mode = CUDNN_LSTM;
    if (cell_ == abi::RnnCell::Gru) mode = CUDNN_GRU;
    else if (cell_ == abi::RnnCell::RnnTanh) mode = CUDNN_RNN_TANH;
    else if (cell_ == abi::RnnCell::RnnRelu) mode = CUDNN_RNN_RELU;
    return check(c_.api.cudnnSetRNNDescriptor_v8(rnn_, CUDNN_RNN_ALGO_STANDARD, mode,
                                                 CUDNN_RNN_DOUBLE_BIAS, CUDNN_UNIDIRECTIONAL,
                                                 CUDNN_LINEAR_INPUT, CUDNN_DATA_FLOAT,
                                                 CUDNN_DATA_FLOAT, CUDNN_FMA_MATH, f, u, u, 1,
                                                 dropout, CUDNN_RNN_PADDED_IO_ENABLED),
                 absl::StrCat("cudnnSetRNNDescriptor_v8(", step_.cell, ", ", f, " inputs, ", u,
                              " units)"));
  }

  /// Every matrix and bias where abi::RnnWeightSpace put it, with its shape.
  absl::Status checkWeightLayout(cudnnHandle_t h, const abi::RnnWeightSpace &space) {
    std::vector<std::string> wrong;
    for (int id = 0; id < 2 * space.gates(); ++id) {
      void *m = nullptr, *b = nullptr;
      DLC_RT_RETURN_IF_ERROR(check(c_.api.cudnnGetRNNWeightParams(h, rnn_, 0, weightBytes_,
                                                                  reinterpret_cast<void *>(w_ptr_), id,
                                                                  matrix_, &m, bias_, &b),
                                   absl::StrCat("cudnnGetRNNWeightParams(linear layer ", id, ")")));
      const int64_t mAt = (int64_t(reinterpret_cast<uint64_t>(m)) - int64_t(w_ptr_)) / 4;
      const int64_t bAt = (int64_t(reinterpret_cast<uint64_t>(b)) - int64_t(w_ptr_)) / 4;
      if (mAt != space.matrixOffset(id))
        wrong.push_back(absl::StrCat("matrix ", id, " at float ", mAt, ", not ", space.matrixOffset(id)));
      if (bAt != space.biasOffset(id))
        wrong.push_back(absl::StrCat("bias ", id, " at float ", bAt, ", not ", space.biasOffset(id)));
      cudnnDataType_t type;
      int nb = 0, dims[3] = {}, strides[3] = {};
      DLC_RT_RETURN_IF_ERROR(check(c_.api.cudnnGetTensorNdDescriptor(matrix_, 3, &type, &nb, dims, strides),
                                   "cudnnGetTensorNdDescriptor(matrix)"));
      // U rows of `columns` floats, row-major (the unit dimensions, wherever
      // cuDNN puts them, aside).
      if (!isRowMajorMatrix(nb, dims, strides, space.hidden, space.matrixColumns(id)))
        wrong.push_back(absl::StrCat("matrix ", id, " is [", absl::StrJoin(dims, dims + std::min(nb, 3), ", "),
                                     "] with strides [",
                                     absl::StrJoin(strides, strides + std::min(nb, 3), ", "), "], not ",
                                     space.hidden, " rows of ", space.matrixColumns(id),
                                     " floats, row-major"));
    }
    if (wrong.empty()) return absl::OkStatus();
    return misfit(absl::StrCat("cuDNN's weight layout is not the one the bundle packed "
                               "(abi/CudnnRnnLayout.h): ",
                               absl::StrJoin(wrong, "; ")));
  }

  absl::Status misfit(std::string_view problem) const {
    return absl::FailedPreconditionError(absl::StrCat(step_.where, ": ", std::string(problem), " (recompile with "
                                                      "a dlc that knows this cuDNN, or use "
                                                      "--target=cuda-ptx)"));
  }
  absl::Status check(cudnnStatus_t s, std::string_view call) const {
    absl::Status status = c_.check(s, call);
    if (status.ok()) return status;
    return absl::Status(status.code(), absl::StrCat(step_.where, ": ", status.message()));
  }

  const Cudnn &c_;
  abi::RnnCell cell_ = abi::RnnCell::Lstm;
  cudnnRNNDescriptor_t rnn_ = nullptr;
  cudnnDropoutDescriptor_t dropout_ = nullptr;
  cudnnRNNDataDescriptor_t x_ = nullptr, y_ = nullptr;
  cudnnTensorDescriptor_t h_ = nullptr, matrix_ = nullptr, bias_ = nullptr;
  size_t weightBytes_ = 0, workBytes_ = 0, reserveBytes_ = 0;
  uint64_t x_ptr_ = 0, y_ptr_ = 0, w_ptr_ = 0, dy_ptr_ = 0, seq_ptr_ = 0, reserve_ptr_ = 0,
           workspace_ = 0;
};

} // namespace

absl::StatusOr<std::unique_ptr<LibraryCall>> describeGemm(const CublasLt &lt,
                                                          const LibraryStep &step) {
  auto call = std::make_unique<GemmCall>(lt, step);
  DLC_RT_RETURN_IF_ERROR(call->describe());
  return std::unique_ptr<LibraryCall>(std::move(call));
}

absl::StatusOr<std::unique_ptr<LibraryCall>> describeRnn(const Cudnn &cudnn, const LibraryStep &step) {
  auto call = std::make_unique<RnnCall>(cudnn, step);
  DLC_RT_RETURN_IF_ERROR(call->describe());
  return std::unique_ptr<LibraryCall>(std::move(call));
}

absl::StatusOr<std::unique_ptr<LibraryCall>> describeConvolution(const Cudnn &cudnn,
                                                                 const LibraryStep &step) {
  auto call = std::make_unique<ConvolutionCall>(cudnn, step);
  DLC_RT_RETURN_IF_ERROR(call->describe());
  return std::unique_ptr<LibraryCall>(std::move(call));
}

} // namespace dlc::rt::cuda
