// Reference kernels of dlc.dense (Keras `Dense` without its activation) and
// its gradients (dlc.dense_grad_input, dlc.dense_grad_kernel, the bias sum).
//
// Layouts (row-major): input [M, in] where M is the product of every leading
// (batch) axis, kernel [in, out] as in Keras, bias [out], result [M, out].
#ifndef DLC_RUNTIME_KERNELS_DENSE_H
#define DLC_RUNTIME_KERNELS_DENSE_H

#include <cstdint>

namespace dlc::rt::kernels {

struct DenseShape {
  int64_t rows = 0; ///< M: product of the leading axes of the input
  int64_t in = 0;   ///< input features (kernel rows)
  int64_t out = 0;  ///< output features (kernel columns)
};

/// y[m, j] = Σ_i x[m, i] · kernel[i, j] + bias[j]. `bias` may be null (no
/// bias). Overwrites y.
template <typename T>
void denseForward(const DenseShape &shape, const T *x, const T *kernel,
                  const T *bias, T *y);

/// dx[m, i] = Σ_j dy[m, j] · kernel[i, j]   (dy · kernelᵀ). Overwrites dx.
template <typename T>
void denseBackwardInput(const DenseShape &shape, const T *kernel, const T *dy,
                        T *dx);

/// dkernel[i, j] = Σ_m x[m, i] · dy[m, j]   (xᵀ · dy). Overwrites dkernel.
template <typename T>
void denseBackwardKernel(const DenseShape &shape, const T *x, const T *dy,
                         T *dkernel);

/// dbias[j] = Σ_m dy[m, j]. Overwrites dbias.
template <typename T>
void denseBackwardBias(const DenseShape &shape, const T *dy, T *dbias);

} // namespace dlc::rt::kernels

#endif // DLC_RUNTIME_KERNELS_DENSE_H
