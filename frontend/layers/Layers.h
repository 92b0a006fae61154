// Declarations of the per-layer importers; the table that maps class names to them is LayerRegistry.cpp.
#ifndef DLC_FRONTEND_LAYERS_LAYERS_H
#define DLC_FRONTEND_LAYERS_LAYERS_H

#include "frontend/GraphBuilder.h"

namespace dlc::frontend::layers {

// Core.cpp
Tensor importInputLayer(LayerContext &ctx);
Tensor importDense(LayerContext &ctx);
Tensor importActivation(LayerContext &ctx);
Tensor importDropout(LayerContext &ctx);
Tensor importFlatten(LayerContext &ctx);
Tensor importReshape(LayerContext &ctx);
Tensor importPermute(LayerContext &ctx);
Tensor importRepeatVector(LayerContext &ctx);
// Activations.cpp
Tensor importELU(LayerContext &ctx);
Tensor importLeakyReLU(LayerContext &ctx);
Tensor importPReLU(LayerContext &ctx);
Tensor importReLU(LayerContext &ctx);
Tensor importSoftmax(LayerContext &ctx);
Tensor importThresholdedReLU(LayerContext &ctx);
// Conv.cpp
Tensor importConv2D(LayerContext &ctx);
Tensor importMaxPooling2D(LayerContext &ctx);
Tensor importAveragePooling2D(LayerContext &ctx);
// Recurrent.cpp
Tensor importLSTM(LayerContext &ctx);
Tensor importGRU(LayerContext &ctx);
Tensor importSimpleRNN(LayerContext &ctx);
// Embedding.cpp
Tensor importEmbedding(LayerContext &ctx);
// Merge.cpp
Tensor importAdd(LayerContext &ctx);
Tensor importConcatenate(LayerContext &ctx);
Tensor importMerge(LayerContext &ctx);
// Wrappers.cpp
Tensor importTimeDistributed(LayerContext &ctx);

} // namespace dlc::frontend::layers

#endif // DLC_FRONTEND_LAYERS_LAYERS_H
